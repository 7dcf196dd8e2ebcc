import { periodBounds } from "../../kernel/time/period.js";
import type { AppContext, Measure } from "../../platform/manifest.js";
import { jurisdictionOf } from "../agencies/index.js";

/**
 * One body's meetings in a period (dates in the body's zone, inclusive): meetings held (ended
 * in the period), registrations for them (confirmed places), attendance the body reported for
 * them (null when it reported none), and questions sent in the period and how many of those
 * the body answered.
 */
export async function meetingMeasures(
  ctx: AppContext,
  agencyId: string,
  period: { from: string; to: string },
): Promise<Measure[]> {
  const db = ctx.db.kysely;
  const zone = ctx.calendars.forJurisdiction(await jurisdictionOf(db, agencyId)).rules.timeZone;
  const { start: from, end: toDay, until } = periodBounds(period, zone, ctx.clock.now());
  const held = db
    .selectFrom("meetings")
    .where("agency_id", "=", agencyId)
    .where("ends_at", ">=", from)
    .where("ends_at", "<", toDay)
    .where("ends_at", "<=", until);
  const [meetings, registrations, questions] = await Promise.all([
    held
      .select([
        (eb) => eb.fn.countAll<number | string>().as("n"),
        (eb) => eb.fn.sum<number | string | null>("attended_figure").as("attended"),
        (eb) => eb.fn.count<number | string>("attended_figure").as("reported"),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("meeting_registrations")
      .where("status", "=", "confirmed")
      .where("meeting_id", "in", held.select("id"))
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("meeting_questions as q")
      .innerJoin("meetings as m", "m.id", "q.meeting_id")
      .where("m.agency_id", "=", agencyId)
      .where("q.submitted_at", ">=", from)
      .where("q.submitted_at", "<", toDay)
      .select([
        (eb) => eb.fn.countAll<number | string>().as("n"),
        (eb) => eb.fn.count<number | string>("q.answered_at").as("answered"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return [
    { name: "meetings.held", value: Number(meetings.n), unit: "count" },
    { name: "meetings.registrations", value: Number(registrations.n), unit: "count" },
    {
      name: "meetings.attendance",
      value: Number(meetings.reported) > 0 ? Number(meetings.attended) : null,
      unit: "count",
    },
    { name: "meetings.questions_submitted", value: Number(questions.n), unit: "count" },
    { name: "meetings.questions_answered", value: Number(questions.answered), unit: "count" },
  ];
}
