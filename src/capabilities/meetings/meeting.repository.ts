import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { akimatTerritories, findAgenciesByIds } from "../agencies/index.js";
import { accountNames } from "../identity/index.js";
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
export async function registrationsWithNames(db: Db, meetingId: string) {
  const rows = await db
    .selectFrom("meeting_registrations")
    .select(["id", "account_id", "status", "queue_no", "declared_territory", "registered_at"])
    .where("meeting_id", "=", meetingId)
    .where("status", "in", ["confirmed", "waiting"])
    .orderBy("status")
    .orderBy("queue_no")
    .execute();
  const names = await accountNames(
    db,
    rows.map((r) => r.account_id),
  );
  return rows.flatMap(({ account_id, ...r }) => {
    const name = names.get(account_id);
    return name ? [{ ...r, surname: name.surname, given_name: name.given_name }] : [];
  });
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
export async function agencyNames(db: Db, ids: string[]) {
  return (await findAgenciesByIds(db, [...new Set(ids)])).map((a) => ({
    id: a.id,
    name_kk: a.names.kk,
    name_ru: a.names.ru,
    name_en: a.names.en,
    jurisdiction: a.jurisdiction,
    territory_code: a.territoryCode,
  }));
}

/**
 * The territories a meeting may be limited to, and people may declare they live in: the
 * territories of the district and regional akimats, named after them (Halyq has no address
 * register of its own yet).
 */
export function territories(db: Db) {
  return akimatTerritories(db);
}
