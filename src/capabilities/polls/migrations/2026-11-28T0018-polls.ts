import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

/** SQLite keeps rows of an ordinary table in rowid order, i.e. insertion order: not for ballots. */
function isSqlite(db: Kysely<unknown>): boolean {
  return !(db.getExecutor().adapter instanceof PostgresAdapter);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // A survey or a vote. Questions and, once published, results are JSON; times are UTC text.
  await db.schema
    .createTable("polls")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title_kk", "text")
    .addColumn("title_ru", "text")
    .addColumn("title_en", "text")
    .addColumn("description_kk", "text")
    .addColumn("description_ru", "text")
    .addColumn("description_en", "text")
    .addColumn("questions", "text", (c) => c.notNull())
    .addColumn("eligibility", "text", (c) => c.notNull())
    .addColumn("territory_code", "text")
    .addColumn("eligible_count", "integer")
    .addColumn("opens_at", "text", (c) => c.notNull())
    .addColumn("closes_at", "text", (c) => c.notNull())
    .addColumn("live_results", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("results", "text")
    .addColumn("voters_count", "integer")
    .addColumn("published_at", "text")
    .addColumn("created_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("polls_status")
    .on("polls")
    .columns(["status", "closes_at"])
    .execute();
  await db.schema.createIndex("polls_agency").on("polls").columns(["agency_id"]).execute();

  // Voters and ballots share nothing but the poll: no ids, no times, no sequence. On SQLite
  // both are WITHOUT ROWID tables, so rows are stored in key order (a keyed hash, a random id),
  // not in the order they were written. Ballots are written in shuffled batches.
  const sqlite = isSqlite(db);
  if (sqlite) {
    await sql`CREATE TABLE poll_voters (
      poll_id text NOT NULL REFERENCES polls(id),
      voter_key text NOT NULL,
      voted_on text NOT NULL,
      PRIMARY KEY (poll_id, voter_key)
    ) WITHOUT ROWID`.execute(db);
    await sql`CREATE TABLE poll_ballots (
      poll_id text NOT NULL REFERENCES polls(id),
      id text NOT NULL,
      answers text NOT NULL,
      PRIMARY KEY (poll_id, id)
    ) WITHOUT ROWID`.execute(db);
    await sql`CREATE TABLE poll_texts (
      poll_id text NOT NULL REFERENCES polls(id),
      id text NOT NULL,
      question_id text NOT NULL,
      body text NOT NULL,
      status text NOT NULL,
      moderated_by_id text REFERENCES accounts(id),
      moderated_at text,
      PRIMARY KEY (poll_id, id)
    ) WITHOUT ROWID`.execute(db);
  } else {
    await db.schema
      .createTable("poll_voters")
      .addColumn("poll_id", "text", (c) => c.notNull().references("polls.id"))
      .addColumn("voter_key", "text", (c) => c.notNull())
      .addColumn("voted_on", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("poll_voters_pk", ["poll_id", "voter_key"])
      .execute();
    await db.schema
      .createTable("poll_ballots")
      .addColumn("poll_id", "text", (c) => c.notNull().references("polls.id"))
      .addColumn("id", "text", (c) => c.notNull())
      .addColumn("answers", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("poll_ballots_pk", ["poll_id", "id"])
      .execute();
    await db.schema
      .createTable("poll_texts")
      .addColumn("poll_id", "text", (c) => c.notNull().references("polls.id"))
      .addColumn("id", "text", (c) => c.notNull())
      .addColumn("question_id", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("moderated_by_id", "text", (c) => c.references("accounts.id"))
      .addColumn("moderated_at", "text")
      .addPrimaryKeyConstraint("poll_texts_pk", ["poll_id", "id"])
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("poll_texts").execute();
  await db.schema.dropTable("poll_ballots").execute();
  await db.schema.dropTable("poll_voters").execute();
  await db.schema.dropTable("polls").execute();
}
