import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { budgetVoterKey } from "../../src/capabilities/budgets/commands/ballot.js";
import { openDatabase } from "../../src/db/database.js";
import type { Database } from "../../src/db/schema.js";
import type { AppContext } from "../../src/platform/manifest.js";
import { createTestDatabase, testDialects } from "../support/databases.js";
import { crashMidBurst, inParallel, startServer } from "../support/process.js";
import { insertVoters } from "../support/voters.js";
import { iinBornOn } from "./support.js";

const BURST = 200;
const IN_FLIGHT = 24;
/** The server is killed once this many ballots have been acknowledged: mid-burst. */
const KILL_AFTER = 60;

/** Distinct birth dates, so that the voters' IINs (valid, adults) never collide. */
const burstIin = (i: number) =>
  iinBornOn(new Date(Date.UTC(1960, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));

/** A cycle of Baikonur's akimat open for voting now (knapsack), with three admitted projects. */
async function makeVotingCycle(db: Kysely<Database>, authorId: string) {
  const id = randomUUID();
  const now = Date.now();
  const at = (days: number) => new Date(now + days * 86_400_000).toISOString();
  const iso = new Date(now).toISOString();
  await db
    .insertInto("budget_cycles")
    .values({
      id,
      agency_id: "ag-baikonur-akimat",
      year: 2030,
      title_kk: "Сынақ",
      title_ru: "Проверка",
      title_en: "Test",
      rules_kk: "Ережелер",
      rules_ru: "Правила",
      rules_en: null,
      rule: "knapsack",
      min_votes: 0,
      categories: JSON.stringify(["greening"]),
      support_required: 0,
      announcement_at: at(-40),
      proposals_at: at(-30),
      review_at: at(-20),
      voting_at: at(-1),
      results_at: at(10),
      implementation_at: at(20),
      closed_at: at(400),
      phase: "voting",
      voters_count: null,
      results_published_at: null,
      created_by_id: null,
      created_at: iso,
      updated_at: iso,
    })
    .execute();
  await db
    .insertInto("budget_territories")
    .values({
      cycle_id: id,
      code: "711410000",
      name_kk: "Байқоңыр ауданы",
      name_ru: "район Байконур",
      name_en: "Baikonur district",
      amount: 100_000_000,
      voters_count: null,
    })
    .execute();
  const projects: string[] = [];
  for (let n = 1; n <= 3; n++) {
    const pid = randomUUID();
    projects.push(pid);
    await db
      .insertInto("budget_proposals")
      .values({
        id: pid,
        cycle_id: id,
        number: n,
        territory_code: "711410000",
        category: "greening",
        title: `Сквер ${n}`,
        description: "Озеленение двора",
        language: "ru",
        address: null,
        lat: null,
        lng: null,
        cost_estimate: 30_000_000,
        author_id: authorId,
        author_kind: "person",
        organisation_bin: null,
        organisation_name: null,
        status: "admitted",
        support_token: null,
        supports_count: 0,
        submitted_at: iso,
        decision: "admitted",
        decision_reason: null,
        decision_text: null,
        council_cost: 30_000_000,
        merged_into_id: null,
        decided_by_id: null,
        decided_at: iso,
        votes: null,
        winner: null,
        rank: null,
        created_at: iso,
        updated_at: iso,
      })
      .execute();
  }
  return { id, projects };
}

const castBallot = (url: string, cycleId: string, projects: string[], token: string, i: number) =>
  fetch(`${url}/api/v1/budgets/${cycleId}/ballots`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      territory: "711410000",
      projectIds: i % 2 === 0 ? [projects[i % 3]] : projects.filter((_, k) => k !== i % 3),
    }),
    signal: AbortSignal.timeout(30_000),
  });

describe.each(testDialects())("a crash during a burst of budget ballots on %s", (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("loses no acknowledged ballot and counts none twice after SIGKILL", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-budget-crash-"));
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
    const poll = await makeVotingCycle(db.kysely, (voters[0] as { accountId: string }).accountId);

    const acknowledged = await crashMidBurst(first, {
      count: BURST,
      inFlight: IN_FLIGHT,
      killAfter: KILL_AFTER,
      send: (i) =>
        castBallot(first.url, poll.id, poll.projects, (voters[i] as { token: string }).token, i),
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
          .selectFrom("budget_voters")
          .select("voter_key")
          .where("cycle_id", "=", poll.id)
          .execute()
      ).map((r) => r.voter_key),
    );
    const ballots = async () =>
      Number(
        (
          await db.kysely
            .selectFrom("budget_ballots")
            .select((eb) => eb.fn.countAll<number | string>().as("n"))
            .where("cycle_id", "=", poll.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    // Every acknowledged ballot survived with its voter row; ballots and voters match one to one.
    for (const i of acknowledged.keys()) {
      const v = voters[i] as { iin: string; accountId: string };
      expect(keys.has(budgetVoterKey(ctx, poll.id, v.iin)), `voter ${i}`).toBe(true);
    }
    expect(await ballots()).toBe(keys.size);
    expect(keys.size).toBeGreaterThanOrEqual(acknowledged.size);

    // After the restart, everyone tries again: those recorded are refused, the rest are cast.
    let cast = 0;
    let second409 = 0;
    await inParallel(BURST, IN_FLIGHT, async (i) => {
      const res = await castBallot(
        second.url,
        poll.id,
        poll.projects,
        (voters[i] as { token: string }).token,
        i,
      );
      if (res.status === 201) cast++;
      else if (res.status === 409) second409++;
      else throw new Error(`unexpected ${res.status} ${await res.text()}`);
      if (acknowledged.has(i)) expect(res.status, `acknowledged ${i}`).toBe(409);
    });
    expect(second409).toBe(keys.size);
    expect(cast + second409).toBe(BURST);
    const voterCount = await db.kysely
      .selectFrom("budget_voters")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("cycle_id", "=", poll.id)
      .executeTakeFirstOrThrow();
    expect(Number(voterCount.n)).toBe(BURST);
    expect(await ballots()).toBe(BURST);
  }, 240_000);
});
