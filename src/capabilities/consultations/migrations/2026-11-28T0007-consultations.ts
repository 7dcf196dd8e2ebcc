import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A draft act under public discussion. Its metadata is in all three languages; what is
  // discussed is its versions (each with its own window and report).
  await db.schema
    .createTable("consultations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("title_kk", "text", (c) => c.notNull())
    .addColumn("title_ru", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("summary_kk", "text", (c) => c.notNull())
    .addColumn("summary_ru", "text", (c) => c.notNull())
    .addColumn("summary_en", "text", (c) => c.notNull())
    .addColumn("current_version", "integer", (c) => c.notNull())
    .addColumn("created_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("consultations_agency")
    .on("consultations")
    .columns(["agency_id", "created_at"])
    .execute();

  // Windows are plain `YYYY-MM-DD` dates in the body's time zone, both days included.
  await db.schema
    .createTable("consultation_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("opens_on", "text", (c) => c.notNull())
    .addColumn("closes_on", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("published_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("report_published_at", "text")
    .addColumn("report_published_by_id", "text", (c) => c.references("accounts.id"))
    .addUniqueConstraint("consultation_versions_number", ["consultation_id", "number"])
    .execute();
  await db.schema
    .createIndex("consultation_versions_closes")
    .on("consultation_versions")
    .columns(["closes_on"])
    .execute();

  await db.schema
    .createTable("consultation_paragraphs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("version_id", "text", (c) => c.notNull().references("consultation_versions.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("text_kk", "text")
    .addColumn("text_ru", "text")
    .addColumn("text_en", "text")
    .addUniqueConstraint("consultation_paragraphs_number", ["version_id", "number"])
    .execute();

  // A hidden comment keeps its text: the moderation columns say why it is not shown.
  await db.schema
    .createTable("consultation_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id"))
    .addColumn("version_id", "text", (c) => c.notNull().references("consultation_versions.id"))
    .addColumn("paragraph_number", "integer")
    .addColumn("author_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_on", "text", (c) => c.notNull())
    .addColumn("hidden_at", "text")
    .addColumn("hidden_reason", "text")
    .addColumn("hidden_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("answer", "text")
    .addColumn("answer_reason", "text")
    .addColumn("answered_at", "text")
    .addColumn("answered_by_id", "text", (c) => c.references("accounts.id"))
    .execute();
  await db.schema
    .createIndex("consultation_comments_version")
    .on("consultation_comments")
    .columns(["version_id", "paragraph_number", "created_at"])
    .execute();
  await db.schema
    .createIndex("consultation_comments_consultation")
    .on("consultation_comments")
    .columns(["consultation_id", "created_on"])
    .execute();

  await db.schema
    .createTable("consultation_votes")
    .addColumn("comment_id", "text", (c) => c.notNull().references("consultation_comments.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("value", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("consultation_votes_pk", ["comment_id", "account_id"])
    .execute();

  await db.schema
    .createTable("consultation_subscriptions")
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("consultation_subscriptions_pk", ["consultation_id", "account_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("consultation_subscriptions").execute();
  await db.schema.dropTable("consultation_votes").execute();
  await db.schema.dropTable("consultation_comments").execute();
  await db.schema.dropTable("consultation_paragraphs").execute();
  await db.schema.dropTable("consultation_versions").execute();
  await db.schema.dropTable("consultations").execute();
}
