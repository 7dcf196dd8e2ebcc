import type { AppContext } from "../../../platform/manifest.js";
import type { Job } from "../../../platform/scheduler.js";
import { recordDeemedRefusals } from "./deemed-refused.js";
import {
  type DraftCleanupOptions,
  deleteAbandonedDrafts,
  sweepAttachmentStore,
} from "./drafts-cleanup.js";
import { escalateOverdue } from "./escalation.js";
import { sendDueReminders } from "./reminders.js";
import { sendStaffDigests } from "./staff-digest.js";

export interface AppealClockOptions {
  /** Pause between runs of each job (default a minute). */
  everyMs?: number;
  /** Appeals each job takes per run and per jurisdiction (default 500); the rest wait a run. */
  pageSize?: number;
  /** Abandoned drafts: how old, and how often they (hourly) and the whole file store (daily) are cleaned. */
  drafts?: DraftCleanupOptions & { everyMs?: number; sweepEveryMs?: number };
}

/**
 * The appeals clock: reminders, escalation and "deemed refused". Every instance runs every
 * job; each step on an appeal is a conditional UPDATE, so none is done twice. Then the
 * housekeeping: abandoned drafts and the stored files nothing references any more.
 */
export function appealJobs(ctx: AppContext, options: AppealClockOptions = {}): Job[] {
  const everyMs = options.everyMs ?? 60_000;
  const page = { pageSize: options.pageSize ?? 500 };
  const drafts = options.drafts ?? {};
  const job = (
    name: string,
    run: () => Promise<Record<string, number>>,
    every = everyMs,
    what = "appeals clock",
  ): Job => ({
    name,
    everyMs: every,
    async run() {
      const counts = await run();
      if (Object.values(counts).some((n) => n > 0)) ctx.log.info({ job: name, ...counts }, what);
    },
  });
  return [
    job("appeals-reminders", async () => ({ reminded: await sendDueReminders(ctx, page) })),
    job("appeals-deemed-refused", async () => ({
      deemedRefused: await recordDeemedRefusals(ctx, page),
    })),
    job("appeals-escalation", () => escalateOverdue(ctx, page)),
    job("appeals-staff-digest", async () => ({ digests: await sendStaffDigests(ctx) })),
    job(
      "appeals-drafts-cleanup",
      () => deleteAbandonedDrafts(ctx, drafts),
      drafts.everyMs ?? 3_600_000,
      "appeals housekeeping",
    ),
    job(
      "appeals-attachments-sweep",
      () => sweepAttachmentStore(ctx, drafts),
      drafts.sweepEveryMs ?? 24 * 3_600_000,
      "appeals housekeeping",
    ),
  ];
}
