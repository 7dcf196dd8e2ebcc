import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import type { AppContext } from "../../../platform/manifest.js";

/**
 * Runs `work` in a transaction, or inside the caller's when `ctx.db.kysely` already is one
 * (demo data is loaded in one transaction with every capability's).
 */
export function inTransaction<T>(
  ctx: AppContext,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const db = ctx.db.kysely;
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
