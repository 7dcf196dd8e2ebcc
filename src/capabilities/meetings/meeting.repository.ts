import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { MeetingKind, MeetingRow } from "./meeting.js";

type Db = Kysely<Database>;

const count = (n: number | string | bigint | undefined) => Number(n ?? 0);

export function findMeeting(db: Db, id: string): Promise<MeetingRow | undefined> {
  return db.selectFrom("meetings").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Filters of the public list and the API; `when` splits by the start instant `now`. */
export interface MeetingFilter {
  agencyId?: string;
  kind?: MeetingKind;
  when?: "upcoming" | "past";
  /** ISO instants bounding the start. */
  startsFrom?: string;
  startsBefore?: string;
  now: string;
  limit: number;
  offset?: number;
}

/** Meetings by filter: upcoming soonest first, past most recent first. */
export function listMeetings(db: Db, f: MeetingFilter): Promise<MeetingRow[]> {
  let q = db.selectFrom("meetings").selectAll();
  if (f.agencyId) q = q.where("agency_id", "=", f.agencyId);
  if (f.kind) q = q.where("kind", "=", f.kind);
  if (f.startsFrom) q = q.where("starts_at", ">=", f.startsFrom);
  if (f.startsBefore) q = q.where("starts_at", "<", f.startsBefore);
  if (f.when === "upcoming") q = q.where("ends_at", ">", f.now).orderBy("starts_at", "asc");
  else if (f.when === "past") q = q.where("ends_at", "<=", f.now).orderBy("starts_at", "desc");
  else q = q.orderBy("starts_at", "desc");
  return q
    .orderBy("id")
    .limit(f.limit)
    .offset(f.offset ?? 0)
    .execute();
}

/** The most recently announced or changed meetings (for the feed). */
export function recentlyChanged(db: Db, limit: number): Promise<MeetingRow[]> {
  return db
    .selectFrom("meetings")
    .selectAll()
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Confirmed and waiting registrations of a meeting. */
export async function registrationCounts(
  db: Db,
  meetingId: string,
): Promise<{ confirmed: number; waiting: number }> {
  const rows = await db
    .selectFrom("meeting_registrations")
    .select(["status", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("meeting_id", "=", meetingId)
    .where("status", "in", ["confirmed", "waiting"])
    .groupBy("status")
    .execute();
  return {
    confirmed: count(rows.find((r) => r.status === "confirmed")?.n),
    waiting: count(rows.find((r) => r.status === "waiting")?.n),
  };
}

export function registrationOf(db: Db, meetingId: string, accountId: string) {
  return db
    .selectFrom("meeting_registrations")
    .selectAll()
    .where("meeting_id", "=", meetingId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

/** A waiting person's place in the list, 1 being next. */
export async function waitingPosition(db: Db, meetingId: string, queueNo: number): Promise<number> {
  const row = await db
    .selectFrom("meeting_registrations")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "waiting")
    .where("queue_no", "<=", queueNo)
    .executeTakeFirstOrThrow();
  return count(row.n);
}

/** Confirmed, then waiting in order, with names for the body's own page. */
export function registrationsWithNames(db: Db, meetingId: string) {
  return db
    .selectFrom("meeting_registrations as r")
    .innerJoin("accounts as a", "a.id", "r.account_id")
    .select([
      "r.id",
      "r.status",
      "r.queue_no",
      "r.declared_territory",
      "r.registered_at",
      "a.surname",
      "a.given_name",
    ])
    .where("r.meeting_id", "=", meetingId)
    .where("r.status", "in", ["confirmed", "waiting"])
    .orderBy("r.status")
    .orderBy("r.queue_no")
    .execute();
}

export function questionsOf(db: Db, meetingId: string, status?: string) {
  let q = db.selectFrom("meeting_questions").selectAll().where("meeting_id", "=", meetingId);
  if (status) q = q.where("status", "=", status);
  return q.orderBy("submitted_at").orderBy("id").execute();
}

export function decisionsOf(db: Db, meetingId: string) {
  return db
    .selectFrom("meeting_decisions")
    .selectAll()
    .where("meeting_id", "=", meetingId)
    .orderBy("position")
    .execute();
}

export async function isDelegate(db: Db, meetingId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom("meeting_delegates")
    .select("email")
    .where("meeting_id", "=", meetingId)
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

export function delegatesOf(db: Db, meetingId: string): Promise<string[]> {
  return db
    .selectFrom("meeting_delegates")
    .select("email")
    .where("meeting_id", "=", meetingId)
    .orderBy("email")
    .execute()
    .then((rows) => rows.map((r) => r.email));
}

/** A body's names in three languages, for lists and mail. */
export function agencyNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("agencies")
    .select(["id", "name_kk", "name_ru", "name_en", "jurisdiction", "territory_code"])
    .where("id", "in", [...new Set(ids)])
    .execute();
}

/**
 * The territories a meeting may be limited to, and people may declare they live in: the
 * territories of the district and regional akimats, named after them (Halyq has no address
 * register of its own yet).
 */
export function territories(db: Db) {
  return db
    .selectFrom("agencies")
    .select(["territory_code", "name_kk", "name_ru", "name_en"])
    .where("kind", "=", "akimat")
    .where("territory_code", "is not", null)
    .where("active", "=", 1)
    .orderBy("level")
    .orderBy("name_en")
    .execute()
    .then((rows) =>
      rows.map((r) => ({
        code: r.territory_code as string,
        names: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
      })),
    );
}
