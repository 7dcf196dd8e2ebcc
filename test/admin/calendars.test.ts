import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTrail } from "../../src/kernel/audit/audit.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import { auditCount, BODY_A, bodyAdmin, get, post, staffWith, systemAdmin } from "./support.js";

/** Five working days from Monday 1 December 2025, as the public calculator computes them. */
async function fiveDaysFromDecember1(t: TestApp): Promise<string> {
  const res = await t.app.inject({
    url: "/api/v1/calendar/add-working-days?from=2025-12-01&days=5&jurisdiction=kz",
  });
  return res.json().date as string;
}

const day = (date: string) => {
  const [year, month, d] = date.split("-");
  return {
    "date-day": String(Number(d)),
    "date-month": String(Number(month)),
    "date-year": year as string,
  };
};

describe.each(testDialects())("working-day calendars in administration on %s", (dialect) => {
  let t: TestApp;
  let admin: SignedIn;
  const rows = async () =>
    (
      await t.ctx.db.kysely
        .selectFrom("calendar_years")
        .select(["jurisdiction", "year", "data"])
        .execute()
    ).length;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await systemAdmin(t);
  });
  afterAll(async () => t?.close());

  it("shows a year's special days in kk, ru and en, valid HTML", async () => {
    for (const lang of ["kk", "ru", "en"]) {
      const res = await get(t, "/admin/calendars?jurisdiction=kz&year=2025", admin, lang);
      expect(res.statusCode, lang).toBe(200);
      expect(await htmlProblems(res.body), lang).toEqual([]);
    }
    const ru = await get(t, "/admin/calendars?jurisdiction=kz&year=2025", admin, "ru");
    expect(ru.body).toContain("Наурыз");
    expect((await get(t, "/admin", admin)).body).toContain('href="/admin/calendars"');
  });

  it("a transferred day off added in the web changes a computed term at once; removing it restores it", async () => {
    expect(await fiveDaysFromDecember1(t)).toBe("2025-12-08");
    const res = await post(t, "/admin/calendars/kz/2025", admin, {
      kind: "day_off",
      ...day("2025-12-03"),
      reason: "Постановление Правительства № 1",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/admin/calendars?jurisdiction=kz&year=2025&notice=saved");
    expect(await fiveDaysFromDecember1(t)).toBe("2025-12-09");
    const trail = await auditTrail(t.ctx.db.kysely, "calendar_year", "kz-2025");
    expect(trail.at(-1)).toMatchObject({
      action: "calendar.day_saved",
      actorId: admin.accountId,
      data: { date: "2025-12-03", kind: "day_off", before: null },
    });
    const page = await get(
      t,
      "/admin/calendars?jurisdiction=kz&year=2025&notice=saved",
      admin,
      "ru",
    );
    expect(page.body).toContain("День сохранён");
    expect(page.body).toContain("Постановление Правительства № 1");

    // a working Saturday takes a day back
    await post(t, "/admin/calendars/kz/2025", admin, {
      kind: "working_day",
      ...day("2025-12-06"),
      reason: "Перенос",
    });
    expect(await fiveDaysFromDecember1(t)).toBe("2025-12-08");

    for (const date of ["2025-12-03", "2025-12-06"]) {
      const removed = await post(t, "/admin/calendars/kz/2025/remove", admin, { date });
      expect(removed.statusCode).toBe(303);
    }
    expect(await fiveDaysFromDecember1(t)).toBe("2025-12-08");
    expect((await auditTrail(t.ctx.db.kysely, "calendar_year", "kz-2025")).at(-1)?.action).toBe(
      "calendar.day_removed",
    );
  });

  it("a holiday needs its Kazakh and Russian names; English falls back to Russian", async () => {
    const before = await auditCount(t);
    const refused = await post(
      t,
      "/admin/calendars/kz/2025",
      admin,
      { kind: "holiday", ...day("2025-12-10"), name_ru: "День города" },
      { lang: "ru" },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Введите название праздника на казахском языке");
    expect(await htmlProblems(refused.body)).toEqual([]);
    expect(await auditCount(t)).toBe(before);
    const saved = await post(t, "/admin/calendars/kz/2025", admin, {
      kind: "holiday",
      ...day("2025-12-10"),
      name_kk: "Қала күні",
      name_ru: "День города",
    });
    expect(saved.statusCode).toBe(303);
    const holiday = t.ctx.calendars
      .get("kz")
      ?.yearData(2025)
      .holidays.find((h) => h.date === "2025-12-10");
    expect(holiday?.name).toEqual({ kk: "Қала күні", ru: "День города", en: "День города" });
  });

  it("refuses a day that cannot be, changing nothing", async () => {
    const before = { audit: await auditCount(t), rows: await rows() };
    const cases: [Record<string, string>, string][] = [
      [
        { kind: "day_off", ...day("2025-12-13"), reason: "x" },
        "This date is already a weekend day",
      ],
      [{ kind: "working_day", ...day("2025-12-11"), reason: "x" }, "Only a Saturday or Sunday"],
      [{ kind: "day_off", ...day("2026-01-05"), reason: "x" }, "The date must be in 2025"],
      [
        { kind: "day_off", "date-day": "31", "date-month": "2", "date-year": "2025", reason: "x" },
        "Enter a real date",
      ],
      [{ kind: "day_off", ...day("2025-12-11") }, "Enter the grounds for the transfer"],
      [{ kind: "eclipse", ...day("2025-12-11") }, "Select the kind of day"],
    ];
    for (const [fields, message] of cases) {
      const res = await post(t, "/admin/calendars/kz/2025", admin, fields);
      expect(res.statusCode, message).toBe(400);
      expect(res.body, message).toContain(message);
    }
    expect((await post(t, "/admin/calendars/xx/2025", admin, { kind: "day_off" })).statusCode).toBe(
      404,
    );
    expect(
      (await post(t, "/admin/calendars/kz/2025/remove", admin, { date: "2025-12-12" })).statusCode,
    ).toBe(404);
    expect({ audit: await auditCount(t), rows: await rows() }).toEqual(before);
  });

  it("only system administrators edit calendars; others change nothing", async () => {
    const before = { audit: await auditCount(t), rows: await rows() };
    const fields = { kind: "day_off", ...day("2025-12-03"), reason: "x" };
    for (const who of [
      await bodyAdmin(t, BODY_A.id),
      await staffWith(t, [{ role: "head", agencyId: BODY_A.id }]),
      await systemAdmin(t, false),
    ]) {
      expect((await get(t, "/admin/calendars", who)).statusCode).toBe(403);
      expect((await post(t, "/admin/calendars/kz/2025", who, fields)).statusCode).toBe(403);
      expect(
        (await post(t, "/admin/calendars/kz/2025/remove", who, { date: "2025-03-21" })).statusCode,
      ).toBe(403);
    }
    const anonymous = await post(t, "/admin/calendars/kz/2025", null, fields);
    expect(anonymous.statusCode).toBe(303);
    expect(
      (await post(t, "/admin/calendars/kz/2025", admin, fields, { csrf: false })).statusCode,
    ).toBe(403);
    expect({ audit: await auditCount(t), rows: await rows() }).toEqual(before);
    expect(await fiveDaysFromDecember1(t)).toBe("2025-12-08");
  });
});
