import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A body's news item or official information page. The working copy (`draft_*`) is what
  // staff write and a head or moderator approves; approving copies it to the public copy
  // (title_*, body_*), so a published page stays as it was while an edit awaits approval.
  // `state` is the working copy's step; `published_at` the first approval (a news item's
  // date), `updated_at` the last ("last updated"), `unpublished_at` set while withdrawn.
  // One information page per body and section (news has no section; NULLs never clash).
  await db.schema
    .createTable("publications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("section", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("draft_title_kk", "text")
    .addColumn("draft_title_ru", "text")
    .addColumn("draft_title_en", "text")
    .addColumn("draft_body_kk", "text")
    .addColumn("draft_body_ru", "text")
    .addColumn("draft_body_en", "text")
    .addColumn("title_kk", "text")
    .addColumn("title_ru", "text")
    .addColumn("title_en", "text")
    .addColumn("body_kk", "text")
    .addColumn("body_ru", "text")
    .addColumn("body_en", "text")
    .addColumn("return_reason", "text")
    .addColumn("created_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("edited_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("submitted_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("submitted_at", "text")
    .addColumn("published_at", "text")
    .addColumn("updated_at", "text")
    .addColumn("unpublished_at", "text")
    .addColumn("changed_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("publications_section", ["agency_id", "section"])
    .execute();
  await db.schema
    .createIndex("publications_public")
    .on("publications")
    .columns(["kind", "published_at"])
    .execute();
  await db.schema
    .createIndex("publications_agency")
    .on("publications")
    .columns(["agency_id", "kind", "published_at"])
    .execute();

  // Every approval and withdrawal, with the texts approved: the page's history, and the
  // freshness of a body's information as it stood on any past day.
  await db.schema
    .createTable("publication_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("publication_id", "text", (c) => c.notNull().references("publications.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("section", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("title_kk", "text")
    .addColumn("title_ru", "text")
    .addColumn("title_en", "text")
    .addColumn("body_kk", "text")
    .addColumn("body_ru", "text")
    .addColumn("body_en", "text")
    .addColumn("reason", "text")
    .execute();
  await db.schema
    .createIndex("publication_versions_agency")
    .on("publication_versions")
    .columns(["agency_id", "kind", "at"])
    .execute();
  await db.schema
    .createIndex("publication_versions_publication")
    .on("publication_versions")
    .columns(["publication_id", "at"])
    .execute();

  // The portal survey: one answer per row with nothing about who gave it (no account, no
  // session, no time of day), only where in the portal it was asked and the day.
  await db.schema
    .createTable("survey_answers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("context", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("survey_answers_context")
    .on("survey_answers")
    .columns(["context", "day"])
    .execute();

  // Keyed hashes that stop a second answer from the same browser session to the same
  // question on the same day; not linked to any answer, deleted once the day has passed.
  await db.schema
    .createTable("survey_receipts")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("day", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("survey_receipts_day")
    .on("survey_receipts")
    .columns(["day"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("survey_receipts").execute();
  await db.schema.dropTable("survey_answers").execute();
  await db.schema.dropTable("publication_versions").execute();
  await db.schema.dropTable("publications").execute();
}
