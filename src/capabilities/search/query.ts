import type { Locale } from "../../kernel/i18n.js";
import type { FieldIssue } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import { SEARCH_KINDS, type SearchKind } from "../../platform/manifest.js";
import { type Agency, listAgencies } from "../agencies/index.js";
import { ensureFresh, type SearchHit, searchIndex } from "./search-index.js";
import { MAX_QUERY_LENGTH, queryTerms, type SnippetPart, snippet } from "./words.js";

/** Results per page. */
export const PAGE_SIZE = 20;
/** The last page that may be asked for (a search is refined, not paged through for ever). */
export const MAX_PAGE = 50;

/** What a search asks, as the page's form and the API take it (strings, or absent). */
export interface RawSearch {
  q?: unknown;
  kind?: unknown;
  body?: unknown;
  page?: unknown;
}

export interface SearchRequest {
  q: string;
  terms: string[];
  kind: SearchKind | undefined;
  body: Agency | undefined;
  page: number;
  pageSize: number;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

const text = (v: unknown): string | undefined | null =>
  v === undefined ? undefined : typeof v === "string" ? v : null;

/**
 * Checks a search the same way for the page and the API: the query present, not blank, at
 * most `MAX_QUERY_LENGTH` characters, without control characters and with a word to look for;
 * a known kind; an active body by its slug; a page from 1 to `MAX_PAGE`. Each problem is a
 * field issue with a localised message; nothing is searched when there is one.
 */
export function checkSearch(
  raw: RawSearch,
  bodies: Agency[],
  pageSize = PAGE_SIZE,
): { request: SearchRequest; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const q = text(raw.q);
  const query = typeof q === "string" ? q.trim() : "";
  if (q === null) issues.push({ field: "q", key: "search.errors.q_invalid" });
  else if (query.length === 0) issues.push({ field: "q", key: "search.errors.q_empty" });
  else if ([...query].length > MAX_QUERY_LENGTH)
    issues.push({ field: "q", key: "search.errors.q_too_long", params: { max: MAX_QUERY_LENGTH } });
  else if (CONTROL.test(query)) issues.push({ field: "q", key: "search.errors.q_control" });
  const terms = issues.length === 0 ? queryTerms(query) : [];
  if (issues.length === 0 && terms.length === 0)
    issues.push({ field: "q", key: "search.errors.q_no_words" });

  const kindRaw = text(raw.kind);
  let kind: SearchKind | undefined;
  if (kindRaw === null) issues.push({ field: "kind", key: "search.errors.kind_unknown" });
  else if (kindRaw) {
    kind = SEARCH_KINDS.find((k) => k === kindRaw);
    if (!kind) issues.push({ field: "kind", key: "search.errors.kind_unknown" });
  }

  const bodyRaw = text(raw.body);
  let body: Agency | undefined;
  if (bodyRaw === null) issues.push({ field: "body", key: "search.errors.body_unknown" });
  else if (bodyRaw) {
    body = bodies.find((b) => b.slug === bodyRaw);
    if (!body) issues.push({ field: "body", key: "search.errors.body_unknown" });
  }

  let page = 1;
  const pageRaw = raw.page;
  if (typeof pageRaw === "number") page = pageRaw;
  else if (typeof pageRaw === "string" && pageRaw !== "")
    page = /^\d{1,6}$/.test(pageRaw) ? Number(pageRaw) : Number.NaN;
  else if (pageRaw !== undefined && pageRaw !== "") page = Number.NaN;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) {
    issues.push({ field: "page", key: "search.errors.page_invalid", params: { max: MAX_PAGE } });
    page = 1;
  }
  return {
    request: { q: query.slice(0, MAX_QUERY_LENGTH * 2), terms, kind, body, page, pageSize },
    issues,
  };
}

/** The bodies one may filter by: the active ones, by name in the reader's language. */
export async function searchBodies(ctx: AppContext, locale: Locale): Promise<Agency[]> {
  const all = await listAgencies(ctx.db.kysely);
  return all
    .filter((a) => a.active)
    .sort((a, b) => a.names[locale].localeCompare(b.names[locale], locale));
}

/** A found document as the page and the API show it: in the reader's language when it has it. */
export interface SearchResult {
  kind: SearchKind;
  id: string;
  url: string;
  title: string;
  /** The language of the title and snippet (the document's own when it lacks the reader's). */
  language: Locale;
  snippet: SnippetPart[];
  date: string;
  body: Agency | undefined;
}

const ORDER: Locale[] = ["kk", "ru", "en"];

function shown(hit: SearchHit, locale: Locale, terms: string[], bodies: Map<string, Agency>) {
  const language =
    hit.title[locale] !== undefined
      ? locale
      : (ORDER.find((l) => hit.title[l] !== undefined) ?? locale);
  return {
    kind: hit.kind,
    id: hit.id,
    url: hit.url,
    title: hit.title[language] ?? "",
    language,
    snippet: snippet(hit.text[language] ?? "", terms),
    date: hit.date,
    body: hit.agencyId ? bodies.get(hit.agencyId) : undefined,
  };
}

/** Runs a checked search on an index at most `STALE_AFTER_MS` old. */
export async function runSearch(
  ctx: AppContext,
  request: SearchRequest,
  locale: Locale,
  bodies: Agency[],
): Promise<{ total: number; results: SearchResult[] }> {
  await ensureFresh(ctx);
  const { total, hits } = await searchIndex(ctx.db, {
    terms: request.terms,
    kind: request.kind,
    agencyId: request.body?.id,
    limit: request.pageSize,
    offset: (request.page - 1) * request.pageSize,
  });
  const byId = new Map(bodies.map((b) => [b.id, b]));
  return { total, results: hits.map((h) => shown(h, locale, request.terms, byId)) };
}
