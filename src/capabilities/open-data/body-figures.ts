import { toPlainDate } from "../../kernel/calendar/index.js";
import type { AppContext } from "../../kernel/manifest.js";
import { APPEAL_KINDS, isOpen } from "../appeals/appeal.js";
import { appealProfile } from "../appeals/profiles.js";
import { type AppealRecord, appealRecordPages } from "./appeal-records.js";
import type { Lookups } from "./lookups.js";

/**
 * Per-body figures of each year, counted from the very records the appeals dataset publishes
 * (so the two files always agree). The statistics capability keeps its own aggregates for its
 * pages; these are the open-data file's.
 */
export const FIGURE_FIELDS = [
  "year",
  "body",
  "body_name_kk",
  "body_name_ru",
  "body_name_en",
  "body_level",
  "received",
  ...APPEAL_KINDS.map((k) => `kind_${k}` as const),
  "answered",
  "answered_on_time",
  "share_answered_on_time",
  "median_working_days_to_answer",
  "open",
  "overdue_open",
  "redirected",
  "returned",
  "terminated",
  "rated",
  "average_rating",
  "resolved_yes",
  "resolved_partly",
  "resolved_no",
] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];
export type FigureRecord = Record<FigureField, string | number | null>;

interface Tally {
  year: number;
  body: string;
  received: number;
  kinds: Map<string, number>;
  answered: number;
  onTime: number;
  days: number[];
  open: number;
  overdue: number;
  redirected: number;
  returned: number;
  terminated: number;
  rated: number;
  ratingSum: number;
  resolved: Record<"yes" | "partly" | "no", number>;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Adds one appeal to its body's tally of its registration year. */
function count(t: Tally, r: AppealRecord, today: string): void {
  t.received++;
  t.kinds.set(String(r.kind), (t.kinds.get(String(r.kind)) ?? 0) + 1);
  if (r.status === "answered") {
    t.answered++;
    if (r.on_time === true) t.onTime++;
    if (typeof r.working_days_to_answer === "number") t.days.push(r.working_days_to_answer);
  }
  if (isOpen(String(r.status))) {
    t.open++;
    if (String(r.due_date) < today) t.overdue++;
  }
  if (r.status === "redirected") t.redirected++;
  if (r.status === "returned") t.returned++;
  if (r.status === "terminated") t.terminated++;
  if (typeof r.rating === "number") {
    t.rated++;
    t.ratingSum += r.rating;
  }
  if (r.rating_resolved === "yes" || r.rating_resolved === "partly" || r.rating_resolved === "no") {
    t.resolved[r.rating_resolved]++;
  }
}

/** Every body's figures per year, newest year first, bodies by slug. */
export async function bodyFigures(ctx: AppContext, lookups: Lookups): Promise<FigureRecord[]> {
  const today = toPlainDate(
    ctx.clock.now(),
    appealProfile(ctx.config.defaultJurisdiction).timeZone,
  );
  const tallies = new Map<string, Tally>();
  for await (const page of appealRecordPages(ctx, lookups, {})) {
    for (const r of page) {
      const year = Number(String(r.registered_date).slice(0, 4));
      const body = String(r.body ?? "");
      const key = `${year}|${body}`;
      let t = tallies.get(key);
      if (!t) {
        t = {
          year,
          body,
          received: 0,
          kinds: new Map(),
          answered: 0,
          onTime: 0,
          days: [],
          open: 0,
          overdue: 0,
          redirected: 0,
          returned: 0,
          terminated: 0,
          rated: 0,
          ratingSum: 0,
          resolved: { yes: 0, partly: 0, no: 0 },
        };
        tallies.set(key, t);
      }
      count(t, r, today);
    }
  }
  const bySlug = new Map([...lookups.bodies.values()].map((b) => [b.slug, b]));
  return [...tallies.values()]
    .sort((a, b) => b.year - a.year || (a.body < b.body ? -1 : a.body > b.body ? 1 : 0))
    .map((t) => {
      const body = bySlug.get(t.body);
      const kinds = Object.fromEntries(
        APPEAL_KINDS.map((k) => [`kind_${k}`, t.kinds.get(k) ?? 0]),
      ) as Record<`kind_${(typeof APPEAL_KINDS)[number]}`, number>;
      return {
        year: t.year,
        body: t.body,
        body_name_kk: body?.names.kk ?? null,
        body_name_ru: body?.names.ru ?? null,
        body_name_en: body?.names.en ?? null,
        body_level: body?.level ?? null,
        received: t.received,
        ...kinds,
        answered: t.answered,
        answered_on_time: t.onTime,
        share_answered_on_time: t.answered ? round(t.onTime / t.answered, 4) : null,
        median_working_days_to_answer: median(t.days),
        open: t.open,
        overdue_open: t.overdue,
        redirected: t.redirected,
        returned: t.returned,
        terminated: t.terminated,
        rated: t.rated,
        average_rating: t.rated ? round(t.ratingSum / t.rated, 2) : null,
        resolved_yes: t.resolved.yes,
        resolved_partly: t.resolved.partly,
        resolved_no: t.resolved.no,
      };
    });
}
