import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { GroupCommitter } from "../../kernel/group-commit.js";
import type { Result } from "../../kernel/result.js";
import { ok } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import {
  type AppealInput,
  type Filing,
  prepareAppeal,
  type Registered,
} from "./commands/submit-appeal.js";
import { holdStatsUntilCommit, writeHeldStats } from "./stats/record.js";

const committers = new WeakMap<AppContext, GroupCommitter<Database>>();

/** The app's group committer for filings: concurrent filings share one durable commit. */
export function appealWrites(ctx: AppContext): GroupCommitter<Database> {
  let c = committers.get(ctx);
  if (!c) {
    // The batch's statistics are summed and written once, before the commit, in key order.
    c = new GroupCommitter(ctx.db.kysely, { name: "appeals", beforeCommit: writeHeldStats });
    committers.set(ctx, c);
  }
  return c;
}

/**
 * Files an appeal by any channel: checks it, then registers it in the next group commit. The
 * result is returned only once the registration is durable, so a number given is never lost.
 * `alongside` writes what the channel keeps of the filing (e.g. an Open311 token) in the same
 * transaction; it must be safe to run again after a rollback, like the filing itself.
 */
export async function fileAppeal(
  ctx: AppContext,
  filing: Filing,
  input: AppealInput,
  alongside?: (trx: Kysely<Database>, registered: Registered) => Promise<void>,
): Promise<Result<Registered>> {
  const prepared = await prepareAppeal(ctx, filing, input);
  if (prepared.kind !== "ok") return prepared;
  const work = prepared.value;
  const registered = await appealWrites(ctx).run(async (trx) => {
    holdStatsUntilCommit(trx);
    const done = await work(trx);
    if (alongside) await alongside(trx, done);
    return done;
  });
  ctx.mail.kick();
  return ok(registered);
}
