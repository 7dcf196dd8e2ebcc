import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../../src/capabilities/polls/locales/en.json" with { type: "json" };
import kk from "../../src/capabilities/polls/locales/kk.json" with { type: "json" };
import ru from "../../src/capabilities/polls/locales/ru.json" with { type: "json" };
import { pollsManifest } from "../../src/capabilities/polls/manifest.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { BAIKONUR_TERRITORY, person, staff, YESIL_TERRITORY } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const START = "2025-03-19T05:00:00Z";
const LOCALES = { kk, ru, en };

/**
 * A local vote through the pages only: the body drafts and publishes it, a resident votes, a
 * second ballot from another tab is refused, a resident of another district is told why they
 * may not vote, the body closes voting and the job publishes the result, which everyone reads
 * as a chart and a table. Axe runs on every page on the way.
 */
describe.runIf(hasChromium())("a local vote in Chromium", { timeout: 240_000 }, () => {
  let t: TestApp;
  let base: string;
  let officeBrowser: Browser;
  let peopleBrowser: Browser;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    [officeBrowser, peopleBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([officeBrowser?.close(), peopleBrowser?.close()]);
    await t?.close();
  });

  async function tabOf(browser: Browser, who: SignedIn | null, lang: string): Promise<Page> {
    await browser.context.clearCookies();
    await browser.context.addCookies([
      ...(who?.cookie.split("; ") ?? []).map((c) => {
        const eq = c.indexOf("=");
        return { name: c.slice(0, eq), value: c.slice(eq + 1), url: base };
      }),
      { name: "halyq_lang", value: lang, url: base },
    ]);
    return browser.context.newPage();
  }

  for (const lang of ["kk", "ru", "en"] as const) {
    it(`a resident votes once, an outsider is refused, the result is published (${lang})`, async () => {
      t.clock.set(START);
      const failures: string[] = [];
      const axe = async (tab: Page) => {
        const url = new URL(tab.url());
        const where = `${lang} ${url.pathname}${url.search}`;
        expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
        for (const v of await axeViolations(tab)) failures.push(`${where}: ${v}`);
      };
      const main = async (tab: Page) => (await tab.locator("main").textContent()) ?? "";
      const yes = { kk: "Иә", ru: "Да", en: "Yes" }[lang];

      // The body drafts a vote of Baikonur residents and publishes it.
      const head = await staff(t, "head");
      const office = await tabOf(officeBrowser, head, lang);
      await office.goto(`${base}/office/polls`);
      await axe(office);
      await Promise.all([
        office.waitForURL(/\/office\/polls\/new$/),
        office.click('main a[href="/office/polls/new"]'),
      ]);
      await axe(office);
      const title = `Square on Kenesary street (${lang})`;
      await office.selectOption("#kind", "vote");
      await office.fill(`#title-${lang}`, title);
      await office.selectOption("#eligibility", "territory");
      await office.selectOption("#territoryCode", BAIKONUR_TERRITORY);
      await office.fill("#opensAt", "2025-03-19T09:00");
      await office.fill("#closesAt", "2025-03-26T18:00");
      await office.fill(`#q1-text-${lang}`, "What first?");
      await office.fill(`#q1-options-${lang}`, `${yes} playground\nSports ground\nBenches`);
      await Promise.all([
        office.waitForURL(/\/office\/polls\/[0-9a-f-]{36}\?done=created$/),
        office.locator("main form button[type=submit]").last().click(),
      ]);
      await axe(office);
      const id = /\/office\/polls\/([0-9a-f-]{36})/.exec(office.url())?.[1] as string;
      await Promise.all([
        office.waitForURL(/\?done=scheduled$/),
        office.locator(`main form[action="/office/polls/${id}/schedule"] button`).click(),
      ]);
      await axe(office);

      // A resident finds it, opens it in two tabs, and votes in the first.
      const resident = await person(t, { residence: BAIKONUR_TERRITORY });
      const tab = await tabOf(peopleBrowser, resident, lang);
      await tab.goto(`${base}/polls`);
      await axe(tab);
      await Promise.all([
        tab.waitForURL(new RegExp(`/polls/${id}$`)),
        tab.click(`main a[href="/polls/${id}"]`),
      ]);
      await axe(tab);
      const other = await peopleBrowser.context.newPage();
      await other.goto(`${base}/polls/${id}`);
      await tab.check("#q-1");
      // A binding vote asks to check the choice first, then casts it and gives a receipt.
      await Promise.all([
        tab.waitForURL(new RegExp(`/polls/${id}/ballot$`)),
        tab.locator(`main form[action="/polls/${id}/ballot"] button`).click(),
      ]);
      await axe(tab);
      await Promise.all([
        tab.waitForURL(/\/receipt\?at=/),
        tab.locator(`main form[action="/polls/${id}/cast"] button[value="cast"]`).click(),
      ]);
      await axe(tab);
      expect(await tab.locator(".govuk-panel--confirmation").count()).toBe(1);
      await tab.goto(`${base}/polls/${id}`);
      expect(await tab.locator('[data-testid="voted"]').count()).toBe(1);
      await axe(tab);
      // The second ballot, from the tab opened before, is refused with its reason.
      await other.check("#q-1-b");
      await Promise.all([
        other.waitForLoadState("load"),
        other.locator(`main form[action="/polls/${id}/ballot"] button`).click(),
      ]);
      await other.waitForSelector('[data-testid="refusal"]');
      await axe(other);
      await other.close();

      // A resident of another district is told why they cannot vote.
      const outsider = await person(t, { residence: YESIL_TERRITORY });
      const away = await tabOf(peopleBrowser, outsider, lang);
      await away.goto(`${base}/polls/${id}`);
      const reason = (await away.locator('[data-testid="not-eligible"]').textContent()) ?? "";
      expect(reason).toContain(LOCALES[lang].polls.refusal.not_resident);
      expect(await away.locator(`form[action="/polls/${id}/ballot"]`).count()).toBe(0);
      await axe(away);

      // The body closes voting; a minute later the job publishes the count.
      await office.goto(`${base}/office/polls/${id}`);
      await Promise.all([
        office.waitForURL(/\?done=closed$/),
        office.locator(`main form[action="/office/polls/${id}/close"] button`).click(),
      ]);
      await axe(office);
      t.clock.set(new Date(t.clock.now().getTime() + 61_000).toISOString());
      for (const job of pollsManifest.jobs?.(t.ctx) ?? []) await job.run();
      await away.goto(`${base}/polls/${id}`);
      await axe(away);
      const published = await main(away);
      expect(published).toContain(`${yes} playground`);
      expect(await away.locator("main svg").count()).toBe(1);
      expect(await away.locator("main table td").first().textContent()).toBe("1");
      expect(await away.locator('[data-testid="voters"]').textContent()).toBe("1");
      const json = await (await fetch(`${base}/polls/${id}/results.json`)).json();
      expect(json.questions[0].options[0].count).toBe(1);
      expect(json.voters).toBe(1);
      await Promise.all([office.close(), tab.close(), away.close()]);
      expect(failures).toEqual([]);
    });
  }
});
