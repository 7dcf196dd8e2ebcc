import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";

describe.each(testDialects())("participation figures per body (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers every capability's measures for a body and a period as JSON", async () => {
    const res = await t.app.inject({
      url: "/api/v1/agencies/ag-baikonur-akimat/participation?from=2025-01-01&to=2025-03-19",
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      agencyId: "ag-baikonur-akimat",
      from: "2025-01-01",
      to: "2025-03-19",
    });
    const expected = await t.ctx.measures("ag-baikonur-akimat", {
      from: "2025-01-01",
      to: "2025-03-19",
    });
    expect(body.measures).toEqual(expected);
    const names = body.measures.map((m: { name: string }) => m.name);
    for (const name of [
      "consultations.comments",
      "meetings.held",
      "meetings.attendance",
      "dialogue.answered",
    ]) {
      expect(names).toContain(name);
    }
    for (const m of body.measures) {
      expect(m.name).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(["count", "share", "working_days", "days"]).toContain(m.unit);
      if (m.value !== null) expect(Number.isFinite(m.value)).toBe(true);
    }
  });

  it("defaults to the last twelve months and refuses a bad period with a localised error", async () => {
    const res = await t.app.inject({ url: "/api/v1/agencies/ag-baikonur-akimat/participation" });
    expect(res.json()).toMatchObject({ from: "2024-03-20", to: "2025-03-19" });
    for (const q of [
      "from=2025-02-30",
      "from=2025-03-01&to=2025-01-01",
      "from=2020-01-01&to=2025-01-01",
    ]) {
      const bad = await t.app.inject({
        url: `/api/v1/agencies/ag-baikonur-akimat/participation?${q}`,
        headers: { "accept-language": "ru" },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe("VALIDATION");
    }
    expect((await t.app.inject({ url: "/api/v1/agencies/nobody/participation" })).statusCode).toBe(
      404,
    );
  });

  it("shows the figures on a valid page in three languages, and the period form's errors", async () => {
    for (const lang of ["kk", "ru", "en"]) {
      const page = await t.app.inject({
        url: `/agencies/baikonur-district-akimat/participation?lang=${lang}`,
      });
      expect(page.statusCode).toBe(200);
      expect(await htmlProblems(page.body)).toEqual([]);
      const bad = await t.app.inject({
        url: `/agencies/baikonur-district-akimat/participation?lang=${lang}&from=nonsense`,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("govuk-error-summary");
      expect(await htmlProblems(bad.body)).toEqual([]);
    }
    const agency = await t.app.inject({ url: "/agencies/baikonur-district-akimat?lang=en" });
    expect(agency.body).toContain('href="/agencies/baikonur-district-akimat/participation"');
  });
});
