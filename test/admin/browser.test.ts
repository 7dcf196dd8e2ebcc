import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAgencyBySlug } from "../../src/capabilities/agencies/agency.repository.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { BODY_A, staffWith, systemAdmin } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/** Puts a test session's cookies into the browser, as signing in would. */
async function signInBrowser(browser: Browser, base: string, who: SignedIn) {
  await browser.context.addCookies(
    who.cookie.split("; ").map((pair) => {
      const [name = "", value = ""] = pair.split("=");
      return { name, value, url: base };
    }),
  );
}

describe.runIf(hasChromium())("administration in Chromium", () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
  });
  afterAll(async () => t?.close());

  it("a system admin adds a staff member and changes a body with JavaScript turned off", async () => {
    const browser = await launchBrowser({ javaScriptEnabled: false, locale: "ru-RU" });
    try {
      await signInBrowser(browser, base, await systemAdmin(t));
      const page = await browser.context.newPage();
      await page.goto(`${base}/admin`);
      await page.getByRole("link", { name: "Сотрудники" }).click();
      await page.getByRole("link", { name: "Добавить сотрудника" }).click();
      await page.getByLabel("Фамилия").fill("Нурланова");
      await page.getByLabel("Имя", { exact: true }).fill("Гульнар");
      await page.getByLabel("Электронная почта").fill("gulnar@test.invalid");
      await page.getByLabel("Русский").check();
      await page.locator("#role_0").selectOption("registrar");
      await page.locator("#body_0").selectOption(BODY_A.id);
      await page.getByRole("button", { name: "Добавить и отправить приглашение" }).click();
      expect(await page.textContent("main")).toContain("ему отправлено приглашение");
      const mail = await t.ctx.db.kysely
        .selectFrom("mail_outbox")
        .select("subject")
        .where("to_address", "=", "gulnar@test.invalid")
        .executeTakeFirst();
      expect(mail?.subject).toBe("Вам открыт доступ к Halyq");

      await page.goto(`${base}/admin/agencies`);
      await page.getByRole("link", { name: "Акимат района «Нура» города Астаны" }).click();
      await page.getByLabel("Телефон").fill("+7 7172 55 55 55");
      await page.getByRole("button", { name: "Сохранить изменения" }).click();
      expect(await page.textContent("main")).toContain("Изменения сохранены.");
      expect((await findAgencyBySlug(t.ctx.db.kysely, BODY_A.slug))?.phone).toBe(
        "+7 7172 55 55 55",
      );
    } finally {
      await browser.close();
    }
  });

  it("axe finds nothing on the admin pages, with and without errors, in any language", async () => {
    const browser = await launchBrowser();
    try {
      await signInBrowser(browser, base, await systemAdmin(t));
      const staffId = (await staffWith(t, [{ role: "head", agencyId: BODY_A.id }])).accountId;
      const page = await browser.context.newPage();
      const failures: string[] = [];
      const check = async (label: string) => {
        for (const v of await axeViolations(page)) failures.push(`${label}: ${v}`);
      };
      for (const lang of ["kk", "ru", "en"]) {
        await page.goto(`${base}/language/${lang}?next=/admin`);
        for (const path of [
          "/admin",
          "/admin/agencies",
          "/admin/agencies/new",
          `/admin/agencies/${BODY_A.slug}/edit`,
          "/admin/staff",
          "/admin/staff/new",
          `/admin/staff/${staffId}/edit`,
        ]) {
          await page.goto(`${base}${path}`);
          await check(`${lang} ${path}`);
        }
        await page.goto(`${base}/admin/agencies/new`);
        await page.locator("main form button[type=submit]").first().click();
        await page.waitForSelector(".govuk-error-summary");
        await check(`${lang} agency errors`);
        await page.goto(`${base}/admin/staff/new`);
        await page.locator("main form button[type=submit]").first().click();
        await page.waitForSelector(".govuk-error-summary");
        await check(`${lang} staff errors`);
      }
      expect(failures).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
