import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { signInAs } from "../support/sessions.js";
import { clientFor, tempDataDir } from "./citizen-support.js";
import { getPage } from "./staff-support.js";
import { BAIKONUR, staff } from "./support.js";

const TILES = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png";
const INSIDE = { lat: "51.1605", lon: "71.4704" }; // Kenesary street, Baikonur district
const OUTSIDE = { lat: "49.8", lon: "73.1" }; // Karaganda

describe.each(testDialects())("places on a map (%s)", (dialect) => {
  let withMaps: TestApp;
  let withoutMaps: TestApp;
  beforeAll(async () => {
    [withMaps, withoutMaps] = await Promise.all([
      startTestApp(dialect, {
        env: { DATA_DIR: tempDataDir(), MAP_TILE_URL: TILES, MAP_ATTRIBUTION: "© Test tiles" },
      }),
      startTestApp(dialect, { env: { DATA_DIR: tempDataDir() } }),
    ]);
  });
  afterAll(async () => {
    await withMaps?.close();
    await withoutMaps?.close();
  });

  /** A signed-in person's draft at the details step; returns the client and the draft's path. */
  async function draftAtDetails(t: TestApp, lang = "en") {
    const client = clientFor(t, await signInAs(t), lang);
    const start = await client.submit("/appeals/new", "/appeals/new", { kind: "report" });
    const draft = String(start.headers.location).replace(/\/where$/, "");
    await client.submit(`${draft}/where`, `${draft}/where`, { agencyId: BAIKONUR });
    return { client, draft };
  }

  const details = (extra: Record<string, string>) => ({
    subject: "A pothole on the road",
    text: "There is a deep pothole in the middle of the road.",
    language: "ru",
    address: "Kenesary street 40",
    ...extra,
  });

  async function fileWith(t: TestApp, extra: Record<string, string>) {
    const { client, draft } = await draftAtDetails(t);
    const sent = await client.submit(`${draft}/details`, `${draft}/details`, details(extra));
    expect(sent.statusCode).toBe(303);
    const check = await client.get(`${draft}/check`);
    const filed = await client.submit(`${draft}/check`, `${draft}/check`, {});
    expect(filed.statusCode).toBe(303);
    const number = decodeURIComponent(
      /^\/appeals\/([^/]+)\/slip/.exec(String(filed.headers.location))?.[1] ?? "",
    );
    const row = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["lat", "lon", "address", "public"])
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    return { check: check.body, number, row };
  }

  it("offers the map on the details step, loads Leaflet there only, and lets images come from the tile server only", async () => {
    const { client, draft } = await draftAtDetails(withMaps);
    const page = await client.get(`${draft}/details`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-halyq-map="picker"');
    expect(page.body).toMatch(/<script src="\/assets\/leaflet\.js(\?v=\w+)?"/);
    expect(page.body).toMatch(/<script type="module" src="\/assets\/halyq-map\.js/);
    expect(page.body).toContain('data-map-tiles="http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"');
    expect(page.body).toContain('data-map-attribution="© Test tiles"');
    // The address stays: the way to say where without a map.
    expect(page.body).toMatch(/<input[^>]+name="address"/);
    expect(await htmlProblems(page.body)).toEqual([]);
    const csp = String(page.headers["content-security-policy"]);
    const img = /img-src ([^;]+)/.exec(csp)?.[1];
    expect(img).toBe("'self' data: http://127.0.0.1:9");
    expect(csp).toMatch(/script-src 'self'(;|$)/);

    // A page without a map loads none of it.
    const where = await client.get(`${draft}/where`);
    expect(where.body).not.toContain("leaflet");
    expect(where.body).not.toContain("halyq-map.js");
  });

  it("stores the point marked inside the territory with the appeal, and shows it on the check page and to the body's staff", async () => {
    const { check, row, number } = await fileWith(withMaps, { ...INSIDE, public: "yes" });
    expect(check).toContain("Marked point: 51.1605, 71.4704.");
    expect(row).toMatchObject({ lat: 51.1605, lon: 71.4704, address: "Kenesary street 40" });
    const head = await staff(withMaps, "head");
    const casePage = await getPage(withMaps, head, `/office/appeals/${encodeURIComponent(number)}`);
    expect(casePage.body).toMatch(/Point on the map<\/dt><dd[^>]*>51\.1605, 71\.4704</);
  });

  it("files with the address alone, with or without maps", async () => {
    for (const t of [withMaps, withoutMaps]) {
      const { row } = await fileWith(t, { lat: "", lon: "" });
      expect(row).toMatchObject({ lat: null, lon: null, address: "Kenesary street 40" });
    }
  });

  it.each([
    ["en", OUTSIDE, "The point on the map is outside Astana. Mark a place within it"],
    ["kk", OUTSIDE, "Картадағы нүкте «Астана» аумағынан тыс."],
    ["ru", OUTSIDE, "Точка на карте находится за пределами территории «Астана»."],
    ["en", { lat: "north", lon: "71.47" }, "The point on the map could not be read."],
    ["kk", { lat: "51.16", lon: "" }, "Картадағы нүктені оқу мүмкін болмады."],
    ["ru", { lat: "95", lon: "71.47" }, "Не удалось прочитать точку на карте."],
    ["en", { lat: "51.16", lon: "1e2" }, "The point on the map could not be read."],
  ])("refuses a point in %s: %j", async (lang, point, message) => {
    const { client, draft } = await draftAtDetails(withMaps, lang);
    const before = await withMaps.ctx.db.kysely
      .selectFrom("appeal_drafts")
      .select("data")
      .where("id", "=", draft.split("/").pop() ?? "")
      .executeTakeFirstOrThrow();
    const res = await client.submit(`${draft}/details`, `${draft}/details`, details(point));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(message);
    expect(res.body).toContain('href="#location"');
    expect(await htmlProblems(res.body)).toEqual([]);
    const after = await withMaps.ctx.db.kysely
      .selectFrom("appeal_drafts")
      .select("data")
      .where("id", "=", draft.split("/").pop() ?? "")
      .executeTakeFirstOrThrow();
    expect(after.data).toBe(before.data);
  });

  it("has no map script and no tile origin when no tile server is configured", async () => {
    const { client, draft } = await draftAtDetails(withoutMaps);
    const page = await client.get(`${draft}/details`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("leaflet");
    expect(page.body).not.toContain("halyq-map.js");
    expect(page.body).not.toContain("data-map-tiles");
    expect(page.body).toMatch(/<input[^>]+name="address"/);
    expect(/img-src ([^;]+)/.exec(String(page.headers["content-security-policy"]))?.[1]).toBe(
      "'self' data:",
    );
    const map = await withoutMaps.app.inject({ url: "/appeals/map" });
    expect(map.statusCode).toBe(200);
    expect(map.body).not.toContain("halyq-map.js");
  });

  it("lists public appeals with a point beside the map, never a private one, and narrows to a district", async () => {
    const shown = await fileWith(withMaps, { ...INSIDE, public: "yes", subject: "Pothole map" });
    const hidden = await fileWith(withMaps, { lat: "51.1285", lon: "71.4305", public: "" });
    expect(hidden.row.public).toBe(0);
    for (const lang of ["kk", "ru", "en"]) {
      const res = await withMaps.app.inject({
        url: "/appeals/map",
        headers: { "accept-language": lang },
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`data-lat="51.1605" data-lon="71.4704"`);
      expect(res.body).toContain(`/appeals/public/${encodeURIComponent(shown.number)}`);
      expect(res.body).not.toContain(encodeURIComponent(hidden.number));
      expect(res.body).not.toContain("51.1285");
      expect(res.body).toContain('data-halyq-map="points"');
      expect(res.body).toContain("halyq-map.js");
      expect(await htmlProblems(res.body)).toEqual([]);
    }
    const yesil = await withMaps.app.inject({ url: "/appeals/map?district=711310000" });
    expect(yesil.body).not.toContain(encodeURIComponent(shown.number));
    const baikonur = await withMaps.app.inject({ url: "/appeals/map?district=711410000" });
    expect(baikonur.body).toContain(encodeURIComponent(shown.number));
    const unknown = await withMaps.app.inject({ url: "/appeals/map?district=x&district=y" });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain(encodeURIComponent(shown.number));
    const list = await withMaps.app.inject({ url: "/appeals/public" });
    expect(list.body).toContain('href="/appeals/map"');
  });
});
