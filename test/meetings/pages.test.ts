import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingsManifest } from "../../src/capabilities/meetings/manifest.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import {
  api,
  BAIKONUR_TERRITORY,
  citizen,
  countRows,
  hearingForm,
  page,
  post,
  register,
  staff,
} from "./support.js";

const LANGS = ["kk", "ru", "en"] as const;

describe.each(testDialects())("meeting pages on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let moderator: SignedIn;
  const demo: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(dialect);
    head = await staff(t, "head");
    moderator = await staff(t, "moderator");
    const rows = await t.ctx.db.kysely
      .selectFrom("meetings")
      .select(["id", "kind", "eligibility", "minutes", "starts_at", "agency_id"])
      .execute();
    const now = t.clock.now().toISOString();
    const find = (f: (r: (typeof rows)[number]) => boolean) => rows.find(f)?.id as string;
    demo.open = find(
      (r) =>
        r.eligibility === "everyone" && r.starts_at > now && r.agency_id === "ag-baikonur-akimat",
    );
    demo.residents = find((r) => r.eligibility === "residents");
    demo.delegates = find((r) => r.eligibility === "delegates");
    demo.minutes = find((r) => r.minutes !== null);
    demo.noMinutes = find((r) => r.minutes === null && r.starts_at < now);
  });
  afterAll(async () => t?.close());

  /** Asserts the page is valid HTML in its language; returns its body. */
  async function valid(who: SignedIn | null, url: string, lang: string, status = 200) {
    const res = await page(t, who, url, lang);
    expect(res.statusCode, `${url} ${lang}`).toBe(status);
    expect(res.body).toContain(`<html lang="${lang}"`);
    expect(await htmlProblems(res.body), `${url} ${lang}`).toEqual([]);
    expect(res.body, `${url} ${lang}: untranslated key`).not.toMatch(/>\s*meetings\.[a-z_.]+\s*</);
    return res.body;
  }

  it("has demo meetings in every state, and lists samples of each public page", async () => {
    expect(Object.values(demo).every(Boolean)).toBe(true);
    const paths = await meetingsManifest.publicPaths?.(t.ctx);
    expect(paths).toContain("/meetings");
    expect(paths?.length).toBe(3);
  });

  it("the public pages are valid HTML in kk, ru and en, for visitors and citizens", async () => {
    const person = await citizen(t);
    const waiting = await citizen(t);
    await register(t, waiting, demo.residents as string, { territoryCode: BAIKONUR_TERRITORY });
    for (const lang of LANGS) {
      const list = await valid(null, "/meetings", lang);
      expect(list).toContain(`href="/meetings/${demo.open}"`);
      expect(list).toContain(`href="/meetings/${demo.minutes}"`);
      for (const id of Object.values(demo)) await valid(null, `/meetings/${id}`, lang);
      await valid(person, `/meetings/${demo.open}`, lang);
      await valid(person, `/meetings/${demo.residents}`, lang);
      await valid(person, `/meetings/${demo.delegates}`, lang);
      await valid(waiting, `/meetings/${demo.residents}`, lang);
      await valid(waiting, `/meetings/${demo.residents}?done=waiting`, lang);
      await valid(head, `/meetings/${demo.open}`, lang);
    }
    const en = await valid(waiting, `/meetings/${demo.residents}`, "en");
    expect(en).toContain("You are number 2 on the waiting list");
    expect(en).toContain(`href="/meetings/${demo.residents}/calendar.ics"`);
    const past = await valid(null, `/meetings/${demo.minutes}`, "ru");
    expect(past).toContain("Протокол");
    expect(past).toContain("Присутствовало");
    expect(past).toContain('href="/appeals/public/');
  });

  it("the office pages are valid HTML in kk, ru and en, with and without errors", async () => {
    for (const lang of LANGS) {
      await valid(head, "/office/meetings", lang);
      await valid(head, "/office/meetings/new", lang);
      await valid(head, `/office/meetings/${demo.open}`, lang);
      await valid(moderator, `/office/meetings/${demo.open}`, lang);
      await valid(head, `/office/meetings/${demo.minutes}`, lang);
      await valid(head, `/office/meetings/${demo.noMinutes}`, lang);
      const failed = await post(
        t,
        head,
        "/office/meetings",
        { agencyId: "ag-baikonur-akimat" },
        lang,
      );
      expect(failed.statusCode).toBe(400);
      expect(await htmlProblems(failed.body), `announce errors ${lang}`).toEqual([]);
      const person = await citizen(t);
      const refused = await post(t, person, `/meetings/${demo.residents}/register`, {}, lang);
      expect(refused.statusCode).toBe(400);
      expect(await htmlProblems(refused.body), `register errors ${lang}`).toEqual([]);
    }
  });

  it("an announcement with problems is shown again with a summary and field errors, and nothing is stored", async () => {
    const before = await countRows(t, "meetings");
    const res = await post(
      t,
      head,
      "/office/meetings",
      hearingForm({
        "title-ru": "",
        "title-en": "",
        capacity: "0",
        "date-day": "31",
        "date-month": "2",
        endTime: "25:00",
        eligibility: "delegates",
        delegates: "not-an-address",
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("<title>Error: Announce a meeting — Halyq</title>");
    for (const field of ["title-kk", "capacity", "date", "endTime", "delegates"])
      expect(res.body, field).toContain(`href="#${field}"`);
    expect(res.body).toContain("govuk-form-group--error");
    expect(res.body).toContain('value="Astana, 40 Kenesary St, hall"');
    const past = await post(t, head, "/office/meetings", hearingForm({ "date-year": "2024" }));
    expect(past.body).toContain("The meeting must start in the future");
    expect(await countRows(t, "meetings")).toBe(before);
  });

  it("publishes the feed as well-formed Atom, every text escaped", async () => {
    const id = await (async () => {
      const res = await post(
        t,
        head,
        "/office/meetings",
        hearingForm({
          "title-en": 'Parks & <squares> "now"',
          onlineUrl: "https://meet.example/a?b=1&c=2",
        }),
      );
      return /\/office\/meetings\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1];
    })();
    const res = await t.app.inject({ url: "/meetings/feed.atom?lang=en" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const xml = res.body;
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect(xml).toContain(`<id>urn:uuid:${id}</id>`);
    expect(xml).toContain("Parks &amp; &lt;squares&gt; &quot;now&quot;");
    expect(xml).toContain("https://meet.example/a?b=1&amp;c=2");
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    const opened = (xml.match(/<entry[ >]/g) ?? []).length;
    expect(opened).toBe((xml.match(/<\/entry>/g) ?? []).length);
    expect(opened).toBeGreaterThanOrEqual(7);
    for (const el of ["id", "title", "updated", "link", "author", "summary"])
      expect(xml).toContain(`<${el}`);
  });

  it("lists meetings in the API with filters", async () => {
    const all = await api(t, null, "GET", "/api/v1/meetings?pageSize=100");
    expect(all.status).toBe(200);
    const upcoming = await api(t, null, "GET", "/api/v1/meetings?when=upcoming&pageSize=100");
    const past = await api(t, null, "GET", "/api/v1/meetings?when=past&pageSize=100");
    expect(upcoming.json.items.length + past.json.items.length).toBe(all.json.items.length);
    expect(past.json.items.every((m: { phase: string }) => m.phase === "ended")).toBe(true);
    const conferences = await api(t, null, "GET", "/api/v1/meetings?kind=conference");
    expect(conferences.json.items.map((m: { kind: string }) => m.kind)).toEqual(["conference"]);
    const city = await api(t, null, "GET", "/api/v1/meetings?agencyId=ag-astana-akimat");
    expect(city.json.items).toHaveLength(1);
    const dated = await api(t, null, "GET", "/api/v1/meetings?from=2025-04-01&to=2025-04-01");
    expect(dated.status).toBe(200);
    expect((await api(t, null, "GET", "/api/v1/meetings?from=2025-02-30")).status).toBe(400);
    expect((await api(t, null, "GET", "/api/v1/meetings?kind=party")).status).toBe(400);
    expect((await api(t, null, "GET", `/api/v1/meetings/${demo.minutes}`)).json.minutes).toContain(
      "Присутствовали",
    );
    expect((await api(t, null, "GET", "/api/v1/meetings/unknown")).status).toBe(404);
    const docs = await t.app.inject({ url: "/api/openapi.json" });
    expect(docs.statusCode).toBe(200);
    const paths = Object.keys(JSON.parse(docs.body).paths ?? {});
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/meetings",
        "/api/v1/meetings/{id}",
        "/api/v1/meetings/{id}/registrations",
        "/api/v1/meetings/{id}/registrations/me",
      ]),
    );
  });

  it("shows the minutes form only after the meeting, and refuses outcome forms to others", async () => {
    const body = (await page(t, head, `/office/meetings/${demo.open}`)).body;
    expect(body).not.toContain('name="minutes"');
    const saved = t.clock.now();
    try {
      t.clock.set("2025-12-01T00:00:00Z");
      const fresh = await staff(t, "head");
      expect((await page(t, fresh, `/office/meetings/${demo.open}`)).body).toContain(
        'name="minutes"',
      );
    } finally {
      t.clock.set(saved);
    }
  });
});
