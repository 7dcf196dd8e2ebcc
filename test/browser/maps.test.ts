import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, startTestApp, type TestApp } from "../support/app.js";
import { axeViolations } from "../support/axe.js";
import { hasChromium, launchBrowser } from "../support/browser.js";
import { signInAs } from "../support/sessions.js";
import { startTileServer, type TileServer } from "../support/tile-server.js";

/**
 * Marking the place of a problem on a map at a phone's width, with tiles from a tile server the
 * test starts: the point the map put into the form is the point the appeal records, every tile
 * came from that server, and nothing the page asked for left 127.0.0.1.
 */
describe.runIf(hasChromium())("a place marked on a map (Chromium)", { timeout: 90_000 }, () => {
  let t: TestApp;
  let tiles: TileServer;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    tiles = await startTileServer();
    t = await startTestApp("sqlite", {
      now: new Date().toISOString(),
      env: { MAP_TILE_URL: tiles.template, MAP_ATTRIBUTION: "© Test tiles" },
    });
    base = await listenOnLoopback(t);
    browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await tiles?.stop();
  });

  it("fills the point by a click and by the keyboard, files it, and shows it on the public map", async () => {
    const me = await signInAs(t);
    await browser.context.addCookies([
      ...me.cookie.split("; ").map((c) => {
        const eq = c.indexOf("=");
        return { name: c.slice(0, eq), value: c.slice(eq + 1), url: base };
      }),
      { name: "halyq_lang", value: "ru", url: base },
    ]);
    const page = await browser.context.newPage();
    const asked: string[] = [];
    page.on("request", (r) => asked.push(r.url()));
    // A CSP refusal (a tile from elsewhere, an inline script) shows as a console error.
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    const failures: string[] = [];
    const axe = async () => {
      for (const v of await axeViolations(page)) failures.push(`${page.url()}: ${v}`);
    };
    const submit = () => page.locator("main form button[type=submit]").first().click();

    await page.goto(`${base}/appeals/new`);
    await page.check("#kind");
    await submit();
    await page.waitForURL(/\/where$/);
    await page.selectOption("#agencyId", "ag-baikonur-akimat");
    await submit();
    await page.waitForURL(/\/details$/);
    const draft = page.url().replace(/\/details$/, "");

    // The map shows, in Russian, with tiles from the test's server.
    const map = page.locator("#location");
    await map.waitFor({ state: "visible" });
    await page.locator("#location .leaflet-tile-loaded").first().waitFor();
    expect(await page.locator(".leaflet-control-zoom-in").getAttribute("title")).toBe("Приблизить");
    expect(await page.locator(".leaflet-control-attribution").textContent()).toContain(
      "© Test tiles",
    );
    expect(tiles.requests.some((r) => /^\/tiles\/11\/\d+\/\d+\.png$/.test(r))).toBe(true);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await axe();

    // The keyboard: Enter on the focused map marks its centre (the configured one, in Astana).
    await map.focus();
    await page.keyboard.press("Enter");
    expect(await page.inputValue("input[name=lat]")).toBe("51.1605");
    expect(await page.inputValue("input[name=lon]")).toBe("71.4704");
    await page.locator("[data-map-clear]").click();
    expect(await page.inputValue("input[name=lat]")).toBe("");

    // A click a little to the north-east of the centre.
    const box = await map.boundingBox();
    if (!box) throw new Error("the map has no box");
    await page.mouse.click(box.x + box.width / 2 + 30, box.y + box.height / 2 - 20);
    const lat = await page.inputValue("input[name=lat]");
    const lon = await page.inputValue("input[name=lon]");
    expect(Number(lat)).toBeGreaterThan(51.1605);
    expect(Number(lon)).toBeGreaterThan(71.4704);
    expect(await page.locator("[data-map-status]").textContent()).toBe(
      `Отмеченная точка: ${lat}, ${lon}.`,
    );

    await page.fill("#subject", "Яма на дороге у дома");
    await page.fill("#text", "Посреди дороги глубокая яма, машины объезжают её по тротуару.");
    await page.check("#language-ru");
    await page.check("#public");
    await submit();
    await page.waitForURL(/\/(files|similar)$/);
    await page.goto(`${draft}/check`);
    await submit();
    await page.waitForURL(/\/slip\?new=1$/);
    const number = decodeURIComponent(/\/appeals\/([^/]+)\/slip/.exec(page.url())?.[1] ?? "");
    const row = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["lat", "lon"])
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ lat: Number(lat), lon: Number(lon) });

    // The public map marks it, beside the list that holds it.
    await page.goto(`${base}/appeals/map`);
    await page.locator(".leaflet-marker-icon").first().waitFor();
    expect(await page.locator(".leaflet-marker-icon").count()).toBe(
      await page.locator("#placed-appeals li[data-lat]").count(),
    );
    await axe();
    // A marker opens a popup with the appeal's link; the popup closes by a button in Russian.
    await page.locator(".leaflet-marker-icon").first().click();
    const popupLink = page.locator(".leaflet-popup-content a");
    expect(await popupLink.getAttribute("href")).toMatch(/\/appeals\/public\/[^/]+$/);
    expect(await page.locator(".leaflet-popup-close-button").getAttribute("aria-label")).toBe(
      "Закрыть",
    );

    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    const elsewhere = asked.filter((u) => new URL(u).hostname !== "127.0.0.1");
    expect(elsewhere).toEqual([]);
    expect(asked.some((u) => u.startsWith(`${tiles.origin}/tiles/`))).toBe(true);
  });
});
