import { toPlainDate } from "../../kernel/calendar/index.js";
import { periodBounds } from "../../kernel/time/period.js";
import type { AppContext, Measure } from "../../platform/manifest.js";
import { jurisdictionOf } from "../agencies/index.js";

/**
 * One body's petitions in a period (dates in the body's zone, inclusive): petitions sent to it,
 * admitted, refused, decided, and the share of admissibility decisions taken within the term.
 */
export async function petitionMeasures(
  ctx: AppContext,
  agencyId: string,
  period: { from: string; to: string },
): Promise<Measure[]> {
  const db = ctx.db.kysely;
  const zone = ctx.calendars.forJurisdiction(await jurisdictionOf(db, agencyId)).rules.timeZone;
  const { start: from, end: to } = periodBounds(period, zone, ctx.clock.now());
  const rows = await db
    .selectFrom("petitions")
    .select([
      "submitted_at",
      "admitted_at",
      "refused_at",
      "decision_published_at",
      "admissibility_due_on",
    ])
    .where("agency_id", "=", agencyId)
    .where("submitted_at", "is not", null)
    .where("submitted_at", "<", to)
    .execute();
  const within = (at: string | null) => at !== null && at >= from && at < to;
  let onTime = 0;
  let checked = 0;
  for (const r of rows) {
    const at = within(r.admitted_at) ? r.admitted_at : within(r.refused_at) ? r.refused_at : null;
    if (!at || !r.admissibility_due_on) continue;
    checked++;
    if (toPlainDate(new Date(at), zone) <= r.admissibility_due_on) onTime++;
  }
  const count = (pick: (r: (typeof rows)[number]) => string | null) =>
    rows.filter((r) => within(pick(r))).length;
  return [
    { name: "petitions.submitted", value: count((r) => r.submitted_at), unit: "count" },
    { name: "petitions.admitted", value: count((r) => r.admitted_at), unit: "count" },
    { name: "petitions.refused", value: count((r) => r.refused_at), unit: "count" },
    { name: "petitions.decided", value: count((r) => r.decision_published_at), unit: "count" },
    {
      name: "petitions.admissibility_on_time",
      value: checked > 0 ? onTime / checked : null,
      unit: "share",
    },
  ];
}
