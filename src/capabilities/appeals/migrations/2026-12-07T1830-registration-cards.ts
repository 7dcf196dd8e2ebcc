import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

/**
 * The registration card of an appeal taken at the desk (the registry office's регистрационно-
 * контрольная карточка): the incoming letter's own number and date, its sheets, who sent it
 * (the person, another body, a deputy, the akim's blog, …), how the answer is to be delivered
 * and whether the appeal is under control. Its scans are rows of `appeal_attachments` with the
 * purpose `scan` (staff only). Each registrar's last choices are kept to pre-fill the form.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("appeal_cards")
    .addColumn("appeal_id", "text", (c) => c.primaryKey().references("appeals.id"))
    .addColumn("letter_number", "text")
    .addColumn("letter_date", "text")
    .addColumn("sheets", "integer")
    .addColumn("correspondent", "text", (c) => c.notNull())
    .addColumn("correspondent_agency_id", "text")
    .addColumn("correspondent_reference", "text")
    .addColumn("answer_delivery", "text", (c) => c.notNull())
    .addColumn("under_control", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("registrar_defaults")
    .addColumn("account_id", "text", (c) => c.primaryKey())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("correspondent", "text", (c) => c.notNull())
    .addColumn("answer_delivery", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("registrar_defaults").execute();
  await db.schema.dropTable("appeal_cards").execute();
}
