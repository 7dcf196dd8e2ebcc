import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receptionsManifest } from "../../src/capabilities/receptions/manifest.js";
import { formatDate } from "../../src/kernel/format/index.js";
import { resume } from "../appeals/support.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { citizen, MONDAY, publish, staff } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/** Wednesday 19 March 2025, 11:00 in Astana: the reception day, two days before Nauryz. */
const DURING = "2025-03-19T06:00:00Z";
/** 15 working days from 20 March 2025, Nauryz (21–25 March) not counted. */
const DUE = "2025-04-14";

/**
 * A personal reception through the pages only, each side in a browser of its own, in each
 * language: a person finds the body, books a free time stating the question (after the form
 * came back with its error); on the day the official records "registered as a written appeal";
 * the person sees the appeal with its term on the booking page and among their appeals, and the
 * appeal is in the body's inbox. Axe runs on every page on the way.
 */
describe.runIf(hasChromium())(
  "a personal reception becomes an appeal, in Chromium",
  { timeout: 240_000 },
  () => {
    let t: TestApp;
    let base: string;
    let officeBrowser: Browser;
    let peopleBrowser: Browser;
    let head: SignedIn;
    let slots: { id: string; starts_at: string }[];

    beforeAll(async () => {
      t = await startTestApp("sqlite", { now: MONDAY });
      base = await listenOnLoopback(t);
      [officeBrowser, peopleBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
      head = await staff(t, "head");
      slots = await publish(t, head);
    });
    afterAll(async () => {
      await Promise.all([officeBrowser?.close(), peopleBrowser?.close()]);
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

    it("axe finds nothing on the public reception pages in kk, ru and en, and nothing is blocked", async () => {
      t.clock.set(MONDAY);
      const paths = (await receptionsManifest.publicPaths?.(t.ctx)) ?? [];
      expect(paths.length).toBeGreaterThan(3);
      const tab = await peopleBrowser.context.newPage();
      const errors: string[] = [];
      tab.on("console", (m) => {
        if (m.type() === "error") errors.push(`${tab.url()}: ${m.text()}`);
      });
      const failures: string[] = [];
      for (const lang of ["kk", "ru", "en"]) {
        await tab.goto(`${base}/language/${lang}?next=/`);
        for (const p of paths) {
          await tab.goto(`${base}${p}`);
          expect(await tab.getAttribute("html", "lang")).toBe(lang);
          for (const v of await axeViolations(tab)) failures.push(`${lang} ${p}: ${v}`);
        }
      }
      await tab.close();
      expect(failures).toEqual([]);
      expect(errors).toEqual([]);
    });

    for (const [i, lang] of (["kk", "ru", "en"] as const).entries()) {
      it(`books a reception and the official registers it as an appeal with its term (${lang})`, async () => {
        t.clock.set(MONDAY);
        const failures: string[] = [];
        const axe = async (tab: Page) => {
          const url = new URL(tab.url());
          const where = `${lang} ${url.pathname}${url.search}`;
          expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
          for (const v of await axeViolations(tab)) failures.push(`${where}: ${v}`);
        };
        const main = async (tab: Page) => (await tab.locator("main").textContent()) ?? "";
        const slot = slots[i] as { id: string };

        // The person finds the body and a free time with the official.
        let person = await citizen(t);
        const mine = await tabOf(peopleBrowser, person, lang);
        await mine.goto(`${base}/reception`);
        await axe(mine);
        await Promise.all([
          mine.waitForURL(/\/agencies\/baikonur-district-akimat\/reception$/),
          mine.click('main a[href="/agencies/baikonur-district-akimat/reception"]'),
        ]);
        await axe(mine);
        await Promise.all([
          mine.waitForURL(new RegExp(`/reception/slots/${slot.id}$`)),
          mine.click(`main a[href="/reception/slots/${slot.id}"]`),
        ]);
        await axe(mine);
        // Sent empty first: the form comes back with its error, which axe checks too.
        await Promise.all([
          mine.waitForURL(new RegExp(`/reception/slots/${slot.id}/book$`)),
          mine.click("main form button[type=submit]"),
        ]);
        expect(await mine.locator(".govuk-error-summary").count()).toBe(1);
        await axe(mine);
        const question = `The lamps in the yard of 40 Kenesary St have not worked for a month (${lang}).`;
        await mine.fill("#question", question);
        await mine.selectOption("#topicId", "cat-roads-lighting");
        await mine.check("#redirectConsent");
        await Promise.all([
          mine.waitForURL(/\/reception\/bookings\/[0-9a-f-]{36}\?done=booked$/),
          mine.click("main form button[type=submit]"),
        ]);
        await axe(mine);
        const bookingId = /\/reception\/bookings\/([0-9a-f-]{36})/.exec(mine.url())?.[1] as string;
        expect(await main(mine)).toContain(question);
        await mine.close();

        // On the reception day the official records that it becomes a written appeal.
        t.clock.set(DURING);
        head = await resume(t, head);
        person = await resume(t, person);
        const office = await tabOf(officeBrowser, head, lang);
        await office.goto(`${base}/office/reception`);
        await axe(office);
        await Promise.all([
          office.waitForURL(new RegExp(`/office/reception/bookings/${bookingId}$`)),
          office.click(`main a[href="/office/reception/bookings/${bookingId}"]`),
        ]);
        await axe(office);
        await office.check("#outcome-appeal");
        await office.selectOption("#appealKind", "statement");
        await office.fill("#note", "The akim asked for an inspection of the street lighting.");
        await Promise.all([
          office.waitForURL(new RegExp(`/office/reception/bookings/${bookingId}\\?done=outcome$`)),
          office.locator('main form[action$="/outcome"] button[type=submit]').click(),
        ]);
        await axe(office);
        const row = await t.ctx.db.kysely
          .selectFrom("reception_bookings as b")
          .innerJoin("appeals as a", "a.id", "b.appeal_id")
          .select([
            "a.number",
            "a.due_on",
            "a.registered_on",
            "a.channel",
            "a.applicant_account_id",
          ])
          .where("b.id", "=", bookingId)
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({
          due_on: DUE,
          registered_on: "2025-03-19",
          channel: "reception",
          applicant_account_id: person.accountId,
        });
        expect(await main(office)).toContain(row.number);

        // The appeal is in the body's inbox.
        await office.goto(`${base}/office/appeals?sort=received_desc`);
        await axe(office);
        expect(await main(office)).toContain(row.number);
        await office.close();

        // The person sees it on the booking page with its term, and among their appeals.
        const back = await tabOf(peopleBrowser, person, lang);
        await back.goto(`${base}/reception/bookings/${bookingId}`);
        await axe(back);
        const dueIn = (style: "full" | "long" | "medium") => formatDate(DUE, lang, style);
        const due = dueIn("long");
        const text = await main(back);
        expect(text).toContain(row.number);
        expect(text).toContain(due);
        await back.goto(`${base}/appeals`);
        await axe(back);
        expect(await main(back)).toContain(row.number);
        expect(await main(back)).toContain(dueIn("medium"));
        await Promise.all([
          back.waitForURL(new RegExp(`/appeals/${row.number}`)),
          back.click(`main a[href^="/appeals/${row.number}"]`),
        ]);
        await axe(back);
        expect(await main(back)).toContain(row.number);
        expect(await main(back)).toContain(dueIn("long"));
        await back.goto(`${base}/reception/mine`);
        await axe(back);
        expect(await back.locator(`main a[href="/reception/bookings/${bookingId}"]`).count()).toBe(
          1,
        );
        // The queue display of the demo's walk-in day (tickets issued on the demo clock's today).
        await back.goto(`${base}/agencies/baikonur-district-akimat/reception/queue?day=2025-03-17`);
        await axe(back);
        expect(await back.locator("main table tbody tr").count()).toBe(3);
        await back.close();
        expect(failures).toEqual([]);
      });
    }
  },
);
