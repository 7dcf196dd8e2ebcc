import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { hasChromium } from "../support/browser.js";
import { pagesToWalk, type WalkedPage, walkPages } from "../support/page-fit.js";

/**
 * Every public page and every page a signed-in person reaches from their menu, with JavaScript
 * off, in Chromium at a phone's width (360 px) and a desktop's (1280 px): no page or header
 * scrolls sideways, the page's heading is on a phone's first screen, the menu is a plain list, and
 * a Kazakh or Russian page shows no English words (see test/support/page-fit.ts).
 */
describe.runIf(hasChromium())(
  "every page fits a phone and speaks its language, JavaScript off",
  () => {
    let t: TestApp;
    let base: string;
    let pages: WalkedPage[] = [];

    beforeAll(async () => {
      t = await startTestApp("sqlite");
      base = await listenOnLoopback(t);
      pages = await pagesToWalk(t);
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    it.each(["kk", "ru", "en"] as const)(
      "at 360 and 1280 px in %s",
      async (lang) => {
        const { failures, walked } = await walkPages(base, pages, lang, false);
        console.info(`page fit (no-js, ${lang}): ${walked} page loads`);
        expect(walked).toBeGreaterThan(60);
        expect(failures).toEqual([]);
      },
      600_000,
    );
  },
);
