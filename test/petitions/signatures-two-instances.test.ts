import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { createTestDatabase, testDialects } from "../support/databases.js";
import { signOver, startServer } from "./signatures-process.js";
import { insertPetition, insertSigners, storedAndPublished } from "./signatures-support.js";

const PEOPLE = 80;
/** Attempts per person on each instance, all at once. */
const EACH = 2;

const postgres = testDialects().includes("postgres");

describe.runIf(postgres)("two Halyq instances on one PostgreSQL database", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("give each person exactly one signature when they sign on both at once", async () => {
    const database = await createTestDatabase("postgres");
    cleanups.push(() => database.drop());
    const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), "halyq-two-")));
    cleanups.push(() => {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    });
    const env = (dir: string) => ({
      DATABASE_URL: database.url,
      DATA_DIR: dir,
      LOG_LEVEL: "warn",
    });
    // The first migrates and loads the demo; the second starts on the same database.
    const a = await startServer(env(dirs[0] as string));
    cleanups.push(() => a.stop());
    const b = await startServer(env(dirs[1] as string));
    cleanups.push(() => b.stop());

    const db = openDatabase(database.url, { poolSize: 2 });
    cleanups.push(() => db.close());
    const now = new Date();
    const petition = await insertPetition(db.kysely, { now: now.toISOString() });
    // Each round is a fresh crowd racing on both instances. A round in which one instance
    // happened to win every race proves less, so another round runs (at most six), until
    // both instances have acknowledged some signatures.
    const winners = new Set<string>();
    let rounds = 0;
    while (winners.size < 2 && rounds < 6) {
      rounds++;
      const people = await insertSigners(db.kysely, PEOPLE, now);
      // Every other person asks the second instance first, so neither always leads the race.
      const attempts = people.flatMap((p, i) =>
        Array.from({ length: EACH * 2 }, (_, k) => ({
          p,
          url: (k + i + rounds) % 2 === 0 ? a.url : b.url,
        })),
      );
      // Interleave so each person's attempts land on both instances at the same moment.
      const results = await Promise.all(
        attempts.map(async ({ p, url }) => {
          const res = await signOver(url, petition.id, p.token);
          const body = (await res.json()) as { error?: { code: string } };
          return { accountId: p.accountId, url, status: res.status, code: body.error?.code };
        }),
      );
      const perPerson = new Map<string, number[]>();
      for (const r of results)
        perPerson.set(r.accountId, [...(perPerson.get(r.accountId) ?? []), r.status]);
      expect(perPerson.size).toBe(PEOPLE);
      for (const [accountId, statuses] of perPerson) {
        expect(
          statuses.filter((s) => s === 201),
          accountId,
        ).toHaveLength(1);
        expect(
          statuses.filter((s) => s === 409),
          accountId,
        ).toHaveLength(EACH * 2 - 1);
      }
      for (const r of results.filter((x) => x.status === 409))
        expect(r.code).toBe("ALREADY_SIGNED");
      for (const r of results) if (r.status === 201) winners.add(r.url);
      expect(await storedAndPublished(db.kysely, petition.id)).toEqual({
        stored: PEOPLE * rounds,
        published: PEOPLE * rounds,
      });
    }
    // Both instances acknowledged some: the race really ran on both.
    expect(winners.size).toBe(2);
  }, 240_000);
});
