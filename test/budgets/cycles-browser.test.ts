import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { BAIKONUR_TERRITORY, staffMember, YESIL_TERRITORY } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * The public page of the demo's voting cycle at a phone's and a desktop's width in each
 * language (axe clean, no sideways scroll, the heading on the first screen), and the office's
 * new-cycle form filled and sent by a browser without JavaScript.
 */
describe.runIf(hasChromium())("a budget cycle in Chromium", { timeout: 180_000 }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let noScript: Browser;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    browser = await launchBrowser();
    noScript = await launchBrowser({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), noScript?.close()]);
    await t?.close();
  });

  async function tabOf(b: Browser, who: SignedIn | null, lang: string): Promise<Page> {
    await b.context.clearCookies();
    await b.context.addCookies([
      ...(who?.cookie.split("; ") ?? []).map((c) => {
        const eq = c.indexOf("=");
        return { name: c.slice(0, eq), value: c.slice(eq + 1), url: base };
      }),
      { name: "halyq_lang", value: lang, url: base },
    ]);
    return b.context.newPage();
  }

  it("the cycle page fits 360 px and 1280 px in kk, ru and en, axe clean", async () => {
    const voting = await t.ctx.db.kysely
      .selectFrom("budget_cycles")
      .select("id")
      .where("phase", "=", "voting")
      .executeTakeFirstOrThrow();
    const failures: string[] = [];
    for (const lang of ["kk", "ru", "en"] as const) {
      const tab = await tabOf(browser, null, lang);
      for (const width of [360, 1280]) {
        await tab.setViewportSize({ width, height: 800 });
        for (const path of ["/budgets", `/budgets/${voting.id}`]) {
          await tab.goto(`${base}${path}`);
          const where = `${lang} ${width}px ${path}`;
          expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
          for (const v of await axeViolations(tab)) failures.push(`${where}: ${v}`);
          const overflow = await tab.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, where).toBeLessThanOrEqual(0);
          const h1 = await tab.locator("h1").boundingBox();
          expect(h1, where).not.toBeNull();
          expect((h1?.y ?? 9999) + (h1?.height ?? 0), where).toBeLessThanOrEqual(800);
        }
        expect(await tab.locator("main").textContent()).toContain(
          { kk: "Дауыс беру", ru: "Проголосовать", en: "Vote" }[lang],
        );
      }
      await tab.close();
    }
    // The office's form, with the same checks.
    const tab = await tabOf(browser, await staffMember(t, "head"), "kk");
    await tab.setViewportSize({ width: 360, height: 800 });
    await tab.goto(`${base}/office/budgets/new`);
    for (const v of await axeViolations(tab)) failures.push(`kk 360px new form: ${v}`);
    expect(
      await tab.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBeLessThanOrEqual(0);
    await tab.close();
    expect(failures).toEqual([]);
  });

  it("the head opens a cycle through the form without JavaScript", async () => {
    const head = await staffMember(t, "head");
    const tab = await tabOf(noScript, head, "ru");
    tab.setDefaultTimeout(15_000);
    await tab.setViewportSize({ width: 360, height: 800 });
    await tab.goto(`${base}/office/budgets/new`);
    // Sent empty first: the errors come back next to the fields.
    await tab.click("main button[type=submit]");
    await tab.waitForSelector(".govuk-error-summary");
    expect(await tab.locator(".govuk-error-summary").textContent()).toContain(
      "Укажите название на казахском языке",
    );
    await tab.fill("#title-kk", "Байқоңыр ауданының бюджеті — браузер");
    await tab.fill("#title-ru", "Бюджет района Байконур — браузер");
    await tab.fill("#rules-kk", "Ережелер");
    await tab.fill("#rules-ru", "Правила");
    await tab.check(`input[name="territories[]"][value="${BAIKONUR_TERRITORY}"]`, {
      force: true,
    });
    await tab.fill(`#amount-${BAIKONUR_TERRITORY}`, "50 000 000");
    await tab.check(`input[name="territories[]"][value="${YESIL_TERRITORY}"]`, {
      force: true,
    });
    await tab.fill(`#amount-${YESIL_TERRITORY}`, "40000000");
    await Promise.all([
      tab.waitForURL(/\/office\/budgets\?done=created$/),
      tab.click("main button[type=submit]"),
    ]);
    expect(await tab.locator("main").textContent()).toContain("Бюджет района Байконур — браузер");
    const stored = await t.ctx.db.kysely
      .selectFrom("budget_cycles")
      .select(["id", "phase", "year"])
      .where("title_ru", "=", "Бюджет района Байконур — браузер")
      .executeTakeFirstOrThrow();
    expect(stored.phase).toBe("draft");
    expect(stored.year).toBe(t.clock.now().getUTCFullYear() + 1);
    await tab.close();
  });
});
