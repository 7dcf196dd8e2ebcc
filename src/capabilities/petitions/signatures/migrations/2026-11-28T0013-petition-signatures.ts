import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per person (by IIN) and petition, written only by inserts while signing runs: the
  // unique constraint on (petition_id, iin) is what keeps a person to one signature, even with
  // several instances on one database. Withdrawal deletes the row; invalidation keeps it
  // (marked, with the reason) so the person cannot sign again. The public list shows
  // `given_name` and `surname_initial` only. The address is kept as a keyed hash (bursts from
  // one address) and its network (/24 for IPv4, /48 for IPv6), never in full.
  await db.schema
    .createTable("petition_signatures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("petition_id", "text", (c) => c.notNull().references("petitions.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("iin", "text", (c) => c.notNull())
    .addColumn("given_name", "text", (c) => c.notNull())
    .addColumn("surname_initial", "text", (c) => c.notNull())
    .addColumn("region_code", "text")
    .addColumn("district_code", "text")
    .addColumn("notify", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("address_hash", "text")
    .addColumn("subnet", "text")
    .addColumn("email_domain", "text")
    .addColumn("signed_at", "text", (c) => c.notNull())
    .addColumn("invalidated_at", "text")
    .addColumn("invalidation_reason", "text")
    .addColumn("invalidated_by", "text")
    .addUniqueConstraint("petition_signatures_person", ["petition_id", "iin"])
    .execute();
  await db.schema
    .createIndex("petition_signatures_recent")
    .on("petition_signatures")
    .columns(["petition_id", "signed_at"])
    .execute();
  await db.schema
    .createIndex("petition_signatures_account")
    .on("petition_signatures")
    .columns(["account_id"])
    .execute();

  // The published count: valid signatures per petition and district of the signers ('' when
  // unknown), changed once per committed batch (by the batch's number), never once per signature.
  await db.schema
    .createTable("petition_signature_tallies")
    .addColumn("petition_id", "text", (c) => c.notNull().references("petitions.id"))
    .addColumn("district_code", "text", (c) => c.notNull())
    .addColumn("signatures", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("petition_signature_tallies_pk", ["petition_id", "district_code"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("petition_signature_tallies").execute();
  await db.schema.dropTable("petition_signatures").execute();
}
