import type { AddressInfo } from "node:net";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import pino, { type DestinationStream } from "pino";
import { buildApp } from "../../src/app.js";
import { capabilities } from "../../src/capabilities/index.js";
import { type Db, type Dialect, openDatabase } from "../../src/db/database.js";
import { FixedClock } from "../../src/kernel/clock.js";
import { type Config, loadConfig } from "../../src/platform/config.js";
import { createLogger } from "../../src/platform/logger.js";
import type { AppContext } from "../../src/platform/manifest.js";
import { prepareContext } from "../../src/setup.js";
import { createTestDatabase, templateDatabase } from "./databases.js";

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: FixedClock;
  close(): Promise<void>;
}

/** What every test app is started with unless the test says otherwise. */
const TEST_ENV = {
  NODE_ENV: "test",
  PUBLIC_URL: "http://localhost:3000",
  AUTH_RATE_LIMIT: "10000",
};

/** A complete Halyq on a fresh database of the given dialect, with a fixed clock. */
export async function startTestApp(
  dialect: Dialect,
  options: {
    env?: Record<string, string>;
    now?: string;
    /** Where the app's log goes (at level info, with the production serializers), to read it back. */
    logTo?: DestinationStream;
  } = {},
): Promise<TestApp> {
  const now = options.now ?? "2025-03-19T05:00:00Z";
  const env = { ...TEST_ENV, ...options.env };
  const database = await createTestDatabase(dialect, await preparedTemplate(dialect, now, env));
  const config: Config = loadConfig({ ...env, DATABASE_URL: database.url });
  const clock = new FixedClock(now);
  // HALYQ_TEST_LOG=debug (or any level) shows the app's log while a test runs.
  const log = options.logTo
    ? createLogger("info", options.logTo)
    : createLogger(process.env.HALYQ_TEST_LOG || "silent");
  return startInstance(config, clock, log, database.open(), () => database.drop());
}

/** An app on an open database; closing it closes the database, then runs `after`. */
async function startInstance(
  config: Config,
  clock: FixedClock,
  log: FastifyBaseLogger,
  db: Db,
  after: () => Promise<void> = async () => {},
): Promise<TestApp> {
  const ctx = await prepareContext(config, clock, log, capabilities, db);
  const app = await buildApp(ctx, capabilities);
  await app.ready();
  return {
    app,
    ctx,
    clock,
    async close() {
      await app.close();
      ctx.mail.mailer.close();
      await db.close();
      await after();
    },
  };
}

/**
 * Another instance of the same deployment: its own app, context and connections, on the
 * database of `first` (already migrated and loaded), as a second machine behind a load balancer
 * would run. Closing it leaves the database to `first`.
 */
export async function startSecondInstance(
  first: TestApp,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const config: Config = loadConfig({
    ...TEST_ENV,
    ...env,
    DATABASE_URL: first.ctx.config.databaseUrl,
  });
  return startInstance(
    config,
    new FixedClock(first.clock.now().toISOString()),
    createLogger(process.env.HALYQ_TEST_LOG || "silent"),
    openDatabase(config.databaseUrl, { poolSize: 4 }),
  );
}

/** Settings that do not shape a database's rows, so templates are shared across them. */
const NOT_IN_TEMPLATE = new Set([
  "DATA_DIR",
  "SMTP_URL",
  "MAP_TILE_URL",
  "MAP_ATTRIBUTION",
  "MAP_CENTRE",
  "MAP_ZOOM",
  "SIGNING_P12_PATH",
  "SIGNING_P12_DIR",
  "SIGNING_P12_PASSWORD",
]);

/**
 * The run's template for this start: migrated, with demo data unless `DEMO_DATA=off`, made at
 * the same clock and with the same settings as the test's own start would have made it.
 */
async function preparedTemplate(dialect: Dialect, now: string, env: Record<string, string>) {
  const shaping = Object.entries(env)
    .filter(([k]) => !NOT_IN_TEMPLATE.has(k))
    .sort(([a], [b]) => a.localeCompare(b));
  return templateDatabase(dialect, JSON.stringify({ now, shaping }), async (url) => {
    const config = loadConfig({ ...Object.fromEntries(shaping), DATABASE_URL: url });
    const db = openDatabase(url, { poolSize: 2 });
    const ctx = await prepareContext(
      config,
      new FixedClock(now),
      pino({ level: "silent" }),
      capabilities,
      db,
    );
    ctx.mail.mailer.close();
    await db.close();
  });
}

/**
 * Whether this build has a capability: a test of how another capability's pages include it
 * (the survey after a ballot, say) holds only where it is built in, so that taking a leaf
 * capability out (scripts/without-capability.mjs) leaves the rest's tests passing.
 */
export const inThisBuild = (name: string): boolean => capabilities.some((c) => c.name === name);

/** Listens on a free port of 127.0.0.1 (for a browser) and returns the base URL. */
export async function listenOnLoopback(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}
