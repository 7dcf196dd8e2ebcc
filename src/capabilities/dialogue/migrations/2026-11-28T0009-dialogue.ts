import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Questions to a body's head. The asker's words stay as written (`subject`, `body`); what the
  // public reads is set at approval (`published_*`), so moderation never loses the original.
  // Dates a person reads and working days are counted on are plain `YYYY-MM-DD` text in the
  // body's time zone; instants are ISO UTC.
  await db.schema
    .createTable("dialogue_questions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("asker_account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("asked_at", "text", (c) => c.notNull())
    .addColumn("asked_on", "text", (c) => c.notNull())
    .addColumn("moderated_at", "text")
    .addColumn("moderated_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("reject_reason", "text")
    .addColumn("published_subject", "text")
    .addColumn("published_body", "text")
    .addColumn("published_on", "text")
    .addColumn("answer_body", "text")
    .addColumn("answered_at", "text")
    .addColumn("answered_on", "text")
    .addColumn("answered_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // A body's queues and public lists: by status, oldest first.
  await db.schema
    .createIndex("dialogue_questions_agency_status")
    .on("dialogue_questions")
    .columns(["agency_id", "status", "asked_at"])
    .execute();
  await db.schema
    .createIndex("dialogue_questions_asker")
    .on("dialogue_questions")
    .columns(["asker_account_id", "asked_at"])
    .execute();
  // "I have this question too": one row per person and question, deleted when withdrawn.
  await db.schema
    .createTable("dialogue_supports")
    .addColumn("question_id", "text", (c) => c.notNull().references("dialogue_questions.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("dialogue_supports_pk", ["question_id", "account_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("dialogue_supports").execute();
  await db.schema.dropTable("dialogue_questions").execute();
}
