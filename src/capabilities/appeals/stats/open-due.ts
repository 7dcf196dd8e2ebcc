/**
 * Open appeals by due date (`appeal_open_due`): how many appeals still owe a decision, per body
 * ("a:<agency id>") and for the whole country ("*"), by the year, month and day of their due
 * date. Kept in the transaction of every change of an appeal (a filing, an extension, an
 * answer, a closure: whatever moves its status or its due date), so "overdue now" of a body, a
 * level or the country sums a few dozen rows per body instead of walking the appeals.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { parts } from "../../../kernel/calendar/index.js";
import { isOpen } from "../appeal.js";

type Db = Kysely<Database>;

/** Rows per INSERT: well under every database's limit of bound values. */
const CHUNK = 200;

/** The fields of an appeal the counts read. */
export interface OpenDueAppeal {
  agency_id: string;
  status: string;
  due_on: string;
}

/** The rows an open appeal is counted in: its body and the country; by year, month and day due. */
function keysOf(a: OpenDueAppeal): string[] {
  const keys: string[] = [];
  for (const scope of [`a:${a.agency_id}`, "*"]) {
    keys.push(
      `${scope}\ty\t${a.due_on.slice(0, 4)}`,
      `${scope}\tm\t${a.due_on.slice(0, 7)}`,
      `${scope}\td\t${a.due_on}`,
    );
  }
  return keys;
}

/** Adds `sign` × the appeal to `deltas` when it is open (nothing when it is not). */
export function accumulateOpenDue(
  deltas: Map<string, number>,
  a: OpenDueAppeal | null,
  sign: number,
): void {
  if (!a || !isOpen(a.status)) return;
  for (const key of keysOf(a)) deltas.set(key, (deltas.get(key) ?? 0) + sign);
}

/** The rows of a set of counts, without zeros, in the order of their keys. */
export function openDueRows(deltas: Map<string, number>) {
  return [...deltas]
    .filter(([, n]) => n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, open]) => {
      const [scope, grain, period] = key.split("\t") as [string, string, string];
      return { scope, grain, period, open };
    });
}

/**
 * Adds the deltas to the counts in the order of their keys (so transactions that add to the
 * same rows lock them in one order), creating the rows that are new.
 */
export async function addToOpenDue(trx: Db, deltas: Map<string, number>): Promise<void> {
  const rows = openDueRows(deltas);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto("appeal_open_due")
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(["scope", "grain", "period"]).doUpdateSet((eb) => ({
          open: eb("appeal_open_due.open", "+", eb.ref("excluded.open")),
        })),
      )
      .execute();
  }
}

/**
 * Open appeals due before `today` in the given scopes ("*", or bodies' "a:" scopes): the years
 * before today's, the months of its year before its month, the days of its month before it.
 */
export async function openDueBefore(db: Db, scopes: string[], today: string): Promise<number> {
  if (scopes.length === 0) return 0;
  const { year, month } = parts(today);
  const y = String(year);
  const m = `${y}-${String(month).padStart(2, "0")}`;
  // One seek per scope and grain (a single condition with OR would read every row of a scope).
  const part = (grain: string, from: string, before: string) =>
    db
      .selectFrom("appeal_open_due")
      .select((eb) => eb.fn.sum<number | string | null>("open").as("n"))
      .where("scope", "in", scopes)
      .where("grain", "=", grain)
      .where("period", ">=", from)
      .where("period", "<", before);
  const rows = await part("y", "", y)
    .unionAll(part("m", `${y}-01`, m))
    .unionAll(part("d", `${m}-01`, today))
    .execute();
  return rows.reduce((s, r) => s + Number(r.n ?? 0), 0);
}
