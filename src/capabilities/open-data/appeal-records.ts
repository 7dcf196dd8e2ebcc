import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { toPlainDate } from "../../kernel/calendar/index.js";
import type { AppContext } from "../../platform/manifest.js";
import { redactPersonalData } from "../../platform/privacy/redact.js";
import {
  appealProfile,
  firstRegisteredOn,
  lastRegisteredOn,
  type PublishedAppeal,
  publishedAppealPage,
} from "../appeals/index.js";
import type { Lookups } from "./lookups.js";

/**
 * The published fields of an appeal, in order (the CSV header and the JSON keys). Nothing
 * here names, contacts or locates a person more finely than the district; subject and text
 * appear only for appeals their applicants made public.
 */
export const APPEAL_FIELDS = [
  "number",
  "body",
  "body_name_kk",
  "body_name_ru",
  "body_name_en",
  "body_level",
  "category",
  "kind",
  "channel",
  "district_code",
  "registered_date",
  "due_date",
  "status",
  "answered_date",
  "outcome",
  "working_days_to_answer",
  "on_time",
  "rating",
  "rating_resolved",
  "public",
  "subject",
  "text",
] as const;
export type AppealField = (typeof APPEAL_FIELDS)[number];
export type AppealRecord = Record<AppealField, string | number | boolean | null>;

/** Rows read per query while streaming: keyset pages, so 4 million appeals never sit in memory. */
export const PAGE_ROWS = 2000;

/**
 * Working days between two dates on a jurisdiction's calendar, remembered: an export asks the
 * same few thousand pairs millions of times, and each answer walks the calendar day by day.
 */
const spans = new Map<string, number>();
function workingDays(ctx: AppContext, jurisdiction: string, from: string, to: string) {
  const key = `${jurisdiction}|${from}|${to}`;
  let n = spans.get(key);
  if (n === undefined) {
    n = ctx.calendars.forJurisdiction(jurisdiction).workingDaysBetween(from, to);
    if (spans.size > 200_000) spans.clear();
    spans.set(key, n);
  }
  return n;
}

/** The local date of an instant, remembered by the minute (instants of one minute share a date). */
const localDates = new Map<string, string>();
function localDate(jurisdiction: string, instant: string): string {
  const key = `${jurisdiction}|${instant.slice(0, 16)}`;
  let d = localDates.get(key);
  if (d === undefined) {
    d = toPlainDate(new Date(instant), appealProfile(jurisdiction).timeZone);
    if (localDates.size > 200_000) localDates.clear();
    localDates.set(key, d);
  }
  return d;
}

/** The published record of one appeal. */
export function toRecord(ctx: AppContext, lookups: Lookups, row: PublishedAppeal): AppealRecord {
  const body = lookups.bodies.get(row.agency_id);
  const answered = row.answered_at ? localDate(row.jurisdiction, row.answered_at) : null;
  const isPublic = row.public_text !== null;
  const district =
    row.district_code && lookups.territories.has(row.district_code) ? row.district_code : null;
  return {
    number: row.number,
    body: body?.slug ?? null,
    body_name_kk: body?.names.kk ?? null,
    body_name_ru: body?.names.ru ?? null,
    body_name_en: body?.names.en ?? null,
    body_level: body?.level ?? null,
    category: row.category_id ? (lookups.categories.get(row.category_id)?.slug ?? null) : null,
    kind: row.kind,
    channel: row.channel,
    district_code: district,
    registered_date: row.registered_on,
    due_date: row.due_on,
    status: row.status,
    answered_date: answered,
    outcome: row.answer_outcome,
    working_days_to_answer: answered
      ? workingDays(ctx, row.jurisdiction, row.registered_on, answered)
      : null,
    on_time: answered ? answered <= row.due_on : null,
    rating: row.rating_score === null ? null : Number(row.rating_score),
    rating_resolved: row.rating_resolved,
    public: isPublic,
    subject: isPublic && row.public_subject ? redactPersonalData(row.public_subject) : null,
    text: isPublic && row.public_text ? redactPersonalData(row.public_text) : null,
  };
}

/** Which appeals an export holds: all of them, or those registered in one year. */
export interface AppealScope {
  year?: number;
}

/**
 * Every published record in the scope, in order of registration number, a keyset page at a
 * time (each page one indexed query, whatever the table's size).
 */
export async function* appealRecordPages(
  ctx: AppContext,
  lookups: Lookups,
  scope: AppealScope,
  pageRows: number = PAGE_ROWS,
): AsyncGenerator<AppealRecord[]> {
  const db = ctx.db.kysely;
  let after: string | null = null;
  for (;;) {
    const rows = await publishedAppealPage(db, { ...scope, after, limit: pageRows });
    if (rows.length === 0) return;
    yield rows.map((r) => toRecord(ctx, lookups, r));
    if (rows.length < pageRows) return;
    after = rows[rows.length - 1]?.number ?? null;
  }
}

/** Years in which appeals were registered, newest first (one file per year). */
export async function appealYears(db: Kysely<Database>): Promise<number[]> {
  const [first, last] = await Promise.all([firstRegisteredOn(db), lastRegisteredOn(db)]);
  if (!first || !last) return [];
  const years: number[] = [];
  for (let y = Number(last.slice(0, 4)); y >= Number(first.slice(0, 4)); y--) {
    years.push(y);
  }
  return years;
}
