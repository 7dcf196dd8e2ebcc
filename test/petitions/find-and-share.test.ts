import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { page } from "./support.js";

const LANGS = ["kk", "ru", "en"] as const;

/** The petition numbers a list page shows. */
function listed(html: string): string[] {
  const { document } = parseHTML(html);
  return Array.from(document.querySelectorAll("main h3 a")).map((a) =>
    (a.getAttribute("href") ?? "").replace("/petitions/", ""),
  );
}

describe.each(testDialects())("finding, following and sharing petitions (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { now: "2025-03-19T05:00:00Z" });
  });
  afterAll(async () => t?.close());

  it("searches the list by words (any case, the start of a word), status and body, without JavaScript", async () => {
    // a Russian word of the open petition's title, in another case and shortened
    const word = await page(t, null, `/petitions?q=${encodeURIComponent("СПОРТИВН")}`);
    expect(word.statusCode).toBe(200);
    expect(listed(word.body)).toEqual(["PET-2025-000001"]);
    // Kazakh letters, and the number
    expect(
      listed((await page(t, null, `/petitions?q=${encodeURIComponent("жағалауына")}`)).body),
    ).toEqual(["PET-2025-000007"]);
    expect(listed((await page(t, null, "/petitions?q=PET-2025-000006")).body)).toEqual([
      "PET-2025-000006",
    ]);
    // words and status together; every word must match
    expect(
      listed(
        (await page(t, null, `/petitions?q=${encodeURIComponent("автобуса")}&status=decided`)).body,
      ),
    ).toEqual([]);
    const none = await page(t, null, `/petitions?q=${encodeURIComponent("крытую самолёт")}`);
    expect(none.body).toContain('data-testid="no-petitions"');
    // by body: the city's akimat has the cycle path only
    const city = listed((await page(t, null, "/petitions?body=ag-astana-akimat")).body);
    expect(city).toEqual(["PET-2025-000007"]);
    // an unknown body or status is ignored, not an error
    expect((await page(t, null, "/petitions?body=nope&status=zz")).statusCode).toBe(200);
    for (const lang of LANGS) {
      const res = await page(
        t,
        null,
        `/petitions?q=${encodeURIComponent("площадку")}&status=collecting`,
        lang,
      );
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('name="q"');
      expect(await htmlProblems(res.body), lang).toEqual([]);
    }
  });

  it("shows progress towards the threshold in words and as a labelled progress bar", async () => {
    const list = parseHTML((await page(t, null, "/petitions?status=collecting")).body).document;
    const bar = list.querySelector("progress");
    expect(bar?.getAttribute("max")).toBe("2500");
    const label = list.getElementById(bar?.getAttribute("aria-labelledby") ?? "");
    expect(label?.textContent).toMatch(/12 of 2,500 signatures needed/);
    const one = parseHTML((await page(t, null, "/petitions/PET-2025-000001")).body).document;
    const panelBar = one.querySelector("[data-testid=signature-progress]");
    expect(panelBar?.getAttribute("value")).toBe("12");
    expect(
      one.getElementById(panelBar?.getAttribute("aria-labelledby") ?? "")?.textContent,
    ).toContain("12 of the 2,500 needed");
  });

  it("offers plain share links and no third-party script, and names districts by their own names", async () => {
    for (const lang of LANGS) {
      const res = await page(t, null, "/petitions/PET-2025-000001", lang);
      expect(res.statusCode).toBe(200);
      expect(await htmlProblems(res.body), lang).toEqual([]);
      const { document } = parseHTML(res.body);
      const share = document.querySelector("[data-testid=share]");
      const hrefs = Array.from(share?.querySelectorAll("a") ?? []).map(
        (a) => a.getAttribute("href") ?? "",
      );
      expect(hrefs.map((h) => h.split(/[?:]/)[0])).toEqual([
        "mailto",
        "https",
        "https",
        "https",
        "https",
      ]);
      expect(
        hrefs.some((h) =>
          h.startsWith(
            "https://t.me/share/url?url=http%3A%2F%2Flocalhost%3A3000%2Fpetitions%2FPET-2025-000001",
          ),
        ),
      ).toBe(true);
      expect(hrefs.some((h) => h.startsWith("https://wa.me/?text="))).toBe(true);
      expect(hrefs.some((h) => h.startsWith("https://vk.com/share.php?url="))).toBe(true);
      expect(hrefs.some((h) => h.startsWith("https://www.facebook.com/sharer/sharer.php?u="))).toBe(
        true,
      );
      expect(share?.querySelector("input#share-link")?.getAttribute("value")).toBe(
        "http://localhost:3000/petitions/PET-2025-000001",
      );
      // only Halyq's own script
      const scripts = Array.from(document.querySelectorAll("script[src]")).map(
        (s) => s.getAttribute("src") ?? "",
      );
      expect(scripts.every((s) => s.startsWith("/assets/"))).toBe(true);
      const regions = document.querySelector("#signature table")?.textContent ?? "";
      expect(regions).toContain(
        { kk: "Байқоңыр ауданы", ru: "район Байконур", en: "Baikonur district" }[lang],
      );
      expect(regions).not.toMatch(/әкімдігі|акимат|akimat/i);
    }
  });
});
