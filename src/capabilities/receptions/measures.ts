import { addDays } from "../../kernel/calendar/index.js";
import { localToUtc } from "../../kernel/time/local-time.js";
import type { AppContext, Measure } from "../../platform/manifest.js";
import { zoneOf } from "../meetings/zone.js";
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
  const agency = await db
    .selectFrom("agencies")
    .select("jurisdiction")
    .where("id", "=", agencyId)
    .executeTakeFirst();
  const zone = zoneOf(ctx, agency?.jurisdiction ?? "kz");
  const from = localToUtc(`${period.from}T00:00`, zone)?.toISOString() ?? "";
  const to = localToUtc(`${addDays(period.to, 1)}T00:00`, zone)?.toISOString() ?? "";
  const now = ctx.clock.now().toISOString();
  const asOf = [to, now].sort()[0] ?? now;
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
