import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { Job } from "../jobs/scheduler.js";
import type { Clock } from "../kernel/clock.js";
import type { Mailer, MailLog } from "./mailer.js";
import { type DeliveryOptions, deliverPendingMail } from "./outbox.js";

/**
 * The background job that empties the outbox, for `startJobs`. Every instance may run it:
 * rows are claimed one by one, so instances share the work without sending anything twice.
 */
export function mailOutboxJob(
  deps: { db: Kysely<Database>; mailer: Mailer; clock: Clock; log: MailLog },
  everyMs = 15_000,
  options: DeliveryOptions = {},
): Job {
  return {
    name: "mail-outbox",
    everyMs,
    async run() {
      const r = await deliverPendingMail(deps.db, deps.mailer, deps.clock, options);
      if (r.failed > 0) deps.log.error({ ...r }, "mail given up after its last attempt");
      else if (r.retried > 0) deps.log.warn({ ...r }, "mail delivery failed; will retry");
      else if (r.sent > 0) deps.log.info({ ...r }, "mail delivered");
    },
  };
}
