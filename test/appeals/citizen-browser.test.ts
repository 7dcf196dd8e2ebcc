import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { signInAs } from "../support/sessions.js";
import { PDF, tempDataDir } from "./citizen-support.js";
import { api, staff } from "./support.js";

describe.runIf(hasChromium())("a citizen's appeal in Chromium", { timeout: 120_000 }, () => {
  let t: TestApp;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    t = await startTestApp("sqlite", { env: { DATA_DIR: tempDataDir() } });
    base = await listenOnLoopback(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const lang of ["kk", "ru", "en"]) {
    it(`files with an attachment, gets the slip, reads the answer, rates it and complains (${lang})`, async () => {
      const me = await signInAs(t);
      await browser.context.clearCookies();
      await browser.context.addCookies([
        ...me.cookie.split("; ").map((c) => {
          const eq = c.indexOf("=");
          return { name: c.slice(0, eq), value: c.slice(eq + 1), url: base };
        }),
        { name: "halyq_lang", value: lang, url: base },
      ]);
      const page = await browser.context.newPage();
      const failures: string[] = [];
      const axe = async () => {
        for (const v of await axeViolations(page)) {
          failures.push(`${lang} ${new URL(page.url()).pathname}: ${v}`);
        }
      };
      const submit = (form: string) =>
        page.locator(`main ${form} button[type=submit]`).first().click();

      await page.goto(`${base}/appeals`);
      await axe();
      await page.goto(`${base}/appeals/new`);
      await axe();
      await page.check("#kind");
      await submit("form");
      await page.waitForURL(/\/where$/);
      await axe();
      await page.selectOption("#agencyId", "ag-baikonur-akimat");
      await submit("form");
      await page.waitForURL(/\/details$/);
      await axe();
      await page.fill("#subject", `Broken playground fence ${lang}`);
      await page.fill("#text", "The fence around the playground in our yard is broken.");
      await page.check(lang === "kk" ? "#language" : `#language-${lang}`);
      await submit("form");
      await page.waitForURL(/\/files$/);
      await axe();
      await page.setInputFiles("#file", {
        name: "fence.pdf",
        mimeType: "application/pdf",
        buffer: PDF,
      });
      await submit('form[enctype="multipart/form-data"]');
      await page.waitForURL(/\/files\?added=1$/);
      expect(await page.locator("main").textContent()).toContain("fence.pdf");
      await axe();
      await page.locator('main button[name="action"][value="continue"]').click();
      await page.waitForURL(/\/check$/);
      await axe();
      await submit("form");
      await page.waitForURL(/\/slip\?new=1$/);
      await axe();
      const number = ((await page.locator(".govuk-panel__body strong").textContent()) ?? "").trim();
      expect(number).toMatch(/^BKA-2025-\d{4}$/);

      const head = await staff(t, "head");
      const executor = await staff(t, "executor");
      const act = (who: typeof head, action: string, body: unknown = {}) =>
        api(t, who, "POST", `/api/v1/appeals/${number}/${action}`, body);
      expect((await act(head, "assign", { executorId: executor.accountId })).status).toBe(200);
      expect(
        (
          await act(executor, "answer", {
            outcome: "refused",
            text: "There is no money for a fence.",
          })
        ).status,
      ).toBe(200);
      expect((await act(head, "approve")).status).toBe(200);

      await page.goto(`${base}/appeals/${number}`);
      expect(await page.locator("main").textContent()).toContain("There is no money for a fence.");
      expect(await page.locator('main a[href*="/attachments/"]').count()).toBe(1);
      await axe();
      await page.check("#rate-score-2");
      await page.check("#rate-resolved");
      await page.fill("#rate-comment", "Not helpful");
      await submit('form[action$="/rate"]');
      await page.waitForURL(/\?done=rate$/);
      await axe();
      await page.fill("#complain-text", "A fence is a matter of children's safety.");
      await submit('form[action$="/complain"]');
      await page.waitForURL(/\?done=complain$/);
      await axe();
      const row = await t.ctx.db.kysely
        .selectFrom("appeals")
        .select(["id", "rating_score", "complained_at"])
        .where("number", "=", number)
        .executeTakeFirstOrThrow();
      expect(row.rating_score).toBe(2);
      expect(row.complained_at).not.toBeNull();
      const complaint = await t.ctx.db.kysely
        .selectFrom("appeals")
        .select("number")
        .where("complaint_of_id", "=", row.id)
        .executeTakeFirstOrThrow();
      expect(await page.locator(`main a[href="/appeals/${complaint.number}"]`).count()).toBe(1);
      await page.close();
      expect(failures).toEqual([]);
    });
  }
});
