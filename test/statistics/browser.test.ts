import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";

/**
 * The statistics pages in Chromium, charts included: axe finds nothing in kk, ru and en, nothing
 * is blocked by the content security policy, and with JavaScript turned off a person can choose
 * a period and rank the bodies on another criterion.
 */
describe.runIf(hasChromium())("statistics pages in Chromium", { timeout: 180_000 }, () => {
  let t: TestApp;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let noScript: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    base = await listenOnLoopback(t);
    [browser, noScript] = await Promise.all([
      launchBrowser(),
      launchBrowser({ javaScriptEnabled: false }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), noScript?.close()]);
    await t?.close();
  });

  const paths = [
    "/statistics",
    "/statistics?preset=quarter&rank=satisfaction",
    "/statistics/levels/district?from=2025-01-01&to=2025-03-31",
    "/statistics/agencies/baikonur-district-akimat?from=2025-01-01&to=2025-03-31",
    "/statistics?from=2025-02-30",
  ];

  it("axe finds nothing on any statistics page, charts included, in kk, ru and en", async () => {
    const page = await browser.context.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
    const failures: string[] = [];
    for (const lang of ["kk", "ru", "en"]) {
      await page.goto(`${base}/language/${lang}?next=/`);
      for (const p of paths) {
        await page.goto(`${base}${p}`);
        expect(await page.getAttribute("html", "lang")).toBe(lang);
        if (!p.includes("02-30")) {
          // Three charts, each drawn (bars or dots), hidden from assistive technology.
          expect(await page.locator("main figure svg[aria-hidden=true]").count()).toBe(3);
          expect(
            await page.locator("main figure svg rect, main figure svg circle").count(),
          ).toBeGreaterThan(0);
          expect(await page.locator("main table#trends caption").count()).toBe(1);
        }
        for (const v of await axeViolations(page)) failures.push(`${lang} ${p}: ${v}`);
      }
    }
    expect(failures).toEqual([]);
    expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });

  it("the tables fit a 360 px phone and a 1280 px desktop without sideways scrolling, in kk, ru and en", async () => {
    const wide: string[] = [];
    for (const width of [360, 1280]) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: 800 });
      for (const lang of ["kk", "ru", "en"]) {
        await page.goto(`${base}/language/${lang}?next=/`);
        for (const p of paths.slice(0, 4)) {
          await page.goto(`${base}${p}`);
          const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scroll > width) {
            const culprits = await page.evaluate((w) => {
              const out: string[] = [];
              for (const el of Array.from(document.querySelectorAll("body *"))) {
                const r = el.getBoundingClientRect();
                if (r.right > w + 1)
                  out.push(`${el.tagName}.${el.className}#${el.id} ${Math.round(r.right)}`);
              }
              return out.slice(0, 8).join(" | ");
            }, width);
            wide.push(`${width} ${lang} ${p}: ${scroll} px ${culprits}`);
          }
        }
      }
      await page.close();
    }
    expect(wide).toEqual([]);
  });

  it("works without JavaScript: a period through the form, a preset, and a ranking by another criterion", async () => {
    const page = await noScript.context.newPage();
    await page.goto(`${base}/language/en?next=/statistics`);
    await page.fill("#from", "2025-01-01");
    await page.fill("#to", "2025-03-31");
    await Promise.all([
      page.waitForURL(/from=2025-01-01/),
      page.click("main form button[type=submit]"),
    ]);
    expect(await page.textContent("#period")).toContain("2025");
    await Promise.all([
      page.waitForURL(/rank=satisfaction/),
      page.click('main a[href*="rank=satisfaction"]'),
    ]);
    expect(page.url()).toContain("from=2025-01-01");
    expect(await page.locator("main #ranking ~ table caption").textContent()).toContain(
      "Satisfaction",
    );
    await Promise.all([
      page.waitForURL(/preset=month/),
      page.click('main a[href*="preset=month"]'),
    ]);
    // From the ranking to a body's page, and from there to its participation page.
    await Promise.all([
      page.waitForURL(/\/statistics\/agencies\//),
      page.click('main a[href^="/statistics/agencies/baikonur-district-akimat"]'),
    ]);
    await Promise.all([
      page.waitForURL(/\/participation$/),
      page.click('main a[href$="/participation"]'),
    ]);
  });
});
