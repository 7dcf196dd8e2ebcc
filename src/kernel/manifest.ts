import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import type { CalendarRegistry } from "./calendar/index.js";
import type { Clock } from "./clock.js";
import type { Locale, MessageTree } from "./i18n.js";
import type { PageCache } from "./page-cache.js";

/** What every capability is given: no globals, so tests can build as many apps as they like. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  calendars: CalendarRegistry;
  log: FastifyBaseLogger;
  /** Empties this instance's copy of public pages; call after a change that pages show. */
  pageCache: PageCache;
  /** Facts about this instance read at start, e.g. whether it holds demo data. */
  instance: { demo: boolean };
}

/** A link in the site's main navigation, labelled by a message key. */
export interface NavigationItem {
  href: string;
  labelKey: string;
}

/**
 * Everything a capability adds to Halyq, in one place. The core loops over manifests and
 * never imports a capability by name.
 */
export interface CapabilityManifest {
  name: string;
  locales?: Partial<Record<Locale, MessageTree>>;
  /** Registers HTML pages and JSON API routes; runs inside an encapsulated plugin. */
  routes?: (app: FastifyInstance, ctx: AppContext) => Promise<void>;
  navigation?: NavigationItem[];
  /** Loads this capability's demo records; runs once, on an empty database, in one transaction. */
  seedDemo?: (ctx: AppContext, trx: Db["kysely"]) => Promise<void>;
  /** A sample of every kind of public page (for the sitemap and the accessibility suite). */
  publicPaths?: (ctx: AppContext) => Promise<string[]>;
}
