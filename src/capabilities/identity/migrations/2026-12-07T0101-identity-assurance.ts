import { type Kysely, sql } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // How sure Halyq is of who holds an account: 'declared' (typed at registration), 'eid' (the
  // national e-ID stated it) or 'in_person' (a registrar checked a document at the desk).
  await db.schema
    .alterTable("accounts")
    .addColumn("identity_assurance", "text", (c) => c.notNull().defaultTo("declared"))
    .execute();
  await db.schema.alterTable("accounts").addColumn("identity_verified_at", "text").execute();
  // Accounts already linked to the e-ID had their IIN from it.
  await sql`UPDATE accounts SET identity_assurance = 'eid', identity_verified_at = updated_at
    WHERE oidc_subject IS NOT NULL`.execute(db);

  // Each verification at a registrar's desk: which document, whose, by whom and when.
  await db.schema
    .createTable("identity_verifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("iin", "text", (c) => c.notNull())
    .addColumn("document_kind", "text", (c) => c.notNull())
    .addColumn("document_reference", "text", (c) => c.notNull())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("verified_by", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("verified_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("identity_verifications_account")
    .on("identity_verifications")
    .column("account_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("identity_verifications").execute();
  await db.schema.alterTable("accounts").dropColumn("identity_verified_at").execute();
  await db.schema.alterTable("accounts").dropColumn("identity_assurance").execute();
}
