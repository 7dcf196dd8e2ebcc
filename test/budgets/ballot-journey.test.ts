import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceBudgetCycles } from "../../src/capabilities/budgets/jobs.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import {
  BAIKONUR_TERRITORY,
  makeCycle,
  makeProposal,
  resident,
  YESIL_TERRITORY,
} from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * The vote through the pages in Chromium: a Baikonur resident picks projects, an over-budget
 * choice is refused with the amounts, they confirm and get the receipt; a Yesil resident is
 * told why Baikonur's ballot is not theirs; after the close and the job the results page shows
 * the winners. Axe on every page, and no sideways scroll at 360 px.
 */
describe.runIf(hasChromium())("the budget vote in Chromium", { timeout: 240_000 }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const start = "2025-03-19T05:00:00Z";

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function tabOf(who: SignedIn | null, lang: string): Promise<Page> {
    await browser.context.clearCookies();
    await browser.context.addCookies([
      ...(who?.cookie.split("; ") ?? []).map((c) => {
        const eq = c.indexOf("=");
        return { name: c.slice(0, eq), value: c.slice(eq + 1), url: base };
      }),
      { name: "halyq_lang", value: lang, url: base },
    ]);
    const tab = await browser.context.newPage();
    await tab.setViewportSize({ width: 360, height: 800 });
    return tab;
  }

  for (const lang of ["kk", "ru", "en"] as const) {
    it(`a resident votes within the amount, an outsider is refused, the winners are published (${lang})`, async () => {
      t.clock.set(start);
      const failures: string[] = [];
      const check = async (tab: Page) => {
        const where = `${lang} ${new URL(tab.url()).pathname}`;
        expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
        for (const v of await axeViolations(tab)) failures.push(`${where}: ${v}`);
        const wide = await tab.evaluate(
          () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
        );
        expect(wide, `${where} scrolls sideways at 360 px`).toBe(false);
      };
      const author = await resident(t);
      const cycle = await makeCycle(t, { phase: "voting" });
      const park = await makeProposal(t, cycle, {
        authorId: author.accountId,
        cost: 70_000_000,
        title: "Парк у реки",
      });
      const lights = await makeProposal(t, cycle, {
        authorId: author.accountId,
        cost: 40_000_000,
        title: "Освещение аллеи",
      });

      const voter = await resident(t);
      const tab = await tabOf(voter, lang);
      await tab.goto(`${base}/budgets/${cycle}/vote`);
      await check(tab);
      await Promise.all([
        tab.waitForURL(new RegExp(`/vote/${BAIKONUR_TERRITORY}$`)),
        tab.click(`main a[href="/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}"]`),
      ]);
      await check(tab);
      await tab.check(`input[value="${park}"]`);
      // With JavaScript the total and the money left follow the ticks.
      await tab.waitForFunction(() =>
        /70/.test(document.querySelector("[data-knapsack-total]")?.textContent ?? ""),
      );
      await tab.check(`input[value="${lights}"]`);
      await tab.waitForFunction(() =>
        /-|−/.test(document.querySelector("[data-knapsack-left]")?.textContent ?? ""),
      );
      await tab.click("main form button[type=submit]");
      await tab.waitForSelector(".govuk-error-summary");
      await check(tab);
      const refused = (await tab.locator(".govuk-error-summary").textContent()) ?? "";
      expect(refused).toMatch(/110[\s\u00a0\u202f,]000[\s\u00a0\u202f,]000/);
      expect(await tab.isChecked(`input[value="${park}"]`)).toBe(true);
      await tab.uncheck(`input[value="${lights}"]`);
      await tab.click("main form button[type=submit]");
      await tab.waitForSelector('button[value="cast"]');
      await check(tab);
      await Promise.all([tab.waitForURL(/\/receipt\?/), tab.click('button[value="cast"]')]);
      await check(tab);
      expect(await tab.locator('[data-testid="receipt-code"]').textContent()).toMatch(
        /\w{4}-\w{4}/,
      );
      expect(await tab.locator('[data-testid="receipt-choices"]').textContent()).toContain(
        "Парк у реки",
      );
      await tab.close();

      const outsider = await resident(t, { residence: YESIL_TERRITORY });
      const other = await tabOf(outsider, lang);
      await other.goto(`${base}/budgets/${cycle}/vote/${BAIKONUR_TERRITORY}`);
      await check(other);
      expect(await other.locator('[data-testid="vote-standing"]').count()).toBe(1);
      expect(await other.locator('input[name="projectIds[]"]').count()).toBe(0);
      await other.close();

      const row = await t.ctx.db.kysely
        .selectFrom("budget_cycles")
        .select("results_at")
        .where("id", "=", cycle)
        .executeTakeFirstOrThrow();
      t.clock.set(new Date(new Date(row.results_at).getTime() + 120_000));
      await advanceBudgetCycles(t.ctx);
      const results = await tabOf(null, lang);
      await results.goto(`${base}/budgets/${cycle}/results`);
      await check(results);
      const table =
        (await results.locator(`[data-testid="results-${BAIKONUR_TERRITORY}"]`).textContent()) ??
        "";
      expect(table).toContain("Парк у реки");
      expect(await results.locator(".govuk-tag--green").count()).toBe(1);
      await results.close();
      expect(failures).toEqual([]);
    });
  }
});
