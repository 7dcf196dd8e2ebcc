import type { Kysely, Transaction } from "kysely";
import type { Clock } from "../../../kernel/clock.js";
import type { Job } from "../../scheduler.js";
import { outboxJob } from "../delivery-job.js";
import type { Mailer, MailLog } from "./mailer.js";
import { type DeliveryOptions, deliverPendingMail } from "./outbox.js";
import type { MailTables } from "./outbox.table.js";

/** The background job that empties the mail outbox, for `startJobs`; every instance may run it. */
export function mailOutboxJob<DB extends MailTables>(
  deps: { db: Kysely<DB> | Transaction<DB>; mailer: Mailer; clock: Clock; log: MailLog },
  everyMs = 15_000,
  options: DeliveryOptions = {},
): Job {
  return outboxJob({
    name: "mail-outbox",
    what: "mail",
    everyMs,
    log: deps.log,
    deliver: () => deliverPendingMail(deps.db, deps.mailer, deps.clock, options),
  });
}
