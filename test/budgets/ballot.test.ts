import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceBudgetCycles } from "../../src/capabilities/budgets/jobs.js";
import { run } from "../../src/cli/halyq.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import {
  api,
  BAIKONUR_TERRITORY,
  makeCycle,
  makeProposal,
  page,
  post,
  resident,
  staffMember,
  YESIL_TERRITORY,
} from "./support.js";

const DAY = 86_400_000;

/** Today's date in Kazakhstan, minus `years` years (plus `days`). */
function birthFor(t: TestApp, years: number, days = 0): string {
  const now = new Date(t.clock.now().getTime() + 5 * 3_600_000 + days * DAY);
  const d = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

const count = async (t: TestApp, table: "budget_ballots" | "budget_voters", cycleId: string) =>
  Number(
    (
      await t.ctx.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("cycle_id", "=", cycleId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(testDialects())("the budget vote on %s", (dialect) => {
  let t: TestApp;
  let cycle: string;
  let author: string;
  let a: string; // 40 M
  let b: string; // 35 M
  let c: string; // 25 M
  let d: string; // 60 M
  let yesilP: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    author = (await resident(t)).accountId;
    cycle = await makeCycle(t, { phase: "voting" });
    a = await makeProposal(t, cycle, { authorId: author, cost: 40_000_000, number: 1 });
    b = await makeProposal(t, cycle, { authorId: author, cost: 35_000_000, number: 2 });
    c = await makeProposal(t, cycle, { authorId: author, cost: 25_000_000, number: 3 });
    d = await makeProposal(t, cycle, { authorId: author, cost: 60_000_000, number: 4 });
    await makeProposal(t, cycle, { authorId: author, status: "rejected", number: 5 });
    yesilP = await makeProposal(t, cycle, {
      authorId: author,
      territory: YESIL_TERRITORY,
      cost: 10_000_000,
      number: 6,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const vote = (
    who: Awaited<ReturnType<typeof resident>> | null,
    body: unknown,
    lang: "kk" | "ru" | "en" = "en",
    id = cycle,
  ) => api(t, who as never, "POST", `/api/v1/budgets/${id}/ballots`, body, lang);

  it("accepts a ballot of exactly the amount (201) and refuses one tenge over (400 OVER_BUDGET, the amounts named)", async () => {
    const exact = await resident(t);
    // 40 + 35 + 25 = 100 M: exactly Baikonur's amount.
    const r = await vote(exact, { territory: BAIKONUR_TERRITORY, projectIds: [a, b, c] });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ status: "cast" });
    const over = await resident(t);
    const cheap = await makeProposal(t, cycle, { authorId: author, cost: 1, number: 7 });
    const before = await count(t, "budget_ballots", cycle);
    const o = await vote(over, { territory: BAIKONUR_TERRITORY, projectIds: [a, b, c, cheap] });
    expect(o.status).toBe(400);
    expect(o.json.error.code).toBe("OVER_BUDGET");
    expect(o.json.error.message).toMatch(/100[\s\u00a0\u202f,]000[\s\u00a0\u202f,]001/);
    expect(o.json.error.message).toMatch(/100[\s\u00a0\u202f,]000[\s\u00a0\u202f,]000/);
    const ru = await vote(
      over,
      { territory: BAIKONUR_TERRITORY, projectIds: [a, b, c, cheap] },
      "ru",
    );
    expect(ru.json.error.message).toMatch(/больше суммы территории/);
    expect(await count(t, "budget_ballots", cycle)).toBe(before);
    await t.ctx.db.kysely.deleteFrom("budget_proposals").where("id", "=", cheap).execute();
  });

  it("refuses a second ballot of the same person, even from a second account (409 ALREADY_VOTED)", async () => {
    const first = await resident(t);
    expect((await vote(first, { territory: BAIKONUR_TERRITORY, projectIds: [c] })).status).toBe(
      201,
    );
    const again = await vote(first, { territory: BAIKONUR_TERRITORY, projectIds: [b] });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("ALREADY_VOTED");
    // The same IIN moved to a second account (the first released it).
    const db = t.ctx.db.kysely;
    await db.updateTable("accounts").set({ iin: null }).where("id", "=", first.accountId).execute();
    const second = await resident(t);
    await db
      .updateTable("accounts")
      .set({ iin: first.iin })
      .where("id", "=", second.accountId)
      .execute();
    const r = await vote(second, { territory: BAIKONUR_TERRITORY, projectIds: [b] });
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe("ALREADY_VOTED");
  });

  it("refuses by age (17 refused, 18 accepted), residence, declared identity and staff, each with its reason", async () => {
    const seventeen = await resident(t, { birth: birthFor(t, 18, 1) });
    const r17 = await vote(seventeen, { territory: BAIKONUR_TERRITORY, projectIds: [c] });
    expect(r17.status).toBe(403);
    expect(r17.json.error.code).toBe("NOT_ELIGIBLE");
    expect(r17.json.error.message).toMatch(/18 or over/);
    const eighteen = await resident(t, { birth: birthFor(t, 18) });
    expect((await vote(eighteen, { territory: BAIKONUR_TERRITORY, projectIds: [c] })).status).toBe(
      201,
    );
    const yesil = await resident(t, { residence: YESIL_TERRITORY });
    const ry = await vote(yesil, { territory: BAIKONUR_TERRITORY, projectIds: [c] });
    expect(ry.status).toBe(403);
    expect(ry.json.error.code).toBe("NOT_ELIGIBLE");
    expect(ry.json.error.message).toMatch(/another territory/);
    const rykk = await vote(yesil, { territory: BAIKONUR_TERRITORY, projectIds: [c] }, "kk");
    expect(rykk.json.error.message).not.toMatch(/another territory/);
    const declared = await resident(t, { identity: "declared" });
    const rd = await vote(declared, { territory: BAIKONUR_TERRITORY, projectIds: [c] });
    expect(rd.status).toBe(403);
    expect(rd.json.error.code).toBe("IDENTITY_NOT_VERIFIED");
    const head = await staffMember(t, "head");
    const rs = await api(t, head, "POST", `/api/v1/budgets/${cycle}/ballots`, {
      territory: BAIKONUR_TERRITORY,
      projectIds: [c],
    });
    expect(rs.status).toBe(403);
    expect(rs.json.error.code).toBe("NOT_ELIGIBLE");
    // The Yesil resident votes in their own territory.
    expect((await vote(yesil, { territory: YESIL_TERRITORY, projectIds: [yesilP] })).status).toBe(
      201,
    );
  });

  it("refuses unknown, foreign or no projects (400), an unknown cycle (404), and no session (401)", async () => {
    const who = await resident(t);
    expect((await vote(who, { territory: BAIKONUR_TERRITORY, projectIds: [yesilP] })).status).toBe(
      400,
    );
    expect((await vote(who, { territory: BAIKONUR_TERRITORY, projectIds: [] })).status).toBe(400);
    expect(
      (await vote(who, { territory: BAIKONUR_TERRITORY, projectIds: ["nope"] })).json.error.code,
    ).toBe("VALIDATION");
    expect(
      (
        await vote(
          who,
          { territory: BAIKONUR_TERRITORY, projectIds: [c] },
          "en",
          "00000000-0000-4000-8000-000000000000",
        )
      ).status,
    ).toBe(404);
    const draft = await makeCycle(t, { phase: "draft" });
    expect(
      (await vote(who, { territory: BAIKONUR_TERRITORY, projectIds: [c] }, "en", draft)).status,
    ).toBe(404);
    expect((await vote(null, { territory: BAIKONUR_TERRITORY, projectIds: [c] })).status).toBe(401);
  });

  it("refuses outside the voting phase (409 PHASE_CLOSED), before and after", async () => {
    const review = await makeCycle(t, { phase: "review" });
    const p = await makeProposal(t, review, { authorId: author, cost: 1_000_000 });
    const who = await resident(t);
    const before = await vote(
      who,
      { territory: BAIKONUR_TERRITORY, projectIds: [p] },
      "en",
      review,
    );
    expect(before.status).toBe(409);
    expect(before.json.error.code).toBe("PHASE_CLOSED");
    const results = await makeCycle(t, { phase: "results" });
    const q = await makeProposal(t, results, { authorId: author, cost: 1_000_000 });
    const after = await vote(
      who,
      { territory: BAIKONUR_TERRITORY, projectIds: [q] },
      "en",
      results,
    );
    expect(after.status).toBe(409);
    expect(after.json.error.code).toBe("PHASE_CLOSED");
  });

  it("casts through the pages only with the confirmation's seal; the choice can change before, not after", async () => {
    const who = await resident(t);
    const form = await page(t, who, `/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="projectIds[]"');
    // Over the amount: refused with the amounts, choices kept.
    const over = await t.app.inject({
      method: "POST",
      url: `/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}`,
      headers: {
        cookie: `${who.cookie}; halyq_lang=en`,
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: new URLSearchParams([
        ["_csrf", who.csrf],
        ["projectIds[]", a],
        ["projectIds[]", b],
        ["projectIds[]", d],
      ]).toString(),
    });
    expect(over.statusCode).toBe(400);
    expect(over.body).toMatch(
      /more than the territory&#39;s amount|more than the territory's amount/,
    );
    expect(over.body).toMatch(new RegExp(`value="${a}"[^>]*checked`));
    // A good choice goes to the confirmation step.
    const check = await post(t, who, `/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}`, {
      "projectIds[]": d,
    });
    expect(check.statusCode).toBe(200);
    const seal = /name="seal" value="([^"]+)"/.exec(check.body)?.[1] as string;
    const issued = /name="issued" value="([^"]+)"/.exec(check.body)?.[1] as string;
    expect(seal).toBeTruthy();
    // Another choice with this seal is not cast: the confirmation is shown again.
    const forged = await post(t, who, `/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}/cast`, {
      "projectIds[]": c,
      issued,
      seal,
      decision: "cast",
    });
    expect(forged.statusCode).toBe(200);
    expect(await count(t, "budget_voters", cycle)).toBeGreaterThan(0);
    const votersBefore = await count(t, "budget_voters", cycle);
    expect(votersBefore).toBe(await count(t, "budget_ballots", cycle));
    // "Change my choice" returns to the ballot with the choice kept.
    const change = await post(t, who, `/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}/cast`, {
      "projectIds[]": d,
      decision: "change",
    });
    expect(change.body).toMatch(new RegExp(`value="${d}"[^>]*checked`));
    const cast = await post(t, who, `/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}/cast`, {
      "projectIds[]": d,
      issued,
      seal,
      decision: "cast",
    });
    expect(cast.statusCode).toBe(303);
    expect(await count(t, "budget_voters", cycle)).toBe(votersBefore + 1);
    const receipt = await page(t, who, cast.headers.location as string);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('data-testid="receipt-code"');
    expect(receipt.body).toMatch(/cannot be changed now/);
    expect(receipt.body).toMatch(/\d{2}:\d{2}/);
    // After casting, no second ballot.
    const again = await post(t, who, `/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}/cast`, {
      "projectIds[]": d,
      issued,
      seal,
      decision: "cast",
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/budgets/${cycle}/vote`);
    expect(await count(t, "budget_voters", cycle)).toBe(votersBefore + 1);
    // No live results before publication.
    const results = await page(t, null, `/budgets/${cycle}/results`);
    expect(results.body).toContain('data-testid="results-pending"');
  });

  it("publishes once at the close (two job runs at the same moment), with the deterministic winners, projects and the recount equal", async () => {
    const db = t.ctx.db.kysely;
    const row = await db
      .selectFrom("budget_cycles")
      .selectAll()
      .where("id", "=", cycle)
      .executeTakeFirstOrThrow();
    // Before the grace minute after the close, nothing is published.
    t.clock.set(new Date(new Date(row.results_at).getTime() + 10_000));
    await advanceBudgetCycles(t.ctx);
    const mid = await db
      .selectFrom("budget_cycles")
      .selectAll()
      .where("id", "=", cycle)
      .executeTakeFirstOrThrow();
    expect(mid.phase).toBe("results");
    expect(mid.results_published_at).toBeNull();
    t.clock.set(new Date(new Date(row.results_at).getTime() + 120_000));
    const runs = await Promise.all([advanceBudgetCycles(t.ctx), advanceBudgetCycles(t.ctx)]);
    expect(runs.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(1);
    const after = await db
      .selectFrom("budget_cycles")
      .selectAll()
      .where("id", "=", cycle)
      .executeTakeFirstOrThrow();
    expect(after.results_published_at).not.toBeNull();
    const ballots = await count(t, "budget_ballots", cycle);
    expect(after.voters_count).toBe(ballots);
    // Baikonur: a,b,c in 1 ballot; c in 2 more (c: 3 votes incl. the 18-year-old), d in 1.
    const props = await db
      .selectFrom("budget_proposals")
      .select(["id", "votes", "rank", "winner"])
      .where("cycle_id", "=", cycle)
      .where("status", "=", "admitted")
      .where("territory_code", "=", BAIKONUR_TERRITORY)
      .orderBy("rank")
      .execute();
    expect(props.map((p) => p.id)).toEqual([c, b, a, d]);
    expect(props.map((p) => Number(p.votes))).toEqual([3, 1, 1, 1]);
    expect(props.map((p) => Number(p.winner))).toEqual([1, 1, 1, 0]);
    const projects = await db
      .selectFrom("budget_projects")
      .selectAll()
      .where("cycle_id", "=", cycle)
      .execute();
    expect(projects).toHaveLength(4); // c, b, a in Baikonur; the Yesil one
    expect(
      projects.every((p) => p.status === "planned" && p.agency_id === "ag-baikonur-akimat"),
    ).toBe(true);
    const stages = await db
      .selectFrom("budget_project_stages")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where(
        "project_id",
        "in",
        projects.map((p) => p.id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(stages.n)).toBe(16);
    // Running the job again changes nothing.
    expect(await advanceBudgetCycles(t.ctx)).toBe(0);
    // The results page shows the winners.
    const res = await page(t, null, `/budgets/${cycle}/results`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`data-testid="results-${BAIKONUR_TERRITORY}"`);
    expect(res.body).toMatch(/Won/);
    expect(res.body).toContain(`/budgets/${cycle}/proposals?status=rejected`);
    // The recount from the stored ballots equals the published result.
    const lines: string[] = [];
    const out = {
      log: (s: string) => lines.push(s),
      error: (s: string) => lines.push(s),
    } as unknown as Console;
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.ctx.config.databaseUrl;
    try {
      expect(await run(["budget-recount", cycle], out)).toBe(0);
      expect(lines.join("\n")).toMatch(/equals the published results/);
      expect(await run(["budget-recount", "00000000-0000-4000-8000-000000000000"], out)).toBe(2);
      // A changed published figure is found.
      await db.updateTable("budget_proposals").set({ votes: 99 }).where("id", "=", d).execute();
      expect(await run(["budget-recount", cycle], out)).toBe(1);
      expect(lines.join("\n")).toMatch(new RegExp(`${d}: published 99 votes`));
      await db.updateTable("budget_proposals").set({ votes: 1 }).where("id", "=", d).execute();
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });

  it("needs the approval rule's minimum of votes to win", async () => {
    const ap = await makeCycle(t, { phase: "voting", rule: "approval", minVotes: 2 });
    const x = await makeProposal(t, ap, { authorId: author, cost: 10_000_000 });
    const y = await makeProposal(t, ap, { authorId: author, cost: 10_000_000 });
    for (let i = 0; i < 2; i++) {
      const who = await resident(t);
      const ids = i === 0 ? [x, y] : [x];
      expect(
        (await vote(who, { territory: BAIKONUR_TERRITORY, projectIds: ids }, "en", ap)).status,
      ).toBe(201);
    }
    const row = await t.ctx.db.kysely
      .selectFrom("budget_cycles")
      .selectAll()
      .where("id", "=", ap)
      .executeTakeFirstOrThrow();
    t.clock.set(new Date(new Date(row.results_at).getTime() + 120_000));
    await advanceBudgetCycles(t.ctx);
    const won = await t.ctx.db.kysely
      .selectFrom("budget_proposals")
      .select(["id", "winner", "votes"])
      .where("cycle_id", "=", ap)
      .execute();
    const by = new Map(won.map((w) => [w.id, w]));
    expect(Number(by.get(x)?.winner)).toBe(1);
    expect(Number(by.get(y)?.votes)).toBe(1);
    expect(Number(by.get(y)?.winner)).toBe(0);
  });
});
