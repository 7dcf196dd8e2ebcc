import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { SIGNED_IN_PAGES, sessionsForPages } from "../support/signed-in-pages.js";

describe.runIf(hasChromium())("accessibility of signed-in pages (axe in Chromium)", () => {
  let t: TestApp;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("axe finds nothing on any signed-in page, in any of the three languages", async () => {
    const sessions = await sessionsForPages(t);
    const failures: string[] = [];
    for (const page of SIGNED_IN_PAGES) {
      for (const lang of ["kk", "ru", "en"]) {
        await browser.context.clearCookies();
        const cookies = sessions[page.as].cookie.split("; ").map((c) => {
          const [name = "", value = ""] = c.split("=");
          return { name, value, url: base };
        });
        await browser.context.addCookies([
          ...cookies,
          { name: "halyq_lang", value: lang, url: base },
        ]);
        const tab = await browser.context.newPage();
        await tab.goto(`${base}${page.path}`);
        expect(new URL(tab.url()).pathname, `${page.as} ${page.path}`).toBe(page.path);
        const violations = await axeViolations(tab);
        for (const v of violations) failures.push(`${lang} ${page.as} ${page.path}: ${v}`);
        await tab.close();
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
