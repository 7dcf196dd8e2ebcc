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
import type { CheckedBallot } from "./poll.js";

/** One ballot waiting for its batch. */
export interface Cast {
  pollId: string;
  voterKey: string;
  ballot: CheckedBallot;
}

export type { CastOutcome };
export { randomId, shuffle };

const openPolls = compiled((db, p: Params<{ ids: string[]; now: string }>) =>
  db
    .selectFrom("polls")
    .select("id")
    .where("id", "in", p.list("ids"))
    .where("status", "=", "scheduled")
    .where("opens_at", "<=", p("now"))
    .where("closes_at", ">", p("now")),
);

/**
 * Writes one batch of ballots in the caller's transaction and says what became of each. The
 * voters' primary key (poll, voter) decides who already voted, across instances too: a row
 * that did not go in is a second ballot. Ballots and free texts are then written in a fresh
 * random order with random ids and no time, so neither their order nor any column ties one
 * to a voter row; the voter row keeps only the day.
 */
export async function writeBatch(
  trx: Transaction<Database>,
  batch: Cast[],
  now: Date,
): Promise<CastOutcome[]> {
  const outcomes: CastOutcome[] = batch.map(() => "closed");
  const iso = now.toISOString();
  const pollIds = [...new Set(batch.map((b) => b.pollId))];
  const open = new Set((await openPolls.execute(trx, { ids: pollIds, now: iso })).map((r) => r.id));
  const accepted = await enrolVoters(
    trx,
    { table: "poll_voters", scopeColumn: "poll_id", voterColumn: "voter_key" },
    batch,
    outcomes,
    { isOpen: (b) => open.has(b.pollId), scope: (b) => b.pollId, voter: (b) => b.voterKey },
    iso.slice(0, 10),
  );
  const ballots: unknown[][] = [];
  const freeTexts: unknown[][] = [];
  for (const i of accepted) {
    const b = batch[i] as Cast;
    outcomes[i] = "accepted";
    ballots.push([b.pollId, randomId(), JSON.stringify(b.ballot.answers)]);
    for (const t of b.ballot.texts)
      freeTexts.push([b.pollId, randomId(), t.questionId, t.body, "pending"]);
  }
  await insertRows(trx, "poll_ballots", ["poll_id", "id", "answers"], shuffle(ballots));
  await insertRows(
    trx,
    "poll_texts",
    ["poll_id", "id", "question_id", "body", "status"],
    shuffle(freeTexts),
  );
  return outcomes;
}

/**
 * The polls' ballot box: the shared secret-ballot box (src/platform/ballots) writing polls'
 * batches; each caller is answered only once its batch has committed.
 */
export type PollBallotBox = BallotBox<Database, Cast>;

const boxes = new WeakMap<AppContext, PollBallotBox>();

/** This app's ballot box (one per app, so tests may build several apps). */
export function ballotBox(ctx: AppContext): PollBallotBox {
  let b = boxes.get(ctx);
  if (!b) {
    b = new BallotBox(ctx.db.kysely, ctx.clock, writeBatch);
    boxes.set(ctx, b);
  }
  return b;
}
