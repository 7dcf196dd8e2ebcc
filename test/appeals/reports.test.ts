import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import { reportScenario, sheetOf } from "./reports-support.js";
import { getPage, untranslated } from "./staff-support.js";
import { citizen, staff, YESIL } from "./support.js";

describe.each(testDialects())("the analyst's reports (%s)", (dialect) => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof reportScenario>>;
  let names: Map<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    s = await reportScenario(t);
    const accounts = await t.ctx.db.kysely
      .selectFrom("accounts")
      .select(["id", "surname", "given_name"])
      .where("id", "in", [s.first.accountId, s.second.accountId])
      .execute();
    names = new Map(accounts.map((a) => [a.id, `${a.surname} ${a.given_name}`]));
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (who: SignedIn | null, url: string, lang = "en") =>
    t.app.inject({
      url,
      headers: { ...(who ? { cookie: who.cookie } : {}), "accept-language": lang },
    });

  it("shows the body's reports for this year with charts and their tables", async () => {
    const page = await getPage(t, s.analyst, "/office/reports");
    expect(page.status).toBe(200);
    for (const title of [
      "By executor",
      "By topic",
      "By channel",
      "By outcome",
      "Terms missed",
      "Terms extended",
      "Complaints against the body's decisions",
    ]) {
      expect(page.body).toContain(title);
    }
    expect(page.body).toContain("Appeals registered from 1 January 2025 to 20 April 2025.");
    expect(page.body).toMatch(/<svg[^>]* aria-hidden="true"/);
    expect(page.body).toContain(s.numbers[2]);
    // The analyst's page names no applicant.
    expect(page.body).not.toContain("Test Citizen");
  });

  it("exports the report by executor to XLSX with figures computed from the appeals", async () => {
    const res = await get(
      s.analyst,
      `/office/reports/reports.xlsx?agency=${s.body}&from=2025-01-01&to=2025-04-30`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const rows = await sheetOf(res.rawPayload, "By executor");
    expect(rows[0]).toEqual([
      "Executor",
      "Received",
      "Answered",
      "On time",
      "Late",
      "Extended",
      "Average days to answer",
    ]);
    const byName = new Map(rows.slice(1).map((r) => [r[0], r.slice(1)]));
    expect(byName.get(names.get(s.first.accountId))).toEqual(["2", "1", "1", "0", "1", "0"]);
    expect(byName.get(names.get(s.second.accountId))).toEqual(["1", "0", "0", "1", "0"]);
    // The unassigned appeal past its term, and the complaint still within its own (no answers:
    // no average, an empty last cell).
    expect(byName.get("No executor assigned")).toEqual(["2", "0", "0", "1", "0"]);
    const complaints = await sheetOf(res.rawPayload, "Complaints against the body's d");
    expect(complaints[1]).toEqual(["Complaints against the body's decisions received", "1"]);
    const overdue = await sheetOf(res.rawPayload, "Terms missed");
    expect(
      overdue
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([s.numbers[2], s.numbers[3]].sort());
    const csv = await get(
      s.head,
      `/office/reports/executors.csv?agency=${s.body}&from=2025-01-01&to=2025-04-30`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`${names.get(s.first.accountId)},2,1,1,0,1,0\r\n`);
    const audited = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("actor_id")
      .where("action", "=", "appeal.reports_exported")
      .execute();
    // Both downloads are audited (the order of rows is the database's own).
    expect(audited.map((a) => a.actor_id).sort()).toEqual(
      [s.analyst.accountId, s.head.accountId].sort(),
    );
  });

  it("counts only the period asked for and explains a wrong period", async () => {
    const none = await getPage(t, s.analyst, `/office/reports?from=2024-01-01&to=2024-12-31`);
    expect(none.status).toBe(200);
    expect(none.body).toContain("Nothing in this period.");
    const wrong = await getPage(
      t,
      s.analyst,
      "/office/reports?from-day=31&from-month=2&from-year=2025&to=2025-04-20",
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain("Enter the start of the period as a day, month and year");
    expect(wrong.body).not.toContain("By executor");
    const backwards = await getPage(
      t,
      s.analyst,
      "/office/reports?from=2025-04-20&to=2025-01-01",
      "ru",
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body).toContain("Дата окончания периода не может быть раньше даты начала");
    const file = await get(s.analyst, "/office/reports/reports.xlsx?from=2025-04-20&to=2025-01-01");
    expect(file.statusCode).toBe(400);
  });

  it("writes valid HTML with every text translated, in every language", async () => {
    if (dialect !== "sqlite") return;
    for (const lang of ["kk", "ru", "en"]) {
      for (const url of [
        "/office/reports?to=2025-04-30",
        "/office/reports?from=2025-04-20&to=2025-01-01",
        "/office/appeals",
        `/office/appeals/${s.numbers[0]}`,
      ]) {
        const page = await getPage(t, s.analyst, url, lang);
        expect(await htmlProblems(page.body), `${lang} ${url}`).toEqual([]);
        expect(untranslated(page.body), `${lang} ${url}`).toEqual([]);
      }
    }
  });

  it("is refused to other roles, other bodies and citizens", async () => {
    const refused = [
      await staff(t, "registrar", s.body),
      await staff(t, "executor", s.body),
      await staff(t, "moderator", s.body),
      await staff(t, "admin", s.body),
      await staff(t, "analyst", YESIL),
      await staff(t, "head", YESIL),
      await citizen(t),
    ];
    for (const who of refused) {
      for (const url of [
        `/office/reports?agency=${s.body}`,
        `/office/reports/reports.xlsx?agency=${s.body}`,
        `/office/reports/executors.csv?agency=${s.body}`,
      ]) {
        const res = await get(who, url);
        expect(res.statusCode, url).toBe(403);
      }
    }
    expect((await get(null, "/office/reports")).statusCode).toBe(303);
    expect((await get(s.analyst, `/office/reports/nothing.csv?agency=${s.body}`)).statusCode).toBe(
      404,
    );
  });
});
