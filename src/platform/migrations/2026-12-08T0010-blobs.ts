import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // Attached files kept in the database (BLOB_STORE=postgres), by the SHA-256 of their content.
  // On SQLite the table exists but stays empty: files live under the data directory there.
  await db.schema
    .createTable("blobs")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("bytes", postgres ? "bytea" : "blob", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("touched_at", "text", (c) => c.notNull())
    .execute();
  // PDFs, JPEGs and PNGs are compressed already: kept out of line without trying to compress.
  if (postgres) await sql`ALTER TABLE blobs ALTER COLUMN bytes SET STORAGE EXTERNAL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("blobs").execute();
}
