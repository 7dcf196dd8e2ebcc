import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { signInAs } from "../support/sessions.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * The open data page and the keys page in Chromium, in kk, ru and en: axe finds nothing, no
 * console or CSP error, and a dataset is fetched by the browser from the page's own link.
 */
describe.runIf(hasChromium())("open data pages in Chromium", { timeout: 120_000 }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const lang of ["kk", "ru", "en"] as const) {
    it(`axe finds nothing on /open-data and the keys page (${lang})`, async () => {
      const admin = await signInAs(t, { grants: [{ role: "admin", agencyId: null }] });
      await browser.context.clearCookies();
      await browser.context.addCookies([
        ...admin.cookie.split("; ").map((c) => {
          const eq = c.indexOf("=");
          return { name: c.slice(0, eq), value: c.slice(eq + 1), url: base };
        }),
        { name: "halyq_lang", value: lang, url: base },
      ]);
      const tab = await browser.context.newPage();
      const errors: string[] = [];
      tab.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      for (const path of ["/open-data", "/admin/open311-keys"]) {
        const res = await tab.goto(`${base}${path}`);
        expect(res?.status(), path).toBe(200);
        expect(await tab.getAttribute("html", "lang")).toBe(lang);
        expect(await axeViolations(tab), `${lang} ${path}`).toEqual([]);
      }
      // Issue a key through the form: the page that shows it once is checked too.
      await tab.fill("#name", "Test app");
      await tab.fill("#organisation", "Test organisation");
      await tab.fill("#contact", "apps@test.invalid");
      await Promise.all([
        tab.waitForLoadState("load"),
        tab.click("form[action='/admin/open311-keys'] button"),
      ]);
      expect(await tab.textContent("#issued-key")).toMatch(/^o311_/);
      expect(await axeViolations(tab), `${lang} issued`).toEqual([]);

      await tab.goto(`${base}/open-data`);
      const href = await tab.getAttribute("a[href='/open-data/statistics.json']", "href");
      const data = await tab.evaluate(async (url) => (await fetch(url as string)).json(), href);
      expect(data.licence).toBe("CC-BY-4.0");
      expect(errors).toEqual([]);
      await tab.close();
    });
  }
});
