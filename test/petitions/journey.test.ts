import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepPetitions } from "../../src/capabilities/petitions/jobs.js";
import { configurePetitions } from "../../src/capabilities/petitions/profiles.js";
import { publicPetitionPaths } from "../../src/capabilities/petitions/web/public.routes.js";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import type { SignedIn } from "../support/sessions.js";
import { staff, verifiedCitizen } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const START = "2025-03-19T05:00:00Z";
const BODY_NAME = { kk: "Байқоңыр", ru: "Байконур", en: "Baikonur" } as const;

/**
 * A petition through the pages only, in Chromium: a citizen starts it (seeing similar
 * petitions first) and opens the co-initiators' link, two people join by the link, the
 * citizen sends it to the body, the body's head admits it, two residents sign with the
 * petition page's form, the threshold job moves it to consideration, the head publishes a
 * draft decision, a comment is sent and approved, and the decision is published for everyone.
 * The trial's numbers come from configuration: two co-initiators, a threshold of two.
 * Axe runs on every page on the way.
 */
describe.runIf(hasChromium())(
  "a petition from draft to decision in Chromium",
  { timeout: 240_000 },
  () => {
    let t: TestApp;
    let base: string;
    let browser: Browser;

    beforeAll(async () => {
      t = await startTestApp("sqlite", { now: START });
      await configurePetitions(t.ctx.db.kysely, t.clock, {
        coInitiators: { count: 2, workingDays: 20 },
        thresholds: [
          { kind: "*", level: "republic", fixed: 50000 },
          { kind: "akimat", level: "district", fixed: 2 },
        ],
      });
      base = await listenOnLoopback(t);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

    /** A fresh tab signed in as `who` (anonymous when null), reading `lang`. */
    async function tabOf(who: SignedIn | null, lang: string): Promise<Page> {
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

    it("shows every public petition page and the co-initiators' page axe-clean in kk, ru and en", async () => {
      t.clock.set(START);
      const paths = [
        ...(await publicPetitionPaths(t.ctx)),
        "/petitions/join?token=demo-gathering-link-0001",
        "/petitions/PET-2025-000009",
      ];
      expect(paths.length).toBeGreaterThanOrEqual(7);
      const failures: string[] = [];
      for (const lang of ["kk", "ru", "en"] as const) {
        const tab = await tabOf(null, lang);
        for (const path of paths) {
          const res = await tab.goto(`${base}${path}`);
          expect(res?.status(), `${lang} ${path}`).toBe(200);
          for (const v of await axeViolations(tab)) failures.push(`${lang} ${path}: ${v}`);
        }
        await tab.close();
      }
      expect(failures).toEqual([]);
    });

    for (const lang of ["kk", "ru", "en"] as const) {
      it(`creates, gathers, admits, collects, discusses and decides (${lang})`, async () => {
        t.clock.set(START);
        const failures: string[] = [];
        const axe = async (tab: Page) => {
          const url = new URL(tab.url());
          const where = `${lang} ${url.pathname}${url.search}`;
          expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
          for (const v of await axeViolations(tab)) failures.push(`${where}: ${v}`);
        };
        const submit = async (tab: Page, action: string, url: RegExp) => {
          await Promise.all([
            tab.waitForURL(url),
            tab.locator(`main form[action="${action}"] button[type=submit]`).first().click(),
          ]);
          await axe(tab);
        };
        const main = async (tab: Page) => (await tab.locator("main").textContent()) ?? "";

        // The citizen starts a petition: the list, the form, similar petitions, the draft.
        const author = await verifiedCitizen(t, lang);
        const tab = await tabOf(author, lang);
        await tab.goto(`${base}/petitions`);
        await axe(tab);
        await Promise.all([
          tab.waitForURL(/\/petitions\/new$/),
          tab.click('main a[href="/petitions/new"]'),
        ]);
        await axe(tab);
        await tab.selectOption("#agencyId", "ag-baikonur-akimat");
        await tab.fill("#title", "Крытая спортивная площадка во дворах Кенесары");
        await tab.fill(
          "#summary",
          "Построить крытую спортивную площадку для занятий спортом зимой.",
        );
        await tab.fill("#proposal", "Просим построить площадку во дворе домов 40–52.");
        await submit(tab, "/petitions/new/check", /\/petitions\/new\/check$/);
        expect(await main(tab)).toContain("PET-2025-000001");
        await submit(tab, "/petitions", /\/petitions\/PET-2025-\d{6}\?done=created$/);
        const number = /\/petitions\/(PET-2025-\d{6})/.exec(tab.url())?.[1] as string;
        expect(await main(tab)).toContain(BODY_NAME[lang]);
        await submit(tab, `/petitions/${number}/gathering`, /\?done=gathering$/);
        const link = ((await tab.locator("#share-link").textContent()) ?? "").trim();
        expect(link).toMatch(/\/petitions\/join\?token=[A-Za-z0-9_-]{20,}$/);
        await tab.close();

        // Two people join through the link.
        for (let i = 0; i < 2; i++) {
          const co = await tabOf(await verifiedCitizen(t, lang), lang);
          await co.goto(link.replace("http://localhost:3000", base));
          await axe(co);
          const path = new URL(link).pathname;
          await submit(co, path, /\?done=joined$/);
          await co.close();
        }

        // The author sends it to the body.
        const again = await tabOf(author, lang);
        await again.goto(`${base}/petitions/${number}`);
        await axe(again);
        await submit(again, `/petitions/${number}/submit`, /\?done=submitted$/);
        expect(await main(again)).toContain(BODY_NAME[lang]);
        await again.close();

        // The body's head admits it from the queue.
        const head = await staff(t, "head");
        const office = await tabOf(head, lang);
        await office.goto(`${base}/office/petitions`);
        await axe(office);
        await Promise.all([
          office.waitForURL(new RegExp(`/office/petitions/${number}$`)),
          office.click(`main a[href="/office/petitions/${number}"]`),
        ]);
        await axe(office);
        await submit(office, `/office/petitions/${number}/admit`, /\?done=admit$/);
        await office.close();

        // Two residents of the district sign on the petition's page.
        for (let i = 0; i < 2; i++) {
          const signer = await tabOf(await verifiedCitizen(t, lang), lang);
          await signer.goto(`${base}/petitions/${number}`);
          await axe(signer);
          await Promise.all([
            signer.waitForURL(new RegExp(`/petitions/${number}`)),
            signer
              .locator(`main form[action="/petitions/${number}/signature"] button[type=submit]`)
              .click(),
          ]);
          await signer.waitForLoadState("load");
          await axe(signer);
          await signer.close();
        }

        // The threshold job moves it to consideration.
        await sweepPetitions(t.ctx);
        const status = await t.ctx.db.kysely
          .selectFrom("petitions")
          .select("status")
          .where("number", "=", number)
          .executeTakeFirstOrThrow();
        expect(status.status).toBe("consideration");

        // The head publishes a draft decision; a resident comments; the head shows the comment.
        const office2 = await tabOf(head, lang);
        await office2.goto(`${base}/office/petitions/${number}`);
        await axe(office2);
        await office2.fill("#draftText", "Акимат построит площадку в следующем году.");
        await submit(office2, `/office/petitions/${number}/draft-decision`, /\?done=draft$/);
        await office2.close();

        const commenter = await tabOf(await verifiedCitizen(t, lang), lang);
        await commenter.goto(`${base}/petitions/${number}`);
        await axe(commenter);
        await commenter.fill("#comment", "Нужна ещё и раздевалка.");
        await submit(commenter, `/petitions/${number}/comments`, /\?done=commented$/);
        await commenter.close();

        const office3 = await tabOf(head, lang);
        await office3.goto(`${base}/office/petitions/${number}`);
        const cid = await t.ctx.db.kysely
          .selectFrom("petition_comments as c")
          .innerJoin("petitions as p", "p.id", "c.petition_id")
          .select("c.id")
          .where("p.number", "=", number)
          .executeTakeFirstOrThrow();
        await submit(
          office3,
          `/office/petitions/${number}/comments/${cid.id}`,
          /\?done=moderated$/,
        );
        await office3.fill("#decisionText", "Площадка будет построена к 1 октября.");
        await submit(office3, `/office/petitions/${number}/decision`, /\?done=decision$/);
        await office3.close();

        // Everyone reads the decision, the comment and the milestones.
        const reader = await tabOf(null, lang);
        await reader.goto(`${base}/petitions/${number}`);
        await axe(reader);
        const text = await main(reader);
        expect(text).toContain("Площадка будет построена к 1 октября.");
        expect(text).toContain("Нужна ещё и раздевалка.");
        await reader.close();

        expect(failures).toEqual([]);
      });
    }
  },
);
