import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { accountNames } from "../identity/index.js";
import { overlap, PETITION_NUMBER, type PetitionRow, PUBLIC_STATUSES, words } from "./petition.js";

type Db = Kysely<Database>;

/** A petition by id or by its public number. */
export async function findPetition(db: Db, ref: string): Promise<PetitionRow | undefined> {
  return db
    .selectFrom("petitions")
    .selectAll()
    .where(PETITION_NUMBER.test(ref) ? "number" : "id", "=", ref)
    .executeTakeFirst();
}

export async function findByShareToken(db: Db, token: string): Promise<PetitionRow | undefined> {
  return db.selectFrom("petitions").selectAll().where("share_token", "=", token).executeTakeFirst();
}

/** Published petitions, newest first, optionally of one status. */
export async function listPublic(
  db: Db,
  q: { status?: string; agencyId?: string; limit: number; offset: number },
): Promise<{ rows: PetitionRow[]; total: number }> {
  let base = db
    .selectFrom("petitions")
    .where("published_at", "is not", null)
    .where("status", "in", [...PUBLIC_STATUSES]);
  if (q.status) base = base.where("status", "=", q.status);
  if (q.agencyId) base = base.where("agency_id", "=", q.agencyId);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy("published_at", "desc")
      .orderBy("id")
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Text as the petitions search compares it: lower case, ё as е, runs of non-letters one space. */
function searchable(text: string): string {
  return ` ${text
    .toLocaleLowerCase("ru")
    .replace(/ё/g, "е")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
}

/** The most published petitions the list's word search looks through. */
const SEARCH_SCAN = 5000;

/**
 * Published petitions whose number, title or summary holds every word of `query` (the start of
 * a word counts: «аялдама» finds «аялдамалар»), newest first, optionally of one status and
 * body. The words are compared in the application, the same way on SQLite and PostgreSQL and
 * for Kazakh and Russian letters alike.
 */
export async function searchPublic(
  db: Db,
  q: { query: string; status?: string; agencyId?: string; limit: number; offset: number },
): Promise<{ rows: PetitionRow[]; total: number }> {
  const wanted = searchable(q.query).trim().split(" ").filter(Boolean);
  let base = db
    .selectFrom("petitions")
    .selectAll()
    .where("published_at", "is not", null)
    .where("status", "in", [...PUBLIC_STATUSES]);
  if (q.status) base = base.where("status", "=", q.status);
  if (q.agencyId) base = base.where("agency_id", "=", q.agencyId);
  const all = await base.orderBy("published_at", "desc").orderBy("id").limit(SEARCH_SCAN).execute();
  const found = all.filter((r) => {
    const text = searchable(`${r.number} ${r.title} ${r.summary}`);
    return wanted.every((w) => text.includes(` ${w}`));
  });
  return { rows: found.slice(q.offset, q.offset + q.limit), total: found.length };
}

/** The bodies that have published petitions (for the list's filter). */
export async function bodiesWithPetitions(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("petitions")
    .select("agency_id")
    .distinct()
    .where("published_at", "is not", null)
    .where("status", "in", [...PUBLIC_STATUSES])
    .execute();
  return rows.map((r) => r.agency_id);
}

/** Published petitions changed most recently (the feed). */
export async function recentlyChanged(db: Db, limit: number): Promise<PetitionRow[]> {
  return db
    .selectFrom("petitions")
    .selectAll()
    .where("published_at", "is not", null)
    .where("status", "in", [...PUBLIC_STATUSES])
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Petitions a person started or joined as a co-initiator. */
export async function petitionsOf(db: Db, accountId: string): Promise<PetitionRow[]> {
  return db
    .selectFrom("petitions")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb("initiator_account_id", "=", accountId),
        eb(
          "id",
          "in",
          eb
            .selectFrom("petition_co_initiators")
            .select("petition_id")
            .where("account_id", "=", accountId),
        ),
      ]),
    )
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(200)
    .execute();
}

export async function coInitiatorCount(db: Db, petitionId: string): Promise<number> {
  const r = await db
    .selectFrom("petition_co_initiators")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("petition_id", "=", petitionId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function isCoInitiator(db: Db, petitionId: string, accountId: string) {
  const r = await db
    .selectFrom("petition_co_initiators")
    .select("account_id")
    .where("petition_id", "=", petitionId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return r !== undefined;
}

/** The initiator and co-initiators of a petition (account ids). */
export async function initiatorsOf(db: Db, p: PetitionRow): Promise<string[]> {
  const rows = await db
    .selectFrom("petition_co_initiators")
    .select("account_id")
    .where("petition_id", "=", p.id)
    .execute();
  return [p.initiator_account_id, ...rows.map((r) => r.account_id)];
}

/**
 * Published petitions still open or under consideration whose words overlap the draft's
 * (title and summary), best first: so people join one instead of splitting signatures.
 */
export async function similarPetitions(db: Db, text: string, limit = 5): Promise<PetitionRow[]> {
  const mine = words(text);
  if (mine.size === 0) return [];
  const rows = await db
    .selectFrom("petitions")
    .selectAll()
    .where("status", "in", ["collecting", "consideration", "decided"])
    .where("published_at", "is not", null)
    .orderBy("published_at", "desc")
    .limit(1000)
    .execute();
  return rows
    .map((r) => ({ r, score: overlap(mine, words(`${r.title} ${r.summary}`)) }))
    .filter((x) => x.score >= 0.25)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((x) => x.r);
}

/** The office's queue: petitions of the bodies awaiting admissibility or a decision. */
export async function officeQueue(db: Db, agencyIds: string[]): Promise<PetitionRow[]> {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom("petitions")
    .selectAll()
    .where("agency_id", "in", agencyIds)
    .where("status", "in", ["admissibility", "collecting", "consideration"])
    .orderBy("status")
    .orderBy("admissibility_due_on")
    .orderBy("submitted_at")
    .limit(500)
    .execute();
}

/** Admissibility checks past their term on `today` (any body): the queue is late. */
export async function lateAdmissibility(db: Db, today: string): Promise<number> {
  const r = await db
    .selectFrom("petitions")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("status", "=", "admissibility")
    .where("admissibility_due_on", "<", today)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface CommentView {
  id: string;
  text: string;
  status: string;
  created_at: string;
  given_name: string;
  surname: string;
}

/** Comments of a petition (approved only, unless `all`), oldest first, with the author's name. */
export async function commentsOf(db: Db, petitionId: string, all: boolean): Promise<CommentView[]> {
  let q = db
    .selectFrom("petition_comments")
    .select(["id", "account_id", "text", "status", "created_at"])
    .where("petition_id", "=", petitionId);
  if (!all) q = q.where("status", "=", "approved");
  const rows = await q.orderBy("created_at").orderBy("id").limit(1000).execute();
  const names = await accountNames(
    db,
    rows.map((c) => c.account_id),
  );
  return rows.flatMap(({ account_id, ...c }) => {
    const author = names.get(account_id);
    return author ? [{ ...c, given_name: author.given_name, surname: author.surname }] : [];
  });
}
