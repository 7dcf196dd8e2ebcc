import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import common from "../../src/capabilities/budgets/locales/common.en.json" with { type: "json" };
import commonKk from "../../src/capabilities/budgets/locales/common.kk.json" with { type: "json" };
import commonRu from "../../src/capabilities/budgets/locales/common.ru.json" with { type: "json" };
import en from "../../src/capabilities/budgets/locales/council.en.json" with { type: "json" };
import kk from "../../src/capabilities/budgets/locales/council.kk.json" with { type: "json" };
import ru from "../../src/capabilities/budgets/locales/council.ru.json" with { type: "json" };
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { makeCycle, makeProposal, resident, staffMember } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const COUNCIL = { kk: kk.budgets.council, ru: ru.budgets.council, en: en.budgets.council };
const STATUS = {
  kk: commonKk.budgets.proposal_status,
  ru: commonRu.budgets.proposal_status,
  en: common.budgets.proposal_status,
};

/**
 * The expert council through the pages, without JavaScript, in each language: the head names
 * a member of staff; the member opens the queue, declares a conflict of interest on one
 * proposal (and is then offered no decision on it) and admits another with the council's
 * cost. No page is wider than a 360 px phone.
 */
describe.runIf(hasChromium())("the expert council in Chromium", { timeout: 120_000 }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  /** A browser with scripts, which axe needs: it opens each page the journey sees, with its cookies. */
  let checker: Browser;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    [browser, checker] = await Promise.all([
      launchBrowser({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } }),
      launchBrowser({ viewport: { width: 360, height: 740 } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), checker?.close()]);
    await t?.close();
  });

  async function axeOf(tab: Page): Promise<string[]> {
    await checker.context.clearCookies();
    await checker.context.addCookies(await tab.context().cookies());
    const look = await checker.context.newPage();
    try {
      await look.goto(tab.url());
      return await axeViolations(look);
    } finally {
      await look.close();
    }
  }

  async function tabAs(who: SignedIn, lang: string): Promise<Page> {
    await browser.context.clearCookies();
    await browser.context.addCookies([
      ...who.cookie.split("; ").map((c) => {
        const eq = c.indexOf("=");
        return { name: c.slice(0, eq), value: c.slice(eq + 1), url: base };
      }),
      { name: "halyq_lang", value: lang, url: base },
    ]);
    const tab = await browser.context.newPage();
    tab.setDefaultTimeout(15_000);
    return tab;
  }

  for (const lang of ["kk", "ru", "en"] as const) {
    it(`a head names a member, who declares a conflict and admits a proposal (${lang})`, async () => {
      const m = COUNCIL[lang];
      const failures: string[] = [];
      const check = async (tab: Page) => {
        const where = `${lang} ${new URL(tab.url()).pathname}`;
        expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
        const overflow = await tab.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        if (overflow > 0) failures.push(`${where}: ${overflow}px wider than 360`);
        for (const v of await axeOf(tab)) failures.push(`${where}: ${v}`);
      };

      const cycle = await makeCycle(t, { phase: "review" });
      const author = await resident(t);
      const near = await makeProposal(t, cycle, {
        authorId: author.accountId,
        status: "submitted",
        title: `Двор моего соседа (${lang})`,
      });
      const park = await makeProposal(t, cycle, {
        authorId: author.accountId,
        status: "submitted",
        title: `Сквер на Кенесары (${lang})`,
      });
      const head = await staffMember(t, "head");
      const expert = await staffMember(t, "executor");
      await t.ctx.db.kysely
        .updateTable("accounts")
        .set({ surname: "Сейткалиева", given_name: "Айгерим" })
        .where("id", "=", expert.accountId)
        .execute();

      // The head names the member of staff to the council.
      const office = await tabAs(head, lang);
      await office.goto(`${base}/office/budgets/${cycle}/council/members`);
      await check(office);
      await office.selectOption("#accountId", expert.accountId);
      await Promise.all([
        office.waitForURL(/\?done=named$/),
        office.click(`main button:has-text("${m.members.add}")`),
      ]);
      await check(office);
      expect(await office.locator("#members").textContent()).toContain("Сейткалиева Айгерим");
      await office.close();

      // The member opens the queue and the first proposal, and declares a conflict on it.
      const tab = await tabAs(expert, lang);
      await tab.goto(`${base}/office/budgets/${cycle}/council`);
      await check(tab);
      expect(await tab.locator("main").textContent()).toContain(`Сквер на Кенесары (${lang})`);
      await Promise.all([
        tab.waitForURL(new RegExp(`/council/${near}$`)),
        tab.click(`main a[href="/office/budgets/${cycle}/council/${near}"]`),
      ]);
      await check(tab);
      await tab.click(`summary:has-text("${m.conflict.declare}")`);
      await tab.fill("#note", "Автор живёт в соседней квартире");
      await Promise.all([
        tab.waitForURL(/\?done=conflict$/),
        tab.click(`main form[action$="/conflict"] button`),
      ]);
      await check(tab);
      expect(await tab.getByTestId("own-conflict").textContent()).toContain(m.conflict.own);
      expect(await tab.locator('form[action$="/decision"]').count()).toBe(0);
      expect(await tab.locator("#conflicts").textContent()).toContain("Автор живёт");

      // The other proposal: a wrong cost first, then admitted with the council's cost.
      await tab.goto(`${base}/office/budgets/${cycle}/council/${park}`);
      await tab.check("#decision");
      await tab.fill("#cost", "двадцать");
      await tab.click(`main button:has-text("${m.decision.submit}")`);
      await check(tab);
      expect(await tab.locator(".govuk-error-summary").textContent()).toBeTruthy();
      expect((await tab.locator(".govuk-error-summary").textContent()) ?? "").not.toContain(
        "budgets.",
      );
      await tab.fill("#cost", "18 500 000");
      await Promise.all([
        tab.waitForURL(/\?done=decided$/),
        tab.click(`main button:has-text("${m.decision.submit}")`),
      ]);
      await check(tab);
      expect(await tab.locator("#council-decision").textContent()).toContain(STATUS[lang].admitted);
      const row = await t.ctx.db.kysely
        .selectFrom("budget_proposals")
        .select(["status", "council_cost", "decided_by_id"])
        .where("id", "=", park)
        .executeTakeFirstOrThrow();
      expect({ ...row, council_cost: Number(row.council_cost) }).toEqual({
        status: "admitted",
        council_cost: 18_500_000,
        decided_by_id: expert.accountId,
      });
      expect(
        (
          await t.ctx.db.kysely
            .selectFrom("budget_proposals")
            .select("status")
            .where("id", "=", near)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe("submitted");
      await tab.goto(`${base}/office/budgets/${cycle}/council`);
      await check(tab);
      expect(await tab.locator("#undecided").textContent()).toBeTruthy();
      await tab.close();
      expect(failures).toEqual([]);
    });
  }
});
