import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../db/schema.js";
import type { DialogueQuestionsTable } from "./dialogue.table.js";
import type { QuestionStatus } from "./question.js";

type Db = Kysely<Database>;

/** A question with the number of people who have it too. */
export type QuestionRow = Selectable<DialogueQuestionsTable> & { supporters: number };

/** A body as open dialogue shows it. */
export interface DialogueBody {
  id: string;
  slug: string;
  jurisdiction: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
}

const BODY_COLUMNS = ["id", "slug", "jurisdiction", "name_kk", "name_ru", "name_en"] as const;

function questions(db: Db) {
  return db
    .selectFrom("dialogue_questions")
    .selectAll("dialogue_questions")
    .select((eb) =>
      eb
        .selectFrom("dialogue_supports")
        .select(eb.fn.countAll<number | string>().as("n"))
        .whereRef("dialogue_supports.question_id", "=", "dialogue_questions.id")
        .as("supporters"),
    );
}

const withCount = (r: Omit<QuestionRow, "supporters"> & { supporters: unknown }): QuestionRow => ({
  ...r,
  supporters: Number(r.supporters ?? 0),
});

export async function activeBodyBySlug(db: Db, slug: string): Promise<DialogueBody | undefined> {
  return db
    .selectFrom("agencies")
    .select(BODY_COLUMNS)
    .where("slug", "=", slug)
    .where("active", "=", 1)
    .executeTakeFirst();
}

export async function bodyById(db: Db, id: string): Promise<DialogueBody | undefined> {
  return db.selectFrom("agencies").select(BODY_COLUMNS).where("id", "=", id).executeTakeFirst();
}

/** The body's heads (active accounts holding the role there), by name. */
export async function headsOf(
  db: Db,
  agencyId: string,
): Promise<{ id: string; surname: string; given_name: string; patronymic: string | null }[]> {
  return db
    .selectFrom("account_roles")
    .innerJoin("accounts", "accounts.id", "account_roles.account_id")
    .select(["accounts.id", "accounts.surname", "accounts.given_name", "accounts.patronymic"])
    .where("account_roles.agency_id", "=", agencyId)
    .where("account_roles.role", "=", "head")
    .where("accounts.active", "=", 1)
    .where("accounts.deleted_at", "is", null)
    .distinct()
    .orderBy("accounts.surname")
    .orderBy("accounts.given_name")
    .orderBy("accounts.id")
    .execute();
}

/**
 * Bodies with a page in open dialogue: every active body that has a head, and any body with
 * questions already public (they stay readable when the head leaves).
 */
export async function dialogueBodies(db: Db): Promise<DialogueBody[]> {
  return db
    .selectFrom("agencies")
    .select(BODY_COLUMNS)
    .where("active", "=", 1)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("account_roles")
            .innerJoin("accounts", "accounts.id", "account_roles.account_id")
            .select("account_roles.id")
            .whereRef("account_roles.agency_id", "=", "agencies.id")
            .where("account_roles.role", "=", "head")
            .where("accounts.active", "=", 1)
            .where("accounts.deleted_at", "is", null),
        ),
        eb.exists(
          eb
            .selectFrom("dialogue_questions")
            .select("dialogue_questions.id")
            .whereRef("dialogue_questions.agency_id", "=", "agencies.id")
            .where("dialogue_questions.status", "in", ["published", "answered"]),
        ),
      ]),
    )
    .orderBy("id")
    .execute();
}

/** What the index and the measures need of every public question: its dates, by body. */
export async function publicQuestionDates(
  db: Db,
  agencyIds?: string[],
): Promise<{ agency_id: string; status: string; asked_on: string; answered_on: string | null }[]> {
  if (agencyIds && agencyIds.length === 0) return [];
  let q = db
    .selectFrom("dialogue_questions")
    .select(["agency_id", "status", "asked_on", "answered_on"])
    .where("status", "in", ["published", "answered"]);
  if (agencyIds) q = q.where("agency_id", "in", agencyIds);
  return q.execute();
}

/** A body's questions in `statuses`, oldest first (the order of a queue and of ageing). */
export async function questionsOf(
  db: Db,
  agencyId: string,
  statuses: readonly QuestionStatus[],
): Promise<QuestionRow[]> {
  const rows = await questions(db)
    .where("agency_id", "=", agencyId)
    .where("status", "in", [...statuses])
    .orderBy("asked_at")
    .orderBy("id")
    .execute();
  return rows.map(withCount);
}

/** A body's answered questions, the latest answer first. */
export async function answeredOf(db: Db, agencyId: string, limit: number): Promise<QuestionRow[]> {
  const rows = await questions(db)
    .where("agency_id", "=", agencyId)
    .where("status", "=", "answered")
    .orderBy("answered_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(withCount);
}

export async function countByStatus(
  db: Db,
  agencyId: string,
  status: QuestionStatus,
): Promise<number> {
  const row = await db
    .selectFrom("dialogue_questions")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("agency_id", "=", agencyId)
    .where("status", "=", status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function questionById(db: Db, id: string): Promise<QuestionRow | undefined> {
  const row = await questions(db).where("id", "=", id).executeTakeFirst();
  return row ? withCount(row) : undefined;
}

/** The questions a person asked, newest first. */
export async function questionsOfAsker(db: Db, accountId: string): Promise<QuestionRow[]> {
  const rows = await questions(db)
    .where("asker_account_id", "=", accountId)
    .orderBy("asked_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map(withCount);
}

export async function insertQuestion(
  db: Db,
  row: Selectable<DialogueQuestionsTable>,
): Promise<void> {
  await db.insertInto("dialogue_questions").values(row).execute();
}

/**
 * Changes a question only if it is still in `from`: of two people acting at once, one wins and
 * the other is told the question has moved on. Returns whether the row changed.
 */
export async function updateQuestionFrom(
  db: Db,
  id: string,
  from: QuestionStatus,
  changes: Partial<Selectable<DialogueQuestionsTable>>,
): Promise<boolean> {
  const r = await db
    .updateTable("dialogue_questions")
    .set(changes)
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Adds a person's support; false when they had already given it. */
export async function addSupport(
  db: Db,
  questionId: string,
  accountId: string,
  now: string,
): Promise<boolean> {
  const r = await db
    .insertInto("dialogue_supports")
    .values({ question_id: questionId, account_id: accountId, created_at: now })
    .onConflict((oc) => oc.columns(["question_id", "account_id"]).doNothing())
    .returning("question_id")
    .executeTakeFirst();
  return r !== undefined;
}

/** Withdraws a person's support; false when there was none. */
export async function removeSupport(
  db: Db,
  questionId: string,
  accountId: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom("dialogue_supports")
    .where("question_id", "=", questionId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function hasSupported(db: Db, questionId: string, accountId: string) {
  const row = await db
    .selectFrom("dialogue_supports")
    .select("question_id")
    .where("question_id", "=", questionId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** How each asker is named in public (given name and surname), by account id. */
export async function askerNames(
  db: Db,
  ids: string[],
): Promise<Map<string, { given_name: string; surname: string }>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("accounts")
    .select(["id", "given_name", "surname"])
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
