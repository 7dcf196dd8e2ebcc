import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Whether the signer agreed to appear (given name and surname initial) in the public list of
  // signers. Signatures made before the choice existed were made under the rule that showed
  // them, so they stay shown.
  await db.schema
    .alterTable("petition_signatures")
    .addColumn("show_name", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("petition_signatures").dropColumn("show_name").execute();
}
