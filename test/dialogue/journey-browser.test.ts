import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { castFor, citizen, YESIL, YESIL_SLUG } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * A question in open dialogue through the pages only, each person in a browser of their own:
 * a citizen asks, the moderator approves, another citizen adds "I have this question too",
 * the head answers, and anyone can read the answer. Axe runs on every page on the way.
 */
describe.runIf(hasChromium())("a question to the head in Chromium", { timeout: 120_000 }, () => {
  let t: TestApp;
  let base: string;
  let browsers: Browser[];
  let cast: Awaited<ReturnType<typeof castFor>>;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    browsers = await Promise.all([
      launchBrowser(),
      launchBrowser(),
      launchBrowser(),
      launchBrowser(),
    ]);
    cast = await castFor(t);
  });
  afterAll(async () => {
    await Promise.all((browsers ?? []).map((b) => b.close()));
    await t?.close();
  });

  /** A tab of `browser` signed in as `who` (or nobody), reading `lang`. */
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

  for (const lang of ["kk", "ru", "en"]) {
    it(`asks, approves, supports, answers and shows the answer (${lang})`, async () => {
      const [askerBrowser, moderatorBrowser, supporterBrowser, headBrowser] = browsers as [
        Browser,
        Browser,
        Browser,
        Browser,
      ];
      const failures: string[] = [];
      const axe = async (tab: Page) => {
        const where = `${lang} ${new URL(tab.url()).pathname}${new URL(tab.url()).search}`;
        expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
        for (const v of await axeViolations(tab)) failures.push(`${where}: ${v}`);
      };
      const go = async (tab: Page, url: string) => {
        await tab.goto(`${base}${url}`);
        await axe(tab);
      };
      const submit = async (tab: Page, form: string, url: RegExp) => {
        await Promise.all([
          tab.waitForURL(url),
          tab.locator(`main ${form} button[type=submit]`).first().click(),
        ]);
        await axe(tab);
      };
      const text = async (tab: Page) => (await tab.locator("main").textContent()) ?? "";
      const subject = `Lamps on Kenesary street (${lang})`;

      // The citizen finds the body and asks; an empty form is refused first.
      const asker = await tabOf(askerBrowser, await citizen(t), lang);
      await go(asker, "/dialogue");
      await Promise.all([
        asker.waitForURL(new RegExp(`/dialogue/${YESIL_SLUG}$`)),
        asker.locator(`main a[href="/dialogue/${YESIL_SLUG}"]`).click(),
      ]);
      await axe(asker);
      await Promise.all([
        asker.waitForURL(/\/ask$/),
        asker.locator(`main a[href="/dialogue/${YESIL_SLUG}/ask"]`).click(),
      ]);
      await axe(asker);
      await submit(asker, "form", /\/ask$/);
      expect(await asker.locator(".govuk-error-summary").count()).toBe(1);
      await asker.fill("#question-subject", subject);
      await asker.fill(
        "#question-text",
        "When will the street lamps on Kenesary street be repaired?",
      );
      await submit(asker, "form", /\/questions\/[0-9a-f-]{36}\?done=asked$/);
      const path = new URL(asker.url()).pathname;
      const id = path.split("/").at(-1) ?? "";

      // Nobody else sees it before moderation.
      const anonymous = await tabOf(supporterBrowser, null, lang);
      expect((await anonymous.goto(`${base}${path}`))?.status()).toBe(404);
      await anonymous.close();

      // The moderator finds it in the queue and approves it.
      const moderator = await tabOf(moderatorBrowser, cast.moderator, lang);
      await go(moderator, "/office/dialogue");
      await go(moderator, `/office/dialogue/${YESIL}/moderation`);
      await Promise.all([
        moderator.waitForURL(new RegExp(`/office/dialogue/questions/${id}$`)),
        moderator.locator(`main a[href="/office/dialogue/questions/${id}"]`).click(),
      ]);
      await axe(moderator);
      await submit(moderator, 'form[action$="/approve"]', /\?done=approve$/);

      // Another citizen has the same question.
      const supporter = await tabOf(supporterBrowser, await citizen(t), lang);
      await go(supporter, path);
      expect(await text(supporter)).toContain(subject);
      await submit(supporter, 'form[action$="/support"]', /\?done=supported$/);
      expect(await supporter.locator('main form[action$="/support/withdraw"]').count()).toBe(1);

      // The head answers from the answer queue.
      const head = await tabOf(headBrowser, cast.head, lang);
      await go(head, `/office/dialogue/${YESIL}/answers`);
      await Promise.all([
        head.waitForURL(new RegExp(`/office/dialogue/questions/${id}$`)),
        head.locator(`main a[href="/office/dialogue/questions/${id}"]`).click(),
      ]);
      await axe(head);
      await head.fill("#answer-text", `The lamps will be replaced by the end of April (${lang}).`);
      await submit(head, 'form[action$="/answer"]', /\?done=answer$/);

      // Anyone reads the answer under the question, with the support counted.
      const reader = await tabOf(askerBrowser, null, lang);
      await go(reader, path);
      const shown = await text(reader);
      expect(shown).toContain(`The lamps will be replaced by the end of April (${lang}).`);
      expect(await reader.locator("main .govuk-summary-list__value").last().textContent()).toBe(
        "1",
      );
      await go(reader, `/dialogue/${YESIL_SLUG}`);
      expect(await reader.locator(`main a[href="${path}"]`).count()).toBe(1);

      for (const tab of [asker, moderator, supporter, head, reader]) await tab.close();
      expect(failures).toEqual([]);
    });
  }
});
