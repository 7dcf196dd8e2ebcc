import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { buildApp } from "../../src/app.js";
import { capabilities } from "../../src/capabilities/index.js";
import type { Dialect } from "../../src/db/database.js";
import { FixedClock } from "../../src/kernel/clock.js";
import { type Config, loadConfig } from "../../src/platform/config.js";
import type { AppContext } from "../../src/platform/manifest.js";
import { prepareContext } from "../../src/platform/setup.js";
import { createTestDatabase } from "./databases.js";

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: FixedClock;
  close(): Promise<void>;
}

/** A complete Halyq on a fresh database of the given dialect, with a fixed clock. */
export async function startTestApp(
  dialect: Dialect,
  options: { env?: Record<string, string>; now?: string } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const config: Config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    PUBLIC_URL: "http://localhost:3000",
    AUTH_RATE_LIMIT: "10000",
    ...options.env,
  });
  const clock = new FixedClock(options.now ?? "2025-03-19T05:00:00Z");
  const log = pino({ level: "silent" });
  const db = database.open();
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
      await database.drop();
    },
  };
}

/** Listens on a free port of 127.0.0.1 (for a browser) and returns the base URL. */
export async function listenOnLoopback(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}
