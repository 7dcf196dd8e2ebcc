import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

/**
 * Indexes a new appeal need not be written into. Each column below is empty (NULL) when an
 * appeal is filed — the number before short numbers (`legacy_number`) always, the applicant's
 * account or IIN when the person has none (at a desk, through an integrator, anonymous) — and
 * every query that reads these indexes asks for a value (`= ?`, `IN (…)`, a range), never
 * for an empty one. So each index now holds only the rows that have a value (a partial index, on
 * SQLite and PostgreSQL alike): the same queries pick them with the same plans, and a filing
 * writes up to four B-trees fewer. `appeals_legacy_number` stays unique: empty values never
 * clashed, so the rule is the same. (`appeals_inbox_legacy_number` stays whole although its
 * second column is just as empty: it is the narrowest index by body, which SQLite walks for
 * the inbox's capped counts; a partial one would send those counts to a wider index. And
 * `appeals_executor` stays whole: PostgreSQL finds the inbox's "new" tab, `executor_id IS
 * NULL`, through it.)
 */
const PARTIAL: { name: string; columns: string[]; on: string; unique?: boolean }[] = [
  { name: "appeals_legacy_number", columns: ["legacy_number"], on: "legacy_number", unique: true },
  {
    name: "appeals_duplicate_iin",
    columns: ["applicant_iin", "agency_id", "body_hash"],
    on: "applicant_iin",
  },
  {
    name: "appeals_duplicate",
    columns: ["applicant_account_id", "agency_id", "body_hash", "received_at"],
    on: "applicant_account_id",
  },
  {
    name: "appeals_applicant",
    columns: ["applicant_account_id", "received_at"],
    on: "applicant_account_id",
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of PARTIAL) {
    // Re-runnable: SQLite runs a migration outside a transaction, so a stop half-way through
    // leaves each index either whole or partial, and the next start finishes the work.
    await db.schema.dropIndex(index.name).ifExists().execute();
    let create = db.schema
      .createIndex(index.name)
      .ifNotExists()
      .on("appeals")
      .columns(index.columns)
      .where(index.on as never, "is not", null);
    if (index.unique) create = create.unique();
    await create.execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of PARTIAL) {
    await db.schema.dropIndex(index.name).ifExists().execute();
    let create = db.schema.createIndex(index.name).on("appeals").columns(index.columns);
    if (index.unique) create = create.unique();
    await create.execute();
  }
}
