import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { makeProject, wantsMail } from "./projects-support.js";
import { BAIKONUR, makeCycle, resident, staffMember } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const START = "2025-03-19T05:00:00Z";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/**
 * A project in implementation through the pages only: a resident on a phone finds it in the
 * list and follows it; the body's staff start and finish its procurement and add a photo, and
 * the follower is mailed; the resident asks a question that becomes an appeal of the body.
 * Axe runs on every page on the way, and no page scrolls sideways at 360 px.
 */
describe.runIf(hasChromium())("a project you can watch in Chromium", { timeout: 240_000 }, () => {
  let t: TestApp;
  let base: string;
  let cycleId: string;
  let author: string;
  let officeBrowser: Browser;
  let phoneBrowser: Browser;

  beforeAll(async () => {
    t = await startTestApp("sqlite", { now: START });
    base = await listenOnLoopback(t);
    cycleId = await makeCycle(t, { phase: "implementation" });
    author = (await resident(t)).accountId;
    [officeBrowser, phoneBrowser] = await Promise.all([
      launchBrowser({ viewport: { width: 1280, height: 900 } }),
      launchBrowser({ viewport: { width: 360, height: 780 } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([officeBrowser?.close(), phoneBrowser?.close()]);
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
    it(`staff move a project through its stages with a photo; a resident follows and asks (${lang})`, async () => {
      t.clock.set(START);
      const failures: string[] = [];
      const check = async (tab: Page) => {
        const url = new URL(tab.url());
        const where = `${lang} ${url.pathname}${url.search}`;
        expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
        for (const v of await axeViolations(tab)) failures.push(`${where}: ${v}`);
        const sideways = await tab.evaluate(
          () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
        );
        expect(sideways, `${where} scrolls sideways`).toBe(false);
      };
      const title = `Детская площадка во дворе (${lang})`;
      const pid = await makeProject(t, cycleId, {
        authorId: author,
        title,
        stages: { procurement: { planned_start: "2025-03-01", planned_end: "2025-04-15" } },
      });

      // A resident on a phone finds the project in the list and follows it.
      const who = await resident(t, { email: `journey-${lang}@test.invalid` });
      await wantsMail(t, who.accountId, lang);
      const phone = await tabOf(phoneBrowser, who, lang);
      await phone.goto(`${base}/budgets/projects?cycle=${cycleId}`);
      await check(phone);
      await Promise.all([
        phone.waitForURL(new RegExp(`/budgets/projects/${pid}$`)),
        phone.click(`main a[href="/budgets/projects/${pid}"]`),
      ]);
      await check(phone);
      await Promise.all([
        phone.waitForURL(/\?done=followed$/),
        phone.locator(`main form[action="/budgets/projects/${pid}/follow"] button`).click(),
      ]);
      await check(phone);

      // The body's staff start and finish the procurement, start the contract, add a photo.
      const head = await staffMember(t, "executor", BAIKONUR);
      const office = await tabOf(officeBrowser, head, lang);
      await office.goto(`${base}/office/budgets/${cycleId}/projects`);
      await check(office);
      await Promise.all([
        office.waitForURL(new RegExp(`/office/budgets/projects/${pid}$`)),
        office.click(`main a[href="/office/budgets/projects/${pid}"]`),
      ]);
      await check(office);
      const stages = office.locator(`main form[action="/office/budgets/projects/${pid}/stages"]`);
      // A finish before the start is refused next to the field.
      await office.fill("#procurement-actualStart", "2025-03-10");
      await office.fill("#procurement-actualEnd", "2025-03-05");
      await stages.locator("button[type=submit]").click();
      await office.waitForSelector(".govuk-error-summary");
      await check(office);
      await office.fill("#procurement-actualEnd", "2025-03-18");
      await office.fill("#contract-actualStart", "2025-03-19");
      await Promise.all([
        office.waitForURL(/\?done=stages$/),
        stages.locator("button[type=submit]").click(),
      ]);
      await check(office);
      await office.selectOption("#photoKind", "during");
      await office.fill("#caption", "Площадка: установлено ограждение");
      await office.setInputFiles("#photo", {
        name: "fence.png",
        mimeType: "image/png",
        buffer: PNG,
      });
      await Promise.all([
        office.waitForURL(/\?done=photo$/),
        office
          .locator(`main form[action="/office/budgets/projects/${pid}/photos"] button[type=submit]`)
          .click(),
      ]);
      await check(office);
      // The public page and the list at 1280 px, as the body's staff see them.
      await office.goto(`${base}/budgets/projects/${pid}`);
      await check(office);
      await office.goto(`${base}/budgets/${cycleId}/projects`);
      await check(office);
      const mails = await t.ctx.db.kysely
        .selectFrom("mail_outbox")
        .select("subject")
        .where("to_address", "=", `journey-${lang}@test.invalid`)
        .execute();
      expect(mails.length).toBe(3);

      // The resident sees the stages and the photo, then asks a question.
      await phone.goto(`${base}/budgets/projects/${pid}`);
      await check(phone);
      expect(await phone.locator('img[alt="Площадка: установлено ограждение"]').count()).toBe(1);
      await phone.fill("#question", "Когда начнутся работы на площадке?");
      await Promise.all([
        phone.waitForURL(/\/appeals\/[^/]+$/),
        phone.locator(`main form[action="/budgets/projects/${pid}/ask"] button`).click(),
      ]);
      await check(phone);
      const number = decodeURIComponent(new URL(phone.url()).pathname.split("/").pop() as string);
      const appeal = await t.ctx.db.kysely
        .selectFrom("appeals")
        .select(["agency_id", "applicant_account_id", "body"])
        .where("number", "=", number)
        .executeTakeFirstOrThrow();
      expect(appeal.agency_id).toBe(BAIKONUR);
      expect(appeal.applicant_account_id).toBe(who.accountId);
      expect(appeal.body).toContain(`/budgets/projects/${pid}`);
      expect(failures).toEqual([]);
    });
  }
});
