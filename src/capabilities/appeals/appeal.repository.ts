import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { Database } from "../../db/schema.js";
import type { AppealsTable } from "./appeal.table.js";

type Db = Kysely<Database>;
export type AppealRow = Selectable<AppealsTable>;

/**
 * The next registration number of a body for a year, e.g. `BAIKONUR-DISTRICT-AKIMAT-2025-000042`.
 * The counter row is bumped inside the filing's transaction, so a rolled-back filing gives its
 * number back and a committed one can never share it (the column is unique as well).
 */
export async function nextAppealNumber(
  trx: Db,
  agency: { id: string; slug: string },
  year: number,
): Promise<string> {
  await trx
    .insertInto("appeal_counters")
    .values({ agency_id: agency.id, year, last_value: 0 })
    .onConflict((oc) => oc.columns(["agency_id", "year"]).doNothing())
    .execute();
  const row = await trx
    .updateTable("appeal_counters")
    .set((eb) => ({ last_value: eb("last_value", "+", 1) }))
    .where("agency_id", "=", agency.id)
    .where("year", "=", year)
    .returning("last_value")
    .executeTakeFirstOrThrow();
  const prefix = agency.slug.toUpperCase();
  return `${prefix}-${year}-${String(row.last_value).padStart(6, "0")}`;
}

export async function insertAppeal(trx: Db, row: Insertable<AppealsTable>): Promise<void> {
  await trx.insertInto("appeals").values(row).execute();
}

export async function findAppealByNumber(db: Db, number: string): Promise<AppealRow | undefined> {
  return db.selectFrom("appeals").selectAll().where("number", "=", number).executeTakeFirst();
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
  return db
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
    .orderBy("received_at")
    .limit(1)
    .executeTakeFirst();
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
  /** Open appeals due within this many days of `today` (inclusive). */
  dueBefore?: string;
  overdue?: boolean;
  today: string;
  q?: string;
  sort?: "due" | "received" | "received_desc" | "number";
  page?: number;
  pageSize?: number;
}

const OPEN = ["registered", "in_progress", "awaiting_correction", "awaiting_approval"];

/** One body's appeals with filters, search and paging; the total counts every page. */
export async function agencyInbox(
  db: Db,
  agencyId: string,
  f: InboxFilter,
): Promise<{ rows: AppealRow[]; total: number }> {
  let q = db.selectFrom("appeals").where("agency_id", "=", agencyId);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.kind) q = q.where("kind", "=", f.kind);
  if (f.channel) q = q.where("channel", "=", f.channel);
  if (f.executorId) q = q.where("executor_id", "=", f.executorId);
  if (f.overdue) q = q.where("status", "in", OPEN).where("due_on", "<", f.today);
  if (f.dueBefore) {
    q = q
      .where("status", "in", OPEN)
      .where("due_on", ">=", f.today)
      .where("due_on", "<=", f.dueBefore);
  }
  if (f.q?.trim()) {
    const term = f.q.trim();
    q = q.where((eb) =>
      eb.or([
        containsCi("number", term),
        containsCi("subject", term),
        containsCi("applicant_name", term),
      ]),
    );
  }
  const pageSize = Math.min(Math.max(f.pageSize ?? 25, 1), 100);
  const page = Math.max(f.page ?? 1, 1);
  let rowsQ = q.selectAll();
  switch (f.sort ?? "due") {
    case "received":
      rowsQ = rowsQ.orderBy("received_at", "asc");
      break;
    case "received_desc":
      rowsQ = rowsQ.orderBy("received_at", "desc");
      break;
    case "number":
      rowsQ = rowsQ.orderBy("number", "asc");
      break;
    default:
      rowsQ = rowsQ.orderBy("due_on", "asc").orderBy("received_at", "asc");
  }
  const [rows, count] = await Promise.all([
    rowsQ
      .orderBy("id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
