import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../db/schema.js";
import type { ReceptionBookingsTable, ReceptionSlotsTable } from "./receptions.table.js";

export type BookingRow = Selectable<ReceptionBookingsTable>;
export type SlotRow = Selectable<ReceptionSlotsTable>;

export interface SlotView extends SlotRow {
  place: string | null;
  online_url: string | null;
  time_zone: string;
  topics: string;
  surname: string;
  given_name: string;
}

const slotColumns = [
  "s.id",
  "s.schedule_id",
  "s.agency_id",
  "s.official_id",
  "s.starts_at",
  "s.ends_at",
  "s.booking_id",
  "sc.place",
  "sc.online_url",
  "sc.time_zone",
  "sc.topics",
  "a.surname",
  "a.given_name",
] as const;

function slots(db: Kysely<Database>) {
  return db
    .selectFrom("reception_slots as s")
    .innerJoin("reception_schedules as sc", "sc.id", "s.schedule_id")
    .innerJoin("accounts as a", "a.id", "s.official_id")
    .select(slotColumns);
}

export async function findSlot(db: Kysely<Database>, id: string): Promise<SlotView | undefined> {
  return slots(db).where("s.id", "=", id).executeTakeFirst();
}

/** A body's slots from `from` on (free only, or all), in time order. */
export async function agencySlots(
  db: Kysely<Database>,
  agencyId: string,
  opts: { from: string; to?: string; freeOnly?: boolean; officialId?: string; limit?: number },
): Promise<SlotView[]> {
  let q = slots(db).where("s.agency_id", "=", agencyId).where("s.starts_at", ">", opts.from);
  if (opts.to) q = q.where("s.starts_at", "<", opts.to);
  if (opts.freeOnly) q = q.where("s.booking_id", "is", null);
  if (opts.officialId) q = q.where("s.official_id", "=", opts.officialId);
  return q
    .orderBy("s.starts_at")
    .orderBy("s.official_id")
    .limit(opts.limit ?? 500)
    .execute();
}

export async function findBooking(
  db: Kysely<Database>,
  id: string,
): Promise<BookingRow | undefined> {
  return db.selectFrom("reception_bookings").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function bookingsOfAccount(
  db: Kysely<Database>,
  accountId: string,
): Promise<BookingRow[]> {
  return db
    .selectFrom("reception_bookings")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
}

/** A body's bookings and tickets of a day range (local days), for its office. */
export async function agencyBookings(
  db: Kysely<Database>,
  agencyId: string,
  fromDay: string,
  limit = 200,
): Promise<BookingRow[]> {
  return db
    .selectFrom("reception_bookings")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("day", ">=", fromDay)
    .orderBy("day")
    .orderBy("starts_at")
    .orderBy("ticket_no")
    .limit(limit)
    .execute();
}

/** The walk-in tickets of a body on a day, for the public queue display. */
export async function ticketsOfDay(db: Kysely<Database>, agencyId: string, day: string) {
  return db
    .selectFrom("reception_bookings as b")
    .innerJoin("accounts as a", "a.id", "b.official_id")
    .select(["b.id", "b.ticket_no", "b.status", "b.official_id", "a.surname", "a.given_name"])
    .where("b.agency_id", "=", agencyId)
    .where("b.day", "=", day)
    .where("b.kind", "=", "walk_in")
    .orderBy("b.official_id")
    .orderBy("b.ticket_no")
    .execute();
}

export interface AgencyNames {
  id: string;
  slug: string;
  jurisdiction: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
}

export async function agencyBySlug(
  db: Kysely<Database>,
  slug: string,
): Promise<AgencyNames | undefined> {
  return db
    .selectFrom("agencies")
    .select(["id", "slug", "jurisdiction", "name_kk", "name_ru", "name_en"])
    .where("slug", "=", slug)
    .where("active", "=", 1)
    .executeTakeFirst();
}

export async function agencyById(
  db: Kysely<Database>,
  id: string,
): Promise<AgencyNames | undefined> {
  return db
    .selectFrom("agencies")
    .select(["id", "slug", "jurisdiction", "name_kk", "name_ru", "name_en"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Categories the body is competent for (the topics its officials may take). */
export async function agencyTopics(db: Kysely<Database>, agencyId: string) {
  return db
    .selectFrom("categories as c")
    .innerJoin("agency_competences as ac", "ac.category_id", "c.id")
    .select(["c.id", "c.name_kk", "c.name_ru", "c.name_en"])
    .where("ac.agency_id", "=", agencyId)
    .orderBy("c.position")
    .execute();
}

/** Bodies with free slots after `now`: how many and the first. */
export async function bodiesReceiving(db: Kysely<Database>, now: string) {
  return db
    .selectFrom("reception_slots as s")
    .innerJoin("agencies as g", "g.id", "s.agency_id")
    .select([
      "g.id",
      "g.slug",
      "g.name_kk",
      "g.name_ru",
      "g.name_en",
      (eb) => eb.fn.countAll<number | string>().as("free"),
      (eb) => eb.fn.min<string>("s.starts_at").as("next"),
    ])
    .where("s.starts_at", ">", now)
    .where("s.booking_id", "is", null)
    .groupBy(["g.id", "g.slug", "g.name_kk", "g.name_ru", "g.name_en"])
    .orderBy("g.slug")
    .execute();
}

/** Heads of a body (the officials who receive), by name. */
export async function officialsOf(db: Kysely<Database>, agencyId: string) {
  return db
    .selectFrom("accounts as a")
    .innerJoin("account_roles as r", "r.account_id", "a.id")
    .select(["a.id", "a.surname", "a.given_name"])
    .where("r.agency_id", "=", agencyId)
    .where("r.role", "=", "head")
    .where("a.deleted_at", "is", null)
    .orderBy("a.surname")
    .execute();
}

export async function activeAgencies(db: Kysely<Database>) {
  return db
    .selectFrom("agencies")
    .select(["id", "name_kk", "name_ru", "name_en"])
    .where("active", "=", 1)
    .orderBy("slug")
    .execute();
}
