import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { JPEG, PDF, tempDataDir } from "./citizen-support.js";
import { BAIKONUR, citizen, staff } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * The whole life of an appeal through the pages only, each person in a browser of their own:
 * the citizen files with a file, the head assigns, the executor drafts the answer with a file
 * of its own, the head approves, the citizen reads it, rates it and complains, and the
 * complaint reaches the body's inbox. Axe runs on every page on the way.
 */
describe.runIf(hasChromium())(
  "an appeal from filing to complaint in Chromium",
  {
    timeout: 120_000,
  },
  () => {
    let t: TestApp;
    let base: string;
    let citizenBrowser: Browser;
    let headBrowser: Browser;
    let executorBrowser: Browser;
    let head: SignedIn;
    let executor: SignedIn;

    beforeAll(async () => {
      t = await startTestApp("sqlite", { env: { DATA_DIR: tempDataDir() } });
      base = await listenOnLoopback(t);
      [citizenBrowser, headBrowser, executorBrowser] = await Promise.all([
        launchBrowser(),
        launchBrowser(),
        launchBrowser(),
      ]);
      head = await staff(t, "head");
      executor = await staff(t, "executor");
    });
    afterAll(async () => {
      await Promise.all([citizenBrowser?.close(), headBrowser?.close(), executorBrowser?.close()]);
      await t?.close();
    });

    /** A tab of `browser` signed in as `who`, reading `lang`. */
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

    for (const lang of ["kk", "ru", "en"]) {
      it(`files, assigns, answers with a file, approves, rates and complains (${lang})`, async () => {
        const failures: string[] = [];
        /** Checks the page's language, and notes whatever axe finds on it as it stands. */
        const axe = async (tab: Page) => {
          const where = `${lang} ${new URL(tab.url()).pathname}${new URL(tab.url()).search}`;
          expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
          for (const v of await axeViolations(tab)) failures.push(`${where}: ${v}`);
        };
        /** Submits `form` (with the button of that `intent`, on the answer form). */
        const submit = async (tab: Page, form: string, url: RegExp, intent?: string) => {
          const button = intent ? `button[value=${intent}]` : "button[type=submit]";
          await Promise.all([
            tab.waitForURL(url),
            tab.locator(`main ${form} ${button}`).first().click(),
          ]);
          await axe(tab);
        };
        const text = async (tab: Page) => (await tab.locator("main").textContent()) ?? "";

        // The citizen files a statement with a photo.
        const me = await citizen(t);
        const subject = `Broken swing in the yard (${lang})`;
        const mine = await tabOf(citizenBrowser, me, lang);
        await mine.goto(`${base}/appeals/new`);
        await axe(mine);
        await mine.check("#kind");
        await submit(mine, "form", /\/where$/);
        await mine.selectOption("#agencyId", BAIKONUR);
        await submit(mine, "form", /\/details$/);
        await mine.fill("#subject", subject);
        await mine.fill(
          "#text",
          "The swing on the playground of house 12 has been broken since May.",
        );
        await mine.check(lang === "kk" ? "#language" : `#language-${lang}`);
        await submit(mine, "form", /\/files$/);
        await mine.setInputFiles("#file", {
          name: "swing.jpg",
          mimeType: "image/jpeg",
          buffer: JPEG,
        });
        await submit(mine, 'form[enctype="multipart/form-data"]', /\/files\?added=1$/);
        expect(await text(mine)).toContain("swing.jpg");
        await Promise.all([
          mine.waitForURL(/\/check$/),
          mine.locator('main button[name="action"][value="continue"]').click(),
        ]);
        await axe(mine);
        await submit(mine, "form", /\/slip\?new=1$/);
        const number = (
          (await mine.locator(".govuk-panel__body strong").textContent()) ?? ""
        ).trim();
        expect(number).toMatch(/^BKA-2025-\d{4}$/);

        // The head finds it in the inbox and assigns the executor.
        const office = await tabOf(headBrowser, head, lang);
        await office.goto(`${base}/office/appeals?sort=received_desc`);
        await axe(office);
        await Promise.all([
          office.waitForURL(new RegExp(`/office/appeals/${number}$`)),
          office.click(`a[href="/office/appeals/${number}"]`),
        ]);
        await axe(office);
        expect(await text(office)).toContain(subject);
        await office.click("#action-assign summary");
        await office.selectOption("#assign-executorId", executor.accountId);
        await submit(office, "#action-assign", /\?done=assign$/);

        // The executor drafts the answer and adds a file to it in the same form, then sends it.
        const desk = await tabOf(executorBrowser, executor, lang);
        await desk.goto(`${base}/office/appeals/${number}`);
        await axe(desk);
        await desk.click("#action-answer summary");
        await desk.check('#action-answer input[name="outcome"][value="satisfied"]');
        await desk.fill("#answer-basis", "APPK art. 89");
        await desk.fill("#answer-text", "The swing will be repaired by the end of the month.");
        await desk.setInputFiles("#answer-file", {
          name: "repair-order.pdf",
          mimeType: "application/pdf",
          buffer: PDF,
        });
        await submit(desk, "#action-answer", /\?draft=saved#action-answer$/, "save");
        expect(await text(desk)).toContain("repair-order.pdf");
        expect(await desk.inputValue("#answer-text")).toBe(
          "The swing will be repaired by the end of the month.",
        );
        await submit(desk, "#action-answer", /\?done=answer$/, "send");
        expect((await findAppealByNumber(t.ctx.db.kysely, number))?.status).toBe(
          "awaiting_approval",
        );

        // The head approves; the answer goes to the applicant.
        await office.goto(`${base}/office/appeals/${number}`);
        await axe(office);
        expect(await text(office)).toContain("repair-order.pdf");
        await office.click("#action-approve summary");
        await submit(office, "#action-approve", /\?done=approve$/);
        expect((await findAppealByNumber(t.ctx.db.kysely, number))?.status).toBe("answered");

        // The citizen reads the answer with its file, rates it and complains.
        await mine.goto(`${base}/appeals/${number}`);
        await axe(mine);
        const page = await text(mine);
        expect(page).toContain("The swing will be repaired by the end of the month.");
        expect(page).toContain("repair-order.pdf");
        const answerLink = mine
          .locator('section[aria-labelledby="answer-title"] a[href*="/attachments/"]')
          .first();
        const href = (await answerLink.getAttribute("href")) ?? "";
        const download = await mine.request.get(`${base}${href}`);
        expect(download.status()).toBe(200);
        expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
        await mine.check('input[name="score"][value="4"]');
        await mine.check('input[name="resolved"][value="partly"]');
        await mine.fill("#rate-comment", "Repaired, but only after a month.");
        await submit(mine, 'form[action$="/rate"]', /\?done=rate$/);
        await mine.fill("#complain-text", "The repair date is too late for the summer.");
        await submit(mine, 'form[action$="/complain"]', /\?done=complain$/);
        const answered = await findAppealByNumber(t.ctx.db.kysely, number);
        expect(answered).toMatchObject({
          rating_score: 4,
          rating_resolved: "partly",
          rating_comment: "Repaired, but only after a month.",
        });
        const complaint = await t.ctx.db.kysely
          .selectFrom("appeals")
          .select(["number", "agency_id", "kind"])
          .where("complaint_of_id", "=", answered?.id ?? "")
          .executeTakeFirstOrThrow();
        expect(complaint).toMatchObject({ agency_id: BAIKONUR, kind: "complaint" });
        expect(await mine.locator(`main a[href="/appeals/${complaint.number}"]`).count()).toBe(1);

        // The complaint is in the body's inbox.
        await office.goto(`${base}/office/appeals?sort=received_desc&kind=complaint`);
        await axe(office);
        await Promise.all([
          office.waitForURL(new RegExp(`/office/appeals/${complaint.number}$`)),
          office.click(`a[href="/office/appeals/${complaint.number}"]`),
        ]);
        await axe(office);
        expect(await text(office)).toContain(number);

        await Promise.all([mine.close(), office.close(), desk.close()]);
        expect(failures).toEqual([]);
      });
    }
  },
);
