import { randomBytes } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { VNode } from "preact";
import { workerWriteTurn } from "./cluster.js";
import { type Db, openDatabase } from "./db/database.js";
import { appendAudit, systemActor } from "./kernel/audit/audit.js";
import { createCalendarRegistry } from "./kernel/calendar/index.js";
import { loadImportedCalendarYears } from "./kernel/calendar/store.js";
import type { Clock } from "./kernel/clock.js";
import { Policy } from "./kernel/permissions.js";
import { getSetting, setSetting, settleSetting } from "./kernel/settings.js";
import { createBroadcast } from "./platform/broadcast.js";
import type { Config } from "./platform/config.js";
import { createMailer } from "./platform/delivery/mail/mailer.js";
import { deliverPendingMail } from "./platform/delivery/mail/outbox.js";
import { createBlobStore } from "./platform/files/create-blob-store.js";
import type {
  AppContext,
  BodyAction,
  CapabilityManifest,
  MyHalyqSection,
  OpenNowSection,
} from "./platform/manifest.js";
import { migrateToLatest } from "./platform/migrate.js";
import { PageCache } from "./platform/page-cache.js";
import { buildCatalogues } from "./web/catalogues.js";

export const DEMO_SETTING = "demo_data";
const SECRET_SETTING = "instance_secret";

/** The instance secret: made once, at the first start, and kept in the database (never in the repository). */
async function instanceSecret(db: Db, clock: Clock): Promise<Buffer> {
  const existing = await getSetting(db.kysely, SECRET_SETTING);
  if (existing) return Buffer.from(existing, "base64");
  const made = randomBytes(32).toString("base64");
  return Buffer.from(await settleSetting(db.kysely, clock, SECRET_SETTING, made), "base64");
}

/** Builds every capability's rules into one policy. */
export function buildPolicy(capabilities: CapabilityManifest[]): Policy {
  const policy = new Policy();
  for (const c of capabilities)
    for (const [action, rule] of Object.entries(c.policies ?? {})) policy.define(action, rule);
  return policy;
}

function mailService(
  config: Config,
  db: Db,
  clock: Clock,
  log: FastifyBaseLogger,
): AppContext["mail"] {
  const mailer = createMailer(config, log, clock);
  let running: Promise<{ sent: number; failed: number; retried: number }> | null = null;
  const flush = async () => {
    while (running) await running;
    running = deliverPendingMail(db.kysely, mailer, clock);
    try {
      return await running;
    } finally {
      running = null;
    }
  };
  return {
    mailer,
    flush,
    kick: () => {
      setImmediate(() => {
        flush().catch((err) => log.error({ err }, "mail delivery failed"));
      });
    },
  };
}

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

/** The database named by the configuration, with this process's share of connections. */
export function openConfiguredDatabase(config: Config, log: FastifyBaseLogger): Db {
  return openDatabase(config.databaseUrl, {
    poolSize: config.databasePoolSize,
    writeTurn: workerWriteTurn(),
    onIdleError: (err) => log.warn({ err }, "idle database connection lost"),
  });
}

/**
 * Opens the database, applies migrations, builds the context and, on an empty database outside
 * production, loads the demo data. With several workers the primary does this once before it
 * forks them (so they never race the migrations), and each worker only opens its context.
 */
export async function prepareContext(
  config: Config,
  clock: Clock,
  log: FastifyBaseLogger,
  capabilities: CapabilityManifest[],
  db: Db = openConfiguredDatabase(config, log),
): Promise<AppContext> {
  await migrateToLatest(db.kysely, capabilities);
  const ctx = await openContext(config, clock, log, capabilities, db);
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

/**
 * The context over a database already migrated: the calendars (built-in years overridden by
 * imported ones; the configured default jurisdiction's serves bodies without their own), the
 * instance secret, the policy and the capabilities' slots. Migrates nothing and loads nothing.
 */
export async function openContext(
  config: Config,
  clock: Clock,
  log: FastifyBaseLogger,
  capabilities: CapabilityManifest[],
  db: Db = openConfiguredDatabase(config, log),
): Promise<AppContext> {
  const calendars = createCalendarRegistry(await loadImportedCalendarYears(db.kysely), {
    fallback: config.defaultJurisdiction,
  });
  const broadcast = createBroadcast({
    redisUrl: config.redisUrl,
    redisPrefix: config.redisPrefix,
    log,
  });
  const ctx: AppContext = {
    config,
    db,
    clock,
    calendars,
    log,
    catalogues: buildCatalogues(capabilities),
    policy: buildPolicy(capabilities),
    secret: await instanceSecret(db, clock),
    mail: mailService(config, db, clock, log),
    pageCache: new PageCache(config.pageCacheSeconds * 1000, undefined, undefined, broadcast),
    broadcast,
    instance: { demo: (await getSetting(db.kysely, DEMO_SETTING)) === "true" },
    blobStore: createBlobStore(config, db.kysely, clock),
    measures: async (agencyId, period) => {
      const parts = await Promise.all(
        capabilities.map((c) => (c.measures ? c.measures(ctx, agencyId, period) : [])),
      );
      return parts.flat();
    },
    referencedBlobs: async (sha256s) => {
      const referenced = new Set<string>();
      if (sha256s.length === 0) return referenced;
      for (const c of capabilities) {
        if (!c.blobs) continue;
        for (const key of await c.blobs(db.kysely, sha256s)) referenced.add(key);
      }
      return referenced;
    },
    openDatasets: capabilities.flatMap((c) => c.openData ?? []),
    bodySections: async (body, view) => {
      const sections = await Promise.all(
        capabilities.map((c) => (c.bodySections ? c.bodySections(ctx, body, view) : null)),
      );
      return sections.filter((s): s is VNode => s !== null);
    },
    bodyActions: async (body, view) => {
      const actions = await Promise.all(
        capabilities.map((c) => (c.bodyActions ? c.bodyActions(ctx, body, view) : null)),
      );
      return actions.filter((a): a is BodyAction => a !== null);
    },
    afterInteraction: (prompt) =>
      capabilities
        .map((c) => (c.afterInteraction ? c.afterInteraction(prompt) : null))
        .filter((p): p is VNode => p !== null),
    searchDocuments: async () => {
      const parts = await Promise.all(
        capabilities.map((c) => (c.searchDocuments ? c.searchDocuments(ctx) : [])),
      );
      return parts.flat();
    },
    openNow: async (view) => {
      const sections = await Promise.all(
        capabilities.map((c) => (c.openNow ? c.openNow(ctx, view) : null)),
      );
      return sections.filter((s): s is OpenNowSection => s !== null && s.items.length > 0);
    },
    myHalyq: async (principal, view) => {
      const sections = await Promise.all(
        capabilities.map((c) => (c.myHalyq ? c.myHalyq(ctx, principal, view) : null)),
      );
      return sections.filter((s): s is MyHalyqSection => s !== null);
    },
    navigationCounts: async (principal, view) => {
      const parts = await Promise.all(
        capabilities.map((c) =>
          c.navigationCounts ? c.navigationCounts(ctx, principal, view) : [],
        ),
      );
      return parts.flat();
    },
    moderation: capabilities.flatMap((c) => c.moderation ?? []),
  };
  return ctx;
}
