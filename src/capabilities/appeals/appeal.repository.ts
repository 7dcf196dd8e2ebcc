import {
  type Insertable,
  type Kysely,
  PostgresAdapter,
  type Selectable,
  sql,
  type Updateable,
} from "kysely";
import { compiled, type Params } from "../../db/compiled.js";
import type { Database } from "../../db/schema.js";
import type { AppealsTable } from "./appeal.table.js";
import type { TermBound } from "./nearest-term.js";
import { nearestTermBy } from "./nearest-term.query.js";
import { type InboxStage, stageWhere } from "./tasks/stages.js";

type Db = Kysely<Database>;
export type AppealRow = Selectable<AppealsTable>;

const bumpCounter = compiled((db, p: Params<{ agencyId: string; year: number }>) =>
  db
    .insertInto("appeal_counters")
    .values({ agency_id: p("agencyId"), year: p("year"), last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(["agency_id", "year"])
        .doUpdateSet((eb) => ({ last_value: eb("appeal_counters.last_value", "+", 1) })),
    )
    .returning("last_value"),
);

/**
 * The next registration number of a body for a year: the body's short code, the year and the
 * body's sequence for that year, at least four digits, e.g. `BKA-2025-0042` (docs/capabilities/appeals.md).
 * The counter row is bumped inside the filing's transaction, so a rolled-back filing gives its
 * number back and a committed one can never share it (the column is unique as well).
 */
export async function nextAppealNumber(
  trx: Db,
  agency: { id: string; code: string },
  year: number,
): Promise<string> {
  // One statement: the first filing of a year creates the counter, every other one bumps it.
  const row = await bumpCounter.takeFirst(trx, { agencyId: agency.id, year });
  if (!row) throw new Error("the appeal counter returned no row");
  return formatAppealNumber(agency.code, year, Number(row.last_value));
}

/** `BKA`, 2025, 42 → `BKA-2025-0042`. */
export function formatAppealNumber(code: string, year: number, sequence: number): string {
  return `${code}-${year}-${String(sequence).padStart(4, "0")}`;
}

/**
 * A number as a person may type or dictate it: trimmed, capital letters, spaces and any dash as
 * `-` (`bka 2025 42` is not guessed at: only the separators are mended).
 */
export function normaliseAppealNumber(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/[\s\u2010-\u2015\u2212]+/g, "-");
}

/** What staff search finds an appeal by: its number, subject and applicant, lowercased. */
export function appealSearchText(r: {
  number: string;
  legacy_number?: string | null;
  subject: string;
  applicant_name?: string | null;
}): string {
  return `${r.number} ${r.legacy_number ?? ""} ${r.subject} ${r.applicant_name ?? ""}`
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export async function insertAppeal(trx: Db, row: Insertable<AppealsTable>): Promise<void> {
  await trx
    .insertInto("appeals")
    .values({ ...row, search_text: appealSearchText(row) })
    .execute();
}

/** An appeal by its number or by the number it had before short numbers (old links and letters). */
export async function findAppealByNumber(db: Db, number: string): Promise<AppealRow | undefined> {
  const n = normaliseAppealNumber(number);
  return db
    .selectFrom("appeals")
    .selectAll()
    .where((eb) => eb.or([eb("number", "=", n), eb("legacy_number", "=", n)]))
    .executeTakeFirst();
}

export async function findAppealById(db: Db, id: string): Promise<AppealRow | undefined> {
  return db.selectFrom("appeals").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Applies a change only if nobody changed the appeal since it was read (its version), so two
 * staff acting at once cannot both succeed. Returns whether the change was applied.
 */
export async function updateAppeal(
  trx: Db,
  current: Pick<AppealRow, "id" | "version">,
  changes: Updateable<AppealsTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable("appeals")
    .set({ ...changes, version: current.version + 1 })
    .where("id", "=", current.id)
    .where("version", "=", current.version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Appeals a person filed, or filed for an organisation they represent; newest first. */
export async function listApplicantAppeals(
  db: Db,
  accountId: string,
  organisationIds: string[],
  limit = 200,
): Promise<AppealRow[]> {
  return db
    .selectFrom("appeals")
    .selectAll()
    .where((eb) =>
      organisationIds.length > 0
        ? eb.or([
            eb("applicant_account_id", "=", accountId),
            eb("organisation_id", "in", organisationIds),
          ])
        : eb("applicant_account_id", "=", accountId),
    )
    .orderBy("received_at", "desc")
    .limit(limit)
    .execute();
}

/** An earlier appeal of the same person to the same body with the same text, not yet closed by withdrawal. */
export async function findDuplicate(
  db: Db,
  input: { agencyId: string; accountId: string | null; iin: string | null; bodyHash: string },
): Promise<AppealRow | undefined> {
  if (!input.accountId && !input.iin) return undefined;
  // Matches are few (usually none): the earliest is picked here, because asking SQLite to
  // order them made this lookup ten times slower on the filing path.
  const rows = await db
    .selectFrom("appeals")
    .selectAll()
    .where("agency_id", "=", input.agencyId)
    .where("body_hash", "=", input.bodyHash)
    .where((eb) =>
      input.accountId
        ? eb("applicant_account_id", "=", input.accountId)
        : eb("applicant_iin", "=", input.iin),
    )
    .where("status", "not in", ["withdrawn", "attached", "returned"])
    .execute();
  return rows.sort((a, b) => a.received_at.localeCompare(b.received_at))[0];
}

/** The person's own open or terminated appeals whose subject shares a word with `subject`. */
export async function similarOwnAppeals(
  db: Db,
  accountId: string,
  subject: string,
  limit = 5,
): Promise<AppealRow[]> {
  const words = [
    ...new Set(
      subject
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length >= 4),
    ),
  ].slice(0, 6);
  if (words.length === 0) return [];
  return db
    .selectFrom("appeals")
    .selectAll()
    .where("applicant_account_id", "=", accountId)
    .where("status", "in", [
      "registered",
      "in_progress",
      "awaiting_correction",
      "awaiting_approval",
      "terminated",
    ])
    .where((eb) => eb.or(words.map((w) => containsCi("subject", w))))
    .orderBy("received_at", "desc")
    .limit(limit)
    .execute();
}

/** `column` contains `text`, ignoring case; `%` and `_` in the text match only themselves. */
function containsCi(column: "subject" | "number" | "applicant_name", text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

export interface InboxFilter {
  status?: string;
  kind?: string;
  channel?: string;
  executorId?: string;
  /**
   * Assigned to any of these people (someone's own list with those they substitute for), as
   * executor or as a co-executor of the resolution in force.
   */
  executorIds?: readonly string[];
  /** Open appeals due within this many days of `today` (inclusive). */
  dueBefore?: string;
  overdue?: boolean;
  today: string;
  q?: string;
  sort?: "due" | "received" | "received_desc" | "number";
  /** One of the inbox's tabs (tasks/stages.ts); unset, every stage. */
  stage?: InboxStage;
  /** With the "due" order: the appeals still open first (an executor's own list). */
  openFirst?: boolean;
  /** Open appeals whose nearest term of any kind (nearest-term.ts) ends by this bound. */
  termBy?: TermBound;
  /** Leaves out the appeals whose nearest term ends by this bound (e.g. those already missed). */
  termNotBy?: TermBound;
  page?: number;
  pageSize?: number;
  /** Search the subject only, never the applicant's name (for those who may not read it). */
  subjectOnly?: boolean;
  /** A download of the register: one page may hold up to REGISTER_EXPORT_MAX rows. */
  download?: boolean;
}

/** The most rows one export of the register holds: a download of bounded size. */
export const REGISTER_EXPORT_MAX = 10_000;

const OPEN = ["registered", "in_progress", "awaiting_correction", "awaiting_approval"];

/** Counting stops here: beyond it the inbox says "more than". Exact counts of a national registry cost too much per page. */
export const INBOX_COUNT_CAP = 10_000;
/** A search counts fewer: each match is looked up to check its body. */
export const SEARCH_COUNT_CAP = 1_000;

/** A registration number, or the start of one: `BKA-2025-00`, or an old one `BAIKONUR-DISTRICT-AKIMAT-2025-0000`. */
const NUMBER_PREFIX = /^[\p{L}\p{N}]+(-[\p{L}\p{N}]+)*-\d{4}(-\d*)?$/u;

/** The words of a search, lowercased; each matches a word of the appeal that starts with it. */
export function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
}

/** Appeals whose search text has every word of the query (as a word prefix), by full-text index. */
function textSearch(db: Db, words: string[]) {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const query = words.map((w) => `${w}:*`).join(" & ");
    return sql<boolean>`to_tsvector('simple', search_text) @@ to_tsquery('simple', ${query})`;
  }
  const match = words.map((w) => `"${w}"*`).join(" ");
  return sql<boolean>`appeals.rowid IN (SELECT rowid FROM appeals_fts WHERE appeals_fts MATCH ${match})`;
}

/**
 * One body's appeals with filters, search and paging. The total is exact up to a cap
 * (`totalCapped` says when there are more); a search lists the newest matches first.
 */
export async function agencyInbox(
  db: Db,
  agencyId: string,
  f: InboxFilter,
): Promise<{ rows: AppealRow[]; total: number; totalCapped: boolean }> {
  let q = db.selectFrom("appeals").where("agency_id", "=", agencyId);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.kind) q = q.where("kind", "=", f.kind);
  if (f.channel) q = q.where("channel", "=", f.channel);
  if (f.executorId) q = q.where("executor_id", "=", f.executorId);
  const stage = f.stage;
  if (stage) q = q.where((eb) => stageWhere(eb, stage));
  if (f.executorIds) {
    const ids = [...f.executorIds];
    // Theirs as executor, or as a co-executor named by the resolution in force.
    q = q.where((eb) =>
      eb.or([
        eb("executor_id", "in", ids),
        eb.exists(
          eb
            .selectFrom("appeal_co_executors as ce")
            .innerJoin("appeal_resolutions as ar", "ar.id", "ce.resolution_id")
            .select("ce.account_id")
            .whereRef("ar.appeal_id", "=", "appeals.id")
            .where("ar.superseded_at", "is", null)
            .where("ce.account_id", "in", ids),
        ),
      ]),
    );
  }
  if (f.overdue) q = q.where("status", "in", OPEN).where("due_on", "<", f.today);
  if (f.termBy) q = q.where(nearestTermBy(f.termBy));
  if (f.termNotBy) q = q.where((eb) => eb.not(nearestTermBy(f.termNotBy as TermBound)(eb)));
  if (f.dueBefore) {
    q = q
      .where("status", "in", OPEN)
      .where("due_on", ">=", f.today)
      .where("due_on", "<=", f.dueBefore);
  }
  const term = f.q?.trim() ?? "";
  let searching = false;
  if (NUMBER_PREFIX.test(term)) {
    const prefix = term.toUpperCase();
    q = q.where((eb) =>
      eb.or([
        eb.and([eb("number", ">=", prefix), eb("number", "<", `${prefix}\uffff`)]),
        eb.and([eb("legacy_number", ">=", prefix), eb("legacy_number", "<", `${prefix}\uffff`)]),
      ]),
    );
  } else if (term) {
    const words = searchWords(term);
    // Nothing searchable (only punctuation) matches nothing, rather than everything.
    q =
      words.length === 0
        ? q.where(sql<boolean>`1 = 0`)
        : f.subjectOnly
          ? q.where((eb) => eb.and(words.map((w) => containsCi("subject", w))))
          : q.where(() => textSearch(db, words));
    searching = true;
  }
  const pageSize = Math.min(Math.max(f.pageSize ?? 25, 1), f.download ? REGISTER_EXPORT_MAX : 100);
  const page = Math.max(f.page ?? 1, 1);
  let rowsQ = q.selectAll("appeals");
  switch (searching ? "newest" : (f.sort ?? "due")) {
    case "newest":
      rowsQ = rowsQ.orderBy("received_at", "desc").orderBy("id", "desc");
      break;
    case "received":
      rowsQ = rowsQ.orderBy("received_at", "asc").orderBy("id");
      break;
    case "received_desc":
      rowsQ = rowsQ.orderBy("received_at", "desc").orderBy("id", "desc");
      break;
    case "number":
      rowsQ = rowsQ.orderBy("number", "asc");
      break;
    default:
      if (f.openFirst)
        rowsQ = rowsQ.orderBy((eb) => eb.case().when("status", "in", OPEN).then(0).else(1).end());
      rowsQ = rowsQ.orderBy("due_on", "asc").orderBy("received_at", "asc").orderBy("id");
  }
  const cap = searching ? SEARCH_COUNT_CAP : INBOX_COUNT_CAP;
  const [rows, count] = await Promise.all([
    rowsQ
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom(
        q
          .select(sql<number>`1`.as("one"))
          .limit(cap + 1)
          .as("capped"),
      )
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const n = Number(count.n);
  return { rows, total: Math.min(n, cap), totalCapped: n > cap };
}
