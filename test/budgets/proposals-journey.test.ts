import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import { PDF, PNG } from "./proposals-support.js";
import { makeCycle, resident } from "./support.js";

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * A resident makes a proposal through the pages with JavaScript off, on a 360 px phone: fills
 * the form, attaches a sketch, an estimate and a photo, checks for similar proposals, submits,
 * and reads the proposal's public page. Axe, HTML validity and the width are checked on the way.
 */
describe.runIf(hasChromium())(
  "a proposal in Chromium without JavaScript",
  { timeout: 120_000 },
  () => {
    let t: TestApp;
    let base: string;
    let browser: Browser;
    let checker: Browser;
    let cycle: string;

    beforeAll(async () => {
      t = await startTestApp("sqlite");
      t.clock.set("2027-02-10T06:00:00Z");
      base = await listenOnLoopback(t);
      [browser, checker] = await Promise.all([
        launchBrowser({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } }),
        launchBrowser({ viewport: { width: 360, height: 640 } }),
      ]);
      cycle = await makeCycle(t, { phase: "proposals" });
    });
    afterAll(async () => {
      await Promise.all([browser?.close(), checker?.close()]);
      await t?.close();
    });

    async function tabOf(who: SignedIn, lang: string, b: Browser = browser): Promise<Page> {
      await b.context.clearCookies();
      await b.context.addCookies([
        ...who.cookie.split("; ").map((c) => {
          const eq = c.indexOf("=");
          return { name: c.slice(0, eq), value: c.slice(eq + 1), url: base };
        }),
        { name: "halyq_lang", value: lang, url: base },
      ]);
      return b.context.newPage();
    }

    const TEXT = {
      kk: {
        title: "Кенесары 40 ауласындағы балалар алаңы",
        submit: "Ұсынысты беру",
        resident: "тұрғыны",
      },
      ru: {
        title: "Детская площадка во дворе Кенесары 40",
        submit: "Подать предложение",
        resident: "Житель территории",
      },
      en: {
        title: "Playground in the yard of Kenesary 40",
        submit: "Submit the proposal",
        resident: "A resident of",
      },
    } as const;

    for (const lang of ["kk", "ru", "en"] as const) {
      it(`a resident files a proposal with files and reads its page (${lang})`, async () => {
        const failures: string[] = [];
        let look: Page | null = null;
        /** The page as served is checked for valid HTML; the same address is
         * opened in a tab with scripts (which axe needs) for axe and the 360 px width. */
        const check = async (tab: Page) => {
          const where = `${lang} ${new URL(tab.url()).pathname}`;
          expect(await tab.getAttribute("html", "lang"), where).toBe(lang);
          const served = await (await tab.context().request.get(tab.url())).text();
          for (const p of await htmlProblems(served)) failures.push(`${where}: ${p}`);
          if (!look) throw new Error("no checking tab");
          await look.goto(tab.url());
          for (const v of await axeViolations(look)) failures.push(`${where}: ${v}`);
          const overflow = await look.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          if (overflow > 0) failures.push(`${where}: ${overflow}px sideways scroll at 360 px`);
        };
        const who = await resident(t);
        const tab = await tabOf(who, lang);
        look = await tabOf(who, lang, checker);
        await tab.goto(`${base}/budgets/${cycle}/proposals/new`);
        await check(tab);
        expect(await tab.inputValue("#territory")).toBe("711410000");
        await tab.selectOption("#category", "playgrounds_sports");
        await tab.fill("#title", TEXT[lang].title);
        await tab.fill(
          "#description",
          `${TEXT[lang].title}. ${lang === "en" ? "Soft surface, swings and benches." : "Жұмсақ жабын."}`,
        );
        await tab.fill("#address", "Кенесары, 40");
        await tab.fill("#cost", "15000000");
        await tab.setInputFiles("#sketch", {
          name: "sketch.pdf",
          mimeType: "application/pdf",
          buffer: PDF,
        });
        await tab.setInputFiles("#estimate", {
          name: "estimate.pdf",
          mimeType: "application/pdf",
          buffer: PDF,
        });
        await tab.setInputFiles("#photo", { name: "yard.png", mimeType: "image/png", buffer: PNG });
        await Promise.all([
          tab.waitForNavigation({ timeout: 30_000 }),
          tab.click('button[name="action"][value="submit"]'),
        ]);
        expect(tab.url(), (await tab.locator("main").textContent()) ?? "").toMatch(/\/submit$/);
        await check(tab);
        await Promise.all([
          tab.waitForNavigation({ timeout: 30_000 }),
          tab.click(`main form button[type="submit"]:has-text("${TEXT[lang].submit}")`),
        ]);
        expect(tab.url(), (await tab.locator("main").textContent()) ?? "").toMatch(
          /\/proposals\/[0-9a-f-]{36}\?submitted=1$/,
        );
        await check(tab);
        const main = (await tab.locator("main").textContent()) ?? "";
        expect(main).toContain(TEXT[lang].title);
        expect(main).toContain(TEXT[lang].resident);
        expect(main).not.toContain(who.iin);
        expect(await tab.locator("main img").count()).toBe(1);
        expect(await tab.locator('main a[href^="/budgets/files/"]').count()).toBe(2);
        // The list shows it to everyone.
        await tab.goto(`${base}/budgets/${cycle}/proposals`);
        await check(tab);
        expect((await tab.locator("main").textContent()) ?? "").toContain(TEXT[lang].title);
        await Promise.all([tab.close(), look.close()]);
        expect(failures).toEqual([]);
      });
    }
  },
);
