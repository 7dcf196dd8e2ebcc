import fs from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { reportScenario, sheetOf } from "./reports-support.js";

/** What the journey reads in each language: the sheet of the report by executor and its header. */
const WORDS = {
  kk: { sheet: "Орындаушылар бойынша", received: "Түсті", inboxColumn: "Ең жақын мерзім" },
  ru: { sheet: "По исполнителям", received: "Поступило", inboxColumn: "Ближайший срок" },
} as const;

describe.runIf(hasChromium())("the analyst's reports in Chromium", () => {
  let t: TestApp;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let s: Awaited<ReturnType<typeof reportScenario>>;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    s = await reportScenario(t);
    base = await listenOnLoopback(t);
    browser = await launchBrowser({ acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function as(who: SignedIn, lang: string, width = 1280): Promise<Page> {
    await browser.context.clearCookies();
    const cookies = who.cookie.split("; ").map((c) => {
      const [name = "", value = ""] = c.split("=");
      return { name, value, url: base };
    });
    await browser.context.addCookies([...cookies, { name: "halyq_lang", value: lang, url: base }]);
    const tab = await browser.context.newPage();
    await tab.setViewportSize({ width, height: 900 });
    return tab;
  }
  const fits = (tab: Page) =>
    tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  for (const lang of ["kk", "ru"] as const) {
    it(`the analyst opens the report, downloads the workbook and finds the executor's figures (${lang})`, async () => {
      const tab = await as(s.analyst, lang);
      await tab.goto(`${base}/office/reports`);
      expect(await tab.getAttribute("html", "lang")).toBe(lang);
      await tab.fill("#to", "30");
      await tab.fill("#to-month", "4");
      await tab.fill("#to-year", "2025");
      await Promise.all([tab.waitForNavigation(), tab.click("main form button[type=submit]")]);
      expect(new URL(tab.url()).searchParams.get("to-day")).toBe("30");
      expect(await axeViolations(tab), `${lang} reports`).toEqual([]);
      expect(await tab.locator("#table-executors").textContent()).toContain("Akhmetova");
      const [download] = await Promise.all([
        tab.waitForEvent("download"),
        tab.click("#reports-xlsx"),
      ]);
      expect(download.suggestedFilename()).toMatch(/2025-01-01 2025-04-30\.xlsx$/);
      const bytes = fs.readFileSync((await download.path()) as string);
      const rows = await sheetOf(bytes, WORDS[lang].sheet);
      expect(rows[0]?.[1]).toBe(WORDS[lang].received);
      const akhmetova = rows.find((r) => r[0]?.startsWith("Akhmetova"));
      // Two received, one answered, one on time, none late, one extended.
      expect(akhmetova?.slice(1, 6)).toEqual(["2", "1", "1", "0", "1"]);
      // The page fits a phone.
      await tab.setViewportSize({ width: 360, height: 800 });
      expect(await fits(tab), `${lang} reports at 360 px`).toBe(true);
      await tab.close();
    });

    it(`the analyst's inbox shows the nearest term, hides the applicant and fits 1280 and 360 px (${lang})`, async () => {
      const tab = await as(s.analyst, lang);
      await tab.goto(`${base}/office/appeals`);
      expect(await axeViolations(tab), `${lang} inbox`).toEqual([]);
      expect(await tab.locator("#inbox").textContent()).toContain(WORDS[lang].inboxColumn);
      expect(await tab.locator("#inbox").textContent()).not.toContain("Test Citizen");
      expect(await fits(tab), `${lang} inbox at 1280 px`).toBe(true);
      await tab.setViewportSize({ width: 360, height: 800 });
      expect(await fits(tab), `${lang} inbox at 360 px`).toBe(true);
      await tab.close();
    });
  }
});
