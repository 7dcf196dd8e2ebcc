import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

/**
 * The register of outgoing documents a body signs (an appeal's answer letter, its notices): one
 * row per document, with the SHA-256 of the PDF and of its detached signature in the file store,
 * who signed, when, and with which certificate. The public verification page reads it by number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("document_signatures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("agency_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject_ref", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("document_sha256", "text", (c) => c.notNull())
    .addColumn("document_size", "integer", (c) => c.notNull())
    .addColumn("signature_sha256", "text")
    .addColumn("provider", "text")
    .addColumn("demo_key", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("signer_account_id", "text", (c) => c.notNull())
    .addColumn("signer_name", "text", (c) => c.notNull())
    .addColumn("signer_position", "text", (c) => c.notNull())
    .addColumn("signed_at", "text", (c) => c.notNull())
    .addColumn("certificate_subject", "text")
    .addColumn("certificate_serial", "text")
    .addColumn("certificate_fingerprint", "text")
    .execute();
  await db.schema
    .createIndex("document_signatures_subject")
    .on("document_signatures")
    .columns(["subject_ref", "kind"])
    .execute();
  await db.schema
    .createIndex("document_signatures_document")
    .on("document_signatures")
    .column("document_sha256")
    .execute();
}
