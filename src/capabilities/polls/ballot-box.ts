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
import type { CheckedBallot } from "./poll.js";

/** One ballot waiting for its batch. */
export interface Cast {
  pollId: string;
  voterKey: string;
  ballot: CheckedBallot;
}

export type { CastOutcome };
export { randomId, shuffle };

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
  const open = new Set(
    (
      await trx
        .selectFrom("polls")
        .select("id")
        .where("id", "in", pollIds)
        .where("status", "=", "scheduled")
        .where("opens_at", "<=", iso)
        .where("closes_at", ">", iso)
        .execute()
    ).map((r) => r.id),
  );
  const seen = new Set<string>();
  const candidates: number[] = [];
  batch.forEach((b, i) => {
    if (!open.has(b.pollId)) return;
    const key = `${b.pollId}|${b.voterKey}`;
    if (seen.has(key)) outcomes[i] = "duplicate";
    else {
      seen.add(key);
      candidates.push(i);
    }
  });
  if (candidates.length === 0) return outcomes;
  const day = iso.slice(0, 10);
  const inserted = new Set<string>();
  const order = shuffle([...candidates]);
  const back = await insertRows<{ poll_id: string; voter_key: string }, Database>(
    trx,
    "poll_voters",
    ["poll_id", "voter_key", "voted_on"],
    order.map((i) => [(batch[i] as Cast).pollId, (batch[i] as Cast).voterKey, day]),
    " ON CONFLICT (poll_id, voter_key) DO NOTHING RETURNING poll_id, voter_key",
  );
  for (const r of back) inserted.add(`${r.poll_id}|${r.voter_key}`);
  const ballots: unknown[][] = [];
  const freeTexts: unknown[][] = [];
  for (const i of candidates) {
    const b = batch[i] as Cast;
    if (!inserted.has(`${b.pollId}|${b.voterKey}`)) {
      outcomes[i] = "duplicate";
      continue;
    }
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
