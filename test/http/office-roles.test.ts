import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

const BODY = "ag-baikonur-akimat";

/**
 * An office page answers staff who hold none of its roles with the localised 403 page (who may
 * use it and how to get access), never with an empty page; the staff who hold one still get it.
 */
describe.each(testDialects())("office pages for staff without the role on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const get = (who: SignedIn, url: string, lang: string) =>
    t.app.inject({ method: "GET", url: `${url}?lang=${lang}`, headers: { cookie: who.cookie } });

  const cases: { url: string; allowed: "head" | "moderator" }[] = [
    { url: "/office/meetings", allowed: "head" },
    { url: "/office/consultations", allowed: "head" },
    { url: "/office/dialogue", allowed: "head" },
  ];

  it("refuses them with the 403 page in each language, and lets in those who hold a role", async () => {
    const analyst = await signInAs(t, { grants: [{ role: "analyst", agencyId: BODY }] });
    const registrar = await signInAs(t, { grants: [{ role: "registrar", agencyId: BODY }] });
    const titles = { kk: "Бұл бетке кіру құқығыңыз жоқ", ru: "У вас нет доступа к этой странице" };
    for (const { url, allowed } of cases) {
      for (const who of [analyst, registrar]) {
        for (const lang of ["kk", "ru", "en"] as const) {
          const res = await get(who, url, lang);
          expect(res.statusCode, `${url} ${lang}`).toBe(403);
          expect(res.headers["content-type"]).toContain("text/html");
          expect(res.body).toContain('data-error-code="FORBIDDEN"');
          expect(res.body).toContain(`<html lang="${lang}"`);
          if (lang !== "en") expect(res.body).toContain(titles[lang]);
        }
      }
      const member = await signInAs(t, { grants: [{ role: allowed, agencyId: BODY }] });
      expect((await get(member, url, "en")).statusCode, url).toBe(200);
    }
  });
});
