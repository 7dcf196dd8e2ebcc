import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { allPublicPaths } from "../support/public-paths.js";

describe.each(testDialects())("pages on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  it.each(["kk", "ru", "en"])(
    "every public page is valid HTML in %s, with the demo notice",
    async (lang) => {
      for (const path of await allPublicPaths(t)) {
        const res = await t.app.inject({ url: path, headers: { cookie: `halyq_lang=${lang}` } });
        expect([200, 400, 404], `${path} ${lang}`).toContain(res.statusCode);
        expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
        expect(res.body).toContain(`<html lang="${lang}"`);
        expect(res.body, `${path} ${lang}: demo notice`).toContain("halyq-demo-banner");
        const messages = await htmlProblems(res.body);
        expect(messages, `${path} ${lang}`).toEqual([]);
      }
    },
    120_000,
  );

  it("uses Accept-Language, then the saved choice, then ?lang for one page", async () => {
    const ru = await t.app.inject({ url: "/", headers: { "accept-language": "ru-RU,ru;q=0.9" } });
    expect(ru.body).toContain('<html lang="ru"');
    expect(ru.headers["content-language"]).toBe("ru");
    const saved = await t.app.inject({
      url: "/",
      headers: { "accept-language": "ru", cookie: "halyq_lang=en" },
    });
    expect(saved.body).toContain('<html lang="en"');
    const once = await t.app.inject({ url: "/?lang=kk", headers: { cookie: "halyq_lang=en" } });
    expect(once.body).toContain('<html lang="kk"');
    const fallback = await t.app.inject({ url: "/", headers: { "accept-language": "de" } });
    expect(fallback.body).toContain('<html lang="kk"');
  });

  it("the switcher saves the language and returns to the same page, never to another site", async () => {
    const res = await t.app.inject({ url: "/language/ru?next=%2Fagencies%3Fkind%3Dakimat" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/agencies?kind=akimat");
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/halyq_lang=ru/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    for (const evil of [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      const r = await t.app.inject({ url: `/language/en?next=${encodeURIComponent(evil)}` });
      expect(r.headers.location, evil).toBe("/");
    }
    expect((await t.app.inject({ url: "/language/de" })).statusCode).toBe(400);
  });

  it("shows the hierarchy, a body's page and its competences", async () => {
    const dir = await t.app.inject({ url: "/agencies?lang=en" });
    expect(dir.body).toContain("Akimat of Astana City");
    expect(dir.body).toContain("14 bodies");
    const filtered = await t.app.inject({
      url: "/agencies?lang=ru&kind=maslikhat&q=%D0%9D%D1%83%D1%80",
    });
    expect(filtered.body).toContain("Маслихат района «Нура» города Астаны");
    expect(filtered.body).not.toContain("Акимат района");
    const page = await t.app.inject({ url: "/agencies/nura-district-akimat?lang=en" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Akimat of Nura District, Astana");
    expect(page.body).toContain("Roads, pavements and street lighting");
    expect(page.body).toContain('href="/agencies/astana-akimat"');
    expect((await t.app.inject({ url: "/agencies/unknown-body?lang=en" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/agencies/BAD%20slug?lang=en" })).statusCode).toBe(400);
  });

  it("the calculator works as a plain form and reports every error at its field", async () => {
    const ok = await t.app.inject({
      url: "/calendar?day=19&month=3&year=2025&days=15&jurisdiction=kz&lang=en",
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("Monday, 14 April 2025");
    const bad = await t.app.inject({ url: "/calendar?day=31&month=2&year=2025&days=x&lang=en" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("<title>Error: Working-day calculator — Halyq</title>");
    expect(bad.body).toContain('href="#from-day"');
    expect(bad.body).toContain('href="#days"');
    expect(bad.body).toContain("govuk-error-summary");
  });

  it("a 404 page is localised", async () => {
    const nf = await t.app.inject({ url: "/nope", headers: { "accept-language": "ru" } });
    expect(nf.statusCode).toBe(404);
    expect(nf.body).toContain("Страница не найдена");
    expect(nf.body).toContain("NOT_FOUND");
  });
});

describe("public page cache", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp("sqlite", { env: { PAGE_CACHE_SECONDS: "60" } });
  });
  afterAll(async () => t.close());

  async function rename(name: string) {
    await t.ctx.db.kysely
      .updateTable("agencies")
      .set({ name_en: name })
      .where("slug", "=", "astana-akimat")
      .execute();
  }

  it("keeps one copy per language, never serves one visitor's cookies' page to another, and empties on invalidate", async () => {
    const url = "/agencies/astana-akimat";
    const first = await t.app.inject({ url, headers: { "accept-language": "en" } });
    expect(first.body).toContain("Akimat of Astana City");
    await rename("Renamed Akimat");
    const cached = await t.app.inject({ url, headers: { "accept-language": "en" } });
    expect(cached.body).toBe(first.body);
    expect(cached.headers["content-security-policy"]).toBeDefined();
    const russian = await t.app.inject({ url, headers: { "accept-language": "ru" } });
    expect(russian.body).toContain('<html lang="ru"');
    const withSession = await t.app.inject({
      url,
      headers: { "accept-language": "en", cookie: "halyq_session=x" },
    });
    expect(withSession.body).toContain("Renamed Akimat");
    t.ctx.pageCache.invalidate();
    const fresh = await t.app.inject({ url, headers: { "accept-language": "en" } });
    expect(fresh.body).toContain("Renamed Akimat");
    await rename("Akimat of Astana City");
    t.ctx.pageCache.invalidate();
  });

  it("never caches error pages or pages not marked public", async () => {
    await t.app.inject({ url: "/agencies/nothing-here" });
    await t.app.inject({ url: "/calendar?day=1&month=1&year=2025&days=1" });
    expect(t.ctx.pageCache.size).toBe(0);
  });
});
