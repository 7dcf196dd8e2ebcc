import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Answers, PollRow } from "./poll.js";

type Db = Kysely<Database>;

export async function findPoll(db: Db, id: string): Promise<PollRow | undefined> {
  return db.selectFrom("polls").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Polls everyone may see (never drafts), newest closing first. */
export async function listPolls(
  db: Db,
  q: { when?: "open" | "closed"; now: string; agencyId?: string; limit: number; offset?: number },
): Promise<PollRow[]> {
  let query = db.selectFrom("polls").selectAll().where("status", "!=", "draft");
  if (q.agencyId) query = query.where("agency_id", "=", q.agencyId);
  if (q.when === "open")
    query = query.where("status", "=", "scheduled").where("closes_at", ">", q.now);
  if (q.when === "closed")
    query = query.where((eb) =>
      eb.or([eb("status", "=", "published"), eb("closes_at", "<=", q.now)]),
    );
  return query
    .orderBy("closes_at", q.when === "closed" ? "desc" : "asc")
    .orderBy("id")
    .limit(q.limit)
    .offset(q.offset ?? 0)
    .execute();
}

export async function hasVoted(db: Db, pollId: string, voterKey: string): Promise<boolean> {
  const r = await db
    .selectFrom("poll_voters")
    .select("poll_id")
    .where("poll_id", "=", pollId)
    .where("voter_key", "=", voterKey)
    .executeTakeFirst();
  return r !== undefined;
}

export async function countVoters(db: Db, pollId: string): Promise<number> {
  const r = await db
    .selectFrom("poll_voters")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("poll_id", "=", pollId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Every ballot's answers of a poll (no ids: nothing else is needed to count). */
export async function ballotAnswers(db: Db, pollId: string): Promise<Answers[]> {
  const rows = await db
    .selectFrom("poll_ballots")
    .select("answers")
    .where("poll_id", "=", pollId)
    .execute();
  return rows.map((r) => JSON.parse(r.answers) as Answers);
}

/** Free-text answers per question (all statuses): how many were written. */
export async function textCounts(db: Db, pollId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("poll_texts")
    .select(["question_id", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("poll_id", "=", pollId)
    .groupBy("question_id")
    .execute();
  return new Map(rows.map((r) => [r.question_id, Number(r.n)]));
}

export type TextRow = { id: string; question_id: string; body: string; status: string };

/** Free-text answers in a stable order that says nothing of when they came (by random id). */
export async function textsOf(
  db: Db,
  pollId: string,
  status?: "pending" | "approved" | "rejected",
): Promise<TextRow[]> {
  let q = db
    .selectFrom("poll_texts")
    .select(["id", "question_id", "body", "status"])
    .where("poll_id", "=", pollId);
  if (status) q = q.where("status", "=", status);
  return q.orderBy("question_id").orderBy("id").execute();
}

/** The day a voter was listed as having voted in a poll, if they were. */
export async function votedOn(db: Db, pollId: string, voterKey: string): Promise<string | null> {
  const r = await db
    .selectFrom("poll_voters")
    .select("voted_on")
    .where("poll_id", "=", pollId)
    .where("voter_key", "=", voterKey)
    .executeTakeFirst();
  return r?.voted_on ?? null;
}
