import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../src/capabilities/index.js";
import type { Db } from "../../src/db/database.js";
import { GroupCommitter } from "../../src/kernel/group-commit.js";
import { migrateToLatest } from "../../src/platform/migrate.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

describe.each(testDialects())("group commit (%s)", (dialect) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    await migrateToLatest(db.kysely, capabilities);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const put = (key: string) => async (trx: Db["kysely"]) => {
    await trx
      .insertInto("settings")
      .values({ key, value: "v", updated_at: new Date(0).toISOString() })
      .execute();
    return key;
  };
  const count = async (prefix: string) =>
    Number(
      (
        await db.kysely
          .selectFrom("settings")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("key", "like", `${prefix}%`)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("answers each caller with its own value once its batch has committed", async () => {
    const committer = new GroupCommitter(db.kysely, { maxBatch: 10 });
    const keys = Array.from({ length: 25 }, (_, i) => `ok-${i}`);
    const results = await Promise.all(keys.map((k) => committer.run(put(k))));
    expect(results).toEqual(keys);
    expect(await count("ok-")).toBe(25);
  });

  it("fails only the piece that failed; the rest of its batch commits", async () => {
    const committer = new GroupCommitter(db.kysely);
    const outcomes = await Promise.allSettled([
      committer.run(put("mixed-1")),
      committer.run(put("mixed-1")), // the same key again: a unique violation
      committer.run(put("mixed-2")),
      committer.run(async () => {
        throw new Error("refused");
      }),
      committer.run(put("mixed-3")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect(await count("mixed-")).toBe(3);
  });

  it("batches concurrent work into fewer transactions than pieces", async () => {
    let transactions = 0;
    const committer = new GroupCommitter(db.kysely);
    const seen = new Set<unknown>();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        committer.run(async (trx) => {
          if (!seen.has(trx)) {
            seen.add(trx);
            transactions++;
          }
          return put(`batch-${i}`)(trx);
        }),
      ),
    );
    expect(await count("batch-")).toBe(40);
    expect(transactions).toBeLessThan(40);
  });

  it("runs beforeCommit once per batch inside its transaction, and again for a piece run alone", async () => {
    const calls: unknown[] = [];
    // What each transaction's pieces hold, written once at its end (as the statistics do).
    const held = new WeakMap<object, string[]>();
    const committer = new GroupCommitter(db.kysely, {
      beforeCommit: async (trx) => {
        calls.push(trx);
        const keys = held.get(trx) ?? [];
        if (keys.length > 0) await put(`held:${keys.sort().join("+")}.`)(trx);
      },
    });
    const work = (key: string) => async (trx: Db["kysely"]) => {
      held.set(trx, [...(held.get(trx) ?? []), key]);
      return put(`piece-${key}`)(trx);
    };
    const outcomes = await Promise.allSettled([
      committer.run(work("a")),
      committer.run(work("b")),
      committer.run(async () => {
        throw new Error("refused");
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    // The batch rolled back with what it held; each piece then ran alone with its own call.
    expect(await count("piece-")).toBe(2);
    expect(await count("held:a+b.")).toBe(0);
    expect(await count("held:a.")).toBe(1);
    expect(await count("held:b.")).toBe(1);
    expect(calls.length).toBe(2);
    // Together in one batch: a single call after both pieces.
    calls.length = 0;
    await Promise.all([committer.run(work("c")), committer.run(work("d"))]);
    expect(calls.length).toBe(1);
    expect(await count("held:c+d.")).toBe(1);
  });
});
