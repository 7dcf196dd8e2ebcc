import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import { BAIKONUR, insertPetition, verifiedCitizen } from "./signatures-support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * Signing through the page, and the moderator's view of a burst, in each
 * language: a citizen signs with the milestone box ticked, sees their signature and withdraws
 * it; five more sign from one network; the body's moderator finds the burst and invalidates it
 * with a reason. Axe runs on every page on the way.
 */
describe.runIf(hasChromium())(
  "signing and the burst view in Chromium",
  { timeout: 180_000 },
  () => {
    let t: TestApp;
    let base: string;
    let browser: Browser;

    beforeAll(async () => {
      t = await startTestApp("sqlite");
      base = await listenOnLoopback(t);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

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

    for (const lang of ["kk", "ru", "en"] as const) {
      it(`signs, withdraws, and invalidates a burst (${lang})`, async () => {
        const failures: string[] = [];
        const axe = async (tab: Page) => {
          const url = new URL(tab.url());
          for (const v of await axeViolations(tab)) failures.push(`${lang} ${url.pathname}: ${v}`);
        };
        const p = await insertPetition(t.ctx.db.kysely, { now: t.clock.now().toISOString() });
        const who = await verifiedCitizen(t);
        const tab = await tabOf(who, lang);
        await tab.goto(`${base}/petitions/${p.number}`);
        await axe(tab);
        await tab.check("#signature-notify");
        await Promise.all([
          tab.waitForURL(/signature=signed/),
          tab.click(`form[action="/petitions/${p.number}/signature"] button[type=submit]`),
        ]);
        await axe(tab);
        expect(
          await tab.locator("[data-signature-count]").getAttribute("data-signature-count"),
        ).toBe("1");
        await Promise.all([
          tab.waitForURL(/signature=withdrawn/),
          tab.click(`form[action="/petitions/${p.number}/signature/withdraw"] button[type=submit]`),
        ]);
        expect(
          await tab.locator("[data-signature-count]").getAttribute("data-signature-count"),
        ).toBe("0");
        await tab.close();

        for (let k = 0; k < 5; k++) {
          const s = await verifiedCitizen(t);
          const res = await t.app.inject({
            method: "POST",
            url: `/api/v1/petitions/${p.id}/signatures`,
            remoteAddress: `203.0.113.${10 + k}`,
            headers: {
              cookie: s.cookie,
              "x-csrf-token": s.csrf,
              "content-type": "application/json",
            },
            payload: "{}",
          });
          expect(res.statusCode).toBe(201);
        }
        const signers = await tabOf(null, lang);
        await signers.goto(`${base}/petitions/${p.number}/signers`);
        await axe(signers);
        await signers.close();

        const moderator = await signInAs(t, {
          grants: [{ role: "moderator", agencyId: BAIKONUR }],
        });
        const office = await tabOf(moderator, lang);
        await office.goto(`${base}/office/petitions/signatures`);
        await axe(office);
        await Promise.all([
          office.waitForURL(/\/signatures$/),
          office.click(`main a[href="/office/petitions/${p.number}/signatures"]`),
        ]);
        await axe(office);
        const row = office.locator("tr", { hasText: "203.0.113.0/24" });
        await Promise.all([
          office.waitForURL(/invalidate$/),
          row.locator("button[type=submit]").click(),
        ]);
        await axe(office);
        await row.locator("textarea").fill("Five signatures in a minute from one network");
        await Promise.all([
          office.waitForURL(/done=5/),
          row.locator("button[type=submit]").click(),
        ]);
        await axe(office);
        await office.close();
        expect(failures).toEqual([]);
      });
    }
  },
);
