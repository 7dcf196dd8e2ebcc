import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Keys an administrator issues to an integrator's system for Open311. Only the SHA-256 of
  // the key is kept (hex), so a stolen copy of the database files no request.
  await db.schema
    .createTable("open311_api_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("contact", "text", (c) => c.notNull())
    .addColumn("created_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("revoked_at", "text")
    .execute();

  // Each request filed through Open311: its token (the spec's `tokens/{id}`), the appeal it
  // became and the key that filed it. Written in the filing's transaction.
  await db.schema
    .createTable("open311_requests")
    .addColumn("token", "text", (c) => c.primaryKey())
    .addColumn("appeal_id", "text", (c) => c.notNull().unique().references("appeals.id"))
    .addColumn("api_key_id", "text", (c) => c.notNull().references("open311_api_keys.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // Open311's list of requests is by time across every body (the last 90 days by default).
  await db.schema.createIndex("appeals_received").on("appeals").columns(["received_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("appeals_received").execute();
  await db.schema.dropTable("open311_requests").execute();
  await db.schema.dropTable("open311_api_keys").execute();
}
