import { type Kysely, sql } from "kysely";
import type { Database } from "../../../db/schema.js";
import type { CalendarRegistry, WorkingCalendar } from "../../../kernel/calendar/index.js";
import { agencyLevels } from "../../agencies/index.js";
import {
  type Fact,
  factsOf,
  isRedirected,
  keysOf,
  type StatAppeal,
  type StatRefs,
} from "./facts.js";
import { fastCalendar } from "./fast-calendar.js";
import { accumulateOpenDue, addToOpenDue } from "./open-due.js";
import { addToScopeSums } from "./scope-sums.js";
import { accumulateTotals, addToTotals, type TotalsDelta } from "./totals.js";

type Db = Kysely<Database>;

/** Rows per INSERT: well under every database's limit of bound values. */
const CHUNK = 200;

/** The calendar each appeal's facts are counted by, made fast for counting many appeals. */
export function calendarLookup(calendars: CalendarRegistry): (j: string) => WorkingCalendar {
  return (jurisdiction) => fastCalendar(calendars.forJurisdiction(jurisdiction));
}

/**
 * Adds counts to the statistics rows (creating the rows that are new), skipping zeros, and to
 * the rows of the country and the levels by period (`appeal_scope_sums`).
 */
export async function addToStats(trx: Db, deltas: Map<string, number>): Promise<void> {
  const rows = [...deltas]
    .filter(([, n]) => n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => {
      const [scope, grain, period, metric, dim] = key.split("\t") as [
        string,
        string,
        string,
        string,
        string,
      ];
      return { scope, grain, period, metric, dim, value };
    });
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto("appeal_stats")
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(["scope", "grain", "period", "metric", "dim"]).doUpdateSet({
          value: sql`appeal_stats.value + excluded.value`,
        }),
      )
      .execute();
  }
  await addToScopeSums(trx, deltas);
}

/** Adds `sign` × the facts to `deltas`, each under its body, level and country, by day, month and year. */
export function accumulate(
  deltas: Map<string, number>,
  facts: Fact[],
  levels: Map<string, string>,
  sign: number,
): void {
  for (const fact of facts) {
    for (const key of keysOf(fact, levels.get(fact.agencyId))) {
      deltas.set(key, (deltas.get(key) ?? 0) + sign * fact.n);
    }
  }
}

async function refsOf(trx: Db, a: StatAppeal): Promise<StatRefs> {
  const ids = [
    isRedirected(a) ? a.source_appeal_id : null,
    a.kind === "complaint" && a.status === "answered" ? a.complaint_of_id : null,
  ];
  const wanted = ids.filter((id): id is string => id !== null);
  if (wanted.length === 0) return { sourceAgencyId: null, complaintOfAgencyId: null };
  const rows = await trx
    .selectFrom("appeals")
    .select(["id", "agency_id"])
    .where("id", "in", wanted)
    .execute();
  const agencyOf = (id: string | null) => rows.find((r) => r.id === id)?.agency_id ?? null;
  return {
    sourceAgencyId: agencyOf(ids[0] ?? null),
    complaintOfAgencyId: agencyOf(ids[1] ?? null),
  };
}

interface Pending {
  stats: Map<string, number>;
  totals: Map<string, TotalsDelta>;
  openDue: Map<string, number>;
}
/** Changes held until the end of their transaction, by transaction. */
const pending = new WeakMap<object, Pending>();

/**
 * From now until `writeHeldStats`, the changes recorded in this transaction are summed and
 * held, then written at once in the order of their rows' keys: a batch of filings writes each
 * statistics row once, and transactions that write the same rows lock them in one order, so
 * concurrent batches on PostgreSQL wait for each other but never deadlock on them.
 */
export function holdStatsUntilCommit(trx: Db): void {
  if (!pending.has(trx))
    pending.set(trx, { stats: new Map(), totals: new Map(), openDue: new Map() });
}

/** Writes what `holdStatsUntilCommit` held in this transaction (nothing when nothing was held). */
export async function writeHeldStats(trx: Db): Promise<void> {
  const held = pending.get(trx);
  if (!held) return;
  pending.delete(trx);
  await addToStats(trx, held.stats);
  await addToTotals(trx, held.totals);
  await addToOpenDue(trx, held.openDue);
}

/**
 * Records in the statistics, the bodies' totals and the open appeals by due date what a change
 * of one appeal changes: its facts after the change minus its facts before, and its place among
 * the open appeals (`before` null for a new appeal). Run in the
 * transaction of the change; written at once, or at the end of the transaction when it holds
 * its statistics (`holdStatsUntilCommit`).
 */
export async function recordAppealChange(
  trx: Db,
  calendars: CalendarRegistry,
  before: StatAppeal | null,
  after: StatAppeal | null,
): Promise<void> {
  const calendarOf = calendarLookup(calendars);
  const old = before ? factsOf(before, await refsOf(trx, before), calendarOf) : [];
  const now = after ? factsOf(after, await refsOf(trx, after), calendarOf) : [];
  const levels = await agencyLevels(
    trx,
    [...old, ...now].map((f) => f.agencyId),
  );
  const held = pending.get(trx);
  const deltas = held?.stats ?? new Map<string, number>();
  const totals = held?.totals ?? new Map<string, TotalsDelta>();
  const openDue = held?.openDue ?? new Map<string, number>();
  accumulate(deltas, old, levels, -1);
  accumulate(deltas, now, levels, 1);
  accumulateTotals(totals, old, -1);
  accumulateTotals(totals, now, 1);
  accumulateOpenDue(openDue, before, -1);
  accumulateOpenDue(openDue, after, 1);
  if (held) return;
  await addToStats(trx, deltas);
  await addToTotals(trx, totals);
  await addToOpenDue(trx, openDue);
}

/** Records a newly written appeal, read back by its id in the same transaction. */
export async function recordAppealAdded(
  trx: Db,
  calendars: CalendarRegistry,
  appealId: string,
): Promise<void> {
  const row = await trx
    .selectFrom("appeals")
    .selectAll()
    .where("id", "=", appealId)
    .executeTakeFirst();
  if (row) await recordAppealChange(trx, calendars, null, row);
}
