import type { Transaction } from "kysely";
import type { Database } from "../../db/schema.js";
import {
  BallotBox,
  type CastOutcome,
  insertRows,
  randomId,
  shuffle,
} from "../../platform/ballots/index.js";
import type { AppContext } from "../../platform/manifest.js";

/** One budget ballot waiting for its batch: checked already, with the voter's key. */
export interface BudgetCast {
  cycleId: string;
  voterKey: string;
  territory: string;
  /** Sorted proposal ids. */
  ids: string[];
}

/**
 * Writes one batch of budget ballots in the caller's transaction. The voters' primary key
 * (cycle, voter key) decides who already voted, across instances too, and whatever the
 * territory: a row that did not go in is a second ballot. Ballots are then written in a fresh
 * random order with random ids and no time, so neither their order nor any column ties one to
 * a voter row; the voter row keeps only the day. A ballot arriving after the vote closed is
 * refused inside the batch, so the count at the close sees every accepted one.
 */
export async function writeBudgetBatch(
  trx: Transaction<Database>,
  batch: BudgetCast[],
  now: Date,
): Promise<CastOutcome[]> {
  const outcomes: CastOutcome[] = batch.map(() => "closed");
  const iso = now.toISOString();
  const cycleIds = [...new Set(batch.map((b) => b.cycleId))];
  const open = new Set(
    (
      await trx
        .selectFrom("budget_cycles")
        .select("id")
        .where("id", "in", cycleIds)
        .where("voting_at", "<=", iso)
        .where("results_at", ">", iso)
        .where("results_published_at", "is", null)
        .execute()
    ).map((r) => r.id),
  );
  const seen = new Set<string>();
  const candidates: number[] = [];
  batch.forEach((b, i) => {
    if (!open.has(b.cycleId)) return;
    const key = `${b.cycleId}|${b.voterKey}`;
    if (seen.has(key)) outcomes[i] = "duplicate";
    else {
      seen.add(key);
      candidates.push(i);
    }
  });
  if (candidates.length === 0) return outcomes;
  const day = iso.slice(0, 10);
  const back = await insertRows<{ cycle_id: string; voter_key: string }, Database>(
    trx,
    "budget_voters",
    ["cycle_id", "voter_key", "voted_on"],
    shuffle([...candidates]).map((i) => {
      const b = batch[i] as BudgetCast;
      return [b.cycleId, b.voterKey, day];
    }),
    " ON CONFLICT (cycle_id, voter_key) DO NOTHING RETURNING cycle_id, voter_key",
  );
  const inserted = new Set(back.map((r) => `${r.cycle_id}|${r.voter_key}`));
  const ballots: unknown[][] = [];
  for (const i of candidates) {
    const b = batch[i] as BudgetCast;
    if (!inserted.has(`${b.cycleId}|${b.voterKey}`)) {
      outcomes[i] = "duplicate";
      continue;
    }
    outcomes[i] = "accepted";
    ballots.push([b.cycleId, randomId(), b.territory, JSON.stringify([...b.ids].sort())]);
  }
  await insertRows(
    trx,
    "budget_ballots",
    ["cycle_id", "id", "territory_code", "choices"],
    shuffle(ballots),
  );
  return outcomes;
}

const boxes = new WeakMap<AppContext, BallotBox<Database, BudgetCast>>();

/** This app's budget ballot box (the shared secret-ballot box over budgets' own tables). */
export function budgetBallotBox(ctx: AppContext): BallotBox<Database, BudgetCast> {
  let b = boxes.get(ctx);
  if (!b) {
    b = new BallotBox(ctx.db.kysely, ctx.clock, writeBudgetBatch);
    boxes.set(ctx, b);
  }
  return b;
}
