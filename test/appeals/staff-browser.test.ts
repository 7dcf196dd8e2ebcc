import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import type { Locale } from "../../src/kernel/i18n.js";
import { formatDate } from "../../src/web/format.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { citizen, file, staff, YESIL } from "./support.js";

const NUMBER = /[A-Z0-9]{2,4}-\d{4}-\d{4,}/;

describe.runIf(hasChromium())("staff appeal journeys in Chromium", () => {
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

  /** A tab signed in as `who`, in `lang`. */
  async function as(who: SignedIn, lang: string): Promise<Page> {
    await browser.context.clearCookies();
    const cookies = who.cookie.split("; ").map((c) => {
      const [name = "", value = ""] = c.split("=");
      return { name, value, url: base };
    });
    await browser.context.addCookies([...cookies, { name: "halyq_lang", value: lang, url: base }]);
    return browser.context.newPage();
  }
  /** Checks the page is in the language asked for and axe finds nothing on it as it stands. */
  async function axe(tab: Page, where: string) {
    const lang = where.slice(0, 2);
    expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
    expect(await axeViolations(tab), where).toEqual([]);
  }
  async function submit(tab: Page, scope: string) {
    // The answer form's other buttons save the draft or insert a template: this sends it.
    await Promise.all([
      tab.waitForNavigation(),
      tab.click(`${scope} button[type=submit]:not([value=save]):not([value=insert])`),
    ]);
  }
  async function step(tab: Page, action: string, fill: () => Promise<void> = async () => {}) {
    await tab.click(`#action-${action} summary`);
    await fill();
    await submit(tab, `#action-${action}`);
    expect(new URL(tab.url()).searchParams.get("done"), action).toBe(action);
    await expect(tab.locator(".govuk-notification-banner--success").count()).resolves.toBe(1);
  }

  for (const lang of ["kk", "ru", "en"]) {
    it(`a registrar registers a paper appeal for a person with no account (${lang})`, async () => {
      const registrar = await staff(t, "registrar");
      const tab = await as(registrar, lang);
      await tab.goto(`${base}/office/appeals/new`);
      await axe(tab, `${lang} desk`);
      await tab.check("#channel");
      await tab.check("#kind");
      await tab.fill("#subject", `Leaking roof ${lang}`);
      await tab.fill("#text", "The roof of house 3 on Taraz street leaks after every rain.");
      await tab.check(`#language${lang === "kk" ? "" : `-${lang}`}`);
      await tab.fill("#applicantName", "Omarov Bauyrzhan Serikovich");
      await tab.fill("#applicantAddress", "Astana, Taraz street 3, flat 5");
      await tab.fill("#applicantPhone", "+7 701 234 56 78");
      await submit(tab, "main");
      expect(new URL(tab.url()).pathname).toMatch(/\/slip$/);
      await axe(tab, `${lang} slip`);
      const number = NUMBER.exec((await tab.textContent(".govuk-panel__body")) ?? "")?.[0] ?? "";
      const row = await findAppealByNumber(t.ctx.db.kysely, number);
      expect(row).toMatchObject({ channel: "paper", applicant_account_id: null, language: lang });
      expect((await tab.textContent("main")) ?? "").toContain(row?.registration_hash ?? "missing");
      await tab.close();
    });

    it(`a head assigns, the executor drafts, the head approves (${lang})`, async () => {
      const head = await staff(t, "head");
      const executor = await staff(t, "executor");
      const { number } = await file(t, await citizen(t));
      let tab = await as(head, lang);
      await tab.goto(`${base}/office/appeals?sort=received_desc`);
      await axe(tab, `${lang} inbox`);
      await Promise.all([
        tab.waitForNavigation(),
        tab.click(`a[href="/office/appeals/${number}"]`),
      ]);
      await axe(tab, `${lang} case`);
      await step(tab, "assign", () =>
        tab.selectOption("#assign-executorId", executor.accountId).then(() => undefined),
      );
      await axe(tab, `${lang} case assigned`);
      await tab.close();

      tab = await as(executor, lang);
      await tab.goto(`${base}/office/appeals/${number}`);
      await axe(tab, `${lang} executor case`);
      await step(tab, "answer", async () => {
        await tab.check("#answer-outcome");
        await tab.fill("#answer-basis", "APPK art. 89");
        await tab.fill("#answer-text", "The lamps will be replaced on 14 April.");
      });
      await axe(tab, `${lang} drafted`);
      await tab.close();

      tab = await as(head, lang);
      await tab.goto(`${base}/office/appeals/${number}`);
      await step(tab, "approve");
      await axe(tab, `${lang} approved`);
      expect((await findAppealByNumber(t.ctx.db.kysely, number))?.status).toBe("answered");
      await tab.close();
    });

    it(`a head redirects an appeal to another district, where it gets a new number and term (${lang})`, async () => {
      const head = await staff(t, "head");
      const { number } = await file(t, await citizen(t));
      let tab = await as(head, lang);
      await tab.goto(`${base}/office/appeals/${number}`);
      await step(tab, "redirect", async () => {
        await tab.selectOption("#redirect-agencyId", YESIL);
        await tab.fill("#redirect-reason", "The road is in Yesil district");
      });
      await axe(tab, `${lang} redirected`);
      const banner = (await tab.textContent(".govuk-notification-banner")) ?? "";
      const created = /YSA-\d{4}-\d{4}/.exec(banner)?.[0] ?? "";
      expect(created).not.toBe("");
      await tab.close();

      const yesil = await staff(t, "head", YESIL);
      tab = await as(yesil, lang);
      await tab.goto(`${base}/office/appeals?sort=received_desc`);
      await axe(tab, `${lang} other inbox`);
      await Promise.all([
        tab.waitForNavigation(),
        tab.click(`a[href="/office/appeals/${created}"]`),
      ]);
      await axe(tab, `${lang} other case`);
      const there = await findAppealByNumber(t.ctx.db.kysely, created);
      expect(there).toMatchObject({ agency_id: YESIL, status: "registered", due_on: "2025-04-14" });
      const main = (await tab.textContent("main")) ?? "";
      expect(main).toContain(number);
      expect(main).toContain(formatDate(there?.due_on ?? "", lang as Locale));
      await tab.close();
    });
  }
  it("the inbox fits 1280 px in Russian with each number on one line, and neither it nor My appeals scrolls sideways at 360 px", async () => {
    const me = await citizen(t);
    await file(t, me);
    const head = await staff(t, "head");
    const width = (tab: Page) => tab.evaluate(() => document.documentElement.scrollWidth);
    const tab = await as(head, "ru");
    await tab.setViewportSize({ width: 1280, height: 900 });
    await tab.goto(`${base}/office/appeals`);
    const wider = (limit: number) =>
      tab.evaluate(
        (max) =>
          Array.from(document.querySelectorAll("main *"))
            .filter((e) => e.getBoundingClientRect().right > max)
            .slice(0, 8)
            .map(
              (e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().width)}`,
            ),
        limit,
      );
    expect(await wider(1280)).toEqual([]);
    expect(await width(tab)).toBeLessThanOrEqual(1280);
    const heights = await tab.$$eval("#inbox a.govuk-link", (links) =>
      links.map((a) => {
        const r = a.getBoundingClientRect();
        const line = Number.parseFloat(getComputedStyle(a).lineHeight);
        return r.height / (Number.isNaN(line) ? 25 : line);
      }),
    );
    expect(heights.length).toBeGreaterThan(0);
    for (const lines of heights) expect(lines).toBeLessThan(1.5);
    await tab.setViewportSize({ width: 360, height: 800 });
    await tab.reload();
    expect(await wider(360)).toEqual([]);
    expect(await width(tab)).toBeLessThanOrEqual(360);
    await tab.close();
    const mine = await as(me, "ru");
    await mine.setViewportSize({ width: 360, height: 800 });
    await mine.goto(`${base}/appeals`);
    expect(await mine.locator("#appeals").count()).toBe(1);
    expect(await width(mine)).toBeLessThanOrEqual(360);
    await mine.close();
  });
});
