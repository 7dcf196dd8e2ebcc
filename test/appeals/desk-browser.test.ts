import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { withCheckDigit } from "../../src/kernel/ids.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { walkPages } from "../support/page-fit.js";
import { type SignedIn, signInAs, signInAsExisting } from "../support/sessions.js";
import { BAIKONUR, staff } from "./support.js";

const NUMBER = /[A-Z0-9]{2,4}-\d{4}-\d{4,}/;
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n",
);

const TEXT = {
  kk: {
    subject: "Мектептегі жылу",
    text: "12-мектепте дүйсенбіден бері жылу жоқ.",
    linked: "Байланыстырылған",
  },
  ru: {
    subject: "Отопление в школе",
    text: "В школе № 12 с понедельника нет отопления.",
    linked: "Привязана",
  },
} as const;

describe.runIf(hasChromium())(
  "the registrar's desk in Chromium: a paper letter for a citizen with an account",
  () => {
    let t: TestApp;
    let base: string;
    let browser: Awaited<ReturnType<typeof launchBrowser>>;

    beforeAll(async () => {
      t = await startTestApp("sqlite");
      base = await listenOnLoopback(t);
      browser = await launchBrowser();
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
      await browser.context.addCookies([
        ...cookies,
        { name: "halyq_lang", value: lang, url: base },
      ]);
      return browser.context.newPage();
    }
    async function axe(tab: Page, where: string) {
      expect(await tab.getAttribute("html", "lang"), where).toBe(where.slice(0, 2));
      expect(await axeViolations(tab), where).toEqual([]);
    }
    /** The page fits a 360 px phone: nothing scrolls sideways. */
    async function fitsPhone(tab: Page, where: string) {
      await tab.setViewportSize({ width: 360, height: 800 });
      const width = await tab.evaluate(() => document.documentElement.scrollWidth);
      expect(width, where).toBeLessThanOrEqual(360);
      await tab.setViewportSize({ width: 1280, height: 900 });
    }
    async function submit(tab: Page, scope: string) {
      await Promise.all([tab.waitForNavigation(), tab.click(`${scope} button[type=submit]`)]);
    }

    // First, before the other tests add receptions whose official is a test account with a Latin name.
    it("the desk's pages pass the site's phone walk for the demo registrar (kk, ru, no JavaScript)", async () => {
      const { cookie } = await signInAsExisting(t, "registrar@demo.halyq.kz");
      const citizen = await t.ctx.db.kysely
        .selectFrom("accounts")
        .select("iin")
        .where("email", "=", "citizen@demo.halyq.kz")
        .executeTakeFirstOrThrow();
      const pages = [
        "/office/appeals/new",
        `/office/appeals/applicants?q=${citizen.iin}`,
        "/office/reception",
        "/office/reception/journal",
      ].map((path) => ({ who: "registrar" as const, path, cookie }));
      for (const lang of ["kk", "ru"] as const) {
        const { failures } = await walkPages(base, pages, lang, false);
        expect(failures).toEqual([]);
      }
    });
    for (const [lang, serial] of [
      ["kk", "1"],
      ["ru", "2"],
    ] as const) {
      it(`registers a letter with its scan and the person's IIN; the slip; the person sees it in My Halyq (${lang})`, async () => {
        const iin = withCheckDigit(`88010${serial}40011`) ?? "";
        const person = await signInAs(t, { kind: "citizen", email: `desk.${lang}@test.invalid` });
        await t.ctx.db.kysely
          .updateTable("accounts")
          .set({
            iin,
            language: lang,
            identity_assurance: "eid",
            identity_verified_at: t.clock.now().toISOString(),
          })
          .where("id", "=", person.accountId)
          .execute();

        const registrar = await staff(t, "registrar");
        const tab = await as(registrar, lang);
        await tab.goto(`${base}/office/appeals/applicants?agency=${BAIKONUR}&q=${iin}`);
        await axe(tab, `${lang} applicant search`);
        await fitsPhone(tab, `${lang} applicant search`);
        await Promise.all([tab.waitForNavigation(), tab.click("#applicants a[href*='account=']")]);
        expect(new URL(tab.url()).pathname).toBe("/office/appeals/new");
        await axe(tab, `${lang} desk`);
        await fitsPhone(tab, `${lang} desk`);
        // Paper and a statement are the registrar's defaults; the person's details come from the account.
        expect(await tab.isChecked("#channel")).toBe(true);
        expect(await tab.inputValue("#applicantIin")).toBe(iin);
        await tab.fill("#subject", TEXT[lang].subject);
        await tab.fill("#text", TEXT[lang].text);
        await tab.check(`#language${lang === "kk" ? "" : `-${lang}`}`);
        await tab.fill("#applicantAddress", "Астана, Тараз көшесі 3, 5-пәтер");
        await tab.fill("#letterNumber", `04-12/${serial}`);
        await tab.fill("#letterDate-day", "14");
        await tab.fill("#letterDate-month", "3");
        await tab.fill("#letterDate-year", "2025");
        await tab.fill("#sheets", "2");
        await tab.check("#correspondent-body");
        await tab.selectOption("#correspondentAgencyId", "ag-yesil-akimat");
        await tab.check("#answerDelivery-account");
        await tab.check("#underControl");
        await tab.setInputFiles("#scan", {
          name: "hat.pdf",
          mimeType: "application/pdf",
          buffer: PDF,
        });
        await submit(tab, "main form[enctype]");
        expect(new URL(tab.url()).pathname).toMatch(/\/slip$/);
        await axe(tab, `${lang} slip`);
        await fitsPhone(tab, `${lang} slip`);
        const number = NUMBER.exec((await tab.textContent(".govuk-panel__body")) ?? "")?.[0] ?? "";
        const main = (await tab.textContent("main")) ?? "";
        expect(main).toContain(`04-12/${serial}`);
        expect(main).toContain(TEXT[lang].linked);
        const row = await findAppealByNumber(t.ctx.db.kysely, number);
        expect(row).toMatchObject({ channel: "paper", applicant_account_id: person.accountId });

        // The case page shows the card and the scan to staff.
        await Promise.all([
          tab.waitForNavigation(),
          tab.click(`a[href="/office/appeals/${number}"]`),
        ]);
        await axe(tab, `${lang} case with card`);
        expect(await tab.locator("#desk-card").count()).toBe(1);
        expect(await tab.locator("a[download]", { hasText: "hat.pdf" }).count()).toBe(1);
        await tab.close();

        // The person opens My Halyq and then the appeal's own page.
        const mine = await as(person, lang);
        await mine.goto(`${base}/my`);
        await axe(mine, `${lang} my halyq`);
        const link = mine.locator(`a[href="/appeals/${number}"]`).first();
        expect(await link.count()).toBe(1);
        const [response] = await Promise.all([mine.waitForNavigation(), link.click()]);
        expect(response?.status()).toBe(200);
        expect((await mine.textContent("main")) ?? "").toContain(TEXT[lang].subject);
        expect((await mine.textContent("main")) ?? "").not.toContain("hat.pdf");
        await mine.close();
      });

      it(`the reception journal and a ticket are clean and fit a phone (${lang})`, async () => {
        const registrar = await staff(t, "registrar");
        const head = await staff(t, "head");
        const issued = await t.app.inject({
          method: "POST",
          url: `/office/reception/tickets?agency=${BAIKONUR}`,
          headers: {
            cookie: registrar.cookie,
            "content-type": "application/x-www-form-urlencoded",
          },
          payload: new URLSearchParams({
            _csrf: registrar.csrf,
            officialId: head.accountId,
            visitorName: "Серікова Әйгерім",
            visitorContact: "",
            question: "Подъезд дома 3 на улице Тараз требует ремонта.",
          }).toString(),
        });
        expect(issued.statusCode).toBe(303);
        const tab = await as(registrar, lang);
        await tab.goto(`${base}${issued.headers.location}`);
        await axe(tab, `${lang} ticket`);
        await fitsPhone(tab, `${lang} ticket`);
        await tab.goto(`${base}/office/reception/journal?agency=${BAIKONUR}`);
        await axe(tab, `${lang} journal`);
        await fitsPhone(tab, `${lang} journal`);
        await tab.close();
      });
    }
  },
);
