import type { Kysely, Transaction } from "kysely";
import type { Clock } from "../../../kernel/clock.js";
import type { Job } from "../../scheduler.js";
import { outboxJob } from "../delivery-job.js";
import type { DeliveryOptions } from "../outbox.js";
import { deliverPendingSms } from "./outbox.js";
import type { SmsTables } from "./outbox.table.js";
import type { SmsLog, SmsTransport } from "./transport.js";

/** The background job that empties the SMS outbox, for `startJobs`; every instance may run it. */
export function smsOutboxJob<DB extends SmsTables>(
  deps: { db: Kysely<DB> | Transaction<DB>; transport: SmsTransport; clock: Clock; log: SmsLog },
  everyMs = 15_000,
  options: DeliveryOptions = {},
): Job {
  return outboxJob({
    name: "sms-outbox",
    what: "sms",
    everyMs,
    log: deps.log,
    deliver: () => deliverPendingSms(deps.db, deps.transport, deps.clock, options),
  });
}
