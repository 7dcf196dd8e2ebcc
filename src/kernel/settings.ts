import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { Clock } from "./clock.js";

/** A small key-value store for instance-wide facts (e.g. that demo data was loaded). */
export async function getSetting(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.value;
}

export async function setSetting(
  db: Kysely<Database>,
  clock: Clock,
  key: string,
  value: string,
): Promise<void> {
  const updated_at = clock.now().toISOString();
  await db
    .insertInto("settings")
    .values({ key, value, updated_at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at }))
    .execute();
}
