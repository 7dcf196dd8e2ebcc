import type { Kysely, Transaction } from "kysely";
import { type KernelTables, kernelDb } from "./audit/audit.table.js";
import type { Clock } from "./clock.js";

/** A small key-value store for instance-wide facts (e.g. that demo data was loaded). */
export async function getSetting<DB extends KernelTables>(
  db: Kysely<DB> | Transaction<DB>,
  key: string,
): Promise<string | undefined> {
  const row = await kernelDb(db)
    .selectFrom("settings")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.value;
}

export async function setSetting<DB extends KernelTables>(
  db: Kysely<DB> | Transaction<DB>,
  clock: Clock,
  key: string,
  value: string,
): Promise<void> {
  const updated_at = clock.now().toISOString();
  await kernelDb(db)
    .insertInto("settings")
    .values({ key, value, updated_at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at }))
    .execute();
}

/**
 * Stores `value` unless the key already has one, and returns the value that holds: the first
 * writer wins when several instances start at once.
 */
export async function settleSetting<DB extends KernelTables>(
  db: Kysely<DB> | Transaction<DB>,
  clock: Clock,
  key: string,
  value: string,
): Promise<string> {
  await kernelDb(db)
    .insertInto("settings")
    .values({ key, value, updated_at: clock.now().toISOString() })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return (await getSetting(db, key)) ?? value;
}
