import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resume } from "../appeals/support.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { citizen, staff } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const START = "2025-03-19T05:00:00Z";

/**
 * A hearing through the pages only, each side in a browser of its own: the body announces it
 * with two places, two people register and the third goes to the waiting list, and after the
 * meeting the body publishes the minutes and attendance, which everyone can read. Axe runs on
 * every page on the way; the feed is parsed by the browser's own XML parser.
 */
describe.runIf(hasChromium())(
  "a hearing from announcement to minutes in Chromium",
  { timeout: 180_000 },
  () => {
    let t: TestApp;
    let base: string;
    let officeBrowser: Browser;
    let peopleBrowser: Browser;

    beforeAll(async () => {
      t = await startTestApp("sqlite");
      base = await listenOnLoopback(t);
      [officeBrowser, peopleBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
    });
    afterAll(async () => {
      await Promise.all([officeBrowser?.close(), peopleBrowser?.close()]);
      await t?.close();
    });

    /** A tab of `browser` signed in as `who` (anonymous when null), reading `lang`. */
    async function tabOf(browser: Browser, who: SignedIn | null, lang: string): Promise<Page> {
      await browser.context.clearCookies();
      await browser.context.addCookies([
        ...(who?.cookie.split("; ") ?? []).map((c) => {
          const eq = c.indexOf("=");
          return { name: c.slice(0, eq), value: c.slice(eq + 1), url: base };
        }),
        { name: "halyq_lang", value: lang, url: base },
      ]);
      return browser.context.newPage();
    }

    for (const lang of ["kk", "ru", "en"] as const) {
      it(`announces, registers up to capacity then to the waiting list, publishes minutes (${lang})`, async () => {
        t.clock.set(START);
        const failures: string[] = [];
        const axe = async (tab: Page) => {
          const url = new URL(tab.url());
          const where = `${lang} ${url.pathname}${url.search}`;
          expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
          for (const v of await axeViolations(tab)) failures.push(`${where}: ${v}`);
        };
        const submit = async (tab: Page, form: string, url: RegExp) => {
          await Promise.all([
            tab.waitForURL(url),
            tab.locator(`main ${form} button[type=submit]`).first().click(),
          ]);
          await axe(tab);
        };
        const main = async (tab: Page) => (await tab.locator("main").textContent()) ?? "";

        // The body announces a hearing with two places.
        let head = await staff(t, "head");
        const office = await tabOf(officeBrowser, head, lang);
        await office.goto(`${base}/office/meetings`);
        await axe(office);
        await Promise.all([
          office.waitForURL(/\/office\/meetings\/new$/),
          office.click('main a[href="/office/meetings/new"]'),
        ]);
        await axe(office);
        // Sent empty first: the form comes back with its errors, which axe checks too.
        await submit(office, "form", /\/office\/meetings$/);
        expect(await office.locator(".govuk-error-summary").count()).toBe(1);
        const title = `Hearing on the Esil embankment (${lang})`;
        await office.check("#kind");
        await office.fill(`#title-${lang}`, title);
        await office.fill(`#agenda-${lang}`, "1. The embankment project.\n2. Questions.");
        await office.fill("#place", "Astana, 40 Kenesary St, assembly hall");
        await office.fill("#onlineUrl", "https://meet.example/embankment");
        await office.fill("#date", "1");
        await office.fill("#date-month", "4");
        await office.fill("#date-year", "2025");
        await office.fill("#startTime", "15:00");
        await office.fill("#endTime", "17:00");
        await office.fill("#capacity", "2");
        await submit(office, "form", /\/office\/meetings\/[0-9a-f-]{36}\?done=announced$/);
        const id = /\/office\/meetings\/([0-9a-f-]{36})/.exec(office.url())?.[1] as string;
        expect(await main(office)).toContain(title);

        // Anyone finds it in the list; three people register, the third is put on the waiting list.
        const visitor = await tabOf(peopleBrowser, null, lang);
        await visitor.goto(`${base}/meetings`);
        await axe(visitor);
        await Promise.all([
          visitor.waitForURL(new RegExp(`/meetings/${id}$`)),
          visitor.click(`main a[href="/meetings/${id}"]`),
        ]);
        await axe(visitor);
        await visitor.close();
        const people = [await citizen(t), await citizen(t), await citizen(t)];
        for (const [i, person] of people.entries()) {
          const tab = await tabOf(peopleBrowser, person, lang);
          await tab.goto(`${base}/meetings/${id}`);
          await axe(tab);
          const done = i < 2 ? "registered" : "waiting";
          await submit(tab, 'form[action$="/register"]', new RegExp(`\\?done=${done}$`));
          if (i === 2) {
            expect(await tab.locator("main .govuk-inset-text").textContent()).toContain("1");
            expect(await tab.locator(`main a[href="/meetings/${id}/calendar.ics"]`).count()).toBe(
              1,
            );
          }
          await tab.close();
        }
        const statuses = await t.ctx.db.kysely
          .selectFrom("meeting_registrations")
          .select(["account_id", "status"])
          .where("meeting_id", "=", id)
          .execute();
        expect(
          people.map((p) => statuses.find((s) => s.account_id === p.accountId)?.status),
        ).toEqual(["confirmed", "confirmed", "waiting"]);

        // The feed is well-formed Atom, as the browser's XML parser reads it.
        const feedTab = await tabOf(peopleBrowser, null, lang);
        await feedTab.goto(`${base}/meetings`);
        const feed = await feedTab.evaluate(async () => {
          const res = await fetch("/meetings/feed.atom");
          const doc = new DOMParser().parseFromString(await res.text(), "application/xml");
          return {
            type: res.headers.get("content-type"),
            errors: doc.getElementsByTagName("parsererror").length,
            ns: doc.documentElement.namespaceURI,
            entries: doc.getElementsByTagName("entry").length,
          };
        });
        expect(feed).toMatchObject({
          type: "application/atom+xml; charset=utf-8",
          errors: 0,
          ns: "http://www.w3.org/2005/Atom",
        });
        expect(feed.entries).toBeGreaterThan(0);
        await feedTab.close();

        // After the meeting the body publishes the minutes and attendance.
        t.clock.set("2025-04-01T14:00:00Z");
        head = await resume(t, head);
        const after = await tabOf(officeBrowser, head, lang);
        await after.goto(`${base}/office/meetings/${id}`);
        await axe(after);
        await after.fill(
          "#minutes",
          "The embankment project was presented.\n\nResidents asked for more benches.",
        );
        await after.fill("#attended", "2");
        await submit(after, 'form[action$="/minutes"]', /\?done=minutes$/);
        await after.fill("#decisionText", "Add benches along the embankment.");
        await submit(after, 'form[action$="/decisions"]', /\?done=decision$/);

        const reader = await tabOf(peopleBrowser, null, lang);
        await reader.goto(`${base}/meetings/${id}`);
        await axe(reader);
        const text = await main(reader);
        expect(text).toContain("Residents asked for more benches.");
        expect(text).toContain("Add benches along the embankment.");
        await Promise.all([office.close(), after.close(), reader.close()]);
        expect(failures).toEqual([]);
      });
    }
  },
);
