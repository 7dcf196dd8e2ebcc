import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { BAIKONUR_SLUG, staff } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * A news item through the pages only, with JavaScript turned off: an executor writes it in
 * one language and submits it, the head returns it with a reason, the executor adds the text
 * and submits again, the head approves, and a visitor reads it and finds it in the feed.
 * (Axe needs JavaScript; it checks the same pages in accessibility-browser.test.ts.)
 */
describe.runIf(hasChromium())(
  "a news item from draft to the public in Chromium",
  { timeout: 60_000 },
  () => {
    let t: TestApp;
    let base: string;
    let browser: Browser;

    beforeAll(async () => {
      t = await startTestApp("sqlite");
      base = await listenOnLoopback(t);
      browser = await launchBrowser({ javaScriptEnabled: false });
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
      return browser.context.newPage();
    }

    for (const lang of ["kk", "ru", "en"] as const) {
      it(`drafts, returns, resubmits, approves and publishes (${lang})`, async () => {
        const inLanguage = async (tab: Page) => {
          expect(await tab.getAttribute("html", "lang")).toBe(lang);
        };
        const click = async (tab: Page, selector: string, url: RegExp) => {
          await Promise.all([tab.waitForURL(url), tab.locator(selector).first().click()]);
          await inLanguage(tab);
        };
        const title = `Water supply works ${lang}`;

        const executor = await staff(t, "executor");
        let tab = await tabOf(executor, lang);
        await tab.goto(`${base}/office/publications`);
        await inLanguage(tab);
        await click(tab, 'main a[href="/office/publications/new?kind=news"]', /\/new\?kind=news$/);
        await tab.fill(`#title-${lang}`, title);
        await click(tab, "main form button[type=submit]", /\/office\/publications$/);
        expect(await tab.locator(".govuk-error-summary").count()).toBe(1);
        await tab.fill(`#body-${lang}`, "The water will be off on Monday.");
        await click(tab, "main form button[type=submit]", /done=created$/);
        const id = /publications\/([0-9a-f-]{36})/.exec(tab.url())?.[1] as string;
        await click(tab, `main form[action$="/${id}/submit"] button`, /done=submitted$/);
        await tab.close();

        const head = await staff(t, "head");
        tab = await tabOf(head, lang);
        await tab.goto(`${base}/office/publications/${id}`);
        await inLanguage(tab);
        await tab.fill("#reason", "Add the hours");
        await click(tab, `main form[action$="/${id}/return"] button`, /done=returned$/);
        await tab.close();

        tab = await tabOf(executor, lang);
        await tab.goto(`${base}/office/publications/${id}`);
        expect(await tab.locator("main").textContent()).toContain("Add the hours");
        await click(tab, `main a[href="/office/publications/${id}/edit"]`, /\/edit$/);
        await tab.fill(`#body-${lang}`, "The water will be off on Monday, 9:00–13:00.");
        await click(tab, "main form button[type=submit]", /done=saved$/);
        await click(tab, `main form[action$="/${id}/submit"] button`, /done=submitted$/);
        await tab.close();

        tab = await tabOf(head, lang);
        await tab.goto(`${base}/office/publications/${id}`);
        await click(tab, `main form[action$="/${id}/approve"] button`, /done=approved$/);
        await tab.close();

        tab = await tabOf(null, lang);
        await tab.goto(`${base}/agencies/${BAIKONUR_SLUG}/news`);
        await inLanguage(tab);
        await click(
          tab,
          `main a[href="/agencies/${BAIKONUR_SLUG}/news/${id}"]`,
          new RegExp(`${id}$`),
        );
        expect(await tab.locator("main").textContent()).toContain("9:00–13:00");
        const feed = await tab.goto(`${base}/agencies/${BAIKONUR_SLUG}/news.atom`);
        expect(await feed?.text()).toContain(`urn:uuid:${id}`);
        await tab.close();
      });
    }
  },
);
