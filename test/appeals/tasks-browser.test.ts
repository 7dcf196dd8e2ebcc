import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTotp } from "../../src/capabilities/identity/auth/totp.js";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/capabilities/identity/demo-accounts.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { api, citizen, file, staff } from "./support.js";

const EXECUTOR = "executor@demo.halyq.kz";

/**
 * The executor's morning: a head assigns an appeal (the executor is e-mailed), the executor
 * signs in with the second factor, lands on "My tasks" with the count, and follows "to answer"
 * to exactly those appeals, in Kazakh and in Russian, at a phone's width too.
 */
describe.runIf(hasChromium())("the executor's tasks in Chromium", () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const words = {
    kk: { title: "Менің тапсырмаларым", toAnswer: "Орындалуда", tasks: "тапсырма" },
    ru: { title: "Мои задачи", toAnswer: "На исполнении", tasks: "задач" },
  } as const;

  for (const lang of ["kk", "ru"] as const) {
    it(`the executor signs in, lands on their tasks with counts, follows "to answer" (${lang})`, async () => {
      const db = t.ctx.db.kysely;
      const executor = await db
        .selectFrom("accounts")
        .select(["id", "email"])
        .where("email", "=", EXECUTOR)
        .executeTakeFirstOrThrow();
      // A code is taken once: each sign-in of this test uses the current one afresh.
      await db
        .updateTable("accounts")
        .set({ totp_last_step: null, language: lang })
        .where("id", "=", executor.id)
        .execute();
      const head = await staff(t, "head");
      const { number } = await file(t, await citizen(t));
      const assigned = await api(t, head, "POST", `/api/v1/appeals/${number}/assign`, {
        executorId: executor.id,
      });
      expect(assigned.status).toBe(200);
      const mail = await db
        .selectFrom("mail_outbox")
        .select(["subject", "body_text"])
        .where("to_address", "=", EXECUTOR)
        .execute();
      const told = mail.filter((m) => m.subject.includes(number));
      expect(told).toHaveLength(1);
      expect(told[0]?.subject).toContain(
        lang === "kk" ? "орындаушы тағайындалды" : "назначен исполнитель",
      );
      const expected = await db
        .selectFrom("appeals")
        .select("number")
        .where("executor_id", "=", executor.id)
        .where("status", "=", "in_progress")
        .where("answer_drafted_at", "is", null)
        .execute();

      const browser = await launchBrowser({ locale: lang === "kk" ? "kk-KZ" : "ru-RU" });
      try {
        await browser.context.addCookies([{ name: "halyq_lang", value: lang, url: base }]);
        const tab = await browser.context.newPage();
        await tab.setViewportSize({ width: 360, height: 740 });
        await tab.goto(`${base}/login`);
        await tab.fill("input[name=email]", EXECUTOR);
        await tab.fill("input[name=password]", DEMO_PASSWORD);
        await Promise.all([tab.waitForNavigation(), tab.click("main button[type=submit]")]);
        expect(new URL(tab.url()).pathname).toBe("/login/second-factor");
        await tab.fill("input[name=code]", currentTotp(DEMO_TOTP_SECRET, t.clock.now()));
        await Promise.all([tab.waitForNavigation(), tab.click("main button[type=submit]")]);
        expect(new URL(tab.url()).pathname).toBe("/office/tasks");
        expect(await tab.getAttribute("html", "lang")).toBe(lang);
        expect(await tab.textContent("h1")).toBe(words[lang].title);
        const counter = tab.locator("a[data-counter=to_answer]");
        expect(await counter.locator(".halyq-task-count").textContent()).toBe(
          String(expected.length),
        );
        expect(await counter.textContent()).toContain(words[lang].toAnswer);
        // The menu's count, said in words to a screen reader.
        expect(await tab.textContent(".halyq-menu .govuk-visually-hidden")).toContain(
          words[lang].tasks,
        );
        // No sideways scroll on a phone.
        const width = await tab.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(360);
        expect(await axeViolations(tab)).toEqual([]);
        await tab.setViewportSize({ width: 1280, height: 900 });
        await Promise.all([tab.waitForNavigation(), counter.click()]);
        expect(new URL(tab.url()).pathname).toBe("/office/appeals");
        const listed = await tab
          .locator("main table a[href^='/office/appeals/']")
          .allTextContents();
        expect(listed.map((s) => s.trim()).sort()).toEqual(expected.map((r) => r.number).sort());
        expect(listed.map((s) => s.trim())).toContain(number);
        expect(await axeViolations(tab)).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }
});
