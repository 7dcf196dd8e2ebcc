import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";

describe.each(testDialects())("JSON API on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "GET", url, headers });

  it("GET /healthz answers 200 when the database answers", async () => {
    const res = await get("/healthz");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: dialect });
  });

  it("GET /healthz answers 503 when the database does not", async () => {
    const other = await startTestApp(dialect);
    await other.ctx.db.close();
    const res = await other.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.json().status).toBe("unavailable");
    await other.app.close();
  });

  it("GET /readyz answers 200 while the instance takes work and 503 once it drains", async () => {
    const ready = await get("/readyz");
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ready", database: dialect });
    t.ctx.instance.draining = true;
    try {
      const draining = await get("/readyz");
      expect(draining.statusCode).toBe(503);
      expect(draining.json()).toEqual({ status: "draining", database: dialect });
      // Liveness is a different question: the process is alive and its database answers.
      expect((await get("/healthz")).statusCode).toBe(200);
    } finally {
      t.ctx.instance.draining = false;
    }
  });

  it("counts 15 working days from 19 March 2025 to 14 April 2025", async () => {
    const res = await get("/api/v1/calendar/add-working-days?from=2025-03-19&days=15");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      from: "2025-03-19",
      days: 15,
      jurisdiction: "kz",
      date: "2025-04-14",
    });
  });

  it("uses another jurisdiction's calendar when asked", async () => {
    // Russia: 1–8 January are holidays, so 10 working days from 31 December 2026 end later.
    const ru = (
      await get("/api/v1/calendar/add-working-days?from=2026-12-31&days=3&jurisdiction=ru")
    ).json();
    const kz = (
      await get("/api/v1/calendar/add-working-days?from=2026-12-31&days=3&jurisdiction=kz")
    ).json();
    expect(ru.jurisdiction).toBe("ru");
    expect(ru.date > kz.date).toBe(true);
  });

  it.each([
    ["from=2025-02-30&days=15", "INVALID_DATE"],
    ["from=2025-13-01&days=15", "INVALID_DATE"],
    ["from=19.03.2025&days=15", "INVALID_DATE"],
    ["from=2025-03-19&days=-1", "INVALID_DAYS"],
    ["from=2025-03-19&days=abc", "INVALID_DAYS"],
    ["from=2025-03-19&days=1.5", "INVALID_DAYS"],
    ["from=2025-03-19&days=99999", "INVALID_DAYS"],
    ["from=2025-03-19&days=1&jurisdiction=xx", "UNKNOWN_JURISDICTION"],
    ["days=15", "VALIDATION"],
    ["from=2025-03-19", "VALIDATION"],
  ])("rejects %s with 400 %s", async (query, code) => {
    const res = await get(`/api/v1/calendar/add-working-days?${query}`, {
      "accept-language": "en",
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const body = res.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe("string");
    expect(body.error.message).not.toMatch(/errors\.|validation\./);
  });

  it("localises error messages by Accept-Language", async () => {
    const url = "/api/v1/calendar/add-working-days?from=2025-02-30&days=1";
    const messages = await Promise.all(
      ["kk", "ru", "en"].map(
        async (l) => (await get(url, { "accept-language": l })).json().error.message,
      ),
    );
    expect(new Set(messages).size).toBe(3);
  });

  it("describes a year of the calendar", async () => {
    const y = (await get("/api/v1/calendar/kz/2025")).json();
    expect(y).toMatchObject({ jurisdiction: "kz", year: 2025, official: true, workingDays: 246 });
    expect(y.nonWorkingWeekdays.map((d: { date: string }) => d.date)).toContain("2025-03-24");
    const fallback = (await get("/api/v1/calendar/kz/2031")).json();
    expect(fallback.official).toBe(false);
  });

  it("lists the bodies with id, names, kind and parent", async () => {
    const res = await get("/api/v1/agencies");
    expect(res.statusCode).toBe(200);
    const { agencies } = res.json();
    const bySlug = new Map(agencies.map((a: { slug: string }) => [a.slug, a]));
    expect(agencies).toHaveLength(14);
    expect(bySlug.get("baikonur-district-akimat")).toMatchObject({
      id: "ag-baikonur-akimat",
      kind: "akimat",
      level: "district",
      parentId: "ag-astana-akimat",
      names: {
        kk: expect.any(String),
        ru: expect.any(String),
        en: "Akimat of Baikonur District, Astana",
      },
    });
    const kinds = (await get("/api/v1/agencies?kind=ministry")).json().agencies;
    expect(kinds.map((a: { slug: string }) => a.slug).sort()).toEqual([
      "ministry-health",
      "ministry-labour",
    ]);
    const children = (await get("/api/v1/agencies?parent=ag-astana-akimat")).json().agencies;
    expect(children).toHaveLength(5);
    expect((await get("/api/v1/agencies?kind=palace")).statusCode).toBe(400);
  });

  it("gives one body with its competences, and a coded 404 for an unknown one", async () => {
    const one = (await get("/api/v1/agencies/yesil-district-akimat")).json();
    expect(one.categoryIds).toContain("cat-roads-lighting");
    expect(one.email).toBe("yesil.akimat@demo.invalid");
    const missing = await get("/api/v1/agencies/no-such-body");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("NOT_FOUND");
  });

  it("lists categories with the competent bodies", async () => {
    const { categories } = (await get("/api/v1/categories")).json();
    const roads = categories.find((c: { slug: string }) => c.slug === "roads-lighting");
    expect(roads.agencyIds).toHaveLength(5);
    const pensions = categories.find((c: { slug: string }) => c.slug === "pensions-benefits");
    expect(pensions.agencyIds).toEqual(["ag-ministry-labour"]);
  });

  it("answers an unknown API path with a coded JSON 404", async () => {
    const res = await get("/api/v1/nothing-here");
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: "NOT_FOUND", message: expect.any(String) } });
  });

  it("publishes an OpenAPI document that covers every API route", async () => {
    const spec = (await get("/api/openapi.json")).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const p of [
      "/healthz",
      "/api/v1/agencies",
      "/api/v1/agencies/{slug}",
      "/api/v1/categories",
      "/api/v1/calendar/add-working-days",
      "/api/v1/calendar/{jurisdiction}/{year}",
    ]) {
      expect(Object.keys(spec.paths), p).toContain(p);
    }
    // Outside /api/, only the health check and the machine-readable files are described.
    expect(
      Object.keys(spec.paths)
        .filter((p) => !p.startsWith("/api/"))
        .sort(),
    ).toEqual([
      "/agencies/{slug}/news.atom",
      "/consultations/feed.atom",
      "/consultations/{id}/report.csv",
      "/healthz",
      "/meetings/feed.atom",
      "/meetings/{id}/calendar.ics",
      "/news.atom",
      "/open-data/budgets/{file}",
      "/open-data/{file}",
      "/petitions.atom",
      "/polls/{id}/results.csv",
      "/polls/{id}/results.json",
      "/readyz",
    ]);
    const docs = await get("/api/docs", { "accept-language": "en" });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain("/api/v1/calendar/add-working-days");
    expect(docs.body).toContain('<code class="halyq-code">addWorkingDays</code>');
    expect(docs.body).toContain(
      'Sign-in: a <code class="halyq-code">Bearer</code> token, or the browser session (with the <code class="halyq-code">X-CSRF-Token</code> header on changes)',
    );
  });
});
