import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { AUTHOR, accountabilityScene } from "./accountability-support.js";
import {
  api,
  BAIKONUR,
  BAIKONUR_TERRITORY,
  clearBudgets,
  page,
  YESIL_AKIMAT,
  YESIL_TERRITORY,
} from "./support.js";

const START = "2025-03-19T05:00:00Z";

describe.each(testDialects())("participatory budget accountability on %s", (dialect) => {
  let t: TestApp;
  let scene: Awaited<ReturnType<typeof accountabilityScene>>;
  beforeAll(async () => {
    t = await startTestApp(dialect, { now: START });
    // The figures are counted from nothing: the demo's cycles go first.
    await clearBudgets(t);
    scene = await accountabilityScene(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it("counts a cycle's proposals, voters, winners, projects and money, in total and per territory", async () => {
    const r = await api(t, null, "GET", `/api/v1/budgets/${scene.cycle}/accountability`);
    expect(r.status).toBe(200);
    expect(r.json.totals).toEqual({
      received: 8,
      admitted: 5,
      notAdmitted: 3,
      notAdmittedByReason: {
        category: 0,
        not_public_land: 1,
        outside_territory: 0,
        over_amount: 1,
        already_planned: 0,
        duplicate: 1,
      },
      voters: 450,
      won: 4,
      projects: 4,
      completed: 1,
      onTime: 2,
      delayed: 2,
      allocated: 75_000_000,
      contracted: 56_000_000,
      spent: 38_500_000,
    });
    expect(r.json.amount).toBe(180_000_000);
    expect(r.json.phase).toBe("implementation");
    const baikonur = r.json.territories.find(
      (x: { code: string }) => x.code === BAIKONUR_TERRITORY,
    );
    expect(baikonur).toMatchObject({
      amount: 100_000_000,
      received: 5,
      admitted: 3,
      notAdmitted: 2,
      voters: 300,
      won: 2,
      projects: 2,
      completed: 1,
      onTime: 1,
      delayed: 1,
      allocated: 50_000_000,
      contracted: 47_000_000,
      spent: 29_000_000,
    });
    const yesil = r.json.territories.find((x: { code: string }) => x.code === YESIL_TERRITORY);
    expect(yesil).toMatchObject({ received: 3, voters: 150, won: 2, delayed: 1, onTime: 1 });
  });

  it("flags a project as delayed once the clock passes a stage's planned end", async () => {
    try {
      t.clock.set("2025-04-05T05:00:00Z");
      const r = await api(t, null, "GET", `/api/v1/budgets/${scene.cycle}/accountability`);
      expect(r.json.totals).toMatchObject({ delayed: 3, onTime: 1 });
    } finally {
      t.clock.set(START);
    }
  });

  it("hides voters, winners and votes before the results are published", async () => {
    const r = await api(t, null, "GET", `/api/v1/budgets/${scene.voting}/accountability`);
    expect(r.status).toBe(200);
    expect(r.json.totals).toMatchObject({ received: 2, admitted: 2, voters: null, won: null });
    expect(r.json.territories[0].voters).toBeNull();
    const data = await t.app.inject({ url: "/open-data/budgets/projects.json" });
    const mine = JSON.parse(data.body).records.filter(
      (x: { cycle: string }) => x.cycle === scene.voting,
    );
    expect(mine).toHaveLength(2);
    for (const x of mine) expect([x.votes, x.rank, x.winner]).toEqual([null, null, null]);
    const html = (await page(t, null, `/budgets/${scene.voting}/accountability`)).body;
    expect(html).toContain("not published yet");
    expect(html).not.toContain(">77<");
  });

  it("answers 404 for an unknown or draft cycle and an unknown body", async () => {
    for (const id of [scene.draft, "00000000-0000-4000-8000-000000000000", "nonsense"]) {
      expect((await api(t, null, "GET", `/api/v1/budgets/${id}/accountability`)).status).toBe(404);
      expect((await page(t, null, `/budgets/${id}/accountability`)).statusCode).toBe(404);
    }
    const body = await api(t, null, "GET", "/api/v1/budgets/accountability?agency=ag-nowhere");
    expect(body.status).toBe(404);
    expect(body.json.error.code).toBe("NOT_FOUND");
    expect((await page(t, null, "/budgets/accountability?body=ag-nowhere")).statusCode).toBe(404);
  });

  it("lists a body's public cycles with their figures, not its draft", async () => {
    const r = await api(t, null, "GET", `/api/v1/budgets/accountability?agency=${BAIKONUR}`);
    expect(r.status).toBe(200);
    expect(r.json.cycles.map((c: { id: string }) => c.id)).toEqual([scene.cycle]);
    const one = await api(t, null, "GET", `/api/v1/budgets/${scene.cycle}/accountability`);
    expect(r.json.cycles[0].totals).toEqual(one.json.totals);
    const yesil = await api(
      t,
      null,
      "GET",
      `/api/v1/budgets/accountability?agency=${YESIL_AKIMAT}`,
    );
    expect(yesil.json.cycles.map((c: { id: string }) => c.id)).toEqual([scene.voting]);
  });

  it("shows the figures on valid pages in kk, ru and en, money formatted, per territory", async () => {
    const words = {
      kk: ["Түскен ұсыныстар", "Байқоңыр ауданы", "Кестеден қалып жатыр"],
      ru: ["Поступило предложений", "район Байконур", "С отставанием"],
      en: ["Proposals received", "Baikonur district", "Behind schedule"],
    } as const;
    for (const lang of ["kk", "ru", "en"] as const) {
      const res = await page(t, null, `/budgets/${scene.cycle}/accountability`, lang);
      expect(res.statusCode).toBe(200);
      expect(await htmlProblems(res.body), lang).toEqual([]);
      for (const w of words[lang]) expect(res.body, `${lang}: ${w}`).toContain(w);
      expect(res.body).toMatch(/75[\s\u00a0\u202f,]000[\s\u00a0\u202f,]000 ₸/);
      expect(res.body).toContain(`href="/budgets/${scene.cycle}"`);
      const body = await page(t, null, `/budgets/accountability?body=${BAIKONUR}`, lang);
      expect(body.statusCode).toBe(200);
      expect(await htmlProblems(body.body), `${lang} body`).toEqual([]);
      expect(body.body).toContain(`href="/budgets/${scene.cycle}/accountability"`);
      expect(body.body).not.toContain(scene.draft);
      const all = await page(t, null, "/budgets/accountability", lang);
      expect(all.statusCode).toBe(200);
      expect(await htmlProblems(all.body), `${lang} bodies`).toEqual([]);
      expect(all.body).toContain(`href="/budgets/accountability?body=${BAIKONUR}"`);
    }
  });

  it("puts the body's figures for a period among its measures in statistics", async () => {
    const r = await api(
      t,
      null,
      "GET",
      `/api/v1/agencies/${BAIKONUR}/participation?from=2025-03-01&to=2025-03-31`,
    );
    expect(r.status).toBe(200);
    const m = Object.fromEntries(
      (r.json.measures as { name: string; value: number }[])
        .filter((x) => x.name.startsWith("budgets."))
        .map((x) => [x.name, x.value]),
    );
    expect(m).toEqual({
      "budgets.proposals_received": 8,
      "budgets.proposals_admitted": 5,
      "budgets.voters": 450,
      "budgets.projects_won": 4,
      "budgets.projects_completed": 1,
      "budgets.projects_delayed": 2,
      "budgets.money_allocated": 75_000_000,
      "budgets.money_spent": 38_500_000,
    });
    // A period before anything happened: nothing counted.
    const before = await api(
      t,
      null,
      "GET",
      `/api/v1/agencies/${BAIKONUR}/participation?from=2025-01-01&to=2025-01-31`,
    );
    const early = (before.json.measures as { name: string; value: number }[]).filter((x) =>
      x.name.startsWith("budgets."),
    );
    expect(early.every((x) => x.value === 0)).toBe(true);
    // A body with no cycle has no such figures.
    const other = await t.ctx.db.kysely
      .selectFrom("agencies")
      .select("id")
      .where("id", "not in", [BAIKONUR, YESIL_AKIMAT])
      .executeTakeFirstOrThrow();
    const none = await api(t, null, "GET", `/api/v1/agencies/${other.id}/participation`);
    expect(
      (none.json.measures as { name: string }[]).some((x) => x.name.startsWith("budgets.")),
    ).toBe(false);
    // The statistics page shows them in three languages.
    const slug = await t.ctx.db.kysely
      .selectFrom("agencies")
      .select("slug")
      .where("id", "=", BAIKONUR)
      .executeTakeFirstOrThrow();
    const labels = {
      kk: "Халық қатысатын бюджет: түскен ұсыныстар",
      ru: "Бюджет народного участия: поступившие предложения",
      en: "Participatory budget: proposals received",
    };
    for (const lang of ["kk", "ru", "en"] as const) {
      const res = await page(
        t,
        null,
        `/agencies/${slug.slug}/participation?from=2025-03-01&to=2025-03-31`,
        lang,
      );
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(labels[lang]);
      expect(await htmlProblems(res.body), lang).toEqual([]);
    }
  });

  it("publishes open data in CSV and JSON that agree with the API and carry no personal data", async () => {
    const get = async (f: string) => {
      const res = await t.app.inject({ url: `/open-data/budgets/${f}` });
      expect(res.statusCode, f).toBe(200);
      return res;
    };
    const cyclesJson = JSON.parse((await get("cycles.json")).body);
    expect(cyclesJson.records.map((c: { cycle: string }) => c.cycle).sort()).toEqual(
      [scene.cycle, scene.voting].sort(),
    );
    for (const rec of cyclesJson.records) {
      const a = (await api(t, null, "GET", `/api/v1/budgets/${rec.cycle}/accountability`)).json;
      expect(rec).toMatchObject({
        year: a.year,
        body: a.agencyId,
        phase: a.phase,
        amount: a.amount,
        proposals_received: a.totals.received,
        proposals_admitted: a.totals.admitted,
        proposals_not_admitted: a.totals.notAdmitted,
        not_admitted_duplicate: a.totals.notAdmittedByReason.duplicate,
        voters: a.totals.voters,
        projects_won: a.totals.won,
        projects_completed: a.totals.completed,
        projects_on_time: a.totals.onTime,
        projects_delayed: a.totals.delayed,
        amount_allocated: a.totals.allocated,
        amount_contracted: a.totals.contracted,
        amount_spent: a.totals.spent,
      });
    }
    const projectsJson = JSON.parse((await get("projects.json")).body);
    const winners = projectsJson.records.filter(
      (r: { cycle: string; winner: boolean }) => r.cycle === scene.cycle && r.winner,
    );
    expect(winners).toHaveLength(4);
    const allocated = winners.reduce(
      (s: number, r: { amount_allocated: number }) => s + r.amount_allocated,
      0,
    );
    expect(allocated).toBe(75_000_000);
    const late = winners.find(
      (r: { contract_planned_end: string | null }) => r.contract_planned_end === "2025-03-01",
    );
    expect(late).toMatchObject({ status: "in_progress", percent: 30, contract_actual_end: null });
    // CSV: the same records, field by field.
    for (const name of ["projects", "cycles"]) {
      const json = JSON.parse((await get(`${name}.json`)).body);
      const csv = await get(`${name}.csv`);
      expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
      const lines = csv.body.trimEnd().split("\r\n");
      expect(lines[0]).toBe(json.fields.join(","));
      expect(lines).toHaveLength(json.records.length + 1);
      const idAt = 0;
      expect(
        lines
          .slice(1)
          .map((l) => l.split(",")[idAt])
          .sort(),
      ).toEqual(json.records.map((r: { cycle: string }) => r.cycle).sort());
    }
    // Nothing personal: not the author's name, e-mail, IIN or account.
    const all = (
      await Promise.all(
        ["projects.csv", "projects.json", "cycles.csv", "cycles.json"].map(
          async (f) => (await get(f)).body,
        ),
      )
    ).join("\n");
    for (const secret of [
      AUTHOR.email,
      AUTHOR.surname,
      AUTHOR.given,
      scene.author.iin,
      scene.author.accountId,
    ])
      expect(all).not.toContain(secret);
    expect((await t.app.inject({ url: "/open-data/budgets/other.csv" })).statusCode).toBe(404);
  });
});
