import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Wrong passwords and codes, counted per (account, client): a device that signed in before,
  // an address, or every other client together. Keys and subjects are keyed hashes, so the
  // table holds neither addresses nor e-mail addresses.
  await db.schema
    .createTable("sign_in_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_failure_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sign_in_throttle_subject")
    .on("sign_in_throttle")
    .column("subject")
    .execute();
  // The per-account lock these replace let anyone sign a person out and keep them out.
  await db.schema.alterTable("accounts").dropColumn("failed_logins").execute();
  await db.schema.alterTable("accounts").dropColumn("locked_until").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("accounts").addColumn("locked_until", "text").execute();
  await db.schema
    .alterTable("accounts")
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.dropTable("sign_in_throttle").execute();
}
