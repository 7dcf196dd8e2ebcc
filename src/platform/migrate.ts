import { type Kysely, type Migration, type MigrationResultSet, Migrator } from "kysely";
import { migrations as kernelMigrations } from "../kernel/migrations/index.js";
import type { CapabilityManifest } from "./manifest.js";
import { migrations as platformMigrations } from "./migrations/index.js";

/**
 * Every migration of this build: the kernel's, the platform's and each capability's (listed in
 * its manifest). Kysely applies them in the order of their names, which are frozen.
 */
export function collectMigrations(
  capabilities: readonly CapabilityManifest[],
): Record<string, Migration> {
  const all: Record<string, Migration> = { ...kernelMigrations, ...platformMigrations };
  for (const c of capabilities)
    for (const [name, m] of Object.entries(c.migrations ?? {})) {
      if (all[name]) throw new Error(`Migration ${name} is listed twice (${c.name})`);
      all[name] = m;
    }
  return all;
}

/** Applies every pending migration; throws with the failing migration's name on error. */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  capabilities: readonly CapabilityManifest[],
): Promise<MigrationResultSet> {
  const migrations = collectMigrations(capabilities);
  const migrator = new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed`, { cause: result.error });
  }
  return result;
}
