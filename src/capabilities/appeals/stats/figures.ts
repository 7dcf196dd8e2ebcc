/**
 * The appeal figures of a period, read from the appeals' statistics table and, for what is
 * overdue today, from the open appeals by due date (both kept with every change of an appeal): the
 * statistics pages and the open data read appeals only through these (see `appeals/index.ts`).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import {
  addDays,
  compare,
  lastDayOfMonth,
  parts,
  plainDate,
} from "../../../kernel/calendar/index.js";
import type { Period } from "../../../kernel/time/period.js";
import { agencyIdsAtLevel } from "../../agencies/index.js";
import { APPEAL_KINDS, CHANNELS } from "../appeal.js";
import type { StatMetric } from "./facts.js";
import { openDueBefore } from "./open-due.js";
import { isSummedScope, loadScopeSums } from "./scope-sums.js";

type Db = Kysely<Database>;

/** Counts by `metric\tdim`. */
export type Sums = Map<string, number>;

/** A scope of the statistics: the whole country, one level of bodies, or one body. */
export type Scope =
  | { kind: "national" }
  | { kind: "level"; level: string }
  | { kind: "agency"; id: string };

export function scopeKey(scope: Scope): string {
  if (scope.kind === "national") return "*";
  return scope.kind === "level" ? `l:${scope.level}` : `a:${scope.id}`;
}

/**
 * A period cut into the fewest stored rows: whole years (when `years`), whole months, and the
 * days left at either end.
 */
export function segments(
  period: Period,
  years: boolean,
): { years: string[]; months: string[]; days: [string, string][] } {
  const out = { years: [] as string[], months: [] as string[], days: [] as [string, string][] };
  let d = period.from;
  while (compare(d, period.to) <= 0) {
    const { year, month, day } = parts(d);
    const yearEnd = plainDate(year, 12, 31);
    const monthEnd = lastDayOfMonth(year, month);
    if (years && month === 1 && day === 1 && compare(yearEnd, period.to) <= 0) {
      out.years.push(String(year));
      d = addDays(yearEnd, 1);
    } else if (day === 1 && compare(monthEnd, period.to) <= 0) {
      out.months.push(d.slice(0, 7));
      d = addDays(monthEnd, 1);
    } else {
      const end = compare(monthEnd, period.to) <= 0 ? monthEnd : period.to;
      const last = out.days.at(-1);
      if (last && addDays(last[1], 1) === d) last[1] = end;
      else out.days.push([d, end]);
      d = addDays(end, 1);
    }
  }
  return out;
}

interface Filter {
  /** Exact scopes, or every body ("a:" scopes) when `bodies` is set. */
  scopes?: string[];
  bodies?: true;
  metrics?: StatMetric[];
}

function query(db: Db, filter: Filter, period: Period, years: boolean) {
  const seg = segments(period, years);
  let q = db.selectFrom("appeal_stats");
  if (filter.scopes) q = q.where("scope", "in", filter.scopes);
  if (filter.bodies) q = q.where("scope", ">=", "a:").where("scope", "<", "a;");
  if (filter.metrics) q = q.where("metric", "in", filter.metrics);
  return q.where((eb) => {
    const alternatives = [];
    if (seg.years.length > 0)
      alternatives.push(eb.and([eb("grain", "=", "y"), eb("period", "in", seg.years)]));
    if (seg.months.length > 0)
      alternatives.push(eb.and([eb("grain", "=", "m"), eb("period", "in", seg.months)]));
    for (const [a, b] of seg.days) {
      alternatives.push(
        eb.and([eb("grain", "=", "d"), eb("period", ">=", a), eb("period", "<=", b)]),
      );
    }
    return eb.or(alternatives);
  });
}

/**
 * The rows of a summed scope (the country, a level) covering a period: its whole years (when
 * `years`), whole months and the days at either end, each a period's counts by `metric\tdim`.
 */
async function summedRows(db: Db, scope: string, period: Period, years: boolean) {
  const seg = segments(period, years);
  const parts = await Promise.all([
    seg.years.length > 0 ? loadScopeSums(db, scope, "y", { in: seg.years }) : [],
    seg.months.length > 0 ? loadScopeSums(db, scope, "m", { in: seg.months }) : [],
    ...seg.days.map(([from, to]) => loadScopeSums(db, scope, "d", { from, to })),
  ]);
  return parts.flat();
}

/** The sums of a period per scope. */
export async function loadSums(db: Db, filter: Filter, period: Period): Promise<Map<string, Sums>> {
  const out = new Map<string, Sums>();
  if (filter.scopes && !filter.metrics && filter.scopes.every(isSummedScope)) {
    // The country and the levels: a row per year, month or day of the period.
    for (const scope of filter.scopes) {
      const sums: Sums = new Map();
      for (const r of await summedRows(db, scope, period, true)) {
        for (const [k, n] of r.sums) sums.set(k, (sums.get(k) ?? 0) + n);
      }
      if (sums.size > 0) out.set(scope, sums);
    }
    return out;
  }
  const rows = await query(db, filter, period, true)
    .select((eb) => ["scope", "metric", "dim", eb.fn.sum<number | string>("value").as("v")])
    .groupBy(["scope", "metric", "dim"])
    .execute();
  for (const r of rows) {
    let sums = out.get(r.scope);
    if (!sums) {
      sums = new Map();
      out.set(r.scope, sums);
    }
    sums.set(`${r.metric}\t${r.dim}`, Number(r.v));
  }
  return out;
}

/** The sums of one scope for each month of a period (the months at either end cut to the period). */
export async function loadMonthly(
  db: Db,
  scope: string,
  period: Period,
): Promise<Map<string, Sums>> {
  const out = new Map<string, Sums>();
  for (let d = period.from; compare(d, period.to) <= 0; ) {
    const { year, month } = parts(d);
    out.set(d.slice(0, 7), new Map());
    d = addDays(lastDayOfMonth(year, month), 1);
  }
  const add = (p: string, key: string, n: number) => {
    const sums = out.get(p.slice(0, 7));
    if (sums) sums.set(key, (sums.get(key) ?? 0) + n);
  };
  if (isSummedScope(scope)) {
    for (const r of await summedRows(db, scope, period, false)) {
      for (const [k, n] of r.sums) add(r.period, k, n);
    }
    return out;
  }
  const rows = await query(db, { scopes: [scope] }, period, false)
    .select(["period", "metric", "dim", "value"])
    .execute();
  for (const r of rows) add(r.period, `${r.metric}\t${r.dim}`, Number(r.value));
  return out;
}

export interface AppealFigures {
  accessibility: {
    received: number;
    byChannel: Record<string, number>;
    byKind: Record<string, number>;
    /** Share registered on the day the law names (the day of arrival, or the next working day after hours). */
    registeredOnTimeShare: number | null;
    /** Mean working days from arrival to registration. */
    registrationDaysMean: number | null;
    redirectsReceived: number;
    redirectsSent: number;
  };
  speed: {
    answered: number;
    /** Working days from registration to the answer: median and 90th percentile (nearest rank). */
    medianDays: number | null;
    p90Days: number | null;
    inTermShare: number | null;
    extensions: number;
    deemedRefusals: number;
  };
  satisfaction: {
    ratings: number;
    averageRating: number | null;
    resolvedYesShare: number | null;
    resolvedPartlyShare: number | null;
    resolvedNoShare: number | null;
    complainedShare: number | null;
    complaintsDecided: number;
    complaintsUpheld: number;
    upheldShare: number | null;
  };
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The value at rank ceil(p × n) of a histogram of whole numbers (nearest-rank percentile). */
export function percentile(histogram: Map<number, number>, p: number): number | null {
  const total = [...histogram.values()].reduce((s, n) => s + n, 0);
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value) ?? 0;
    if (seen >= rank) return value;
  }
  return null;
}

/** Every figure of the three criteria from a period's sums. */
export function figuresOf(sums: Sums): AppealFigures {
  const byChannel: Record<string, number> = Object.fromEntries(CHANNELS.map((c) => [c, 0]));
  const byKind: Record<string, number> = Object.fromEntries(APPEAL_KINDS.map((k) => [k, 0]));
  let received = 0;
  let regCount = 0;
  let regOnTime = 0;
  let regDays = 0;
  let answered = 0;
  let inTerm = 0;
  let complained = 0;
  const answerDays = new Map<number, number>();
  let ratings = 0;
  let ratingSum = 0;
  const resolved = { yes: 0, partly: 0, no: 0 } as Record<string, number>;
  let decided = 0;
  let upheld = 0;
  const get = (metric: string) => sums.get(`${metric}\t`) ?? 0;
  for (const [key, n] of sums) {
    const [metric, dim = ""] = key.split("\t");
    const d = dim.split("|");
    if (metric === "recv") {
      received += n;
      byChannel[d[0] ?? ""] = (byChannel[d[0] ?? ""] ?? 0) + n;
      byKind[d[1] ?? ""] = (byKind[d[1] ?? ""] ?? 0) + n;
    } else if (metric === "reg") {
      regCount += n;
      regDays += Number(d[0]) * n;
      if (d[1] === "1") regOnTime += n;
    } else if (metric === "ans") {
      answered += n;
      const days = Number(d[0]);
      answerDays.set(days, (answerDays.get(days) ?? 0) + n);
      if (d[1] === "1") inTerm += n;
      if (d[2] === "1") complained += n;
    } else if (metric === "rating") {
      ratings += n;
      ratingSum += Number(d[0]) * n;
      const r = d[1] ?? "";
      if (r in resolved) resolved[r] = (resolved[r] ?? 0) + n;
    } else if (metric === "cmp") {
      decided += n;
      if (dim === "1") upheld += n;
    }
  }
  return {
    accessibility: {
      received,
      byChannel,
      byKind,
      registeredOnTimeShare: share(regOnTime, regCount),
      registrationDaysMean: share(regDays, regCount),
      redirectsReceived: get("redir_in"),
      redirectsSent: get("redir_out"),
    },
    speed: {
      answered,
      medianDays: percentile(answerDays, 0.5),
      p90Days: percentile(answerDays, 0.9),
      inTermShare: share(inTerm, answered),
      extensions: get("ext"),
      deemedRefusals: get("deemed"),
    },
    satisfaction: {
      ratings,
      averageRating: share(ratingSum, ratings),
      resolvedYesShare: share(resolved.yes ?? 0, ratings),
      resolvedPartlyShare: share(resolved.partly ?? 0, ratings),
      resolvedNoShare: share(resolved.no ?? 0, ratings),
      complainedShare: share(complained, answered),
      complaintsDecided: decided,
      complaintsUpheld: upheld,
      upheldShare: share(upheld, decided),
    },
  };
}

/** Above this, "overdue now" is shown as "more than" (the figure is given up to one more). */
export const OVERDUE_CAP = 100_000;

/**
 * Appeals still undecided after their due date, today: a current state, summed from the open
 * appeals by due date (`appeal_open_due`, kept with every change of an appeal), of the body, of
 * the bodies now at the level, or of the country.
 */
export async function overdueNow(db: Db, scope: Scope, today: string): Promise<number> {
  let scopes = ["*"];
  if (scope.kind === "agency") scopes = [`a:${scope.id}`];
  if (scope.kind === "level") {
    scopes = (await agencyIdsAtLevel(db, scope.level)).map((id) => `a:${id}`);
  }
  return Math.min(await openDueBefore(db, scopes, today), OVERDUE_CAP + 1);
}

/** The day the first appeal was registered (where figures per year begin), or null when none was. */
export async function firstRegisteredOn(db: Db): Promise<string | null> {
  const first = await db
    .selectFrom("appeals")
    .select("registered_on")
    .orderBy("registered_on")
    .limit(1)
    .executeTakeFirst();
  return first?.registered_on ?? null;
}
