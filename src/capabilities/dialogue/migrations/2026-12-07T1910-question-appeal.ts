import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

/** A dialogue question registered as an appeal keeps the appeal it became and its number. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("dialogue_questions").addColumn("appeal_id", "text").execute();
  await db.schema.alterTable("dialogue_questions").addColumn("appeal_number", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("dialogue_questions").dropColumn("appeal_number").execute();
  await db.schema.alterTable("dialogue_questions").dropColumn("appeal_id").execute();
}
