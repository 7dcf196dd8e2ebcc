import { APPEAL_KINDS, APPEAL_STATUSES, CHANNELS } from "../../appeal.js";
import { INBOX_STAGES, type InboxStage } from "../../tasks/stages.js";

export const INBOX_SORTS = ["due", "received", "received_desc", "number"] as const;
/** Terms: missed, or the nearest ending within 3 ("soon"), 5 or 10 working days (nearest-term.ts). */
export const INBOX_DUE = ["soon", "overdue", "within_5", "within_10"] as const;
/** The appeals assigned to the person ("mine") or all of the body's; unset, the role's default. */
export const INBOX_SCOPES = ["mine", "all"] as const;
/** Rows on one page of the inbox. */
export const INBOX_PAGE_SIZE = 25;

/** The inbox's filters as the GET form sends them; anything not in a closed list is dropped. */
export interface InboxParams {
  agency: string;
  status: string;
  kind: string;
  channel: string;
  executor: string;
  due: string;
  q: string;
  sort: (typeof INBOX_SORTS)[number];
  page: number;
  scope: "" | (typeof INBOX_SCOPES)[number];
  /** The tab by stage; unset, the open appeals (or every stage when a status is chosen). */
  stage: "" | InboxStage;
}

const pick = (value: unknown, allowed: readonly string[]): string =>
  typeof value === "string" && allowed.includes(value) ? value : "";

/** Reads the query string; unknown values become "no filter", a bad page number page 1. */
export function parseInboxQuery(query: Record<string, unknown> | undefined): InboxParams {
  const q = query ?? {};
  const text = (v: unknown, max: number) => (typeof v === "string" ? v.trim().slice(0, max) : "");
  const page = Number.parseInt(typeof q.page === "string" ? q.page : "1", 10);
  return {
    agency: text(q.agency, 100),
    status: pick(q.status, APPEAL_STATUSES),
    kind: pick(q.kind, APPEAL_KINDS),
    channel: pick(q.channel, CHANNELS),
    executor: text(q.executor, 100),
    due: pick(q.due, INBOX_DUE),
    q: text(q.q, 200),
    sort: (pick(q.sort, INBOX_SORTS) || "due") as InboxParams["sort"],
    page: Number.isFinite(page) && page >= 1 && page <= 100_000 ? page : 1,
    scope: pick(q.scope, INBOX_SCOPES) as InboxParams["scope"],
    stage: pick(q.stage, INBOX_STAGES) as InboxParams["stage"],
  };
}

/** The inbox address for these filters, with the defaults left out; `page` overrides the page. */
export function inboxHref(p: InboxParams, page = p.page): string {
  const search = new URLSearchParams();
  const add = (k: string, v: string) => {
    if (v) search.set(k, v);
  };
  add("agency", p.agency);
  add("scope", p.scope);
  add("stage", p.stage);
  add("status", p.status);
  add("kind", p.kind);
  add("channel", p.channel);
  add("executor", p.executor);
  add("due", p.due);
  add("q", p.q);
  if (p.sort !== "due") search.set("sort", p.sort);
  if (page > 1) search.set("page", String(page));
  const s = search.toString();
  return s ? `/office/appeals?${s}` : "/office/appeals";
}
