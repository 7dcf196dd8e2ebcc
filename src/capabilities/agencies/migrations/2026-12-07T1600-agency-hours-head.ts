import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

const COLUMNS = ["hours_kk", "hours_ru", "hours_en", "head_kk", "head_ru", "head_en"] as const;

/**
 * A body's working hours and the name of its head, each in the three languages (a name is
 * spelt differently in Kazakh, Russian and English); empty until the administrator gives them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema.alterTable("agencies").addColumn(column, "text").execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of [...COLUMNS].reverse()) {
    await db.schema.alterTable("agencies").dropColumn(column).execute();
  }
}
