import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationsManifest } from "../../src/capabilities/consultations/manifest.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import { api, BAIKONUR, citizen, get, post, publish, staff } from "./support.js";

/**
 * Well-formed XML as far as a feed needs: one root, every element closed in order, every
 * ampersand an entity, and nothing but whitespace outside the root.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  let roots = 0;
  for (const m of body.matchAll(
    /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/g,
  )) {
    if (m[0] === "<") problems.push(`stray < at ${m.index}`);
    else if (m[0].startsWith("&")) problems.push(`bare & at ${m.index}`);
    else if (m[1]) {
      if (stack.pop() !== m[2]) problems.push(`</${m[2]}> closes the wrong element`);
    } else if (!m[4]) {
      if (stack.length === 0) roots++;
      stack.push(m[2] as string);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.join(", ")}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

describe.each(testDialects())("consultation pages on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let moderator: SignedIn;
  let alice: SignedIn;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: "2025-03-19T05:00:00Z" });
    head = await staff(t, "head");
    moderator = await staff(t, "moderator");
    alice = await citizen(t);
    id = await publish(t, head, { title_en: 'Fees & <terms> of "service"' });
    await api(t, alice, "POST", `/api/v1/consultations/${id}/comments`, {
      paragraph: 1,
      text: "Line one\nline two <b>not bold</b>",
    });
  });
  afterAll(async () => t.close());

  it("declares a sample of every kind of public page, each found", async () => {
    const paths = await consultationsManifest.publicPaths?.(t.ctx);
    expect(paths).toBeDefined();
    const list = paths ?? [];
    expect(list.some((p) => /\/report$/.test(p))).toBe(true);
    expect(list.some((p) => /\/changes\/2$/.test(p))).toBe(true);
    for (const p of list) expect((await get(t, null, p)).statusCode, p).toBe(200);
  });

  it("every page is valid HTML in kk, ru and en, for visitors, citizens, staff and on errors", async () => {
    const demo = (await consultationsManifest.publicPaths?.(t.ctx)) ?? [];
    const pages: [SignedIn | null, string, (() => Promise<{ body: string }>)?][] = [
      ...demo.map((p) => [null, p] as [null, string]),
      [alice, `/consultations/${id}`],
      [head, "/office/consultations"],
      [head, "/office/consultations/new"],
      [head, `/office/consultations/${id}`],
      [moderator, `/office/consultations/${id}`],
    ];
    for (const lang of ["kk", "ru", "en"]) {
      const failing: [string, () => Promise<{ body: string }>][] = [
        [
          "empty comment",
          () => post(t, alice, `/consultations/${id}/comments`, { paragraph: "2", text: "" }, lang),
        ],
        ["empty draft", () => post(t, head, "/office/consultations", { agencyId: BAIKONUR }, lang)],
        ["report too early", () => post(t, head, `/office/consultations/${id}/report`, {}, lang)],
      ];
      for (const [who, path] of pages) {
        const res = await get(t, who, path, lang);
        expect(res.statusCode, `${lang} ${path}`).toBe(200);
        expect(res.body).toContain(`<html lang="${lang}"`);
        expect(await htmlProblems(res.body), `${lang} ${path}`).toEqual([]);
      }
      for (const [what, run] of failing) {
        const res = await run();
        expect(res.body).toContain("govuk-error-summary");
        expect(await htmlProblems(res.body), `${lang} ${what}`).toEqual([]);
      }
    }
  });

  it("escapes what people write", async () => {
    const page = await get(t, null, `/consultations/${id}`);
    expect(page.body).toContain("Fees &amp; &lt;terms> of &quot;service&quot;");
    expect(page.body).toContain("line two &lt;b>not bold&lt;/b>");
    expect(page.body).not.toContain("<b>not bold");
  });

  it("publishes an Atom feed of drafts under discussion, well-formed and escaped", async () => {
    const res = await t.app.inject({
      url: "/consultations/feed.atom",
      headers: { cookie: "halyq_lang=en" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(xmlProblems(res.body)).toEqual([]);
    expect(res.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect(res.body).toContain(`<id>urn:uuid:${id}</id>`);
    expect(res.body).toContain(
      '<title type="text">Fees &amp; &lt;terms&gt; of &quot;service&quot;</title>',
    );
    expect(res.body).toContain(`href="http://localhost:3000/consultations/${id}"`);
    const entries = res.body.match(/<entry>/g)?.length ?? 0;
    const open = await api(t, null, "GET", "/api/v1/consultations?status=open&pageSize=100");
    expect(entries).toBe(open.json.total);
  });

  it("lists drafts in the API by status and body", async () => {
    const all = await api(
      t,
      null,
      "GET",
      `/api/v1/consultations?agencyId=${BAIKONUR}&pageSize=100`,
    );
    expect(all.status).toBe(200);
    const statuses = new Set(all.json.items.map((i: { status: string }) => i.status));
    expect([...statuses].sort()).toEqual(["closed", "open", "reported"]);
    const reported = await api(t, null, "GET", "/api/v1/consultations?status=reported");
    expect(reported.json.items.every((i: { status: string }) => i.status === "reported")).toBe(
      true,
    );
    expect((await api(t, null, "GET", "/api/v1/consultations?status=bogus")).status).toBe(400);
    expect((await api(t, null, "GET", "/api/v1/consultations/not-a-uuid")).status).toBe(400);
    const docs = await t.app.inject({ url: "/api/openapi.json" });
    expect(docs.statusCode).toBe(200);
    const spec = JSON.parse(docs.body);
    for (const path of [
      "/api/v1/consultations",
      "/api/v1/consultations/{id}",
      "/api/v1/consultations/{id}/comments",
      "/api/v1/consultations/{id}/report",
    ])
      expect(Object.keys(spec.paths), path).toContain(path);
    expect(spec.paths["/api/v1/consultations/{id}/comments"].post.responses).toHaveProperty("409");
  });

  it("measures a body's participation: comments, people, drafts, answers, time to report", async () => {
    const measures =
      (await consultationsManifest.measures?.(t.ctx, BAIKONUR, {
        from: "2025-01-01",
        to: "2025-03-19",
      })) ?? [];
    const byName = Object.fromEntries(measures.map((m) => [m.name, m]));
    // The demo drafts were made 2 to 60 days before 19 March 2025 (10 comments, one hidden,
    // six answered), plus this test's draft with one comment.
    expect(byName["consultations.comments"]).toEqual({
      name: "consultations.comments",
      value: 11,
      unit: "count",
    });
    expect(byName["consultations.commenters"]?.value).toBe(3);
    expect(byName["consultations.drafts_discussed"]?.value).toBe(5);
    expect(byName["consultations.answered_share"]?.unit).toBe("share");
    expect(byName["consultations.answered_share"]?.value).toBeCloseTo(6 / 10);
    expect(byName["consultations.report_working_days"]?.unit).toBe("working_days");
    expect(typeof byName["consultations.report_working_days"]?.value).toBe("number");
    const none =
      (await consultationsManifest.measures?.(t.ctx, "ag-yesil-akimat", {
        from: "2025-01-01",
        to: "2025-03-19",
      })) ?? [];
    expect(none.find((m) => m.name === "consultations.answered_share")?.value).toBeNull();
    for (const m of measures) expect(t.ctx.catalogues.en.has(`measures.${m.name}`)).toBe(true);
  });
});
