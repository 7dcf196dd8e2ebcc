import { pathToFileURL } from "node:url";
import { rebuildAppealStats } from "../capabilities/appeals/index.js";
import { capabilities } from "../capabilities/index.js";
import { openDatabase } from "../db/database.js";
import { createCalendarRegistry } from "../kernel/calendar/index.js";
import { loadImportedCalendarYears } from "../kernel/calendar/store.js";
import { ConfigError, loadConfig } from "../platform/config.js";
import { migrateToLatest } from "../platform/migrate.js";

/**
 * `npm run stats-rebuild`: recomputes the appeal statistics from the appeals (same
 * configuration as the server, from the environment). Safe while Halyq runs: one transaction.
 * Returns the process exit code.
 */
export async function run(out: Pick<Console, "log" | "error"> = console): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      out.error(err.message);
      return 2;
    }
    throw err;
  }
  const db = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db.kysely, capabilities);
    const calendars = createCalendarRegistry(await loadImportedCalendarYears(db.kysely), {
      fallback: config.defaultJurisdiction,
    });
    const started = Date.now();
    const done = await rebuildAppealStats(db.kysely, calendars);
    out.log(
      `Appeal statistics rebuilt from ${done.appeals} appeal(s): ${done.rows} row(s) in ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  run().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
