import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicationsManifest } from "../../src/capabilities/publications/manifest.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import {
  BAIKONUR,
  BAIKONUR_SLUG,
  create,
  newsForm,
  page,
  post,
  publish,
  staff,
} from "./support.js";

const LANGS = ["kk", "ru", "en"] as const;

describe.each(testDialects())("publication pages on %s", (dialect) => {
  let t: TestApp;
  let executor: SignedIn;
  let head: SignedIn;
  let paths: string[];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    executor = await staff(t, "executor");
    head = await staff(t, "head");
    paths = (await publicationsManifest.publicPaths?.(t.ctx)) ?? [];
  });
  afterAll(async () => t?.close());

  async function valid(who: SignedIn | null, url: string, lang: string, status = 200) {
    const res = await page(t, who, url, lang);
    expect(res.statusCode, `${url} ${lang}`).toBe(status);
    expect(res.body).toContain(`<html lang="${lang}"`);
    expect(await htmlProblems(res.body), `${url} ${lang}`).toEqual([]);
    expect(res.body, `${url} ${lang}: untranslated key`).not.toMatch(
      />\s*(publications|survey)\.[a-z_.-]+\s*</,
    );
    return res.body;
  }

  it("lists a sample of every kind of public page", () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        "/news",
        expect.stringMatching(/^\/agencies\/[a-z-]+\/information$/),
        expect.stringMatching(/^\/agencies\/[a-z-]+\/news\/[0-9a-f-]{36}$/),
        expect.stringMatching(/^\/agencies\/[a-z-]+\/information\/[a-z-]+$/),
      ]),
    );
  });

  it("public pages are valid HTML in kk, ru and en, and say when they were last updated", async () => {
    for (const lang of LANGS)
      for (const url of paths.filter((p) => !p.endsWith(".atom"))) {
        const body = await valid(null, url, lang);
        if (/\/(news|information)\/[^/]+$/.test(url)) expect(body).toContain("<time datetime=");
      }
  });

  it("a reader is told which languages an item exists in when theirs is not one of them", async () => {
    const id = await publish(
      t,
      executor,
      head,
      newsForm({ "title-en": "", "body-en": "", "title-ru": "Только по-русски" }),
    );
    const url = `/agencies/${BAIKONUR_SLUG}/news/${id}`;
    const en = await valid(null, url, "en");
    expect(en).toContain("This is not published in your language");
    expect(en).toContain(`href="${url}?lang=ru"`);
    expect(en).toContain('lang="ru"');
    const ru = await valid(null, url, "ru");
    expect(ru).not.toContain("не опубликован на вашем языке");
  });

  it("office pages are valid HTML in kk, ru and en", async () => {
    const draft = await create(t, executor);
    const live = await publish(t, executor, head);
    await post(t, executor, `/office/publications/${draft}/submit`, {});
    for (const lang of LANGS) {
      await valid(executor, "/office/publications", lang);
      await valid(executor, "/office/publications/new?kind=news", lang);
      await valid(
        executor,
        `/office/publications/new?kind=information&agencyId=${BAIKONUR}&section=budget`,
        lang,
      );
      await valid(executor, `/office/publications/${draft}`, lang);
      await valid(head, `/office/publications/${draft}`, lang);
      await valid(head, `/office/publications/${live}`, lang);
      await valid(executor, `/office/publications/${live}/edit`, lang);
      const failed = await post(
        t,
        head,
        `/office/publications/${draft}/return`,
        { reason: "" },
        lang,
      );
      expect(failed.statusCode).toBe(400);
      expect(await htmlProblems(failed.body)).toEqual([]);
    }
  });

  it("markup is never read as HTML, and only safe links become links", async () => {
    const id = await publish(
      t,
      executor,
      head,
      newsForm({
        "body-en":
          "<script>alert(1)</script> [bad](javascript:alert(1)) [good](https://example.kz/a) [here](/news)\n\n## Heading",
      }),
    );
    const body = await valid(null, `/agencies/${BAIKONUR_SLUG}/news/${id}`, "en");
    expect(body).not.toContain("<script>alert");
    expect(body).toMatch(/&lt;script(&gt;|>)alert\(1\)&lt;\/script/);
    expect(body).not.toContain('href="javascript:');
    expect(body).toContain("[bad](javascript:alert(1))");
    expect(body).toContain('<a class="govuk-link" href="https://example.kz/a">good</a>');
    expect(body).toContain('<a class="govuk-link" href="/news">here</a>');
    expect(body).toContain('<h2 class="govuk-heading-m">Heading</h2>');
  });

  it("the Atom feeds of a body and of the portal are well-formed and carry the live news", async () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const db = t.ctx.db.kysely;
    const live = await db
      .selectFrom("publications")
      .select(["id", "agency_id"])
      .where("kind", "=", "news")
      .where("published_at", "is not", null)
      .where("unpublished_at", "is", null)
      .execute();
    for (const [url, expected] of [
      ["/news.atom", live],
      [`/agencies/${BAIKONUR_SLUG}/news.atom`, live.filter((n) => n.agency_id === BAIKONUR)],
    ] as const) {
      for (const lang of LANGS) {
        const res = await page(t, null, url, lang);
        expect(res.statusCode).toBe(200);
        expect(res.headers["content-type"]).toMatch(/^application\/atom\+xml/);
        expect(XMLValidator.validate(res.body), url).toBe(true);
        const feed = parser.parse(res.body).feed;
        expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
        expect(feed["@_xml:lang"]).toBe(lang);
        const entries = [feed.entry ?? []].flat();
        expect(entries.map((e: { id: string }) => e.id).sort()).toEqual(
          expected.map((n) => `urn:uuid:${n.id}`).sort(),
        );
        for (const e of entries) {
          expect(e.link["@_href"]).toMatch(
            /^http:\/\/localhost:3000\/agencies\/[a-z-]+\/news\/[0-9a-f-]{36}$/,
          );
          expect(e.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
          expect(e.author.name).toBeTruthy();
        }
      }
    }
    expect((await page(t, null, "/agencies/no-such-body/news.atom")).statusCode).toBe(404);
  });

  it("the API lists the live news and a body's information with its freshness, and is in the OpenAPI file", async () => {
    const db = t.ctx.db.kysely;
    const live = await db
      .selectFrom("publications")
      .select(["id", "agency_id"])
      .where("kind", "=", "news")
      .where("published_at", "is not", null)
      .where("unpublished_at", "is", null)
      .execute();
    const all = (await t.app.inject({ url: "/api/v1/news?pageSize=100" })).json();
    expect(all.items.map((n: { id: string }) => n.id).sort()).toEqual(live.map((n) => n.id).sort());
    const mine = (
      await t.app.inject({ url: `/api/v1/news?agency=${BAIKONUR_SLUG}&pageSize=100` })
    ).json();
    expect(mine.items.length).toBe(live.filter((n) => n.agency_id === BAIKONUR).length);
    expect(mine.items[0].url).toMatch(
      /^http:\/\/localhost:3000\/agencies\/baikonur-district-akimat\/news\//,
    );
    expect((await t.app.inject({ url: "/api/v1/news?agency=nobody" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/api/v1/news?pageSize=0" })).statusCode).toBe(400);
    const info = (
      await t.app.inject({ url: `/api/v1/agencies/${BAIKONUR_SLUG}/information` })
    ).json();
    expect(info.staleAfterMonths).toBe(6);
    expect(info.sections.map((s: { freshness: string }) => s.freshness)).toEqual([
      "fresh",
      "fresh",
      "stale",
      "stale",
      "fresh",
      "missing",
    ]);
    expect(info.freshShare).toBe(0.5);
    expect((await t.app.inject({ url: "/api/v1/agencies/nobody/information" })).statusCode).toBe(
      404,
    );
    const spec = (await t.app.inject({ url: "/api/openapi.json" })).json();
    expect(spec.paths["/api/v1/news"]?.get).toBeTruthy();
    expect(spec.paths["/api/v1/agencies/{slug}/information"]?.get).toBeTruthy();
  });

  it("unknown bodies, items and sections are 404 pages, valid in every language", async () => {
    for (const lang of LANGS) {
      await valid(null, "/agencies/no-such-body/news", lang, 404);
      await valid(null, `/agencies/${BAIKONUR_SLUG}/news/not-an-id`, lang, 404);
      await valid(null, `/agencies/${BAIKONUR_SLUG}/information/no-such-section`, lang, 404);
    }
  });
});
