import { periodBounds } from "../../kernel/time/period.js";
import type { AppContext, Measure } from "../../platform/manifest.js";
import { jurisdictionOf } from "../agencies/index.js";
import { median } from "./reception.js";

const DAY = 86_400_000;

/**
 * One body's personal reception in a period (dates in the body's zone, inclusive): slots
 * offered (starting in the period), slots taken (booked and not cancelled), the share taken;
 * the median, over the body's officials, of the days from the period's end (or now, if
 * earlier) to their next free slot; and of the receptions that took place in the period
 * (booked or walk-in, the person came), the share resolved there.
 */
export async function receptionMeasures(
  ctx: AppContext,
  agencyId: string,
  period: { from: string; to: string },
): Promise<Measure[]> {
  const db = ctx.db.kysely;
  const zone = ctx.calendars.forJurisdiction(await jurisdictionOf(db, agencyId)).rules.timeZone;
  const { start: from, end: to, until: asOf } = periodBounds(period, zone, ctx.clock.now());
  const [slots, next, held] = await Promise.all([
    db
      .selectFrom("reception_slots")
      .where("agency_id", "=", agencyId)
      .where("starts_at", ">=", from)
      .where("starts_at", "<", to)
      .select([
        (eb) => eb.fn.countAll<number | string>().as("offered"),
        (eb) => eb.fn.count<number | string>("booking_id").as("taken"),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("reception_slots")
      .where("agency_id", "=", agencyId)
      .where("starts_at", ">", asOf)
      .where("booking_id", "is", null)
      .groupBy("official_id")
      .select(["official_id", (eb) => eb.fn.min<string>("starts_at").as("first")])
      .execute(),
    db
      .selectFrom("reception_bookings")
      .where("agency_id", "=", agencyId)
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .where("status", "in", ["resolved", "appeal", "refused"])
      .select([
        (eb) => eb.fn.countAll<number | string>().as("n"),
        (eb) =>
          eb.fn
            .sum<number | string | null>(
              eb.case().when("status", "=", "resolved").then(1).else(0).end(),
            )
            .as("resolved"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const offered = Number(slots.offered);
  const taken = Number(slots.taken);
  const waits = next.map((r) => (new Date(r.first).getTime() - new Date(asOf).getTime()) / DAY);
  const wait = median(waits);
  const n = Number(held.n);
  return [
    { name: "receptions.slots_offered", value: offered, unit: "count" },
    { name: "receptions.slots_taken", value: taken, unit: "count" },
    { name: "receptions.share_taken", value: offered > 0 ? taken / offered : null, unit: "share" },
    {
      name: "receptions.wait_days",
      value: wait === null ? null : Math.round(wait * 10) / 10,
      unit: "days",
    },
    {
      name: "receptions.share_resolved",
      value: n > 0 ? Number(held.resolved ?? 0) / n : null,
      unit: "share",
    },
  ];
}
