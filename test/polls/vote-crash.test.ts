import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { voterKey } from "../../src/capabilities/polls/commands/cast-ballot.js";
import { openDatabase } from "../../src/db/database.js";
import type { AppContext } from "../../src/platform/manifest.js";
import { createTestDatabase, testDialects } from "../support/databases.js";
import { crashMidBurst, inParallel, startServer } from "../support/process.js";
import { insertVoters } from "../support/voters.js";
import { demoVote } from "./support.js";

const BURST = 200;
const IN_FLIGHT = 24;
/** The server is killed once this many ballots have been acknowledged: mid-burst. */
const KILL_AFTER = 60;

/** An IIN of its own for each voter of the burst (the form of an IIN, no more). */
const burstIin = (i: number) =>
  `8${String(i).padStart(6, "0")}${randomBytes(3).readUIntBE(0, 3).toString().padStart(5, "0").slice(0, 5)}`;

const castBallot = (url: string, pollId: string, token: string, i: number) =>
  fetch(`${url}/api/v1/polls/${pollId}/ballots`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ answers: { "1": ["a", "b", "c"][i % 3] } }),
    signal: AbortSignal.timeout(30_000),
  });

describe.each(testDialects())("a crash during a burst of ballots on %s", (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("loses no acknowledged ballot and counts none twice after SIGKILL", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-vote-crash-"));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    };
    let databaseUrl = `sqlite:${path.join(dataDir, "halyq.db")}`;
    if (dialect === "postgres") {
      const database = await createTestDatabase("postgres");
      cleanups.push(() => database.drop());
      databaseUrl = database.url;
    }
    env.DATABASE_URL = databaseUrl;

    const first = await startServer(env);
    cleanups.push(() => {
      if (first.child.exitCode === null) first.child.kill("SIGKILL");
    });
    const db = openDatabase(databaseUrl, { poolSize: 2 });
    cleanups.push(() => db.close());
    const voters = await insertVoters(db.kysely, BURST, burstIin);
    const pollId = await demoVote(db.kysely);

    const acknowledged = await crashMidBurst(first, {
      count: BURST,
      inFlight: IN_FLIGHT,
      killAfter: KILL_AFTER,
      send: (i) => castBallot(first.url, pollId, (voters[i] as { token: string }).token, i),
      acknowledge: () => true,
    });

    const second = await startServer(env);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          if (second.child.exitCode !== null) return resolve();
          second.child.once("exit", () => resolve());
          second.child.kill("SIGTERM");
        }),
    );

    const secret = await db.kysely
      .selectFrom("settings")
      .select("value")
      .where("key", "=", "instance_secret")
      .executeTakeFirstOrThrow();
    const ctx = { secret: Buffer.from(secret.value, "base64") } as AppContext;
    const keys = new Set(
      (
        await db.kysely
          .selectFrom("poll_voters")
          .select("voter_key")
          .where("poll_id", "=", pollId)
          .execute()
      ).map((r) => r.voter_key),
    );
    const ballots = async () =>
      Number(
        (
          await db.kysely
            .selectFrom("poll_ballots")
            .select((eb) => eb.fn.countAll<number | string>().as("n"))
            .where("poll_id", "=", pollId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    // Every acknowledged ballot survived with its voter row; ballots and voters match one to one.
    for (const i of acknowledged.keys()) {
      const v = voters[i] as { iin: string; accountId: string };
      expect(keys.has(voterKey(ctx, pollId, v.accountId, v.iin)), `voter ${i}`).toBe(true);
    }
    expect(await ballots()).toBe(keys.size);
    expect(keys.size).toBeGreaterThanOrEqual(acknowledged.size);

    // After the restart, everyone tries again: those recorded are refused, the rest are cast.
    let cast = 0;
    let second409 = 0;
    await inParallel(BURST, IN_FLIGHT, async (i) => {
      const res = await castBallot(second.url, pollId, (voters[i] as { token: string }).token, i);
      if (res.status === 201) cast++;
      else if (res.status === 409) second409++;
      else throw new Error(`unexpected ${res.status} ${await res.text()}`);
      if (acknowledged.has(i)) expect(res.status, `acknowledged ${i}`).toBe(409);
    });
    expect(second409).toBe(keys.size);
    expect(cast + second409).toBe(BURST);
    const voterCount = await db.kysely
      .selectFrom("poll_voters")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("poll_id", "=", pollId)
      .executeTakeFirstOrThrow();
    expect(Number(voterCount.n)).toBe(BURST);
    expect(await ballots()).toBe(BURST);
  }, 240_000);
});
