import { renderToString } from "preact-render-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAgencyActive } from "../../src/capabilities/agencies/index.js";
import { refreshSearchIndex } from "../../src/capabilities/search/index.js";
import { STALE_AFTER_MS } from "../../src/capabilities/search/search-index.js";
import { systemActor } from "../../src/kernel/audit/audit.js";
import { FixedClock } from "../../src/kernel/clock.js";
import { LOCALES, translator } from "../../src/kernel/i18n.js";
import { SearchBox } from "../../src/web/components/search-box.js";
import { post, staff } from "../petitions/support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { agency } from "../support/factories.js";
import { htmlProblems } from "../support/html.js";

const OPEN_PETITION = "/petitions/PET-2025-000001";
const DRAFT_PETITION = "/petitions/PET-2025-000002";
const ADMISSIBILITY_PETITION = "/petitions/PET-2025-000004";
const DECIDED_PETITION = "/petitions/PET-2025-000007";

type ApiHit = { kind: string; url: string; title: string; snippet: string; language: string };

describe.each(testDialects())("site-wide search on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  const get = (url: string, lang = "en") =>
    t.app.inject({ method: "GET", url, headers: { "accept-language": lang } });
  const api = async (query: Record<string, string>, lang = "en") => {
    const res = await get(`/api/v1/search?${new URLSearchParams(query).toString()}`, lang);
    return res;
  };
  const urls = async (q: string, extra: Record<string, string> = {}) => {
    const res = await api({ q, pageSize: "50", ...extra });
    expect(res.statusCode).toBe(200);
    return (res.json().items as ApiHit[]).map((i) => new URL(i.url).pathname);
  };

  it("finds the open demo petition by a word of its title on the pages in kk, ru and en", async () => {
    for (const lang of ["kk", "ru", "en"]) {
      const res = await get(`/search?q=${encodeURIComponent("площадку")}&lang=${lang}`, lang);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-language"]).toBe(lang);
      expect(res.body).toContain(`href="${OPEN_PETITION}"`);
      // The title is Russian: on the kk and en pages it says so.
      if (lang !== "ru")
        expect(res.body).toMatch(
          /<a class="govuk-link" href="\/petitions\/PET-2025-000001" lang="ru">/,
        );
      expect(res.body).toContain('<mark class="halyq-search-hit">');
    }
    for (const lang of ["kk", "ru", "en"]) {
      const res = await api({ q: "Кенесары спортивную" }, lang);
      expect(res.statusCode).toBe(200);
      const hit = (res.json().items as ApiHit[]).find((i) => i.url.endsWith(OPEN_PETITION));
      expect(hit?.kind).toBe("petition");
      expect(hit?.language).toBe("ru");
    }
  });

  it("finds by other word forms: Russian and Kazakh endings", async () => {
    // «площадку» in the title; «площадка», «площадки», «спортивные» typed.
    expect(await urls("площадка")).toContain(OPEN_PETITION);
    expect(await urls("спортивные площадки")).toContain(OPEN_PETITION);
    // «Есіл жағалауына велосипед жолын салу»: «жағалауы», «велосипедтер», «жолдары» typed.
    expect(await urls("жағалауы")).toContain(DECIDED_PETITION);
    expect(await urls("велосипедтер жолдары")).toContain(DECIDED_PETITION);
    // Bodies in three languages.
    const bodies = await urls("әкімдігі", { kind: "body" });
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.every((u) => u.startsWith("/agencies/"))).toBe(true);
  });

  it("never finds what is not public: a draft petition, one awaiting admission, a private appeal", async () => {
    expect(await urls("Балалар алаңын жөндеу")).not.toContain(DRAFT_PETITION);
    expect(await urls("алаң")).not.toContain(DRAFT_PETITION);
    expect(await urls("library Sundays")).not.toContain(ADMISSIBILITY_PETITION);
    // «Не горят фонари во дворе» and «Благоустройство детской площадки» are not public.
    expect(await urls("фонари", { kind: "appeal" })).toEqual([]);
    expect(await urls("детской площадки", { kind: "appeal" })).toEqual([]);
    // The public one is found.
    const appeals = await urls("яма Кенесары", { kind: "appeal" });
    expect(appeals.length).toBe(1);
    expect(appeals[0]).toMatch(/^\/appeals\/public\//);
  });

  it("filters by kind and body, and pages", async () => {
    const petitions = await urls("площадка", { kind: "petition" });
    expect(petitions).toEqual([OPEN_PETITION]);
    expect(await urls("площадка", { kind: "meeting" })).not.toContain(OPEN_PETITION);
    const byBody = await urls("площадка", { body: "baikonur-district-akimat" });
    expect(byBody).toContain(OPEN_PETITION);
    expect(await urls("площадка", { body: "astana-akimat" })).not.toContain(OPEN_PETITION);
    const first = (await api({ q: "акимат", pageSize: "1" })).json();
    expect(first.total).toBeGreaterThan(1);
    const second = (await api({ q: "акимат", pageSize: "1", page: "2" })).json();
    expect(second.items[0].url).not.toBe(first.items[0].url);
  });

  it("pages the results on the page, and drops a document its owner stops offering", async () => {
    const made = [];
    for (let i = 0; i < 22; i++) made.push(await agency(t));
    await refreshSearchIndex(t.ctx);
    const first = await get(`/search?q=${encodeURIComponent("сынақ")}&kind=body`, "kk");
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('class="govuk-pagination"');
    expect(first.body).toContain(
      'href="/search?q=%D1%81%D1%8B%D0%BD%D0%B0%D2%9B&amp;kind=body&amp;page=2"',
    );
    const second = await get(`/search?q=${encodeURIComponent("сынақ")}&kind=body&page=2`, "kk");
    expect(second.statusCode).toBe(200);
    expect(second.body.match(/class="halyq-search-result"/g)?.length).toBe(2);
    // A body made inactive leaves the index at the next refresh.
    const gone = made[0];
    if (!gone) throw new Error("no body made");
    // (Its name's tag may be all digits, which the redaction removes: the words are enough.)
    expect(await urls("test district akimat", { kind: "body" })).toContain(
      `/agencies/${gone.slug}`,
    );
    await setAgencyActive(t.ctx, systemActor("test"), gone, false);
    t.clock.advance(1000);
    expect((await refreshSearchIndex(t.ctx)).removed).toBe(1);
    const left = await urls("test district akimat", { kind: "body" });
    expect(left).not.toContain(`/agencies/${gone.slug}`);
    expect(left.length).toBe(21);
  });

  it("says so when nothing is found, and echoes the query as text", async () => {
    const q = `<script>alert(1)</script> zzqqxx "quoted"`;
    const res = await get(`/search?q=${encodeURIComponent(q)}`, "ru");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("ничего не найдено");
    expect(res.body).not.toContain("<script>alert(1)</script>");
    expect(res.body).toContain("&lt;script>alert(1)&lt;/script> zzqqxx &quot;quoted&quot;");
  });

  it("refuses bad input with a localised 400 and no search", async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ q: "" }, "q", "ru"],
      [{ q: "   " }, "q", "kk"],
      [{ q: "а".repeat(201) }, "q", "en"],
      [{ q: "парк\u0000" }, "q", "ru"],
      [{ q: "парк\u001b[31m" }, "q", "kk"],
      [{ q: "***" }, "q", "en"],
      [{ q: "парк", kind: "secret" }, "kind", "ru"],
      [{ q: "парк", body: "no-such-body" }, "body", "en"],
      [{ q: "парк", page: "0" }, "page", "kk"],
      [{ q: "парк", page: "abc" }, "page", "ru"],
      [{ q: "парк", page: "51" }, "page", "en"],
    ];
    const messages = new Set<string>();
    for (const [query, field, lang] of cases) {
      const res = await api(query, lang);
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      const error = res.json().error;
      expect(error.code).toBe("VALIDATION");
      expect(res.headers["content-language"]).toBe(lang);
      expect(error.details?.[0]?.field ?? "").toContain(field);
      messages.add(error.message);
      const page = await get(`/search?${new URLSearchParams(query).toString()}`, lang);
      expect(page.statusCode, JSON.stringify(query)).toBe(400);
      expect(page.body).toContain("govuk-error-summary");
      expect(page.body).not.toContain("\u0000");
    }
    // The page's words are the language's own.
    const kk = await get("/search?q=%20", "kk");
    expect(kk.body).toContain("Іздейтін сөзді енгізіңіз");
    const ru = await get(`/search?q=${"я".repeat(201)}`, "ru");
    expect(ru.body).toContain("Запрос должен быть не длиннее 200 символов");
    const en = await get("/search?q=park&kind=secret", "en");
    expect(en.body).toContain("Choose what to look for from the list");
    // Repeated parameters are refused too.
    expect((await get("/search?q=a&q=b")).statusCode).toBe(400);
    // Without a query the page is the form alone.
    const empty = await get("/search", "kk");
    expect(empty.statusCode).toBe(200);
    expect(empty.body).not.toContain("govuk-error-summary");
  });

  it("never fails on full-text query syntax", async () => {
    const queries = [
      '"',
      '"площадку',
      "площад*",
      "*",
      "-площадку",
      "площадку NEAR спортивную",
      "NEAR(площадку спортивную, 2)",
      "(площадку OR парк) AND NOT яма",
      "площадку AND",
      "OR",
      "a:b ^c {d} [e] +f ~g !h & | <-> '' \\",
      "title_ru:площадку",
      "площадку:*",
      "'; DROP TABLE search_documents; --",
    ];
    for (const q of queries) {
      const res = await api({ q });
      expect([200, 400], q).toContain(res.statusCode);
      const page = await get(`/search?q=${encodeURIComponent(q)}`);
      expect([200, 400], q).toContain(page.statusCode);
    }
    // Operators are words, not syntax: the petition is still found around them.
    expect(await urls('"площадку" AND (спортивную)')).toContain(OPEN_PETITION);
  });

  it("finds a newly published petition after a refresh, with no waiting", async () => {
    await refreshSearchIndex(t.ctx);
    expect(await urls("library Sundays")).not.toContain(ADMISSIBILITY_PETITION);
    const head = await staff(t, "head");
    const admitted = await post(t, head, `/office${ADMISSIBILITY_PETITION}/admit`);
    expect(admitted.statusCode).toBe(303);
    // Within the stated time: the index is at most STALE_AFTER_MS old when a search runs
    // (the job refreshes every 30 s; a search on an older index refreshes it first).
    t.clock.advance(STALE_AFTER_MS + 1);
    expect(await urls("library Sundays")).toContain(ADMISSIBILITY_PETITION);
    // A second refresh right after writes nothing: unchanged documents are left alone.
    expect(await refreshSearchIndex(t.ctx)).toEqual({ written: 0, removed: 0 });
  });

  it("two refreshes at once leave one copy of every document", async () => {
    t.clock.advance(1000);
    await Promise.all([refreshSearchIndex(t.ctx), refreshSearchIndex(t.ctx)]);
    const rows = await t.ctx.db.kysely
      .selectFrom("search_documents")
      .select(["kind", "doc_id"])
      .execute();
    const keys = new Set(rows.map((r) => `${r.kind}:${r.doc_id}`));
    expect(keys.size).toBe(rows.length);
    expect(await urls("площадка", { kind: "petition" })).toEqual([OPEN_PETITION]);
  });

  it("a refresh that gathered earlier never undoes a later one (several instances)", async () => {
    const old = await agency(t);
    await refreshSearchIndex(t.ctx);
    const gatheredEarly = await t.ctx.searchDocuments();
    const early = new FixedClock(new Date(t.clock.now().getTime() + 1000));
    // Meanwhile: one body goes inactive, another is made, and a later refresh sees both.
    await setAgencyActive(t.ctx, systemActor("test"), old, false);
    const made = await agency(t);
    t.clock.advance(2000);
    expect(await refreshSearchIndex(t.ctx)).toEqual({ written: 1, removed: 1 });
    // The early refresh (another instance, slower) writes last: it neither brings the
    // inactive body back nor removes the new one.
    const slow = { ...t.ctx, clock: early, searchDocuments: async () => gatheredEarly };
    expect(await refreshSearchIndex(slow)).toEqual({ written: 0, removed: 0 });
    const found = await urls("test district akimat", { kind: "body" });
    expect(found).toContain(`/agencies/${made.slug}`);
    expect(found).not.toContain(`/agencies/${old.slug}`);
  });

  it("offers a search box for other pages: a valid GET form to /search in each language", async () => {
    for (const locale of LOCALES) {
      const tr = translator(t.ctx.catalogues, locale);
      const box = renderToString(SearchBox({ t: tr, id: "home-search", value: '"парк" <b>' }));
      expect(box).toContain('action="/search"');
      expect(box).toContain('name="q"');
      expect(box).not.toContain("search_box.");
      const page = `<!DOCTYPE html><html lang="${locale}"><head><title>x</title></head><body><main>${box}</main></body></html>`;
      expect(await htmlProblems(page)).toEqual([]);
    }
  });
});
