import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../db/schema.js";
import { type Agency, findAgency, findAgencyBySlug, listAgencies } from "../agencies/index.js";
import {
  type AccountName,
  accountNames,
  agenciesWithRole,
  staffWithRole,
} from "../identity/index.js";
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

const toBody = (a: Agency): DialogueBody => ({
  id: a.id,
  slug: a.slug,
  jurisdiction: a.jurisdiction,
  name_kk: a.names.kk,
  name_ru: a.names.ru,
  name_en: a.names.en,
});

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
  const agency = await findAgencyBySlug(db, slug);
  return agency?.active ? toBody(agency) : undefined;
}

export async function bodyById(db: Db, id: string): Promise<DialogueBody | undefined> {
  const agency = await findAgency(db, id);
  return agency && toBody(agency);
}

/** The body's heads (active accounts holding the role there), by name. */
export async function headsOf(db: Db, agencyId: string): Promise<({ id: string } & AccountName)[]> {
  return staffWithRole(db, agencyId, "head");
}

/**
 * Bodies with a page in open dialogue: every active body that has a head, and any body with
 * questions already public (they stay readable when the head leaves).
 */
export async function dialogueBodies(db: Db): Promise<DialogueBody[]> {
  const [agencies, headed, asked] = await Promise.all([
    listAgencies(db),
    agenciesWithRole(db, "head"),
    db
      .selectFrom("dialogue_questions")
      .select("agency_id")
      .where("status", "in", ["published", "answered"])
      .distinct()
      .execute(),
  ]);
  const withQuestions = new Set(asked.map((r) => r.agency_id));
  return agencies
    .filter((a) => headed.has(a.id) || withQuestions.has(a.id))
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .map(toBody);
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
  return accountNames(db, ids);
}
