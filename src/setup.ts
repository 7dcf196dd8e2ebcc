import type { FastifyBaseLogger } from "fastify";
import type { Config } from "./config.js";
import { type Db, openDatabase } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { appendAudit, systemActor } from "./kernel/audit/audit.js";
import { createCalendarRegistry } from "./kernel/calendar/index.js";
import { loadImportedCalendarYears } from "./kernel/calendar-store.js";
import type { Clock } from "./kernel/clock.js";
import type { AppContext, CapabilityManifest } from "./kernel/manifest.js";
import { PageCache } from "./kernel/page-cache.js";
import { getSetting, setSetting } from "./kernel/settings.js";

export const DEMO_SETTING = "demo_data";

export class DemoRefusedError extends Error {
  constructor() {
    super("Demo data is refused when NODE_ENV=production");
    this.name = "DemoRefusedError";
  }
}

/** True when no capability has stored anything yet: the only time demo data may be loaded. */
async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.kysely.selectFrom("agencies").select("id").limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Loads every capability's demo records in one transaction and marks the instance as a demo,
 * so every page says so. Refused in production.
 */
export async function loadDemoData(
  ctx: AppContext,
  capabilities: CapabilityManifest[],
): Promise<void> {
  if (ctx.config.nodeEnv === "production") throw new DemoRefusedError();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const c of capabilities) if (c.seedDemo) await c.seedDemo(ctx, trx);
    await setSetting(trx, ctx.clock, DEMO_SETTING, "true");
    await appendAudit(trx, ctx.clock, [
      {
        actor: systemActor("setup"),
        action: "demo.loaded",
        subjectType: "instance",
        subjectId: "demo",
      },
    ]);
  });
  ctx.instance.demo = true;
  ctx.pageCache.invalidate();
}

/**
 * Opens the database, applies migrations, builds the calendars (built-in years overridden by
 * imported ones) and, on an empty database outside production, loads the demo data.
 */
export async function prepareContext(
  config: Config,
  clock: Clock,
  log: FastifyBaseLogger,
  capabilities: CapabilityManifest[],
  db: Db = openDatabase(config.databaseUrl, {
    onIdleError: (err) => log.warn({ err }, "idle database connection lost"),
  }),
): Promise<AppContext> {
  await migrateToLatest(db.kysely);
  const calendars = createCalendarRegistry(await loadImportedCalendarYears(db.kysely));
  const ctx: AppContext = {
    config,
    db,
    clock,
    calendars,
    log,
    pageCache: new PageCache(config.pageCacheSeconds * 1000),
    instance: { demo: (await getSetting(db.kysely, DEMO_SETTING)) === "true" },
  };
  if (config.demoData === "auto" && (await isEmpty(db))) {
    if (config.nodeEnv === "production") {
      log.warn(
        "The database is empty. Demo data is not loaded in production; add bodies through the CLI.",
      );
    } else {
      await loadDemoData(ctx, capabilities);
      log.info("The database was empty: demo data loaded (every page is marked as a demo).");
    }
  }
  return ctx;
}
