import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeReceipts } from "../../src/capabilities/survey/record-answer.js";
import { PEW_2010, SURVEY_ANSWERS, SURVEY_CONTEXTS } from "../../src/capabilities/survey/survey.js";
import { castFor, file, step } from "../appeals/support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

const LANGS = ["kk", "ru", "en"] as const;

describe.each(testDialects())("portal survey on %s", (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const answer = (who: SignedIn, fields: Record<string, string>, lang = "en") =>
    t.app.inject({
      method: "POST",
      url: "/survey",
      headers: {
        cookie: `${who.cookie}; halyq_lang=${lang}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
    });
  const view = (who: SignedIn | null, url: string, lang = "en") =>
    t.app.inject({
      url,
      headers: { cookie: who ? `${who.cookie}; halyq_lang=${lang}` : `halyq_lang=${lang}` },
    });
  const rows = () => t.ctx.db.kysely.selectFrom("survey_answers").selectAll().execute();

  it("is offered on the slip just after filing and with the answer, to the applicant only", async () => {
    const cast = await castFor(t);
    const { number } = await file(t, cast.applicant);
    const n = encodeURIComponent(number);
    for (const lang of LANGS) {
      const slip = await view(cast.applicant, `/appeals/${n}/slip?new=1`, lang);
      expect(slip.statusCode).toBe(200);
      expect(slip.body).toContain('action="/survey"');
      expect(slip.body).toContain('name="context" value="appeal_filed"');
      expect(slip.body).toContain(`name="return" value="/appeals/${n}"`);
      expect(await htmlProblems(slip.body), `slip ${lang}`).toEqual([]);
    }
    expect((await view(cast.applicant, `/appeals/${n}/slip`)).body).not.toContain(
      'action="/survey"',
    );
    expect((await view(cast.applicant, `/appeals/${n}`)).body).not.toContain('action="/survey"');
    await step(t, cast.head, number, "assign", { executorId: cast.executor.accountId });
    await step(t, cast.executor, number, "answer", { outcome: "explained", text: "Here it is." });
    await step(t, cast.head, number, "approve");
    for (const lang of LANGS) {
      const page = await view(cast.applicant, `/appeals/${n}`, lang);
      expect(page.body).toContain('name="context" value="answer_read"');
      expect(await htmlProblems(page.body), `answer ${lang}`).toEqual([]);
    }
    expect((await view(cast.head, `/appeals/${n}`)).body).not.toContain('action="/survey"');
  });

  it("accepts each answer in each context, storing only the context, the answer and the day", async () => {
    const before = (await rows()).length;
    const people: SignedIn[] = [];
    for (const context of SURVEY_CONTEXTS)
      for (const a of SURVEY_ANSWERS) {
        const who = await signInAs(t, { kind: "citizen" });
        people.push(who);
        const res = await answer(who, { context, answer: a, return: "/appeals" });
        expect(res.statusCode, `${context} ${a}`).toBe(303);
        expect(res.headers.location).toBe("/survey/thanks?counted=1&return=%2Fappeals");
      }
    const all = await rows();
    expect(all.length).toBe(before + SURVEY_CONTEXTS.length * SURVEY_ANSWERS.length);
    const day = t.clock.now().toISOString().slice(0, 10);
    for (const r of all.slice(-1)) {
      expect(Object.keys(r).sort()).toEqual(["answer", "context", "day", "id"]);
      expect(r.day).toBe(day);
    }
    const stored = JSON.stringify([
      all,
      await t.ctx.db.kysely.selectFrom("survey_receipts").selectAll().execute(),
    ]);
    for (const who of people) {
      expect(stored).not.toContain(who.accountId);
      for (const part of who.cookie.split("; ")) expect(stored).not.toContain(part.split("=")[1]);
    }
    const thanks = await view(people[0] ?? null, "/survey/thanks?counted=1&return=%2Fappeals");
    expect(thanks.body).toContain('href="/appeals"');
    expect(await htmlProblems(thanks.body)).toEqual([]);
  });

  it("counts one answer per browser session, question and day; receipts go once the day is over", async () => {
    const who = await signInAs(t, { kind: "citizen" });
    const before = (await rows()).length;
    const beforeIds = new Set((await rows()).map((r) => r.id));
    const first = await answer(who, { context: "petition_signed", answer: "most", return: "/" });
    expect(first.headers.location).toContain("counted=1");
    const again = await answer(who, { context: "petition_signed", answer: "none", return: "/" });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toContain("counted=0");
    const other = await answer(who, { context: "ballot_cast", answer: "all", return: "/" });
    expect(other.headers.location).toContain("counted=1");
    const after = await rows();
    expect(after.length).toBe(before + 2);
    // The first answer stands: the second (none) added nothing.
    const ids = new Set((await rows()).map((r) => r.id));
    const added = after.filter((r) => !beforeIds.has(r.id));
    expect(ids.size).toBe(after.length);
    expect(added.map((r) => `${r.context}:${r.answer}`).sort()).toEqual([
      "ballot_cast:all",
      "petition_signed:most",
    ]);
    const thanks = await view(who, "/survey/thanks?counted=0&return=%2F");
    expect(thanks.body).toContain("already answered");
    const receipts = () => t.ctx.db.kysely.selectFrom("survey_receipts").selectAll().execute();
    expect((await receipts()).length).toBeGreaterThan(0);
    expect(await purgeReceipts(t.ctx)).toBe(0);
    t.clock.advance(24 * 3_600_000);
    expect(await purgeReceipts(t.ctx)).toBeGreaterThan(0);
    expect(await receipts()).toEqual([]);
  });

  it("rejects bad input with a localised error and stores nothing", async () => {
    const who = await signInAs(t, { kind: "citizen" });
    const before = (await rows()).length;
    const messages = {
      en: ["Choose one of the answers", "This question is not known"],
      ru: ["Выберите один из ответов", "Такой вопрос неизвестен"],
      kk: ["Жауаптардың бірін таңдаңыз", "Мұндай сұрақ белгісіз"],
    };
    for (const lang of LANGS) {
      for (const [fields, message] of [
        [{ context: "appeal_filed", return: "/appeals" }, messages[lang][0]],
        [{ context: "appeal_filed", answer: "maybe", return: "/appeals" }, messages[lang][0]],
        [{ context: "page_viewed", answer: "all", return: "/appeals" }, messages[lang][1]],
      ] as const) {
        const res = await answer(who, fields, lang);
        expect(res.statusCode, `${lang} ${JSON.stringify(fields)}`).toBe(400);
        expect(res.body).toContain(message);
        expect(res.body).toContain("govuk-error-summary");
        expect(await htmlProblems(res.body), `${lang} ${JSON.stringify(fields)}`).toEqual([]);
      }
    }
    const forged = await t.app.inject({
      method: "POST",
      url: "/survey",
      headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ context: "appeal_filed", answer: "all" }).toString(),
    });
    expect(forged.statusCode).toBe(403);
    expect((await rows()).length).toBe(before);
    const away = await answer(who, {
      context: "answer_read",
      answer: "some",
      return: "//evil.example/x",
    });
    expect(away.headers.location).toBe("/survey/thanks?counted=1&return=%2F");
    const thanks = await view(who, "/survey/thanks?counted=1&return=https%3A%2F%2Fevil.example");
    expect(thanks.body).not.toContain('href="https://evil.example');
    expect(thanks.body).toMatch(/<a class="govuk-link" href="\/">/);
  });

  it("the results page and the API give the same figures as a direct count", async () => {
    const all = await rows();
    const count = (context: string | null, a: string) =>
      all.filter((r) => (context === null || r.context === context) && r.answer === a).length;
    const total = (context: string | null) =>
      all.filter((r) => context === null || r.context === context).length;
    const pct = (n: number, d: number) =>
      new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 }).format(n / d);

    const res = await view(null, "/survey/results");
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain("<svg");
    expect(html).toContain('role="img"');
    expect(html).toContain(PEW_2010.url);
    for (const [i, context] of [null, ...SURVEY_CONTEXTS].entries()) {
      const table = html.split('<table class="govuk-table">')[i + 1] ?? "";
      for (const a of SURVEY_ANSWERS) {
        const label = {
          all: "All of it",
          most: "Most of it",
          some: "Some of it",
          none: "None of it",
        }[a];
        const cells = new RegExp(`${label}</th><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>`).exec(
          table,
        );
        expect(cells?.[1], `${context} ${a}`).toBe(String(count(context, a)));
        expect(cells?.[2], `${context} ${a}`).toBe(
          total(context) ? pct(count(context, a), total(context)) : "—",
        );
      }
      if (context === null) {
        expect(table).toContain(">50%<");
        expect(table).toContain(">28%<");
        expect(table).toContain(">5%<");
      }
    }

    const api = await t.app.inject({ url: "/api/v1/stats/survey" });
    expect(api.statusCode).toBe(200);
    const json = api.json();
    expect(json.overall.total).toBe(all.length);
    for (const a of SURVEY_ANSWERS) {
      expect(json.overall.answers[a].count).toBe(count(null, a));
      expect(json.overall.answers[a].share).toBeCloseTo(count(null, a) / all.length, 12);
    }
    for (const c of json.contexts) {
      expect(c.total).toBe(total(c.context));
      for (const a of SURVEY_ANSWERS) expect(c.answers[a].count).toBe(count(c.context, a));
    }
    expect(json.benchmark.shares).toEqual({ all: 0.5, most: 0.28, some: null, none: 0.05 });

    const day = t.clock.now().toISOString().slice(0, 10);
    const today = (
      await t.app.inject({ url: `/api/v1/stats/survey?from=${day}&to=${day}` })
    ).json();
    expect(today.overall.total).toBe(all.filter((r) => r.day === day).length);
    expect((await t.app.inject({ url: "/api/v1/stats/survey?from=2025-13-45" })).statusCode).toBe(
      400,
    );
    expect((await t.app.inject({ url: "/api/v1/stats/survey?nonsense=1" })).statusCode).toBe(400);
    const spec = (await t.app.inject({ url: "/api/openapi.json" })).json();
    expect(spec.paths["/api/v1/stats/survey"]?.get).toBeTruthy();
  });

  it("the results page is valid HTML in kk, ru and en", async () => {
    for (const lang of LANGS) {
      const res = await view(null, "/survey/results", lang);
      expect(res.statusCode).toBe(200);
      expect(await htmlProblems(res.body), lang).toEqual([]);
      expect(res.body).not.toMatch(/>\s*survey\.[a-z_.]+\s*</);
    }
  });
});
