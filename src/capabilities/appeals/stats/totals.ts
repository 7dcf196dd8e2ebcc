/**
 * Per-body totals by month and by day (`appeal_body_totals`): the few figures the ranking of
 * bodies needs, one row per body and period, kept with every change of an appeal beside the
 * detailed statistics. A year of every body is a few thousand rows.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "../../../db/schema.js";
import type { Period } from "../../../kernel/time/period.js";
import type { Fact } from "./facts.js";
import { segments } from "./figures.js";

type Db = Kysely<Database>;

/** The counted columns, in the order of `TotalsDelta.counts`. */
const COUNTS = [
  "received",
  "registered_on_time",
  "answered",
  "answered_in_term",
  "ratings",
  "rating_sum",
  "resolved_yes",
] as const;
type Count = (typeof COUNTS)[number];
const at = Object.fromEntries(COUNTS.map((c, i) => [c, i])) as Record<Count, number>;

/** What a change adds to one body's row of one month or day. */
export interface TotalsDelta {
  counts: number[];
  /** Answers by working days to the answer. */
  days: Map<number, number>;
}

/** A body's totals over a period. */
export interface BodyTotals {
  received: number;
  registeredOnTime: number;
  answered: number;
  answeredInTerm: number;
  ratings: number;
  ratingSum: number;
  resolvedYes: number;
  /** Answers by working days to the answer (a histogram, for the median). */
  answerDays: Map<number, number>;
}

/** Rows per INSERT of a rebuild. */
const CHUNK = 200;

/** Adds `sign` × the facts to `deltas`, under each fact's body, by its month and its day. */
export function accumulateTotals(
  deltas: Map<string, TotalsDelta>,
  facts: Fact[],
  sign: number,
): void {
  for (const f of facts) {
    if (f.metric !== "recv" && f.metric !== "reg" && f.metric !== "ans" && f.metric !== "rating")
      continue;
    const d = f.dim.split("|");
    const n = sign * f.n;
    for (const key of [`m\t${f.day.slice(0, 7)}\t${f.agencyId}`, `d\t${f.day}\t${f.agencyId}`]) {
      let t = deltas.get(key);
      if (!t) {
        t = { counts: COUNTS.map(() => 0), days: new Map() };
        deltas.set(key, t);
      }
      const c = t.counts;
      if (f.metric === "recv") c[at.received] = (c[at.received] ?? 0) + n;
      else if (f.metric === "reg") {
        if (d[1] === "1") c[at.registered_on_time] = (c[at.registered_on_time] ?? 0) + n;
      } else if (f.metric === "ans") {
        c[at.answered] = (c[at.answered] ?? 0) + n;
        if (d[1] === "1") c[at.answered_in_term] = (c[at.answered_in_term] ?? 0) + n;
        const days = Number(d[0]);
        t.days.set(days, (t.days.get(days) ?? 0) + n);
      } else {
        c[at.ratings] = (c[at.ratings] ?? 0) + n;
        c[at.rating_sum] = (c[at.rating_sum] ?? 0) + Number(d[0]) * n;
        if (d[1] === "yes") c[at.resolved_yes] = (c[at.resolved_yes] ?? 0) + n;
      }
    }
  }
}

/** A histogram stored as a JSON array (answers after 0, 1, 2 … days), without trailing zeros. */
function addToHistogram(stored: string, delta: Map<number, number>): string {
  const days = JSON.parse(stored) as number[];
  for (const [d, n] of delta) {
    for (let i = days.length; i <= d; i++) days.push(0);
    days[d] = (days[d] ?? 0) + n;
  }
  while (days.length > 0 && days.at(-1) === 0) days.pop();
  return JSON.stringify(days);
}

const isZero = (t: TotalsDelta) =>
  t.counts.every((n) => n === 0) && [...t.days.values()].every((n) => n === 0);

/**
 * Adds the deltas to the totals, in the order of their keys (so transactions that add to the
 * same rows lock them in one order), creating the rows that are new. A change of the histogram
 * is read and written back under the row's lock, which the upsert has just taken.
 */
export async function addToTotals(trx: Db, deltas: Map<string, TotalsDelta>): Promise<void> {
  const keys = [...deltas.keys()].sort();
  for (const key of keys) {
    const t = deltas.get(key) as TotalsDelta;
    if (isZero(t)) continue;
    const [grain, period, agency_id] = key.split("\t") as [string, string, string];
    const values = Object.fromEntries(COUNTS.map((c, i) => [c, t.counts[i] ?? 0])) as Record<
      Count,
      number
    >;
    const row = await trx
      .insertInto("appeal_body_totals")
      .values({ grain, period, agency_id, ...values, answer_days: "[]" })
      .onConflict((oc) =>
        oc
          .columns(["grain", "period", "agency_id"])
          .doUpdateSet(
            Object.fromEntries(
              COUNTS.map((c) => [
                c,
                sql`appeal_body_totals.${sql.ref(c)} + excluded.${sql.ref(c)}`,
              ]),
            ),
          ),
      )
      .returning("answer_days")
      .executeTakeFirstOrThrow();
    if ([...t.days.values()].some((n) => n !== 0)) {
      await trx
        .updateTable("appeal_body_totals")
        .set({ answer_days: addToHistogram(row.answer_days, t.days) })
        .where("grain", "=", grain)
        .where("period", "=", period)
        .where("agency_id", "=", agency_id)
        .execute();
    }
  }
}

/** The rows of a set of totals, as written when nothing is there yet (a rebuild, generated data). */
export function totalsRows(deltas: Map<string, TotalsDelta>) {
  return [...deltas]
    .filter(([, t]) => !isZero(t))
    .map(([key, t]) => {
      const [grain, period, agency_id] = key.split("\t") as [string, string, string];
      return {
        grain,
        period,
        agency_id,
        ...(Object.fromEntries(COUNTS.map((c, i) => [c, t.counts[i] ?? 0])) as Record<
          Count,
          number
        >),
        answer_days: addToHistogram("[]", t.days),
      };
    });
}

/** Adds a stored row of the totals to `deltas` (to merge totals already written). */
export function addStoredTotals(
  deltas: Map<string, TotalsDelta>,
  row: { grain: string; period: string; agency_id: string; answer_days: string } & Record<
    Count,
    number | string | bigint
  >,
): void {
  const key = `${row.grain}\t${row.period}\t${row.agency_id}`;
  let t = deltas.get(key);
  if (!t) {
    t = { counts: COUNTS.map(() => 0), days: new Map() };
    deltas.set(key, t);
  }
  COUNTS.forEach((c, i) => {
    t.counts[i] = (t.counts[i] ?? 0) + Number(row[c]);
  });
  (JSON.parse(row.answer_days) as number[]).forEach((n, d) => {
    t.days.set(d, (t.days.get(d) ?? 0) + n);
  });
}

/** Writes the totals of a rebuild (the table emptied before): plain inserts, in chunks. */
export async function insertTotals(trx: Db, deltas: Map<string, TotalsDelta>): Promise<void> {
  const rows = totalsRows(deltas);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto("appeal_body_totals")
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

/**
 * Every body's totals over a period: its whole months from the month rows, the days left at
 * either end from the day rows (exact for any period of days).
 */
export async function loadBodyTotals(db: Db, period: Period): Promise<Map<string, BodyTotals>> {
  const seg = segments(period, false);
  const rows = await db
    .selectFrom("appeal_body_totals")
    .selectAll()
    .where((eb) => {
      const alternatives = [];
      if (seg.months.length > 0)
        alternatives.push(eb.and([eb("grain", "=", "m"), eb("period", "in", seg.months)]));
      for (const [a, b] of seg.days) {
        alternatives.push(
          eb.and([eb("grain", "=", "d"), eb("period", ">=", a), eb("period", "<=", b)]),
        );
      }
      return eb.or(alternatives);
    })
    .execute();
  const out = new Map<string, BodyTotals>();
  for (const r of rows) {
    let t = out.get(r.agency_id);
    if (!t) {
      t = {
        received: 0,
        registeredOnTime: 0,
        answered: 0,
        answeredInTerm: 0,
        ratings: 0,
        ratingSum: 0,
        resolvedYes: 0,
        answerDays: new Map(),
      };
      out.set(r.agency_id, t);
    }
    t.received += Number(r.received);
    t.registeredOnTime += Number(r.registered_on_time);
    t.answered += Number(r.answered);
    t.answeredInTerm += Number(r.answered_in_term);
    t.ratings += Number(r.ratings);
    t.ratingSum += Number(r.rating_sum);
    t.resolvedYes += Number(r.resolved_yes);
    (JSON.parse(r.answer_days) as number[]).forEach((n, days) => {
      if (n !== 0) t.answerDays.set(days, (t.answerDays.get(days) ?? 0) + n);
    });
  }
  return out;
}
