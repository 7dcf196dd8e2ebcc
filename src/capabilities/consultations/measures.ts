import { toPlainDate } from "../../kernel/calendar/index.js";
import type { AppContext, Measure } from "../../platform/manifest.js";
import { bodyDays } from "./consultation.repository.js";

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * A body's participation in the discussion of its drafts in a period (dates inclusive, in the
 * body's zone): comments made, distinct people who made them, drafts whose window was open at
 * some time in it, the share of those comments (hidden ones aside) the body has answered, and
 * the median working days from a window's close to its report, for reports published in it.
 */
export async function consultationMeasures(
  ctx: AppContext,
  agencyId: string,
  period: { from: string; to: string },
): Promise<Measure[]> {
  const db = ctx.db.kysely;
  const comments = await db
    .selectFrom("consultation_comments as k")
    .innerJoin("consultations as c", "c.id", "k.consultation_id")
    .select(["k.author_id", "k.hidden_at", "k.answer"])
    .where("c.agency_id", "=", agencyId)
    .where("k.created_on", ">=", period.from)
    .where("k.created_on", "<=", period.to)
    .execute();
  const discussed = await db
    .selectFrom("consultation_versions as v")
    .innerJoin("consultations as c", "c.id", "v.consultation_id")
    .select((eb) => eb.fn.count<number | string>("v.consultation_id").distinct().as("n"))
    .where("c.agency_id", "=", agencyId)
    .where("v.opens_on", "<=", period.to)
    .where("v.closes_on", ">=", period.from)
    .executeTakeFirstOrThrow();
  const reports = await db
    .selectFrom("consultation_versions as v")
    .innerJoin("consultations as c", "c.id", "v.consultation_id")
    .select(["v.closes_on", "v.report_published_at"])
    .where("c.agency_id", "=", agencyId)
    .where("v.report_published_at", "is not", null)
    .execute();
  const days = await bodyDays(ctx, db, agencyId);
  const zone = days.calendar.rules.timeZone;
  const toReport = reports.flatMap((r) => {
    const on = toPlainDate(new Date(r.report_published_at as string), zone);
    if (on < period.from || on > period.to) return [];
    return [Math.max(0, days.calendar.workingDaysBetween(r.closes_on, on))];
  });
  const visible = comments.filter((c) => c.hidden_at === null);
  return [
    { name: "consultations.comments", value: comments.length, unit: "count" },
    {
      name: "consultations.commenters",
      value: new Set(comments.map((c) => c.author_id)).size,
      unit: "count",
    },
    { name: "consultations.drafts_discussed", value: Number(discussed.n), unit: "count" },
    {
      name: "consultations.answered_share",
      value:
        visible.length === 0
          ? null
          : visible.filter((c) => c.answer !== null).length / visible.length,
      unit: "share",
    },
    { name: "consultations.report_working_days", value: median(toReport), unit: "working_days" },
  ];
}
