import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { Migration } from "kysely";
import type { VNode } from "preact";
import type { Db } from "../db/database.js";
import type { CalendarRegistry } from "../kernel/calendar/index.js";
import type { Clock } from "../kernel/clock.js";
import type { Catalogues, Locale, MessageTree, Translate } from "../kernel/i18n.js";
import type { Policy, Principal, Role, Rule } from "../kernel/permissions.js";
import type { Result } from "../kernel/result.js";
import type { Broadcast } from "./broadcast.js";
import type { Config } from "./config.js";
import type { Mailer } from "./delivery/mail/mailer.js";
import type { BlobStore } from "./files/blob-store.js";
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
  /** Public pages kept in memory; `invalidate()` after a change that pages show empties every process's copy. */
  pageCache: PageCache;
  /**
   * Messages to every process of the deployment (this one, the other workers, the other
   * instances), so each forgets what it keeps in memory; closed when the app closes.
   */
  broadcast: Broadcast;
  /**
   * Facts about this instance: whether it holds demo data (read at start), and whether it is
   * draining — shutting down, so `/readyz` answers 503 and a load balancer sends it no more work.
   */
  instance: { demo: boolean; draining?: boolean };
  /** The datasets capabilities publish beside the open data page's own (see `CapabilityManifest.openData`). */
  openDatasets: OpenDataset[];
  /** Every capability's figures for one body in a period (see `CapabilityManifest.measures`). */
  measures(agencyId: string, period: { from: string; to: string }): Promise<Measure[]>;
  /**
   * Where attached files are kept (`BLOB_STORE`): the data directory or the database. Every
   * capability writes and reads files through it, by the SHA-256 its rows keep.
   */
  blobStore: BlobStore;
  /**
   * Which of these stored contents some capability still references (see
   * `CapabilityManifest.blobs`): what the file store's sweep must keep.
   */
  referencedBlobs(sha256s: string[]): Promise<Set<string>>;
  /** Every capability's sections for a body's public page (see `CapabilityManifest.bodySections`). */
  bodySections(body: BodyRef, view: BodyPageView): Promise<VNode[]>;
  /** What a person can do with a body, in manifest order (see `CapabilityManifest.bodyActions`). */
  bodyActions(body: BodyRef, view: PageView): Promise<BodyAction[]>;
  /**
   * What follows a finished interaction on its page (see `CapabilityManifest.afterInteraction`);
   * empty when no capability offers anything.
   */
  afterInteraction(prompt: InteractionPrompt): VNode[];
  /**
   * Every capability's public documents for the site-wide search (see
   * `CapabilityManifest.searchDocuments`), gathered from each owner.
   */
  searchDocuments(): Promise<SearchDocument[]>;
  /** Every capability's "Open now" section for the home page (see `CapabilityManifest.openNow`). */
  openNow(view: PageView): Promise<OpenNowSection[]>;
  /** Every capability's part of a citizen's "My Halyq" (see `CapabilityManifest.myHalyq`). */
  myHalyq(principal: Principal, view: PageView): Promise<MyHalyqSection[]>;
  /** Every capability's counts beside menu links (see `CapabilityManifest.navigationCounts`). */
  navigationCounts(principal: Principal, view: PageView): Promise<NavigationCount[]>;
  /** Every capability's moderated items (see `CapabilityManifest.moderation`). */
  moderation: ModerationSource[];
}

/**
 * A count beside a menu link (open tasks beside the staff inbox): the number shown, and the
 * words a screen reader says after the link's label (", 3 задачи").
 */
export interface NavigationCount {
  /** The menu link it belongs to. */
  href: string;
  count: number;
  /** The count in words, in the page's language, e.g. "3 tasks". */
  text: string;
}

/** A state body as another capability's page slot needs it: no more than its keys. */
export interface BodyRef {
  id: string;
  slug: string;
}

/** The request's language, for a slot that renders part of a page. */
export interface PageView {
  t: Translate;
  locale: Locale;
}

/** A body's public page as one viewer sees it: a section may show its staff more. */
export interface BodyPageView extends PageView {
  /** Who is looking (null for an anonymous visitor: the page is then cached for everyone). */
  principal: Principal | null;
}

/** An action a person can take with a body, shown as a button on the body's page. */
export interface BodyAction {
  href: string;
  /** The button's words, in the page's language. */
  text: string;
}

/** A finished interaction, for the capabilities that offer something after it. */
export interface InteractionPrompt {
  t: Translate;
  /** The form token of the page's request. */
  csrf: string;
  /** Which interaction finished, e.g. "appeal_filed", "answer_read", "petition_signed", "ballot_cast". */
  interaction: string;
  /** The page to come back to; a path on this site. */
  returnTo: string;
}

/** One thing open for people to join now (a petition collecting, a draft under discussion …). */
export interface OpenNowItem {
  title: string;
  /** The language of the title when it is not the page's (user text keeps its own `lang`). */
  lang?: string;
  href: string;
  /** Its date, already written for the reader, e.g. "Closes on 12 March 2027". */
  when: string;
}

/** A capability's group on the home page's "Open now": a few items and a link to all. */
export interface OpenNowSection {
  /** Stable, e.g. "petitions"; the page's order and ids follow it. */
  key: string;
  heading: string;
  items: OpenNowItem[];
  all: { href: string; label: string };
}

/** Something of a citizen's that needs them to act, for the top of "My Halyq". */
export interface MyHalyqAction {
  /** What to do and on what, e.g. "Correct appeal ЖТ-2026-000013". */
  text: string;
  href: string;
  /** By when, or when (a reception), already written for the reader. */
  when?: string;
  /** For ordering across capabilities: the date or instant it is due, ISO. */
  dueAt?: string;
}

/** One of a citizen's records in their "My Halyq" list (an appeal, a booking, a vote …). */
export interface MyHalyqItem {
  title: string;
  lang?: string;
  href: string;
  /** Its status in words. */
  status: string;
  /** Its next date (an answer due, a reception's time, a closing), already written; none when done. */
  next?: string;
}

/** A capability's part of "My Halyq": what needs action first, then its records and a link to all. */
export interface MyHalyqSection {
  key: string;
  heading: string;
  actions: MyHalyqAction[];
  items: MyHalyqItem[];
  /** The capability's own full list, when it has one. */
  all?: { href: string; label: string };
  /** Said when there are no items. */
  empty: string;
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

/**
 * A link in the site's navigation, labelled by a message key. Each person sees only the links
 * to pages they can open (see `src/web/navigation.ts`).
 */
export interface NavigationItem {
  href: string;
  labelKey: string;
  /** Shown only to staff, or only to everyone else (citizens and visitors); all when unset. */
  audience?: "staff" | "public";
  /**
   * Where the link appears: in the header's menu (the default), on the Participation page,
   * one level down ("more": the footer and the home page), or in the header's account area
   * beside the account and sign-out (only for someone signed in).
   */
  place?: "menu" | "participation" | "more" | "account";
  /** Its position in the menu, smaller first (100 when unset); manifest order breaks ties. */
  order?: number;
  /** The staff roles that open the page: the link is shown only to holders of one of them. */
  roles?: readonly Role[];
  /** A policy action, asked without a resource, that opens the page (e.g. "admin.access"). */
  action?: string;
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
  /**
   * Which of these keys (SHA-256 of contents in the shared file store) this capability's rows
   * still reference. The store is shared and content-addressed, so its sweep removes a content
   * only when no capability answers for it; one that stores files must declare them here.
   */
  blobs?: (db: Db["kysely"], sha256s: string[]) => Promise<Set<string>>;
  /**
   * A section this capability adds to a state body's public page (e.g. its official
   * information), or null when it has nothing to show; the bodies' directory knows no feature
   * by name. Sections appear in manifest order.
   */
  bodySections?: (ctx: AppContext, body: BodyRef, view: BodyPageView) => Promise<VNode | null>;
  /**
   * What a person can do with a body through this capability (e.g. write to it, book a
   * reception), as a button at the top of the body's page; null when the body offers nothing
   * here. The directory knows no feature by name.
   */
  bodyActions?: (ctx: AppContext, body: BodyRef, view: PageView) => Promise<BodyAction | null>;
  /**
   * What this capability offers a citizen after an interaction of another has finished (e.g.
   * the portal survey's question after filing an appeal), or null for interactions it does not
   * follow; the pages of the interaction render it without knowing who fills it.
   */
  afterInteraction?: (prompt: InteractionPrompt) => VNode | null;
  /**
   * The public documents this capability offers to the site-wide search (the search keeps its
   * own index and never reads another capability's tables): every one it shows the public, each
   * in the languages it is written in. A document the owner no longer returns, or returns with
   * `public: false`, leaves the index at its next refresh (see docs/capabilities/search.md).
   */
  searchDocuments?: (ctx: AppContext) => Promise<SearchDocument[]>;
  /**
   * What this capability has open for people now (petitions collecting signatures, drafts under
   * discussion, upcoming hearings, polls open), at most a few, for the home page; null when it
   * has nothing open. Sections appear in manifest order.
   */
  openNow?: (ctx: AppContext, view: PageView) => Promise<OpenNowSection | null>;
  /**
   * A signed-in citizen's records in this capability, read from its own tables, with what needs
   * their action, for "My Halyq" (`/my`); null when it has nothing for this person.
   */
  myHalyq?: (
    ctx: AppContext,
    principal: Principal,
    view: PageView,
  ) => Promise<MyHalyqSection | null>;
  /**
   * Counts this capability shows beside its own menu links for a signed-in person (e.g. the
   * open tasks of a member of staff), computed per page request; none when it has nothing.
   */
  navigationCounts?: (
    ctx: AppContext,
    principal: Principal,
    view: PageView,
  ) => Promise<NavigationCount[]>;
  /**
   * What people write here that a body's moderator reviews (comments, questions, free-text
   * answers): the moderation queue lists and acts on them through these, knowing no feature.
   */
  moderation?: ModerationSource[];
  /**
   * Gauges this capability adds to the operations metrics (`/metrics`, only with
   * `METRICS_TOKEN`), e.g. overdue appeals per body; computed at most every 30 s.
   */
  metrics?: (ctx: AppContext) => Promise<GaugeFamily[]>;
  /** Datasets this capability publishes as open data, listed on the open data page. */
  openData?: OpenDataset[];
}

/** An open dataset a capability serves (no personal data), as the open data page lists it. */
export interface OpenDataset {
  id: string;
  /** Message keys of its heading and a sentence on what it holds. */
  titleKey: string;
  leadKey: string;
  downloads: { href: string; labelKey: string }[];
}

/** One gauge of the operations metrics and its current values by label. */
export interface GaugeFamily {
  /** Prometheus name, `halyq_` first (e.g. `halyq_appeals_overdue`). */
  name: string;
  help: string;
  labelNames: string[];
  samples: { labels: Record<string, string>; value: number }[];
}

/** What the moderation queue gathers, by the filter's value. */
export const MODERATION_KINDS = ["comment", "question", "poll_text", "signature"] as const;
export type ModerationKind = (typeof MODERATION_KINDS)[number];

/** The queue's closed list of reasons to hide; each source records its own equivalent. */
export const MODERATION_REASONS = [
  "offensive",
  "personal_data",
  "advertising",
  "duplicate",
] as const;
export type ModerationReason = (typeof MODERATION_REASONS)[number];

/** One thing written by the public, as the moderation queue shows it. */
export interface ModerationItem {
  kind: ModerationKind;
  /** Unique within its kind and stable (a record's id). */
  id: string;
  agencyId: string;
  /** Where it was written (a draft, a body's dialogue, a poll), in the reader's language. */
  source: { title: string; href: string; lang?: string };
  text: string;
  /** When it was written, an ISO instant; none where the owner keeps no time (a poll's free text). */
  at?: string;
  /** True while the owner holds it back until a decision (a question not yet published). */
  pending: boolean;
}

/** One kind of moderated item: its owner lists it and carries out the decisions on it. */
export interface ModerationSource {
  kind: ModerationKind;
  /** Its items in these bodies that are shown or waiting (neither hidden nor refused). */
  items(ctx: AppContext, agencyIds: string[], view: PageView): Promise<ModerationItem[]>;
  /** The body of a published item the public may report; null when there is no such item. */
  reportable?(ctx: AppContext, id: string): Promise<{ agencyId: string } | null>;
  /** Takes the item from the public (or refuses it) with the owner's own audit record. */
  hide(
    ctx: AppContext,
    principal: Principal,
    id: string,
    reason: ModerationReason,
  ): Promise<Result<unknown>>;
  /** Lets the item stand (or publishes a waiting one); a no-op for one already public. */
  approve(ctx: AppContext, principal: Principal, id: string): Promise<Result<unknown>>;
}

/** What the site-wide search finds, by the filter's value. */
export const SEARCH_KINDS = [
  "body",
  "appeal",
  "petition",
  "draft",
  "meeting",
  "question",
  "publication",
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One public document as its owner offers it to the site-wide search. */
export interface SearchDocument {
  kind: SearchKind;
  /** Unique within its kind and stable (a record's id). */
  id: string;
  /** The state body it belongs to (a body's own document names itself); null for none. */
  agencyId: string | null;
  /** The title in each language the document is written in (at least one). */
  title: Partial<Record<Locale, string>>;
  /** Its searchable text in the same languages (plain text; the search redacts and trims it). */
  text: Partial<Record<Locale, string>>;
  /** Its public page: a path on this site. */
  url: string;
  /**
   * The date people read beside it: `YYYY-MM-DD` (the body's own day), or an ISO instant, shown
   * as its day in the default jurisdiction's time zone.
   */
  date: string;
  /** Only public documents are indexed; false takes a document out of the index. */
  public: boolean;
}
