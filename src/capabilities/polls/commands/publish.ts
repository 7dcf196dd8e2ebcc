import { appendAudit, systemActor } from "../../../kernel/audit/audit.js";
import type { AppContext } from "../../../platform/manifest.js";
import { PUBLISH_GRACE_MS, questionsOf, type Tally, tally } from "../poll.js";
import { ballotAnswers, countVoters, textCounts } from "../poll.repository.js";
import { forgetPoll } from "./cast-ballot.js";

/**
 * Publishes the results of every poll closed for longer than the grace period: tallies are
 * counted from the ballots in the same transaction that marks the poll published, and only the
 * instance whose conditional update wins commits, so several instances may run this at once.
 */
export async function publishDuePolls(ctx: AppContext): Promise<number> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const due = await db
    .selectFrom("polls")
    .select("id")
    .where("status", "=", "scheduled")
    .where("closes_at", "<=", new Date(now.getTime() - PUBLISH_GRACE_MS).toISOString())
    .orderBy("closes_at")
    .limit(20)
    .execute();
  let published = 0;
  for (const { id } of due) {
    const won = await db.transaction().execute(async (trx) => {
      const poll = await trx
        .selectFrom("polls")
        .selectAll()
        .where("id", "=", id)
        .where("status", "=", "scheduled")
        .executeTakeFirst();
      if (!poll) return false;
      const [answers, voters, texts] = await Promise.all([
        ballotAnswers(trx, id),
        countVoters(trx, id),
        textCounts(trx, id),
      ]);
      const result: Tally = tally(questionsOf(poll), answers, texts);
      const iso = now.toISOString();
      const r = await trx
        .updateTable("polls")
        .set({
          status: "published",
          results: JSON.stringify(result),
          voters_count: voters,
          published_at: iso,
          updated_at: iso,
        })
        .where("id", "=", id)
        .where("status", "=", "scheduled")
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await appendAudit(trx, ctx.clock, [
        {
          actor: systemActor("polls"),
          action: "poll.published",
          subjectType: "poll",
          subjectId: id,
          data: { voters, ballots: result.ballots },
        },
      ]);
      return true;
    });
    forgetPoll(ctx, id);
    if (won) published++;
  }
  if (published > 0) ctx.pageCache.invalidate();
  return published;
}

const live = new WeakMap<
  AppContext,
  Map<string, { at: number; value: Promise<Tally & { voters: number }> }>
>();
const LIVE_TTL_MS = 10_000;

/**
 * Results while a vote runs (for polls that show them): counted from the ballots, at most
 * once every ten seconds per poll and instance, never from a counter updated per ballot.
 */
export function liveTally(ctx: AppContext, pollId: string, questionsJson: string) {
  let m = live.get(ctx);
  if (!m) {
    m = new Map();
    live.set(ctx, m);
  }
  const hit = m.get(pollId);
  if (hit && Date.now() - hit.at < LIVE_TTL_MS) return hit.value;
  const db = ctx.db.kysely;
  const value = Promise.all([
    ballotAnswers(db, pollId),
    countVoters(db, pollId),
    textCounts(db, pollId),
  ]).then(([a, voters, texts]) => ({
    ...tally(questionsOf({ questions: questionsJson }), a, texts),
    voters,
  }));
  m.set(pollId, { at: Date.now(), value });
  value.catch(() => m?.delete(pollId));
  return value;
}
