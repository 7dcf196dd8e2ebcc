import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { signInAs } from "../support/sessions.js";
import { api, BAIKONUR_TERRITORY, makeCycle, makeProposal, resident } from "./support.js";

interface Summary {
  id: string;
  phase: string;
  year: number;
}

describe.each(testDialects())("the budgets read API on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists announced cycles only, filters by phase, refuses an unknown phase", async () => {
    const draft = await makeCycle(t, { phase: "draft" });
    const review = await makeCycle(t, { phase: "review" });
    const all = await api(t, null, "GET", "/api/v1/budgets?pageSize=100");
    expect(all.status).toBe(200);
    const items = all.json.items as Summary[];
    expect(items.map((i) => i.id)).not.toContain(draft);
    expect(items.map((i) => i.id)).toContain(review);
    const inReview = (await api(t, null, "GET", "/api/v1/budgets?phase=review")).json
      .items as Summary[];
    expect(inReview.map((i) => i.id)).toContain(review);
    expect(inReview.every((i) => i.phase === "review")).toBe(true);
    const voting = (await api(t, null, "GET", "/api/v1/budgets?phase=voting")).json
      .items as Summary[];
    expect(voting.map((i) => i.id)).not.toContain(review);
    expect(voting.length).toBeGreaterThan(0);
    const bad = await api(t, null, "GET", "/api/v1/budgets?phase=balloting");
    expect(bad.status).toBe(400);
    expect((bad.json.error as { code: string }).code).toBe("VALIDATION");
    const paged = await api(t, null, "GET", "/api/v1/budgets?pageSize=1&page=2");
    expect(paged.status).toBe(200);
    expect((paged.json.items as Summary[]).length).toBeLessThanOrEqual(1);
    expect(paged.json.page).toBe(2);
  });

  it("gives one cycle with territories, amounts, dates and council; 404 for a draft or an unknown id", async () => {
    const id = await makeCycle(t, { phase: "proposals", rule: "approval", minVotes: 50 });
    const r = await api(t, null, "GET", `/api/v1/budgets/${id}`);
    expect(r.status).toBe(200);
    expect(r.json.rule).toBe("approval");
    expect(r.json.minVotes).toBe(50);
    expect(r.json.phase).toBe("proposals");
    expect(r.json.territories).toEqual([
      expect.objectContaining({ code: "711310000", amount: 80_000_000 }),
      expect.objectContaining({ code: BAIKONUR_TERRITORY, amount: 100_000_000 }),
    ]);
    expect(Object.keys(r.json.phases as object)).toHaveLength(7);
    const draft = await makeCycle(t, { phase: "draft" });
    expect((await api(t, null, "GET", `/api/v1/budgets/${draft}`)).status).toBe(404);
    expect((await api(t, null, "GET", `/api/v1/budgets/${draft}/projects`)).status).toBe(404);
    expect(
      (await api(t, null, "GET", "/api/v1/budgets/00000000-0000-4000-8000-000000000000")).status,
    ).toBe(404);
    expect((await api(t, null, "GET", "/api/v1/budgets/nonsense")).status).toBe(404);
  });

  it("lists submitted proposals without drafts or authors' personal data; votes only once published", async () => {
    const id = await makeCycle(t, { phase: "voting" });
    const author = await resident(t);
    const named = await t.ctx.db.kysely
      .selectFrom("accounts")
      .select(["surname", "given_name", "email"])
      .where("id", "=", author.accountId)
      .executeTakeFirstOrThrow();
    const admitted = await makeProposal(t, id, { authorId: author.accountId });
    const draft = await makeProposal(t, id, { authorId: author.accountId, status: "draft" });
    const refused = await makeProposal(t, id, {
      authorId: author.accountId,
      status: "rejected",
      reason: "not_public_land",
    });
    await t.ctx.db.kysely
      .updateTable("budget_proposals")
      .set({ votes: 42, winner: 1, rank: 1 })
      .where("id", "=", admitted)
      .execute();
    const r = await api(t, null, "GET", `/api/v1/budgets/${id}/projects`);
    expect(r.status).toBe(200);
    const items = r.json.items as {
      id: string;
      votes: number | null;
      winner: boolean | null;
      reason: string | null;
    }[];
    expect(items.map((i) => i.id).sort()).toEqual([admitted, refused].sort());
    expect(items.map((i) => i.id)).not.toContain(draft);
    expect(items.find((i) => i.id === refused)?.reason).toBe("not_public_land");
    expect(items.every((i) => i.votes === null && i.winner === null)).toBe(true);
    for (const secret of [author.iin, author.accountId, named.surname, named.email ?? "@"])
      expect(JSON.stringify(r.json)).not.toContain(secret);
    await t.ctx.db.kysely
      .updateTable("budget_cycles")
      .set({ results_published_at: t.clock.now().toISOString() })
      .where("id", "=", id)
      .execute();
    const after = (await api(t, null, "GET", `/api/v1/budgets/${id}/projects`)).json.items as {
      id: string;
      votes: number | null;
      winner: boolean | null;
    }[];
    expect(after.find((i) => i.id === admitted)).toMatchObject({ votes: 42, winner: true });
  });

  it("the demo's built cycle shows each winner's project, its stage and percent", async () => {
    const built = (await api(t, null, "GET", "/api/v1/budgets?phase=implementation")).json
      .items as Summary[];
    const demo = built.find((c) => c.year === t.clock.now().getUTCFullYear()) as Summary;
    expect(demo).toBeDefined();
    const items = (await api(t, null, "GET", `/api/v1/budgets/${demo.id}/projects`)).json.items as {
      winner: boolean | null;
      project: { stage: string | null; percent: number; status: string } | null;
    }[];
    const projects = items.filter((i) => i.project).map((i) => i.project);
    expect(projects.map((p) => p?.stage).sort()).toEqual(
      ["acceptance", "contract", "procurement", "works"].sort(),
    );
    expect(projects.find((p) => p?.stage === "acceptance")).toMatchObject({
      percent: 100,
      status: "completed",
    });
    expect(items.filter((i) => i.winner === true)).toHaveLength(4);
    // No author's name in the demo's open data.
    const r = await api(t, await signInAs(t), "GET", `/api/v1/budgets/${demo.id}/projects`);
    expect(JSON.stringify(r.json)).not.toContain("Нұрланова");
  });
});
