import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

type Db = Kysely<Database>;

/** A resolution as read back: the executor, the co-executors, the control date, the instruction. */
export interface Resolution {
  id: string;
  authorId: string;
  executorId: string;
  coExecutorIds: string[];
  controlOn: string | null;
  instruction: string | null;
  createdAt: string;
  supersededAt: string | null;
}

/**
 * Records a new resolution on an appeal and marks the one in force as superseded, in the
 * caller's transaction. Returns the new resolution's id and the one it replaced, if any.
 */
export async function insertResolution(
  trx: Db,
  r: {
    appealId: string;
    authorId: string;
    executorId: string;
    coExecutorIds: readonly string[];
    controlOn: string | null;
    instruction: string | null;
    now: string;
  },
): Promise<{ id: string; supersedes: string | null }> {
  const current = await trx
    .selectFrom("appeal_resolutions")
    .select("id")
    .where("appeal_id", "=", r.appealId)
    .where("superseded_at", "is", null)
    .executeTakeFirst();
  if (current) {
    await trx
      .updateTable("appeal_resolutions")
      .set({ superseded_at: r.now })
      .where("id", "=", current.id)
      .execute();
  }
  const id = randomUUID();
  await trx
    .insertInto("appeal_resolutions")
    .values({
      id,
      appeal_id: r.appealId,
      author_id: r.authorId,
      executor_id: r.executorId,
      control_on: r.controlOn,
      instruction: r.instruction,
      created_at: r.now,
      superseded_at: null,
    })
    .execute();
  for (const accountId of r.coExecutorIds) {
    await trx
      .insertInto("appeal_co_executors")
      .values({ resolution_id: id, account_id: accountId })
      .execute();
  }
  return { id, supersedes: current?.id ?? null };
}

/** Every resolution on an appeal, newest first (the first is in force unless superseded). */
export async function resolutionsOf(db: Db, appealId: string): Promise<Resolution[]> {
  const rows = await db
    .selectFrom("appeal_resolutions")
    .selectAll()
    .where("appeal_id", "=", appealId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  if (rows.length === 0) return [];
  const co = await db
    .selectFrom("appeal_co_executors")
    .select(["resolution_id", "account_id"])
    .where(
      "resolution_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    authorId: r.author_id,
    executorId: r.executor_id,
    coExecutorIds: co.filter((c) => c.resolution_id === r.id).map((c) => c.account_id),
    controlOn: r.control_on,
    instruction: r.instruction,
    createdAt: r.created_at,
    supersededAt: r.superseded_at,
  }));
}

/** The co-executors named by the resolution in force on an appeal. */
export async function currentCoExecutors(db: Db, appealId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("appeal_co_executors")
    .innerJoin("appeal_resolutions", "appeal_resolutions.id", "appeal_co_executors.resolution_id")
    .select("appeal_co_executors.account_id")
    .where("appeal_resolutions.appeal_id", "=", appealId)
    .where("appeal_resolutions.superseded_at", "is", null)
    .execute();
  return rows.map((r) => r.account_id);
}
