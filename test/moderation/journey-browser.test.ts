import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { citizen, writeItems } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * The moderator's day through the pages only: a reader reports a comment from the draft's page,
 * the moderator opens the queue on a phone-sized window, finds the reported comment first,
 * ticks it and a waiting question, and hides both at once with a reason. Axe and the 360 px fit
 * are checked on every page on the way (HTML validity: queue.test.ts).
 */
describe.runIf(hasChromium())("the moderator in Chromium", { timeout: 120_000 }, () => {
  let t: TestApp;
  let base: string;
  let browsers: Browser[];

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    browsers = await Promise.all([
      launchBrowser({ viewport: { width: 360, height: 740 } }),
      launchBrowser({ viewport: { width: 360, height: 740 } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all((browsers ?? []).map((b) => b.close()));
    await t?.close();
  });

  async function tabOf(browser: Browser, who: SignedIn, lang: string): Promise<Page> {
    await browser.context.clearCookies();
    await browser.context.addCookies([
      ...who.cookie.split("; ").map((c) => {
        const eq = c.indexOf("=");
        return { name: c.slice(0, eq), value: c.slice(eq + 1), url: base };
      }),
      { name: "halyq_lang", value: lang, url: base },
    ]);
    return browser.context.newPage();
  }

  const WORDS = {
    kk: {
      title: "Модерация кезегі",
      report: "Модераторға хабарлау",
      reported: "Пайдаланушылар хабарлаған: 1",
      hide: "Жасыру (қабылдамау)",
      reason: "Қорлайтын мазмұн",
      done: "Өңделген материалдар: 2.",
      error: "Тізімнен негіздемені таңдаңыз",
    },
    ru: {
      title: "Очередь модерации",
      report: "Сообщить модератору",
      reported: "Сообщений пользователей: 1",
      hide: "Скрыть (отклонить)",
      reason: "Оскорбительное содержание",
      done: "Обработано материалов: 2.",
      error: "Выберите основание из списка",
    },
  } as const;

  for (const lang of ["kk", "ru"] as const) {
    it(`queue → bulk hide (${lang})`, async () => {
      const words = WORDS[lang];
      const items = await writeItems(t);
      const [readerBrowser, moderatorBrowser] = browsers as [Browser, Browser];
      const failures: string[] = [];
      const check = async (tab: Page) => {
        const where = `${lang} ${new URL(tab.url()).pathname}`;
        expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
        for (const v of await axeViolations(tab)) failures.push(`${where}: ${v}`);
        const overflow = await tab.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        if (overflow > 0) failures.push(`${where}: scrolls sideways by ${overflow}px at 360 px`);
      };

      // A reader reports the comment from the draft's page.
      const reader = await tabOf(readerBrowser, await citizen(t), lang);
      await reader.goto(`${base}/consultations/${items.consultation}`);
      await check(reader);
      await Promise.all([
        reader.waitForURL(/\/moderation\/reported/),
        reader.locator(`#c-${items.comment} form[action="/moderation/report"] button`).click(),
      ]);
      await check(reader);
      expect(await reader.locator("h1").textContent()).toBeTruthy();

      // The moderator opens the queue: the reported comment is first.
      const moderator = await tabOf(moderatorBrowser, items.moderator, lang);
      await moderator.goto(`${base}/office/moderation`);
      await check(moderator);
      expect(await moderator.locator("h1").textContent()).toBe(words.title);
      const first = moderator.locator(".govuk-checkboxes__item").first();
      expect(await first.textContent()).toContain(items.commentText);
      expect(await first.textContent()).toContain(words.reported);

      // Without a reason nothing is hidden and the error names what is missing.
      await moderator.getByLabel(items.commentText).check();
      await moderator.getByLabel(items.pendingSubject, { exact: false }).check();
      await moderator.getByLabel(words.hide).check();
      await Promise.all([
        moderator.waitForLoadState("load"),
        moderator.locator("main form[method=post] button[type=submit]").click(),
      ]);
      await check(moderator);
      expect(await moderator.locator(".govuk-error-summary").textContent()).toContain(words.error);

      // Both stay ticked; with a reason they are hidden at once.
      expect(await moderator.getByLabel(items.commentText).isChecked()).toBe(true);
      await moderator.getByLabel(words.reason).check();
      await Promise.all([
        moderator.waitForURL(/done=2/),
        moderator.locator("main form[method=post] button[type=submit]").click(),
      ]);
      await check(moderator);
      const main = (await moderator.locator("main").textContent()) ?? "";
      expect(main).toContain(words.done);
      expect(main).not.toContain(items.commentText);
      expect(main).not.toContain(items.pendingSubject);

      const comment = await t.ctx.db.kysely
        .selectFrom("consultation_comments")
        .select("hidden_reason")
        .where("id", "=", items.comment)
        .executeTakeFirstOrThrow();
      expect(comment.hidden_reason).toBe("offensive");
      const question = await t.ctx.db.kysely
        .selectFrom("dialogue_questions")
        .select("status")
        .where("id", "=", items.pending)
        .executeTakeFirstOrThrow();
      expect(question.status).toBe("rejected");
      expect(failures).toEqual([]);
    });
  }
});
