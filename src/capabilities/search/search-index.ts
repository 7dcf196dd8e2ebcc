import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import type { Locale } from "../../kernel/i18n.js";
import { getSetting, setSetting } from "../../kernel/settings.js";
import { utcToLocal } from "../../kernel/time/local-time.js";
import type { AppContext, SearchDocument, SearchKind } from "../../platform/manifest.js";
import { redactPersonalData } from "../../platform/privacy/redact.js";

/** How often every instance refreshes the index (the manifest's job). */
export const REFRESH_EVERY_MS = 30_000;
/**
 * A search on an index older than this refreshes it first: on an instance whose job has not
 * run yet (a fresh start, a test, a command) the index is never older than this.
 */
export const STALE_AFTER_MS = 60_000;
/** When the last refresh began gathering (kernel setting, ISO instant). */
const REFRESHED_SETTING = "search_refreshed_at";
/** Documents written per transaction. */
const BATCH = 100;
/** Each text is cut to this many characters. */
const MAX_TEXT = 20_000;
/** Tombstones older than this are dropped: no refresh runs that long. */
const TOMBSTONE_MS = 60 * 60 * 1000;
/** PostgreSQL's advisory lock that orders writers of the index across instances. */
const LOCK_KEY = 7_342_015;

const LANGS = ["kk", "ru", "en"] as const;

type Row = {
  kind: string;
  doc_id: string;
  agency_id: string | null;
  url: string;
  date: string;
  title_kk: string | null;
  title_ru: string | null;
  title_en: string | null;
  text_kk: string | null;
  text_ru: string | null;
  text_en: string | null;
  fingerprint: string;
};

const keyOf = (kind: string, id: string) => `${kind}\u0000${id}`;

function clean(text: string | undefined): string | null {
  if (!text) return null;
  const flat = redactPersonalData(text).replace(/\s+/g, " ").trim();
  return flat.length > 0 ? flat.slice(0, MAX_TEXT) : null;
}

function dayOf(date: string, zone: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const at = new Date(date);
  return Number.isNaN(at.getTime()) ? null : utcToLocal(at, zone).slice(0, 10);
}

/**
 * A document as the index stores it: public only, every text through the platform's one
 * redaction of personal data, whitespace folded; null when it has nothing to index.
 */
export function toRow(doc: SearchDocument, zone: string): Row | null {
  if (!doc.public) return null;
  const date = dayOf(doc.date, zone);
  if (!date || !doc.url.startsWith("/") || doc.url.startsWith("//")) return null;
  const row: Omit<Row, "fingerprint"> = {
    kind: doc.kind,
    doc_id: doc.id,
    agency_id: doc.agencyId,
    url: doc.url,
    date,
    title_kk: clean(doc.title.kk),
    title_ru: clean(doc.title.ru),
    title_en: clean(doc.title.en),
    text_kk: clean(doc.text.kk),
    text_ru: clean(doc.text.ru),
    text_en: clean(doc.text.en),
  };
  if (!row.title_kk && !row.title_ru && !row.title_en) return null;
  const fingerprint = createHash("sha256").update(JSON.stringify(row)).digest("base64url");
  return { ...row, fingerprint };
}

async function lockForWriting(trx: Db["kysely"], db: Db, olderThan: string): Promise<void> {
  if (db.dialect === "postgres") await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
  // A write first: SQLite takes its write lock now, not at an upgrade that could fail.
  await trx.deleteFrom("search_removed").where("gathered_at", "<", olderThan).execute();
}

async function writeBatch(db: Db, started: string, rows: Row[]): Promise<number> {
  const expired = new Date(Date.parse(started) - TOMBSTONE_MS).toISOString();
  return db.kysely.transaction().execute(async (trx) => {
    await lockForWriting(trx, db, expired);
    let written = 0;
    for (const r of rows) {
      const [current, removed] = await Promise.all([
        trx
          .selectFrom("search_documents")
          .select(["seq", "fingerprint", "gathered_at"])
          .where("kind", "=", r.kind)
          .where("doc_id", "=", r.doc_id)
          .executeTakeFirst(),
        trx
          .selectFrom("search_removed")
          .select("gathered_at")
          .where("kind", "=", r.kind)
          .where("doc_id", "=", r.doc_id)
          .executeTakeFirst(),
      ]);
      // A refresh that gathered later has already written (or removed) this document.
      if (current && current.gathered_at > started) continue;
      if (removed && removed.gathered_at > started) continue;
      if (current?.fingerprint === r.fingerprint) continue;
      let seq: number;
      if (current) {
        seq = Number(current.seq);
        await trx
          .updateTable("search_documents")
          .set({ ...r, gathered_at: started })
          .where("kind", "=", r.kind)
          .where("doc_id", "=", r.doc_id)
          .execute();
        if (db.dialect === "sqlite")
          await sql`DELETE FROM search_fts WHERE rowid = ${seq}`.execute(trx);
      } else {
        const last = await trx
          .selectFrom("search_documents")
          .select((eb) => eb.fn.max("seq").as("seq"))
          .executeTakeFirst();
        seq = Number(last?.seq ?? 0) + 1;
        await trx
          .insertInto("search_documents")
          .values({ ...r, seq, gathered_at: started })
          .execute();
      }
      if (removed)
        await trx
          .deleteFrom("search_removed")
          .where("kind", "=", r.kind)
          .where("doc_id", "=", r.doc_id)
          .execute();
      if (db.dialect === "sqlite")
        await sql`INSERT INTO search_fts(rowid, title_kk, title_ru, title_en, text_kk, text_ru, text_en)
          VALUES (${seq}, ${r.title_kk}, ${r.title_ru}, ${r.title_en}, ${r.text_kk}, ${r.text_ru}, ${r.text_en})`.execute(
          trx,
        );
      written++;
    }
    return written;
  });
}

async function removeBatch(
  db: Db,
  started: string,
  keys: { kind: string; doc_id: string }[],
): Promise<number> {
  const expired = new Date(Date.parse(started) - TOMBSTONE_MS).toISOString();
  return db.kysely.transaction().execute(async (trx) => {
    await lockForWriting(trx, db, expired);
    let removed = 0;
    for (const k of keys) {
      const current = await trx
        .selectFrom("search_documents")
        .select(["seq", "gathered_at"])
        .where("kind", "=", k.kind)
        .where("doc_id", "=", k.doc_id)
        .executeTakeFirst();
      if (!current || current.gathered_at > started) continue;
      await trx
        .deleteFrom("search_documents")
        .where("kind", "=", k.kind)
        .where("doc_id", "=", k.doc_id)
        .execute();
      if (db.dialect === "sqlite")
        await sql`DELETE FROM search_fts WHERE rowid = ${Number(current.seq)}`.execute(trx);
      await trx
        .deleteFrom("search_removed")
        .where("kind", "=", k.kind)
        .where("doc_id", "=", k.doc_id)
        .execute();
      await trx
        .insertInto("search_removed")
        .values({ kind: k.kind, doc_id: k.doc_id, gathered_at: started })
        .execute();
      removed++;
    }
    return removed;
  });
}

/**
 * Brings the index up to what every owner offers now: gathers every capability's documents
 * (the manifests' `searchDocuments`), writes the new and changed ones and removes those no
 * longer offered or no longer public. Safe on several instances at once: writers take turns
 * (PostgreSQL's advisory lock, SQLite's write lock), and a refresh never overwrites or removes
 * a document that a refresh which began gathering later has written, nor brings back one it
 * removed.
 */
export async function refreshSearchIndex(
  ctx: AppContext,
): Promise<{ written: number; removed: number }> {
  const db = ctx.db;
  const started = ctx.clock.now().toISOString();
  const zone = ctx.calendars.forJurisdiction(null).rules.timeZone;
  const wanted = new Map<string, Row>();
  for (const doc of await ctx.searchDocuments()) {
    const row = toRow(doc, zone);
    if (row) wanted.set(keyOf(row.kind, row.doc_id), row);
  }
  const existing = await db.kysely
    .selectFrom("search_documents")
    .select(["kind", "doc_id", "fingerprint"])
    .execute();
  const stored = new Map(existing.map((e) => [keyOf(e.kind, e.doc_id), e]));
  const changed = [...wanted].filter(([k, r]) => stored.get(k)?.fingerprint !== r.fingerprint);
  const gone = existing.filter((e) => !wanted.has(keyOf(e.kind, e.doc_id)));
  let written = 0;
  let removed = 0;
  for (let i = 0; i < changed.length; i += BATCH)
    written += await writeBatch(
      db,
      started,
      changed.slice(i, i + BATCH).map(([, r]) => r),
    );
  for (let i = 0; i < gone.length; i += BATCH)
    removed += await removeBatch(db, started, gone.slice(i, i + BATCH));
  const last = await getSetting(db.kysely, REFRESHED_SETTING);
  if (!last || last < started) await setSetting(db.kysely, ctx.clock, REFRESHED_SETTING, started);
  if (written + removed > 0) ctx.log.info({ written, removed }, "search index refreshed");
  return { written, removed };
}

const inFlight = new WeakMap<AppContext, Promise<unknown>>();

/**
 * Refreshes the index first when it is older than `STALE_AFTER_MS` by the context's clock
 * (one refresh at a time per instance; callers wait for the one running). A refresh that
 * fails is logged and the search runs on the index as it is.
 */
export async function ensureFresh(ctx: AppContext): Promise<void> {
  const running = inFlight.get(ctx);
  if (running) {
    await running;
    return;
  }
  const last = await getSetting(ctx.db.kysely, REFRESHED_SETTING);
  if (last && ctx.clock.now().getTime() - Date.parse(last) < STALE_AFTER_MS) return;
  // A failed refresh leaves the index as it was: the search answers from it, the job retries.
  const run = refreshSearchIndex(ctx)
    .catch((err) => ctx.log.error({ err }, "search index refresh failed; searching the old index"))
    .finally(() => inFlight.delete(ctx));
  inFlight.set(ctx, run);
  await run;
}

/** One found document, with its titles and texts in the languages it has. */
export interface SearchHit {
  kind: SearchKind;
  id: string;
  agencyId: string | null;
  url: string;
  date: string;
  title: Partial<Record<Locale, string>>;
  text: Partial<Record<Locale, string>>;
}

export interface SearchFilter {
  /** The query's stems (see `queryTerms`): every one must match, as a word's beginning. */
  terms: string[];
  kind?: SearchKind | undefined;
  agencyId?: string | undefined;
  limit: number;
  offset: number;
}

function toHit(r: Record<string, unknown>): SearchHit {
  const pick = (prefix: "title" | "text") => {
    const out: Partial<Record<Locale, string>> = {};
    for (const l of LANGS) {
      const v = r[`${prefix}_${l}`];
      if (typeof v === "string" && v.length > 0) out[l] = v;
    }
    return out;
  };
  return {
    kind: r.kind as SearchKind,
    id: String(r.doc_id),
    agencyId: (r.agency_id as string | null) ?? null,
    url: String(r.url),
    date: String(r.date),
    title: pick("title"),
    text: pick("text"),
  };
}

/**
 * The documents matching every term, best first (title hits weigh more), then newest: FTS5's
 * bm25 on SQLite, `ts_rank` over the 'simple' tsvector on PostgreSQL. Terms hold only letters
 * and digits (see `queryTerms`), so no query syntax reaches either engine.
 */
export async function searchIndex(
  db: Db,
  f: SearchFilter,
): Promise<{ total: number; hits: SearchHit[] }> {
  const terms = f.terms.filter((t) => /^[\p{L}\p{N}]+$/u.test(t));
  if (terms.length === 0) return { total: 0, hits: [] };
  const filters = sql.join(
    [
      sql`1 = 1`,
      ...(f.kind ? [sql`d.kind = ${f.kind}`] : []),
      ...(f.agencyId ? [sql`d.agency_id = ${f.agencyId}`] : []),
    ],
    sql` AND `,
  );
  const columns = sql`d.kind, d.doc_id, d.agency_id, d.url, d.date, d.title_kk, d.title_ru,
    d.title_en, d.text_kk, d.text_ru, d.text_en`;
  if (db.dialect === "postgres") {
    const query = terms.map((t) => `'${t}':*`).join(" & ");
    const from = sql`search_documents d, to_tsquery('simple', ${query}) q
      WHERE d.tsv @@ q AND ${filters}`;
    const [rows, count] = await Promise.all([
      sql<Record<string, unknown>>`SELECT ${columns}, ts_rank(d.tsv, q) AS rank FROM ${from}
        ORDER BY rank DESC, d.date DESC, d.kind, d.doc_id
        LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db.kysely),
      sql<{ n: number | string }>`SELECT count(*) AS n FROM ${from}`.execute(db.kysely),
    ]);
    return { total: Number(count.rows[0]?.n ?? 0), hits: rows.rows.map(toHit) };
  }
  const match = terms.map((t) => `"${t}"*`).join(" ");
  const from = sql`search_fts JOIN search_documents d ON d.seq = search_fts.rowid
    WHERE search_fts MATCH ${match} AND ${filters}`;
  const [rows, count] = await Promise.all([
    sql<Record<string, unknown>>`SELECT ${columns}, bm25(search_fts, 8, 8, 8, 1, 1, 1) AS rank
      FROM ${from} ORDER BY rank, d.date DESC, d.kind, d.doc_id
      LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db.kysely),
    sql<{ n: number | string }>`SELECT count(*) AS n FROM ${from}`.execute(db.kysely),
  ]);
  return { total: Number(count.rows[0]?.n ?? 0), hits: rows.rows.map(toHit) };
}
