import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import { auditCount, BODY_A, BODY_B, bodyAdmin, get, post, staffWith } from "./support.js";

describe.each(testDialects())("the staff directory in the administration (%s)", (dialect) => {
  let t: TestApp;
  let admin: SignedIn;
  let executor: SignedIn;
  let colleague: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await bodyAdmin(t, BODY_A.id);
    executor = await staffWith(t, [{ role: "executor", agencyId: BODY_A.id }]);
    colleague = await staffWith(t, [{ role: "executor", agencyId: BODY_A.id }]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const page = (lang = "en") => get(t, `/admin/directory?agency=${BODY_A.id}`, admin, lang);

  it("adds a department, records a position and sets and ends a substitution, each audited", async () => {
    let audits = await auditCount(t);
    let res = await post(t, "/admin/directory/departments", admin, {
      agency: BODY_A.id,
      nameKk: "Тұрғын үй бөлімі",
      nameRu: "Отдел ЖКХ",
    });
    expect(res.statusCode).toBe(303);
    expect(await auditCount(t)).toBe(audits + 1);
    const dep = await t.ctx.db.kysely
      .selectFrom("staff_departments")
      .select("id")
      .where("agency_id", "=", BODY_A.id)
      .executeTakeFirstOrThrow();
    res = await post(t, "/admin/directory/positions", admin, {
      agency: BODY_A.id,
      accountId: executor.accountId,
      departmentId: dep.id,
      titleKk: "Бас маман",
      titleRu: "Главный специалист",
    });
    expect(res.statusCode).toBe(303);
    for (const lang of ["kk", "ru", "en"]) {
      const shown = await page(lang);
      expect(shown.statusCode).toBe(200);
      expect(await htmlProblems(shown.body)).toEqual([]);
    }
    const ru = await page("ru");
    expect(ru.body).toContain("Главный специалист");
    expect(ru.body).toContain("Отдел ЖКХ");

    audits = await auditCount(t);
    const bad = await post(
      t,
      "/admin/directory/substitutions",
      admin,
      {
        agency: BODY_A.id,
        absentId: executor.accountId,
        substituteId: executor.accountId,
        "from-day": "25",
        "from-month": "3",
        "from-year": "2025",
        "until-day": "21",
        "until-month": "3",
        "until-year": "2025",
      },
      { lang: "ru" },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Выберите замещающего из других сотрудников этого органа.");
    expect(bad.body).toContain("Последний день не может быть раньше первого.");
    expect(await auditCount(t)).toBe(audits);

    res = await post(t, "/admin/directory/substitutions", admin, {
      agency: BODY_A.id,
      absentId: executor.accountId,
      substituteId: colleague.accountId,
      "from-day": "20",
      "from-month": "3",
      "from-year": "2025",
      "until-day": "28",
      "until-month": "3",
      "until-year": "2025",
    });
    expect(res.statusCode).toBe(303);
    const shown = await page("ru");
    expect(shown.body).toContain("с 20 марта 2025 г. по 28 марта 2025 г.");
    const sub = await t.ctx.db.kysely
      .selectFrom("staff_substitutions")
      .select(["id", "created_by_id"])
      .executeTakeFirstOrThrow();
    expect(sub.created_by_id).toBe(admin.accountId);
    res = await post(t, "/admin/directory/substitutions/cancel", admin, {
      agency: BODY_A.id,
      id: sub.id,
    });
    expect(res.statusCode).toBe(303);
    const actions = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("action", "like", "staff.%")
      .orderBy("seq")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "staff.department-added",
      "staff.position-set",
      "staff.substitution-added",
      "staff.substitution-cancelled",
    ]);
  });

  it("refuses another body's admin, staff without the admin role, and a form without its token", async () => {
    const other = await bodyAdmin(t, BODY_B.id);
    const audits = await auditCount(t);
    const fields = { agency: BODY_A.id, nameKk: "Бөлім", nameRu: "Отдел" };
    expect((await get(t, `/admin/directory?agency=${BODY_A.id}`, other)).statusCode).toBe(403);
    expect((await post(t, "/admin/directory/departments", other, fields)).statusCode).toBe(403);
    expect((await get(t, `/admin/directory?agency=${BODY_A.id}`, executor)).statusCode).toBe(403);
    expect((await post(t, "/admin/directory/departments", executor, fields)).statusCode).toBe(403);
    const forged = await post(t, "/admin/directory/departments", admin, fields, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect(await auditCount(t)).toBe(audits);
  });
});
