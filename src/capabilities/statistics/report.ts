import { performance } from "node:perf_hooks";
import { toPlainDate } from "../../kernel/calendar/index.js";
import { type Period, previousPeriod } from "../../kernel/time/period.js";
import type { AppContext, Measure } from "../../platform/manifest.js";
import { type Agency, listAgencies } from "../agencies/index.js";
import {
  type AppealFigures,
  figuresOf,
  loadBodyTotals,
  loadMonthly,
  loadSums,
  overdueNow,
  percentile,
  type Scope,
  scopeKey,
} from "../appeals/index.js";

export const CRITERIA = ["accessibility", "speed", "satisfaction"] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface TrendRow {
  month: string;
  received: number;
  answered: number;
  medianDays: number | null;
  p90Days: number | null;
  inTermShare: number | null;
  ratings: number;
  averageRating: number | null;
}

export interface ScopeReport {
  period: Period;
  previousPeriod: Period;
  current: AppealFigures;
  previous: AppealFigures;
  overdueNow: number;
  trends: TrendRow[];
}

/**
 * Figures of one scope for a period and the period before, with its monthly trend. "Today"
 * (for what is overdue now) is the body's, in `timeZone`; the default jurisdiction's for the
 * whole country and a level.
 */
export async function scopeReport(
  ctx: AppContext,
  scope: Scope,
  period: Period,
  timeZone = ctx.calendars.forJurisdiction().rules.timeZone,
): Promise<ScopeReport> {
  const key = scopeKey(scope);
  const previous = previousPeriod(period);
  const [monthly, before, overdue] = await Promise.all([
    loadMonthly(ctx.db.kysely, key, period),
    loadSums(ctx.db.kysely, { scopes: [key] }, previous),
    overdueNow(ctx.db.kysely, scope, toPlainDate(ctx.clock.now(), timeZone)),
  ]);
  const total = new Map<string, number>();
  const trends: TrendRow[] = [];
  for (const [month, sums] of monthly) {
    for (const [k, n] of sums) total.set(k, (total.get(k) ?? 0) + n);
    const f = figuresOf(sums);
    trends.push({
      month,
      received: f.accessibility.received,
      answered: f.speed.answered,
      medianDays: f.speed.medianDays,
      p90Days: f.speed.p90Days,
      inTermShare: f.speed.inTermShare,
      ratings: f.satisfaction.ratings,
      averageRating: f.satisfaction.averageRating,
    });
  }
  return {
    period,
    previousPeriod: previous,
    current: figuresOf(total),
    previous: figuresOf(before.get(key) ?? new Map()),
    overdueNow: overdue,
    trends,
  };
}

export interface RankRow {
  rank: number | null;
  agency: Agency;
  received: number;
  registeredOnTimeShare: number | null;
  answered: number;
  medianDays: number | null;
  inTermShare: number | null;
  ratings: number;
  averageRating: number | null;
  resolvedYesShare: number | null;
}

type Key = (r: RankRow) => number | null;
/** What each criterion ranks by, in order: higher first unless marked ascending. */
const ORDER: Record<Criterion, { key: Key; asc?: boolean }[]> = {
  accessibility: [{ key: (r) => r.registeredOnTimeShare }, { key: (r) => r.received }],
  speed: [{ key: (r) => r.inTermShare }, { key: (r) => r.medianDays, asc: true }],
  satisfaction: [{ key: (r) => r.averageRating }, { key: (r) => r.ratings }],
};

/**
 * How long a computed ranking is reused: the same for everyone. It reads every body's totals
 * (`appeal_body_totals`: a row per body and month, and per day for the days at either end).
 */
export const RANKING_TTL_MS = 60_000;
const rankings = new WeakMap<AppContext, Map<string, { at: number; rows: Promise<RankRow[]> }>>();

/**
 * Every active body (of one level, when given) ranked on a criterion for a period, computed at
 * most once a minute per period, criterion and level (concurrent requests share one
 * computation). Bodies with nothing to measure on it come last, unranked.
 */
export async function ranking(
  ctx: AppContext,
  period: Period,
  criterion: Criterion,
  level?: string,
): Promise<RankRow[]> {
  let cache = rankings.get(ctx);
  if (!cache) {
    cache = new Map();
    rankings.set(ctx, cache);
  }
  const key = `${period.from}|${period.to}|${criterion}|${level ?? ""}`;
  const now = performance.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < RANKING_TTL_MS) return hit.rows;
  if (cache.size > 200) cache.clear();
  const rows = computeRanking(ctx, period, criterion, level);
  cache.set(key, { at: now, rows });
  rows.catch(() => cache.delete(key));
  return rows;
}

async function computeRanking(
  ctx: AppContext,
  period: Period,
  criterion: Criterion,
  level?: string,
): Promise<RankRow[]> {
  const [all, totals] = await Promise.all([
    listAgencies(ctx.db.kysely),
    loadBodyTotals(ctx.db.kysely, period),
  ]);
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const rows: RankRow[] = all
    .filter((a) => !level || a.level === level)
    .map((agency) => {
      const t = totals.get(agency.id);
      return {
        rank: null,
        agency,
        received: t?.received ?? 0,
        // Every appeal received is registered once, on the same day: the same count.
        registeredOnTimeShare: t ? share(t.registeredOnTime, t.received) : null,
        answered: t?.answered ?? 0,
        medianDays: t ? percentile(t.answerDays, 0.5) : null,
        inTermShare: t ? share(t.answeredInTerm, t.answered) : null,
        ratings: t?.ratings ?? 0,
        averageRating: t ? share(t.ratingSum, t.ratings) : null,
        resolvedYesShare: t ? share(t.resolvedYes, t.ratings) : null,
      };
    });
  const order = ORDER[criterion];
  const first = order[0] as { key: Key };
  rows.sort((a, b) => {
    for (const { key, asc } of order) {
      const x = key(a);
      const y = key(b);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return asc ? x - y : y - x;
    }
    return a.agency.slug < b.agency.slug ? -1 : 1;
  });
  let rank = 0;
  for (const r of rows) if (first.key(r) !== null) r.rank = ++rank;
  return rows;
}

/** Which criterion a measure of another capability belongs to, by its field or its name's prefix. */
const CRITERION_OF_PREFIX: Record<string, Criterion> = {
  receptions: "accessibility",
  publications: "accessibility",
  survey: "satisfaction",
};

export type MeasureGroup = Criterion | "participation";

export function criterionOf(m: Measure): MeasureGroup {
  if (m.criterion) return m.criterion;
  return CRITERION_OF_PREFIX[m.name.split(".")[0] ?? ""] ?? "participation";
}
