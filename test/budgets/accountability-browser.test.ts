import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { walkPages } from "../support/page-fit.js";
import { accountabilityScene } from "./accountability-support.js";
import { BAIKONUR } from "./support.js";

/**
 * The accountability pages in Chromium, in each language: axe finds nothing at 360 px, and the
 * page-fit walk finds no sideways scroll at 360 or 1280 px and no stray Latin words.
 */
describe.runIf(hasChromium())("accountability pages in Chromium", { timeout: 240_000 }, () => {
  let t: TestApp;
  let base: string;
  let paths: string[];
  beforeAll(async () => {
    t = await startTestApp("sqlite", { now: "2025-03-19T05:00:00Z" });
    base = await listenOnLoopback(t);
    const scene = await accountabilityScene(t);
    paths = [
      `/budgets/${scene.cycle}/accountability`,
      `/budgets/${scene.voting}/accountability`,
      `/budgets/accountability?body=${BAIKONUR}`,
      "/budgets/accountability",
    ];
  });
  afterAll(async () => {
    await t?.close();
  });

  for (const lang of ["kk", "ru", "en"] as const) {
    it(`fits a phone and passes axe (${lang})`, async () => {
      const walk = await walkPages(
        base,
        paths.map((path) => ({ who: "visitor" as const, path, cookie: "" })),
        lang,
        false,
      );
      expect(walk.failures).toEqual([]);
      expect(walk.walked).toBe(paths.length);
      const browser = await launchBrowser({ viewport: { width: 360, height: 800 } });
      try {
        await browser.context.addCookies([{ name: "halyq_lang", value: lang, url: base }]);
        const tab = await browser.context.newPage();
        const failures: string[] = [];
        for (const path of paths) {
          const res = await tab.goto(`${base}${path}`);
          expect(res?.status(), path).toBe(200);
          expect(await tab.getAttribute("html", "lang")).toBe(lang);
          for (const v of await axeViolations(tab)) failures.push(`${lang} ${path}: ${v}`);
          const wide = await tab.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(wide, path).toBeLessThanOrEqual(0);
        }
        expect(failures).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }
});
