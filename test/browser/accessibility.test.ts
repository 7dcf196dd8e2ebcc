import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeCounts, axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { allPublicPaths } from "../support/public-paths.js";

describe.runIf(hasChromium())("accessibility in Chromium (axe)", () => {
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

  /**
   * Every public page in each language. Axe runs once per structure (see `axeViolations`): in
   * Kazakh, swept first, every page; in Russian and English every page again but those with no
   * form or table whose outline is the Kazakh one. Every page's language, status and console are
   * checked in every language.
   */
  it.each(["kk", "ru", "en"])(
    "axe finds nothing on any public page in %s, and nothing is blocked",
    async (lang) => {
      const page = await browser.context.newPage();
      const consoleErrors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(`${page.url()}: ${m.text()}`);
      });
      const failures: string[] = [];
      let checked = 0;
      const before = { ...axeCounts };
      await page.goto(`${base}/language/${lang}?next=/`);
      for (const p of await allPublicPaths(t)) {
        await page.goto(`${base}${p}`);
        expect(await page.getAttribute("html", "lang")).toBe(lang);
        for (const v of await axeViolations(page)) failures.push(`${lang} ${p}: ${v}`);
        checked++;
      }
      await page.close();
      expect(failures).toEqual([]);
      // 404 page responses log a console error in Chromium; anything else (CSP, script errors) fails.
      expect(consoleErrors.filter((e) => !/status of 40[04]/.test(e))).toEqual([]);
      expect(checked).toBeGreaterThan(40);
      // The home page, forms and tables are swept in every language; some pages are not.
      expect(axeCounts.swept - before.swept).toBeGreaterThan(20);
      if (lang !== "kk") expect(axeCounts.skipped - before.skipped).toBeGreaterThan(0);
    },
    240_000,
  );

  it("the enhancement script runs under the CSP: JavaScript-only classes are set", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/calendar?day=31&month=2&year=2025&days=x`);
    await page.waitForFunction(() => document.body.classList.contains("govuk-frontend-supported"));
    // GOV.UK Frontend moves focus to the error summary when the page has errors.
    await page.waitForFunction(() =>
      document.activeElement?.classList.contains("govuk-error-summary"),
    );
  });

  it("the skip link is the first thing a keyboard reaches, and it is visible when focused", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/agencies`);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => ({
      cls: document.activeElement?.className,
      visible: (document.activeElement as HTMLElement | null)?.getBoundingClientRect().height ?? 0,
    }));
    expect(focused.cls).toContain("govuk-skip-link");
    expect(focused.visible).toBeGreaterThan(0);
    await page.keyboard.press("Enter");
    expect(page.url()).toMatch(/#main-content$/);
  });
});
