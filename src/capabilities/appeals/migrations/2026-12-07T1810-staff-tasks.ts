import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

/**
 * Staff notices and "my tasks": how each member of staff wants to hear of their work
 * (immediately, once a day, or not at all), the day's events waiting for the digest, and the
 * inbox filters a person saved under a name.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("appeal_staff_notice_settings")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id"))
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("appeal_staff_digest")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("notice", "text", (c) => c.notNull())
    .addColumn("appeal_id", "text", (c) => c.notNull().references("appeals.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("appeal_staff_digest_pending")
    .on("appeal_staff_digest")
    .columns(["sent_at", "account_id", "created_at"])
    .execute();
  await db.schema
    .createTable("appeal_saved_views")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("appeal_saved_views_name", ["account_id", "agency_id", "name"])
    .execute();
}
