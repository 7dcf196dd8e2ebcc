import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BudgetCast, writeBudgetBatch } from "../../src/capabilities/budgets/ballot-box.js";
import { budgetVoterKey } from "../../src/capabilities/budgets/commands/ballot.js";
import { advanceBudgetCycles } from "../../src/capabilities/budgets/jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { api, BAIKONUR_TERRITORY, makeCycle, makeProposal, page, resident } from "./support.js";

const columnsOf = async (t: TestApp, table: string) =>
  ((await t.ctx.db.kysely.introspection.getTables()).find((x) => x.name === table)?.columns ?? [])
    .map((c) => c.name)
    .sort();

/**
 * Who voted in a cycle and the budget ballots must not be joinable: no shared column but the
 * cycle, no time, no order, and nothing in any API answer, page or export naming a ballot next
 * to a voter.
 */
describe.each(testDialects())("budget ballot secrecy on %s", (dialect) => {
  let t: TestApp;
  let cycle: string;
  let projects: string[];
  const voters: { accountId: string; token: string; cookie: string }[] = [];
  const responses: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(dialect);
    const author = await resident(t);
    cycle = await makeCycle(t, { phase: "voting" });
    projects = [];
    for (let i = 0; i < 3; i++)
      projects.push(await makeProposal(t, cycle, { authorId: author.accountId, cost: 10_000_000 }));
    for (let i = 0; i < 6; i++) {
      const who = await resident(t);
      voters.push({ accountId: who.accountId, token: who.token, cookie: who.cookie });
      const r = await api(t, who, "POST", `/api/v1/budgets/${cycle}/ballots`, {
        territory: BAIKONUR_TERRITORY,
        projectIds: [projects[i % 3]],
      });
      expect(r.status).toBe(201);
      responses.push(JSON.stringify(r.json));
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it("keeps voters and ballots in tables that share only the cycle, with no times or sequence", async () => {
    expect(await columnsOf(t, "budget_voters")).toEqual(["cycle_id", "voted_on", "voter_key"]);
    expect(await columnsOf(t, "budget_ballots")).toEqual([
      "choices",
      "cycle_id",
      "id",
      "territory_code",
    ]);
    const v = await t.ctx.db.kysely
      .selectFrom("budget_voters")
      .selectAll()
      .where("cycle_id", "=", cycle)
      .execute();
    expect(v).toHaveLength(6);
    for (const row of v) expect(row.voted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const accounts = await t.ctx.db.kysely.selectFrom("accounts").select(["id", "iin"]).execute();
    for (const row of v)
      for (const a of accounts) {
        expect(row.voter_key).not.toContain(a.id);
        if (a.iin) expect(row.voter_key).not.toContain(a.iin);
      }
    if (dialect === "sqlite") {
      const tables = await sql<{
        sql: string;
      }>`SELECT sql FROM sqlite_master WHERE name IN ('budget_voters', 'budget_ballots')`.execute(
        t.ctx.db.kysely,
      );
      expect(tables.rows).toHaveLength(2);
      for (const r of tables.rows) expect(r.sql).toMatch(/WITHOUT ROWID/);
    } else {
      const seqs = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM information_schema.columns
        WHERE table_name IN ('budget_voters', 'budget_ballots') AND column_default IS NOT NULL`.execute(
        t.ctx.db.kysely,
      );
      expect(seqs.rows[0]?.n).toBe(0);
    }
  });

  it("writes a batch in an order unrelated to the voters' order, and refuses the same voters again", async () => {
    const other = await makeCycle(t, { phase: "voting" });
    const n = 40;
    const ids = Array.from({ length: n }, (_, i) => `p-${String(i).padStart(3, "0")}`);
    const batch: BudgetCast[] = ids.map((id, i) => ({
      cycleId: other,
      voterKey: `voter-${String(i).padStart(3, "0")}`,
      territory: BAIKONUR_TERRITORY,
      ids: [id],
    }));
    const outcomes = await t.ctx.db.kysely
      .transaction()
      .execute((trx) => writeBudgetBatch(trx, batch, t.clock.now()));
    expect(outcomes.every((o) => o === "accepted")).toBe(true);
    const physical =
      dialect === "postgres"
        ? await sql<{
            choices: string;
          }>`SELECT choices FROM budget_ballots WHERE cycle_id = ${other} ORDER BY ctid`.execute(
            t.ctx.db.kysely,
          )
        : await sql<{
            choices: string;
          }>`SELECT choices FROM budget_ballots WHERE cycle_id = ${other}`.execute(t.ctx.db.kysely);
    const order = physical.rows.map((r) => (JSON.parse(r.choices) as string[])[0] as string);
    expect(order).toHaveLength(n);
    expect(order).not.toEqual([...order].sort());
    const again = await t.ctx.db.kysely
      .transaction()
      .execute((trx) => writeBudgetBatch(trx, batch.slice(0, 5), t.clock.now()));
    expect(again).toEqual(Array(5).fill("duplicate"));
  });

  it("shows nothing of a ballot next to a voter in any API answer, page or export, and audits no ballot", async () => {
    const ballots = await t.ctx.db.kysely
      .selectFrom("budget_ballots")
      .select("id")
      .where("cycle_id", "=", cycle)
      .execute();
    const keys = (
      await t.ctx.db.kysely
        .selectFrom("budget_voters")
        .select("voter_key")
        .where("cycle_id", "=", cycle)
        .execute()
    ).map((r) => r.voter_key);
    const secrets = [...ballots.map((b) => b.id), ...keys];
    const who = voters[0] as { cookie: string; token: string };
    const bodies: string[] = [...responses];
    for (const url of [
      `/budgets/${cycle}/vote`,
      `/budgets/${cycle}/receipt`,
      `/budgets/${cycle}/results`,
      "/api/openapi.json",
    ]) {
      bodies.push((await t.app.inject({ url, headers: { cookie: who.cookie } })).body);
      bodies.push((await t.app.inject({ url })).body);
    }
    const row = await t.ctx.db.kysely
      .selectFrom("budget_cycles")
      .select("results_at")
      .where("id", "=", cycle)
      .executeTakeFirstOrThrow();
    t.clock.set(new Date(new Date(row.results_at).getTime() + 120_000));
    await advanceBudgetCycles(t.ctx);
    bodies.push((await page(t, null, `/budgets/${cycle}/results`)).body);
    for (const body of bodies) for (const s of secrets) expect(body).not.toContain(s);
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select(["actor_id", "data"])
      .execute();
    for (const a of audit) {
      expect(voters.map((v) => v.accountId)).not.toContain(a.actor_id);
      for (const s of secrets) expect(String(a.data)).not.toContain(s);
    }
    const openapi = JSON.parse((await t.app.inject({ url: "/api/openapi.json" })).body);
    const ballot = JSON.stringify(openapi.paths["/api/v1/budgets/{id}/ballots"]);
    expect(ballot).toContain("OVER_BUDGET");
    expect(ballot).not.toMatch(/voterKey|ballotId|votedAt|castAt/);
  });

  it("keys a voter per cycle by the IIN: unrelated keys in two cycles", () => {
    const a = budgetVoterKey(t.ctx, "cycle-1", "900101300123");
    expect(budgetVoterKey(t.ctx, "cycle-2", "900101300123")).not.toBe(a);
    expect(budgetVoterKey(t.ctx, "cycle-1", "900101300123")).toBe(a);
  });
});
