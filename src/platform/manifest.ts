import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { Migration } from "kysely";
import type { Db } from "../db/database.js";
import type { CalendarRegistry } from "../kernel/calendar/index.js";
import type { Clock } from "../kernel/clock.js";
import type { Catalogues, Locale, MessageTree } from "../kernel/i18n.js";
import type { Policy, Rule } from "../kernel/permissions.js";
import type { Config } from "./config.js";
import type { Mailer } from "./delivery/mail/mailer.js";
import type { PageCache } from "./page-cache.js";
import type { Job } from "./scheduler.js";

/** What every capability is given: no globals, so tests can build as many apps as they like. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  calendars: CalendarRegistry;
  log: FastifyBaseLogger;
  /** Every capability's messages in the three languages (for mail and other texts made outside a request). */
  catalogues: Catalogues;
  /** Who may do what: every capability's rules, failing closed. */
  policy: Policy;
  /** This instance's secret (generated at first start, kept in the database): signs CSRF tokens. */
  secret: Buffer;
  mail: MailService;
  /** Empties this instance's copy of public pages; call after a change that pages show. */
  pageCache: PageCache;
  /** Facts about this instance read at start, e.g. whether it holds demo data. */
  instance: { demo: boolean };
  /** Every capability's figures for one body in a period (see `CapabilityManifest.measures`). */
  measures(agencyId: string, period: { from: string; to: string }): Promise<Measure[]>;
}

/** Mail goes through the outbox; `kick` asks for delivery soon after a commit, `flush` now. */
export interface MailService {
  mailer: Mailer;
  kick(): void;
  flush(): Promise<{ sent: number; failed: number; retried: number }>;
}

/** One published figure: a stable name, its value (null when there is nothing to measure), its unit. */
export interface Measure {
  /** Stable, e.g. "consultations.comments"; its label is the message key `measures.<name>`. */
  name: string;
  value: number | null;
  unit: "count" | "share" | "working_days" | "days";
  /**
   * Which criterion of the public statistics the figure belongs to (accessibility of the body,
   * speed of response, satisfaction); when unset, the statistics pages group it by the name's
   * prefix (receptions and publications: accessibility; survey: satisfaction; else participation).
   */
  criterion?: "accessibility" | "speed" | "satisfaction";
}

/** A link in the site's main navigation, labelled by a message key. */
export interface NavigationItem {
  href: string;
  labelKey: string;
  /** Shown only to staff, or only to everyone else (citizens and visitors); all when unset. */
  audience?: "staff" | "public";
}

/**
 * Everything a capability adds to Halyq, in one place. The core loops over manifests and
 * never imports a capability by name.
 */
export interface CapabilityManifest {
  name: string;
  /**
   * The tables this capability owns: only its own code queries them; others read them through
   * its public functions (its `index.ts`) and change them only through its commands. The
   * architecture guard (`npm run lint`) holds every file to this.
   */
  tables?: readonly string[];
  /** Its migrations, by their recorded (frozen) names; they live in its `migrations/` folder. */
  migrations?: Record<string, Migration>;
  locales?: Partial<Record<Locale, MessageTree>>;
  /** Registers HTML pages and JSON API routes; runs inside an encapsulated plugin. */
  routes?: (app: FastifyInstance, ctx: AppContext) => Promise<void>;
  /** Hooks for every request (not encapsulated), e.g. resolving who is signed in. */
  plugins?: (app: FastifyInstance, ctx: AppContext) => Promise<void>;
  /** Rules for the actions this capability defines, by action name. */
  policies?: Record<string, Rule>;
  navigation?: NavigationItem[];
  /** Loads this capability's demo records; runs once, on an empty database, in one transaction. */
  seedDemo?: (ctx: AppContext, trx: Db["kysely"]) => Promise<void>;
  /**
   * Background work this capability needs (deadline checks, deliveries). Every instance runs
   * every job, so each must be safe when run by several instances at once.
   */
  jobs?: (ctx: AppContext) => Job[];
  /**
   * Figures of one body's participation and responsiveness in a period (`from` and `to` are
   * `YYYY-MM-DD`, inclusive), by measure name; published per body in the statistics pages and API.
   */
  measures?: (
    ctx: AppContext,
    agencyId: string,
    period: { from: string; to: string },
  ) => Promise<Measure[]>;
  /** A sample of every kind of public page (for the sitemap and the accessibility suite). */
  publicPaths?: (ctx: AppContext) => Promise<string[]>;
}
