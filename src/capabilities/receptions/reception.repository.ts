import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../db/schema.js";
import {
  type Agency,
  categoriesOfAgency,
  findAgenciesByIds,
  findAgency,
  findAgencyBySlug,
  listAgencies,
} from "../agencies/index.js";
import { accountNames, staffWithRole } from "../identity/index.js";
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
] as const;

function slots(db: Kysely<Database>) {
  return db
    .selectFrom("reception_slots as s")
    .innerJoin("reception_schedules as sc", "sc.id", "s.schedule_id")
    .select(slotColumns);
}

/** Rows with the name of their official, in one lookup for all of them. */
async function withOfficialNames<R extends { official_id: string }>(
  db: Kysely<Database>,
  rows: R[],
): Promise<(R & { surname: string; given_name: string })[]> {
  const names = await accountNames(
    db,
    rows.map((r) => r.official_id),
  );
  return rows.flatMap((r) => {
    const name = names.get(r.official_id);
    return name ? [{ ...r, surname: name.surname, given_name: name.given_name }] : [];
  });
}

export async function findSlot(db: Kysely<Database>, id: string): Promise<SlotView | undefined> {
  return (await findSlots(db, [id])).get(id);
}

/** Several slots by id, for lists that show each booking's time. */
export async function findSlots(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, SlotView>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await slots(db).where("s.id", "in", wanted).execute();
  return new Map((await withOfficialNames(db, rows)).map((s) => [s.id, s]));
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
  const rows = await q
    .orderBy("s.starts_at")
    .orderBy("s.official_id")
    .limit(opts.limit ?? 500)
    .execute();
  return withOfficialNames(db, rows);
}

/** A body's published schedules, newest first, with their officials' names. */
export async function schedulesOf(db: Kysely<Database>, agencyId: string) {
  const rows = await db
    .selectFrom("reception_schedules")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
  return withOfficialNames(db, rows);
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

/** A body's bookings and tickets with days from `from` to `to` inclusive: the reception journal. */
export async function bookingsInPeriod(
  db: Kysely<Database>,
  agencyId: string,
  period: { from: string; to: string },
  limit = 5000,
): Promise<BookingRow[]> {
  return db
    .selectFrom("reception_bookings")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("day", ">=", period.from)
    .where("day", "<=", period.to)
    .orderBy("day")
    .orderBy("starts_at")
    .orderBy("ticket_no")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** The walk-in tickets of a body on a day, for the public queue display. */
export async function ticketsOfDay(db: Kysely<Database>, agencyId: string, day: string) {
  const rows = await db
    .selectFrom("reception_bookings as b")
    .select(["b.id", "b.ticket_no", "b.status", "b.official_id"])
    .where("b.agency_id", "=", agencyId)
    .where("b.day", "=", day)
    .where("b.kind", "=", "walk_in")
    .orderBy("b.official_id")
    .orderBy("b.ticket_no")
    .execute();
  return withOfficialNames(db, rows);
}

export interface AgencyNames {
  id: string;
  slug: string;
  jurisdiction: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
}

const names = (a: Agency): AgencyNames => ({
  id: a.id,
  slug: a.slug,
  jurisdiction: a.jurisdiction,
  name_kk: a.names.kk,
  name_ru: a.names.ru,
  name_en: a.names.en,
});

export async function agencyBySlug(
  db: Kysely<Database>,
  slug: string,
): Promise<AgencyNames | undefined> {
  const agency = await findAgencyBySlug(db, slug);
  return agency?.active ? names(agency) : undefined;
}

export async function agencyById(
  db: Kysely<Database>,
  id: string,
): Promise<AgencyNames | undefined> {
  const agency = await findAgency(db, id);
  return agency && names(agency);
}

/** Categories the body is competent for (the topics its officials may take). */
export async function agencyTopics(db: Kysely<Database>, agencyId: string) {
  return (await categoriesOfAgency(db, agencyId)).map((c) => ({
    id: c.id,
    name_kk: c.names.kk,
    name_ru: c.names.ru,
    name_en: c.names.en,
  }));
}

/** Bodies with free slots after `now`: how many and the first. */
export async function bodiesReceiving(db: Kysely<Database>, now: string) {
  const free = await db
    .selectFrom("reception_slots as s")
    .select([
      "s.agency_id",
      (eb) => eb.fn.countAll<number | string>().as("free"),
      (eb) => eb.fn.min<string>("s.starts_at").as("next"),
    ])
    .where("s.starts_at", ">", now)
    .where("s.booking_id", "is", null)
    .groupBy("s.agency_id")
    .execute();
  const bodies = await findAgenciesByIds(
    db,
    free.map((f) => f.agency_id),
  );
  const byId = new Map(free.map((f) => [f.agency_id, f]));
  return bodies
    .sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0))
    .flatMap((g) => {
      const f = byId.get(g.id);
      if (!f) return [];
      const { kk, ru, en } = g.names;
      return [
        {
          id: g.id,
          slug: g.slug,
          name_kk: kk,
          name_ru: ru,
          name_en: en,
          free: f.free,
          next: f.next,
        },
      ];
    });
}

/** Heads of a body (the officials who receive), by name; deactivated ones still name past bookings. */
export async function officialsOf(db: Kysely<Database>, agencyId: string) {
  return (await staffWithRole(db, agencyId, "head", { includeInactive: true })).map((a) => ({
    id: a.id,
    surname: a.surname,
    given_name: a.given_name,
  }));
}

export async function activeAgencies(db: Kysely<Database>) {
  return (await listAgencies(db)).map((a) => ({
    id: a.id,
    name_kk: a.names.kk,
    name_ru: a.names.ru,
    name_en: a.names.en,
  }));
}
