import fs from "node:fs";
import pino from "pino";
import { recountCycle } from "../capabilities/budgets/index.js";
import { capabilities } from "../capabilities/index.js";
import { dialectOf, openDatabase, sqlitePath } from "../db/database.js";
import { appendAudit, systemActor, verifyAuditChain } from "../kernel/audit/audit.js";
import { jurisdictionRules } from "../kernel/calendar/index.js";
import { importCalendarYear } from "../kernel/calendar/store.js";
import { systemClock } from "../kernel/clock.js";
import { backupSqlite, restoreSqlite } from "../platform/backup/sqlite-backup.js";
import { ConfigError, loadConfig } from "../platform/config.js";
import { migrateToLatest } from "../platform/migrate.js";
import { DemoRefusedError, loadDemoData, prepareContext } from "../setup.js";
import { verifyLog } from "./verify-log.js";

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate                   apply pending database migrations
  demo                      load demo data into an empty database (refused in production)
  calendar-import <file>    import one year's official working-day calendar (JSON)
  audit-verify              recompute the hash chain of the audit record
  budget-recount <cycleId>  recount a participatory budget from its stored ballots and compare
                            with the published results (exit 0 equal, 1 different, 2 unknown)
  verify-log                the same, naming the first entry that does not match, or printing
                            the log's length and head hash (compare with /api/v1/transparency/head)
  backup <file>             a consistent online backup of the SQLite database (the server may run);
                            for PostgreSQL use pg_dump (docs/operations.md)
  restore <file>            put a backup in place of the SQLite database (stop every instance
                            first), then verify its audit chain; for PostgreSQL use pg_restore
`;

/** Administrative commands: same configuration (environment) as the server. */
export async function run(argv: string[], out = console): Promise<number> {
  const [command, arg] = argv;
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
  if (command === "backup" || command === "restore")
    return backupOrRestore(command, arg, config, out);
  const log = pino({ level: "warn" });
  const db = openDatabase(config.databaseUrl);
  try {
    switch (command) {
      case "migrate": {
        const result = await migrateToLatest(db.kysely, capabilities);
        out.log(`${result.results?.length ?? 0} migration(s) applied`);
        return 0;
      }
      case "demo": {
        const ctx = await prepareContext(
          { ...config, demoData: "off" },
          systemClock,
          log,
          capabilities,
          db,
        );
        const any = await db.kysely.selectFrom("agencies").select("id").limit(1).executeTakeFirst();
        if (any) {
          out.error("The database is not empty: demo data is only loaded into an empty database.");
          return 1;
        }
        // The demo's notices wait in the outbox for the server: nothing is sent after this exits.
        await loadDemoData({ ...ctx, mail: { ...ctx.mail, kick: () => {} } }, capabilities);
        out.log("Demo data loaded.");
        return 0;
      }
      case "calendar-import": {
        if (!arg) {
          out.error("calendar-import needs the path of a JSON file");
          return 2;
        }
        await migrateToLatest(db.kysely, capabilities);
        let data: unknown;
        try {
          data = JSON.parse(fs.readFileSync(arg, "utf8"));
        } catch (err) {
          out.error(`Cannot read ${arg}: ${(err as Error).message}`);
          return 1;
        }
        const code = (data as { jurisdiction?: unknown })?.jurisdiction;
        const rules = jurisdictionRules.find((r) => r.code === code);
        if (!rules) {
          out.error(
            `Unknown jurisdiction ${JSON.stringify(code)}; known: ${jurisdictionRules.map((r) => r.code).join(", ")}`,
          );
          return 1;
        }
        let problems: string[] = [];
        await db.kysely.transaction().execute(async (trx) => {
          problems = await importCalendarYear(trx, systemClock, data, rules.weekend);
          if (problems.length > 0) return;
          const y = data as { jurisdiction: string; year: number };
          await appendAudit(trx, systemClock, [
            {
              actor: systemActor("cli"),
              action: "calendar.imported",
              subjectType: "calendar_year",
              subjectId: `${y.jurisdiction}-${y.year}`,
              data: { file: arg },
            },
          ]);
        });
        if (problems.length > 0) {
          out.error(`Not imported:\n- ${problems.join("\n- ")}`);
          return 1;
        }
        out.log("Calendar imported. Restart Halyq for running instances to use it.");
        return 0;
      }
      case "audit-verify": {
        const result = await verifyAuditChain(db.kysely);
        if (result.brokenAt !== null) {
          out.error(
            `Audit chain broken at record ${result.brokenAt} (${result.checked} verified before it)`,
          );
          return 1;
        }
        out.log(`Audit chain intact: ${result.checked} record(s) verified`);
        return 0;
      }
      case "verify-log":
        return await verifyLog(db.kysely, out);
      case "budget-recount": {
        const r = arg ? await recountCycle(db.kysely, arg) : undefined;
        if (!r) {
          out.error(`Unknown cycle: ${arg ?? "(none given)"}`);
          return 2;
        }
        for (const t of r.recount) {
          const winners = t.projects.filter((p) => p.winner);
          out.log(
            `${t.territory}: ${t.ballots} ballot(s), allocated ${t.allocated} of ${t.amount}; winners: ${
              winners.map((p) => `${p.id} (${p.votes})`).join(", ") || "none"
            }`,
          );
        }
        if (r.differences.length > 0) {
          out.error(`Differs from the published results:\n- ${r.differences.join("\n- ")}`);
          return 1;
        }
        out.log("The recount equals the published results.");
        return 0;
      }
      default:
        out.log(USAGE);
        return command === undefined || command === "help" ? 0 : 2;
    }
  } catch (err) {
    if (err instanceof DemoRefusedError) {
      out.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

/**
 * `backup <file>` and `restore <file>` of the SQLite database the configuration names. Neither
 * opens the database through the app: a backup reads one snapshot while the server runs; a
 * restore replaces the file (with every instance stopped) and then verifies the audit chain.
 */
async function backupOrRestore(
  command: "backup" | "restore",
  file: string | undefined,
  config: ReturnType<typeof loadConfig>,
  out: Pick<Console, "log" | "error">,
): Promise<number> {
  if (!file) {
    out.error(`${command} needs the path of a file`);
    return 2;
  }
  if (dialectOf(config.databaseUrl) === "postgres") {
    out.error(
      command === "backup"
        ? "This database is PostgreSQL: back it up with pg_dump --format=custom (docs/operations.md)."
        : "This database is PostgreSQL: restore it with pg_restore (docs/operations.md).",
    );
    return 2;
  }
  const dbFile = sqlitePath(config.databaseUrl);
  if (dbFile === ":memory:") {
    out.error("An in-memory database has nothing to back up or restore.");
    return 2;
  }
  try {
    if (command === "backup") {
      const r = backupSqlite(dbFile, file);
      out.log(`Backup written: ${r.file} (${r.bytes} bytes, ${r.pages} pages, integrity ok)`);
      return 0;
    }
    if (!fs.existsSync(file)) {
      out.error(`No such backup: ${file}`);
      return 1;
    }
    const r = restoreSqlite(file, dbFile);
    out.log(`Restored ${r.file} from ${file} (${r.bytes} bytes, integrity ok)`);
  } catch (err) {
    out.error((err as Error).message);
    return 1;
  }
  const db = openDatabase(config.databaseUrl);
  try {
    const result = await verifyAuditChain(db.kysely);
    if (result.brokenAt !== null) {
      out.error(
        `Audit chain broken at record ${result.brokenAt} (${result.checked} verified before it)`,
      );
      return 1;
    }
    out.log(`Audit chain intact: ${result.checked} record(s) verified`);
    return 0;
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.slice(2)).then((code) => process.exit(code));
}
