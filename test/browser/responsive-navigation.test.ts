import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleGrant } from "../../src/kernel/permissions.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

const BODY = "ag-baikonur-akimat";

type Who = "visitor" | "citizen" | "registrar" | "executor" | "admin";

const GRANTS: Record<Exclude<Who, "visitor" | "citizen">, RoleGrant[]> = {
  registrar: [{ role: "registrar", agencyId: BODY }],
  executor: [{ role: "executor", agencyId: BODY }],
  admin: [{ role: "admin", agencyId: null }],
};

/**
 * The header's menu open on a phone, and the 403 page, swept by axe in the three languages. How
 * the header and menu fit a phone and a desktop, fold behind the "Menu" button and open with it
 * is walked on every page by the page-fit tests (test/support/page-fit.ts).
 */
describe.runIf(hasChromium())("the header and menu on a phone and a desktop (Chromium)", () => {
  let t: TestApp;
  let base: string;
  const sessions: Partial<Record<Who, SignedIn>> = {};

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    sessions.citizen = await signInAs(t);
    for (const who of ["registrar", "executor", "admin"] as const) {
      sessions[who] = await signInAs(t, { grants: GRANTS[who] });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("axe finds nothing with the phone's menu open, nor on the 403 page, in kk, ru and en", async () => {
    const failures: string[] = [];
    const cases = [
      { who: "visitor" as const, path: "/participation", open: true },
      { who: "executor" as const, path: "/office/appeals", open: true },
      { who: "citizen" as const, path: "/office/appeals", open: false },
      { who: "executor" as const, path: "/admin", open: false },
    ];
    for (const lang of ["kk", "ru", "en"]) {
      const browser = await launchBrowser({ viewport: { width: 360, height: 640 } });
      try {
        for (const c of cases) {
          await browser.context.clearCookies();
          const cookies = (sessions[c.who]?.cookie.split("; ") ?? []).map((x) => {
            const [name = "", value = ""] = x.split("=");
            return { name, value, url: base };
          });
          await browser.context.addCookies([
            ...cookies,
            { name: "halyq_lang", value: lang, url: base },
          ]);
          const tab = await browser.context.newPage();
          await tab.goto(`${base}${c.path}`);
          if (c.open) await tab.click(".govuk-service-navigation__toggle");
          for (const v of await axeViolations(tab))
            failures.push(`${lang} ${c.who} ${c.path}: ${v}`);
          await tab.close();
        }
      } finally {
        await browser.close();
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
