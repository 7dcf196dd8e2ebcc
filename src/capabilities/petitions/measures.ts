import { addDays, toPlainDate } from "../../kernel/calendar/index.js";
import type { AppContext, Measure } from "../../platform/manifest.js";
import { calendarOf } from "./deadlines.js";
import { agencyOf } from "./petition.repository.js";

/** The UTC instant of local midnight starting `date` in `zone`. */
function midnight(date: string, zone: string): string {
  const guess = new Date(`${date}T00:00:00Z`);
  const local = new Date(
    new Intl.DateTimeFormat("sv-SE", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .format(guess)
      .replace(" ", "T")
      .concat("Z"),
  );
  return new Date(guess.getTime() - (local.getTime() - guess.getTime())).toISOString();
}

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
  const agency = await agencyOf(db, agencyId);
  const zone = calendarOf(ctx, agency?.jurisdiction ?? "kz").rules.timeZone;
  const from = midnight(period.from, zone);
  const to = midnight(addDays(period.to, 1), zone);
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
