import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The territory (KATO code, district level) of a person's registered address, as the eID
  // provider states it: decides who may vote or sign where the law limits it to residents.
  await db.schema.alterTable("accounts").addColumn("residence_code", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("accounts").dropColumn("residence_code").execute();
}
