import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { addDepartment, setStaffPosition } from "../../src/capabilities/identity/index.js";
import type { Locale } from "../../src/kernel/i18n.js";
import { formatDate } from "../../src/web/format.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { BAIKONUR, citizen, file, staff } from "./support.js";

/** The words a head of an akimat expects on the resolution, in each language. */
const WORDS: Record<"kk" | "ru", { title: string; co: string; control: string; dept: string }> = {
  kk: {
    title: "Бұрыштама",
    co: "Бірлескен орындаушылар",
    control: "Орындау мерзімі",
    dept: "Тұрғын үй бөлімі",
  },
  ru: { title: "Резолюция", co: "Соисполнители", control: "Срок исполнения", dept: "Отдел ЖКХ" },
};

describe.runIf(hasChromium())("a resolution with a co-executor in Chromium", () => {
  let t: TestApp;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let departmentId = "";

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    browser = await launchBrowser();
    const admin = await staff(t, "admin");
    const dept = await addDepartment(t.ctx, { id: admin.accountId, label: "staff" }, BAIKONUR, {
      nameKk: WORDS.kk.dept,
      nameRu: WORDS.ru.dept,
    });
    if (dept.kind !== "ok") throw new Error("department");
    departmentId = dept.value.id;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function as(who: SignedIn, lang: string): Promise<Page> {
    await browser.context.clearCookies();
    const cookies = who.cookie.split("; ").map((c) => {
      const [name = "", value = ""] = c.split("=");
      return { name, value, url: base };
    });
    await browser.context.addCookies([...cookies, { name: "halyq_lang", value: lang, url: base }]);
    return browser.context.newPage();
  }
  async function axe(tab: Page, where: string) {
    expect(await tab.getAttribute("html", "lang"), where).toBe(where.slice(0, 2));
    expect(await axeViolations(tab), where).toEqual([]);
  }
  async function step(tab: Page, action: string, fill: () => Promise<void> = async () => {}) {
    await tab.click(`#action-${action} summary`);
    await fill();
    await Promise.all([
      tab.waitForNavigation(),
      // The answer form has two buttons (save the draft, send for approval): this sends.
      tab.click(
        action === "answer"
          ? "#action-answer button[value=send]"
          : `#action-${action} button[type=submit]`,
      ),
    ]);
    expect(new URL(tab.url()).searchParams.get("done"), action).toBe(action);
  }

  for (const lang of ["kk", "ru"] as const) {
    it(`the head writes a resolution with a co-executor and a control date; the executor's answer is approved (${lang})`, async () => {
      const head = await staff(t, "head");
      const executor = await staff(t, "executor");
      const co = await staff(t, "executor");
      const actor = { id: head.accountId, label: "staff" };
      await setStaffPosition(t.ctx, actor, BAIKONUR, {
        accountId: co.accountId,
        departmentId,
        titleKk: "Бас маман",
        titleRu: "Главный специалист",
      });
      const { number, dueDate } = await file(t, await citizen(t));
      const w = WORDS[lang];

      let tab = await as(head, lang);
      await tab.goto(`${base}/office/appeals/${number}`);
      await tab.click("#action-assign summary");
      // Staff are listed by department, with their positions.
      expect(await tab.locator(`#assign-executorId optgroup[label="${w.dept}"]`).count()).toBe(1);
      await axe(tab, `${lang} resolution form`);
      // A control date after the statutory term is refused, with the reason in the page's language.
      await tab.selectOption("#assign-executorId", executor.accountId);
      await tab.check(`input[name="coExecutorIds[]"][value="${co.accountId}"]`);
      const [y, m, d] = dueDate.split("-");
      await tab.fill("#assign-controlOn-day", String(Number(d) + 1));
      await tab.fill("#assign-controlOn-month", String(Number(m)));
      await tab.fill("#assign-controlOn-year", y ?? "");
      await Promise.all([tab.waitForNavigation(), tab.click("#action-assign button[type=submit]")]);
      expect(await tab.locator(".govuk-error-summary").count()).toBe(1);
      await axe(tab, `${lang} resolution refused`);
      const control = "2025-03-21";
      await tab.fill("#assign-controlOn-day", "21");
      await tab.fill("#assign-controlOn-month", "3");
      await tab.fill("#assign-controlOn-year", "2025");
      await tab.fill(
        "#assign-instruction",
        lang === "kk" ? "Қарап, жауап дайындау" : "Рассмотреть, подготовить ответ",
      );
      await Promise.all([tab.waitForNavigation(), tab.click("#action-assign button[type=submit]")]);
      expect(new URL(tab.url()).searchParams.get("done")).toBe("assign");
      const section = (await tab.textContent("#resolution")) ?? "";
      for (const word of [w.title, w.co, w.control]) expect(section).toContain(word);
      expect(section).toContain(formatDate(control, lang as Locale, "long"));
      await axe(tab, `${lang} resolution issued`);
      // It fits a 360 px phone without sideways scrolling.
      await tab.setViewportSize({ width: 360, height: 800 });
      expect(
        await tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      await tab.close();

      // The co-executor adds a note; only the executor drafts the answer.
      tab = await as(co, lang);
      await tab.goto(`${base}/office/appeals/${number}`);
      expect(await tab.locator("#action-answer").count()).toBe(0);
      await step(tab, "note", () => tab.fill("#note-text", "Тұрғын үй бөлімімен келісілді"));
      await axe(tab, `${lang} note added`);
      await tab.close();

      tab = await as(executor, lang);
      await tab.goto(`${base}/office/appeals/${number}`);
      await step(tab, "answer", async () => {
        await tab.check("#answer-outcome");
        await tab.fill("#answer-text", "Шамдар 21 наурызда ауыстырылады.");
      });
      await tab.close();

      tab = await as(head, lang);
      await tab.goto(`${base}/office/appeals/${number}`);
      await step(tab, "approve");
      expect((await findAppealByNumber(t.ctx.db.kysely, number))?.status).toBe("answered");
      await tab.close();
    });
  }
});
