import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Files published with a version of a draft (annexes, scans). The content lives in the
  // content-addressed attachment store under `sha256`, shared with every other row of the same
  // content; the unreferenced-file sweep looks rows up by it.
  await db.schema
    .createTable("consultation_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("consultation_files_version")
    .on("consultation_files")
    .columns(["consultation_id", "version", "created_at"])
    .execute();
  await db.schema
    .createIndex("consultation_files_sha256")
    .on("consultation_files")
    .columns(["sha256"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("consultation_files").execute();
}
