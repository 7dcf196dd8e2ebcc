import type { Transaction } from "kysely";
import { compiled, type Params } from "../../db/compiled.js";
import type { Database } from "../../db/schema.js";
import {
  BallotBox,
  type CastOutcome,
  enrolVoters,
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

const votingCycles = compiled((db, p: Params<{ ids: string[]; now: string }>) =>
  db
    .selectFrom("budget_cycles")
    .select("id")
    .where("id", "in", p.list("ids"))
    .where("voting_at", "<=", p("now"))
    .where("results_at", ">", p("now"))
    .where("results_published_at", "is", null),
);

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
    (await votingCycles.execute(trx, { ids: cycleIds, now: iso })).map((r) => r.id),
  );
  const accepted = await enrolVoters(
    trx,
    { table: "budget_voters", scopeColumn: "cycle_id", voterColumn: "voter_key" },
    batch,
    outcomes,
    { isOpen: (b) => open.has(b.cycleId), scope: (b) => b.cycleId, voter: (b) => b.voterKey },
    iso.slice(0, 10),
  );
  const ballots: unknown[][] = [];
  for (const i of accepted) {
    const b = batch[i] as BudgetCast;
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
