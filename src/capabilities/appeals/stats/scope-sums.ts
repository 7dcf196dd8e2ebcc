/**
 * The statistics of the country ("*") and of each level ("l:<level>") by day, month and year,
 * one row per scope and period holding every count of `appeal_stats` for it (`appeal_scope_sums`,
 * a JSON object by `metric\tdim`): what the overview and the level pages read, a few dozen rows
 * for any period instead of thousands. Kept with `appeal_stats`, from the same changes.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";

type Db = Kysely<Database>;

/** Whether a scope's statistics are also kept as one row per period. */
export const isSummedScope = (scope: string): boolean => scope === "*" || scope.startsWith("l:");

/**
 * The changes of `appeal_stats` (by `scope\tgrain\tperiod\tmetric\tdim`) of the summed scopes,
 * grouped by `scope\tgrain\tperiod` into counts by `metric\tdim`; added to `into` when given.
 */
export function scopeSumsOf(
  deltas: Map<string, number>,
  into = new Map<string, Map<string, number>>(),
): Map<string, Map<string, number>> {
  for (const [key, n] of deltas) {
    if (n === 0 || !isSummedScope(key.slice(0, key.indexOf("\t")))) continue;
    const [scope, grain, period, metric, dim] = key.split("\t") as [
      string,
      string,
      string,
      string,
      string,
    ];
    const row = `${scope}\t${grain}\t${period}`;
    let sums = into.get(row);
    if (!sums) {
      sums = new Map();
      into.set(row, sums);
    }
    const k = `${metric}\t${dim}`;
    sums.set(k, (sums.get(k) ?? 0) + n);
  }
  return into;
}

/** Stored counts plus a change, as stored: without zeros, keys in order. */
export function mergeSums(stored: string, delta: Map<string, number>): string {
  const sums = JSON.parse(stored) as Record<string, number>;
  for (const [k, n] of delta) sums[k] = (sums[k] ?? 0) + n;
  const out: Record<string, number> = {};
  for (const k of Object.keys(sums).sort()) if (sums[k] !== 0) out[k] = sums[k] as number;
  return JSON.stringify(out);
}

/**
 * Adds the changes of `appeal_stats` to the summed scopes' rows, in the order of their keys
 * (so transactions that add to the same rows lock them in one order). Each row is read and
 * written back under its lock, which the upsert takes.
 */
export async function addToScopeSums(trx: Db, deltas: Map<string, number>): Promise<void> {
  const rows = scopeSumsOf(deltas);
  for (const key of [...rows.keys()].sort()) {
    const delta = rows.get(key) as Map<string, number>;
    if ([...delta.values()].every((n) => n === 0)) continue;
    const [scope, grain, period] = key.split("\t") as [string, string, string];
    const row = await trx
      .insertInto("appeal_scope_sums")
      .values({ scope, grain, period, sums: "{}" })
      .onConflict((oc) =>
        oc
          .columns(["scope", "grain", "period"])
          .doUpdateSet((eb) => ({ sums: eb.ref("appeal_scope_sums.sums") })),
      )
      .returning("sums")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("appeal_scope_sums")
      .set({ sums: mergeSums(row.sums, delta) })
      .where("scope", "=", scope)
      .where("grain", "=", grain)
      .where("period", "=", period)
      .execute();
  }
}

/** The stored rows of a summed scope for some periods of one grain: (period, counts by `metric\tdim`). */
export async function loadScopeSums(
  db: Db,
  scope: string,
  grain: string,
  periods: { in?: string[]; from?: string; to?: string },
): Promise<{ period: string; sums: Map<string, number> }[]> {
  let q = db
    .selectFrom("appeal_scope_sums")
    .select(["period", "sums"])
    .where("scope", "=", scope)
    .where("grain", "=", grain);
  if (periods.in) q = q.where("period", "in", periods.in);
  if (periods.from !== undefined) q = q.where("period", ">=", periods.from);
  if (periods.to !== undefined) q = q.where("period", "<=", periods.to);
  const rows = await q.execute();
  return rows.map((r) => ({
    period: r.period,
    sums: new Map(Object.entries(JSON.parse(r.sums) as Record<string, number>)),
  }));
}
