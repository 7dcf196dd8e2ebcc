import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(_db: Kysely<unknown>): Promise<void> {
  // Filled in by the capability that owns these tables.
}

export async function down(_db: Kysely<unknown>): Promise<void> {}
