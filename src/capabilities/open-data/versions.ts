import { latestAudit } from "../../kernel/audit/audit.js";
import { toPlainDate } from "../../kernel/calendar/index.js";
import type { AppContext } from "../../platform/manifest.js";

/** What a dataset's validators are made of: the audit record's head and today's date. */
export interface DataVersion {
  /** Changes with every recorded state change (every change of an appeal is audited). */
  tag: string;
  /** When the last change was recorded; null on an empty record. */
  lastModified: Date | null;
}

/**
 * The current version of the published data. Every change of an appeal, a rating, a body or a
 * category appends to the audit record in its own transaction, so the record's head moves
 * whenever the data can have changed; today's date is part of it because "overdue" does too.
 */
export async function dataVersion(ctx: AppContext): Promise<DataVersion> {
  const head = await latestAudit(ctx.db.kysely);
  const today = toPlainDate(ctx.clock.now(), ctx.calendars.forJurisdiction().rules.timeZone);
  return {
    tag: `${head ? head.seq : 0}-${head ? head.hash.slice(0, 16) : "0"}-${today}`,
    lastModified: head ? new Date(head.occurredAt) : null,
  };
}
