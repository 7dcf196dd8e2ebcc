import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phaseAt } from "../../src/capabilities/budgets/budget.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { BAIKONUR, page } from "./support.js";

describe.each(testDialects())("the budgets demo on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("has next year's cycle voting under the knapsack rule and this year's in implementation", async () => {
    const db = t.ctx.db.kysely;
    const now = t.clock.now();
    const year = now.getUTCFullYear();
    const cycles = await db
      .selectFrom("budget_cycles")
      .selectAll()
      .where("agency_id", "=", BAIKONUR)
      .orderBy("year")
      .execute();
    expect(cycles.map((c) => [c.year, phaseAt(c, now), c.rule])).toEqual([
      [year, "implementation", "knapsack"],
      [year + 1, "voting", "knapsack"],
    ]);
    const [built, voting] = cycles as [(typeof cycles)[0], (typeof cycles)[0]];
    expect(built.results_published_at).not.toBeNull();
    expect(built.voters_count).toBeGreaterThan(0);
    expect(voting.results_published_at).toBeNull();
    const territories = await db
      .selectFrom("budget_territories")
      .select("code")
      .where("cycle_id", "=", voting.id)
      .orderBy("code")
      .execute();
    expect(territories.map((x) => x.code)).toEqual(["711310000", "711410000", "711510000"]);
    const proposals = await db
      .selectFrom("budget_proposals")
      .selectAll()
      .where("cycle_id", "=", voting.id)
      .execute();
    for (const code of ["711310000", "711410000", "711510000"]) {
      const mine = proposals.filter((p) => p.territory_code === code);
      expect(mine.some((p) => p.status === "admitted" && p.council_cost !== null)).toBe(true);
      expect(mine.some((p) => p.status === "rejected" || p.status === "merged")).toBe(true);
    }
    const reasons = new Set(proposals.map((p) => p.decision_reason).filter(Boolean));
    expect([...reasons].sort()).toEqual(
      [
        "already_planned",
        "category",
        "duplicate",
        "not_public_land",
        "outside_territory",
        "over_amount",
      ].sort(),
    );
    const merged = proposals.find((p) => p.status === "merged");
    expect(proposals.map((p) => p.id)).toContain(merged?.merged_into_id);
    const experts = await db
      .selectFrom("budget_experts")
      .select("account_id")
      .where("cycle_id", "=", voting.id)
      .execute();
    expect(experts.length).toBeGreaterThanOrEqual(2);
    expect(
      await db
        .selectFrom("budget_ballots")
        .select("id")
        .where("cycle_id", "=", voting.id)
        .execute(),
    ).toEqual([]);
  });

  it("builds every winner of this year's cycle, one at each stage, one of them late", async () => {
    const db = t.ctx.db.kysely;
    const built = await db
      .selectFrom("budget_cycles")
      .selectAll()
      .where("year", "=", t.clock.now().getUTCFullYear())
      .where("agency_id", "=", BAIKONUR)
      .executeTakeFirstOrThrow();
    const winners = await db
      .selectFrom("budget_proposals")
      .selectAll()
      .where("cycle_id", "=", built.id)
      .where("winner", "=", 1)
      .execute();
    const projects = await db
      .selectFrom("budget_projects")
      .selectAll()
      .where("cycle_id", "=", built.id)
      .execute();
    expect(projects.map((p) => p.proposal_id).sort()).toEqual(winners.map((w) => w.id).sort());
    for (const p of projects) {
      const w = winners.find((x) => x.id === p.proposal_id);
      expect(Number(p.amount_allocated)).toBe(Number(w?.council_cost));
    }
    expect(projects.map((p) => p.status).sort()).toEqual([
      "completed",
      "in_progress",
      "in_progress",
      "in_progress",
    ]);
    const today = t.clock.now().toISOString().slice(0, 10);
    const late = await db
      .selectFrom("budget_project_stages")
      .selectAll()
      .where(
        "project_id",
        "in",
        projects.map((p) => p.id),
      )
      .where("actual_end", "is", null)
      .where("planned_end", "<", today)
      .execute();
    expect(late.map((s) => s.stage)).toEqual(["works"]);
    const photos = await db
      .selectFrom("budget_files")
      .select("kind")
      .where("owner_kind", "=", "project")
      .execute();
    expect(new Set(photos.map((p) => p.kind))).toEqual(new Set(["before", "during", "after"]));
    const news = await db
      .selectFrom("budget_project_news")
      .select("id")
      .where(
        "project_id",
        "in",
        projects.map((p) => p.id),
      )
      .execute();
    expect(news.length).toBeGreaterThanOrEqual(projects.length);
  });

  it("the home page names the open vote with its last day, and every public path of the capability is listed", async () => {
    const home = await page(t, null, "/", "ru");
    expect(home.body).toContain("Голосование: последний день —");
    const manifest = (await import("../../src/capabilities/budgets/manifest.js")).budgetsManifest;
    const paths = (await manifest.publicPaths?.(t.ctx)) ?? [];
    expect(paths[0]).toBe("/budgets");
    expect(paths.filter((p) => /^\/budgets\/[0-9a-f-]{36}$/.test(p))).toHaveLength(2);
    for (const suffix of ["/vote", "/results", "/projects", "/proposals"])
      expect(paths.some((p) => p.endsWith(suffix))).toBe(true);
    expect(paths.filter((p) => /\/proposals\/[0-9a-f-]{36}$/.test(p))).toHaveLength(2);
    expect(paths.some((p) => /^\/budgets\/projects\/[0-9a-f-]{36}$/.test(p))).toBe(true);
    for (const p of paths.filter((x) => x === "/budgets" || /^\/budgets\/[0-9a-f-]{36}$/.test(x)))
      expect((await page(t, null, p)).statusCode).toBe(200);
  });
});
