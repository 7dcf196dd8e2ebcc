import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("calendar_years")
    .addColumn("jurisdiction", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("calendar_years_pk", ["jurisdiction", "year"])
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("seq", pg ? "bigserial" : "integer", (c) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("data", "text", (c) => c.notNull())
    // Unique: two records can never claim the same predecessor, so the chain cannot fork.
    .addColumn("prev_hash", "text", (c) => c.notNull().unique())
    .addColumn("hash", "text", (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createIndex("audit_events_subject")
    .on("audit_events")
    .columns(["subject_type", "subject_id", "seq"])
    .execute();

  // The audit record is append-only at the database level too, not just by convention.
  if (pg) {
    await sql`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`.execute(db);
    await sql`
      CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
    await sql`
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_events").execute();
  if (isPostgres(db)) await sql`DROP FUNCTION IF EXISTS audit_events_append_only`.execute(db);
  await db.schema.dropTable("calendar_years").execute();
  await db.schema.dropTable("settings").execute();
}
