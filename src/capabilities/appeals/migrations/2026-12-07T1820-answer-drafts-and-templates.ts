import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

/**
 * The answer being drafted, kept apart from the sent answer on the appeal: one row per appeal,
 * written on every save (each submit of the answer form, and the page's autosave), so nothing
 * typed is lost to a failed check or a file upload; removed when the answer is sent for
 * approval. And the response templates of each body, with placeholders filled from the case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("appeal_answer_drafts")
    .addColumn("appeal_id", "text", (c) => c.primaryKey().references("appeals.id"))
    .addColumn("outcome", "text")
    .addColumn("basis", "text")
    .addColumn("text", "text")
    .addColumn("language", "text")
    .addColumn("saved_by_id", "text", (c) => c.notNull())
    .addColumn("saved_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("appeal_answer_templates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("text_kk", "text")
    .addColumn("text_ru", "text")
    .addColumn("text_en", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("appeal_answer_templates_agency")
    .on("appeal_answer_templates")
    .columns(["agency_id", "title"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("appeal_answer_templates_agency").execute();
  await db.schema.dropTable("appeal_answer_templates").execute();
  await db.schema.dropTable("appeal_answer_drafts").execute();
}
