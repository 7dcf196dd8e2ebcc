import type { Job, JobLog } from "../scheduler.js";
import type { DeliveryResult } from "./outbox.js";

/**
 * A background job that empties one outbox, for `startJobs`, and logs what each run did
 * (counts only: recipients are personal data). Every instance may run it: rows are claimed
 * one by one, so instances share the work without sending anything twice.
 */
export function outboxJob(spec: {
  name: string;
  /** What is delivered, for the log lines ("mail", "sms"). */
  what: string;
  everyMs: number;
  deliver: () => Promise<DeliveryResult>;
  log: JobLog;
}): Job {
  return {
    name: spec.name,
    everyMs: spec.everyMs,
    async run() {
      const r = await spec.deliver();
      const { log, what } = spec;
      if (r.failed > 0) log.error({ ...r }, `${what} given up after its last attempt`);
      else if (r.retried > 0) log.warn({ ...r }, `${what} delivery failed; will retry`);
      else if (r.sent > 0) log.info({ ...r }, `${what} delivered`);
    },
  };
}
