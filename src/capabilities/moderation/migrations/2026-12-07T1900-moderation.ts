import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // "Report this": one row per person and item (a second report by the same person counts once).
  // The item belongs to its own capability; `kind` and `item_id` name it, `agency_id` is its body.
  await db.schema
    .createTable("moderation_reports")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("moderation_reports_pk", ["kind", "item_id", "account_id"])
    .execute();
  // A person's reports by time: the hourly limit.
  await db.schema
    .createIndex("moderation_reports_account")
    .on("moderation_reports")
    .columns(["account_id", "created_at"])
    .execute();
  // A moderator's decision on an item: the latest one takes it out of the queue until a
  // report newer than it brings it back. Reason from the closed list, the note as written.
  await db.schema
    .createTable("moderation_reviews")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("note", "text")
    .addColumn("reviewed_by_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("reviewed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("moderation_reviews_pk", ["kind", "item_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("moderation_reviews").execute();
  await db.schema.dropTable("moderation_reports").execute();
}
