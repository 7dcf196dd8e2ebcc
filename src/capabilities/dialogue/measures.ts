import type { AppContext, Measure } from "../../platform/manifest.js";
import { todayOf, workingDaysWaited } from "./ageing.js";
import { median } from "./question.js";
import { bodyById } from "./question.repository.js";

const within = (d: string | null, from: string, to: string): d is string =>
  d !== null && d >= from && d <= to;

/**
 * How a body handles open dialogue in a period (`from`/`to` inclusive, dates on the body's
 * clock): questions asked, published and answered in it; the share of the questions published
 * in it that have an answer (0 to 1); the median working days from asking to answer of those
 * answered in it; and how long the oldest question left unanswered at the period's end (or
 * today, for a period not yet over) had waited.
 */
export async function dialogueMeasures(
  ctx: AppContext,
  agencyId: string,
  period: { from: string; to: string },
): Promise<Measure[]> {
  const { from, to } = period;
  const body = await bodyById(ctx.db.kysely, agencyId);
  const rows = body
    ? await ctx.db.kysely
        .selectFrom("dialogue_questions")
        .select(["asked_on", "published_on", "answered_on"])
        .where("agency_id", "=", agencyId)
        .where("asked_on", "<=", to)
        .execute()
    : [];
  const cal = body ? ctx.calendars.forJurisdiction(body.jurisdiction) : undefined;
  const today = cal ? todayOf(ctx, cal) : to;
  const end = [today, to].sort()[0] ?? to;
  const published = rows.filter((r) => within(r.published_on, from, to));
  const answered = rows.flatMap((r) =>
    within(r.answered_on, from, to) ? [{ asked_on: r.asked_on, answered_on: r.answered_on }] : [],
  );
  const waiting = rows.filter(
    (r) =>
      r.published_on !== null &&
      r.published_on <= end &&
      (r.answered_on === null || r.answered_on > end),
  );
  const days = (a: string, b: string) => (cal ? workingDaysWaited(cal, a, b) : 0);
  return [
    {
      name: "dialogue.asked",
      value: rows.filter((r) => r.asked_on >= from).length,
      unit: "count",
    },
    { name: "dialogue.published", value: published.length, unit: "count" },
    { name: "dialogue.answered", value: answered.length, unit: "count" },
    {
      name: "dialogue.answered_share",
      value:
        published.length === 0
          ? null
          : published.filter((r) => r.answered_on !== null).length / published.length,
      unit: "share",
    },
    {
      name: "dialogue.median_days_to_answer",
      value: median(answered.map((r) => days(r.asked_on, r.answered_on))),
      unit: "working_days",
    },
    {
      name: "dialogue.oldest_unanswered_days",
      value: waiting.length === 0 ? null : Math.max(...waiting.map((r) => days(r.asked_on, end))),
      unit: "working_days",
    },
  ];
}
