import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { PDF, tempDataDir } from "./citizen-support.js";
import { appealIn, type Cast, castFor } from "./support.js";

const WORDS = {
  kk: {
    text: "Ауладағы шамдар 14 сәуірге дейін ауыстырылады.",
    more: " Жұмыс кестесі қоса беріледі.",
    saved: "Жауап жобасы сақталды.",
    autosaved: /Жоба сақталған уақыт: \d\d:\d\d/,
  },
  ru: {
    text: "Светильники во дворе будут заменены до 14 апреля.",
    more: " График работ прилагается.",
    saved: "Черновик ответа сохранён.",
    autosaved: /Черновик сохранён в \d\d:\d\d/,
  },
} as const;

describe.runIf(hasChromium())("the executor answers with a file, and nothing typed is lost", () => {
  let t: TestApp;
  let base: string;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp("sqlite", { env: { DATA_DIR: tempDataDir() } });
    base = await listenOnLoopback(t);
    cast = await castFor(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A tab signed in as `who` in `lang`, in a browser with or without JavaScript. */
  async function as(who: SignedIn, lang: string, javaScriptEnabled: boolean) {
    const browser = await launchBrowser({ javaScriptEnabled });
    const cookies = who.cookie.split("; ").map((c) => {
      const [name = "", value = ""] = c.split("=");
      return { name, value, url: base };
    });
    await browser.context.addCookies([...cookies, { name: "halyq_lang", value: lang, url: base }]);
    return { browser, tab: await browser.context.newPage() };
  }
  async function press(tab: Page, intent: string) {
    await Promise.all([
      tab.waitForNavigation(),
      tab.click(`#action-answer button[name=intent][value=${intent}]`),
    ]);
  }

  for (const lang of ["kk", "ru"] as const) {
    for (const js of [true, false]) {
      const how = js ? "with JavaScript" : "without JavaScript";
      it(`types the answer, attaches a file, keeps both, and sends it for approval (${lang}, ${how})`, async () => {
        const words = WORDS[lang];
        const number = await appealIn(t, cast, "in_progress");
        const { browser, tab } = await as(cast.executor, lang, js);
        try {
          await tab.setViewportSize({ width: 360, height: 800 });
          await tab.goto(`${base}/office/appeals/${number}`);
          expect(await tab.getAttribute("html", "lang")).toBe(lang);
          await tab.click("#action-answer summary");
          await tab.check("#answer-outcome");
          await tab.fill("#answer-basis", "ӘРПК 89-бабы");
          await tab.fill("#answer-text", words.text);
          if (js) {
            // The text is saved as it is typed, and the page says when.
            await tab.locator("#answer-saved").filter({ hasText: words.autosaved }).waitFor();
            const draft = await t.ctx.db.kysely
              .selectFrom("appeal_answer_drafts")
              .select("text")
              .where(
                "appeal_id",
                "=",
                (await findAppealByNumber(t.ctx.db.kysely, number))?.id ?? "",
              )
              .executeTakeFirst();
            expect(draft?.text).toBe(words.text);
          }
          await tab.setInputFiles("#answer-file", {
            name: `жауап-${lang}.pdf`,
            mimeType: "application/pdf",
            buffer: Buffer.concat([PDF, randomBytes(16)]),
          });
          await press(tab, "save");
          // The page that comes back has everything typed, and the file.
          expect(new URL(tab.url()).searchParams.get("draft")).toBe("saved");
          expect(await tab.textContent(".govuk-notification-banner--success")).toContain(
            words.saved,
          );
          expect(await tab.inputValue("#answer-text")).toBe(words.text);
          expect(await tab.inputValue("#answer-basis")).toBe("ӘРПК 89-бабы");
          expect(await tab.isChecked("#answer-outcome")).toBe(true);
          expect(await tab.textContent("#action-answer")).toContain(`жауап-${lang}.pdf`);
          if (js) {
            // Scripts in the page are off without JavaScript, axe's and the measuring too.
            expect(
              await tab.evaluate(() => document.documentElement.scrollWidth),
            ).toBeLessThanOrEqual(360);
            expect(await axeViolations(tab)).toEqual([]);
          }

          // More text, then the answer goes for approval with its file.
          await tab.fill("#answer-text", `${words.text}${words.more}`);
          await press(tab, "send");
          expect(new URL(tab.url()).searchParams.get("done")).toBe("answer");
          const row = await findAppealByNumber(t.ctx.db.kysely, number);
          expect(row).toMatchObject({
            status: "awaiting_approval",
            answer_text: `${words.text}${words.more}`,
            answer_outcome: "satisfied",
          });
          expect(await tab.textContent("main")).toContain(`жауап-${lang}.pdf`);
          if (js) expect(await axeViolations(tab)).toEqual([]);
        } finally {
          await browser.close();
        }
      });
    }
  }

  it("keeps what was typed when sending fails its checks (ru), and axe finds nothing on that page", async () => {
    const number = await appealIn(t, cast, "in_progress");
    const { browser, tab } = await as(cast.executor, "ru", true);
    try {
      await tab.goto(`${base}/office/appeals/${number}`);
      await tab.click("#action-answer summary");
      await tab.fill("#answer-text", WORDS.ru.text);
      await tab.setInputFiles("#answer-file", {
        name: "приложение.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.concat([PDF, randomBytes(16)]),
      });
      await press(tab, "send");
      expect(await tab.title()).toMatch(/^Ошибка: /);
      expect(await tab.textContent(".govuk-error-summary")).toContain("результат");
      expect(await tab.inputValue("#answer-text")).toBe(WORDS.ru.text);
      expect(await tab.textContent("#action-answer")).toContain("приложение.pdf");
      expect(await axeViolations(tab)).toEqual([]);
      expect((await findAppealByNumber(t.ctx.db.kysely, number))?.status).toBe("in_progress");
    } finally {
      await browser.close();
    }
  });
});

describe.runIf(hasChromium())("response templates in Chromium", () => {
  let t: TestApp;
  let base: string;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp("sqlite", { env: { DATA_DIR: tempDataDir() } });
    base = await listenOnLoopback(t);
    cast = await castFor(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function tabFor(who: SignedIn, lang: string, javaScriptEnabled: boolean) {
    const browser = await launchBrowser({ javaScriptEnabled });
    await browser.context.addCookies([
      ...who.cookie.split("; ").map((c) => {
        const [name = "", value = ""] = c.split("=");
        return { name, value, url: base };
      }),
      { name: "halyq_lang", value: lang, url: base },
    ]);
    return { browser, tab: await browser.context.newPage() };
  }

  it("the head writes a template (kk), and the executor inserts it without JavaScript, keeping the typed basis", async () => {
    const head = await tabFor(cast.head, "kk", true);
    try {
      await head.tab.setViewportSize({ width: 360, height: 800 });
      await head.tab.goto(`${base}/office/answer-templates/new`);
      expect(await axeViolations(head.tab)).toEqual([]);
      expect(
        await head.tab.evaluate(() => document.documentElement.scrollWidth),
      ).toBeLessThanOrEqual(360);
      await head.tab.fill("#template-title", "Түсіндірме");
      await head.tab.fill("#template-text_kk", "Құрметті {applicant}! № {number} өтініш бойынша.");
      await Promise.all([
        head.tab.waitForNavigation(),
        head.tab.click("main form[method=post] button[type=submit]"),
      ]);
      expect(new URL(head.tab.url()).searchParams.get("done")).toBe("saved");
      expect(await head.tab.textContent("main")).toContain("Түсіндірме");
      expect(await axeViolations(head.tab)).toEqual([]);
    } finally {
      await head.browser.close();
    }

    const number = await appealIn(t, cast, "in_progress");
    const { browser, tab } = await tabFor(cast.executor, "kk", false);
    try {
      await tab.goto(`${base}/office/appeals/${number}`);
      await tab.click("#action-answer summary");
      await tab.fill("#answer-basis", "ӘРПК 89-бабы");
      await tab.selectOption("#answer-template", { label: "Түсіндірме" });
      await Promise.all([
        tab.waitForNavigation(),
        tab.click("#action-answer button[name=intent][value=insert]"),
      ]);
      expect(new URL(tab.url()).searchParams.get("draft")).toBe("inserted");
      expect(await tab.inputValue("#answer-basis")).toBe("ӘРПК 89-бабы");
      expect(await tab.inputValue("#answer-text")).toContain(`№ ${number} өтініш бойынша.`);
      expect(await tab.inputValue("#answer-text")).not.toContain("{applicant}");
    } finally {
      await browser.close();
    }
  });
});
