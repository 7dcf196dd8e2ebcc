import { Fragment, h } from "preact";
import { render } from "preact-render-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/kernel/i18n.js";
import { inThisBuild, startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

const BAIKONUR = "ag-baikonur-akimat";
const SLUG = "baikonur-district-akimat";
const LANGS: Locale[] = ["kk", "ru", "en"];

/**
 * What a person meets first on a body's page, the statistics, the survey, the account page and
 * other people's words: the findings of the usability review, fixed, on both databases.
 */
describe.each(testDialects())("the front door's findings on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: "2025-03-19T05:00:00Z" });
    head = await signInAs(t, { grants: [{ role: "head", agencyId: BAIKONUR }] });
  });
  afterAll(async () => t?.close());

  const page = (url: string, lang: Locale, who: SignedIn | null = null) =>
    t.app.inject({
      url,
      headers: { cookie: who ? `${who.cookie}; halyq_lang=${lang}` : `halyq_lang=${lang}` },
    });

  it("a body's page leads with writing to it and booking a reception, and gives its address, hours and head in each language", async () => {
    const expected = {
      kk: {
        write: "Осы органға жазу",
        book: "Қабылдауға жазылу",
        address: "Астана, Кенесары к-сі, 40",
        hours: "Дүйсенбі–жұма, 9:00–18:30",
        head: "Дәурен Серікұлы Жақсыбеков",
      },
      ru: {
        write: "Написать в этот орган",
        book: "Записаться на приём",
        address: "Астана, ул. Кенесары, 40",
        hours: "Понедельник–пятница, 9:00–18:30",
        head: "Даурен Серикович Жаксыбеков",
      },
      en: {
        write: "Write to this body",
        book: "Book a reception",
        address: "40 Kenesary St, Astana",
        hours: "Monday to Friday, 9:00 to 18:30",
        head: "Dauren Zhaksybekov",
      },
    };
    for (const lang of LANGS) {
      const res = await page(`/agencies/${SLUG}`, lang);
      expect(res.statusCode).toBe(200);
      const e = expected[lang];
      expect(res.body).toContain(
        `<a href="/appeals/new?body=${SLUG}" class="govuk-button">${e.write}</a>`,
      );
      expect(res.body).toContain(
        `<a href="/agencies/${SLUG}/reception" class="govuk-button govuk-button--secondary">${e.book}</a>`,
      );
      const contacts = res.body.slice(res.body.indexOf('id="contacts"'));
      for (const text of [e.address, e.hours, e.head]) expect(contacts).toContain(text);
      expect(await htmlProblems(res.body), lang).toEqual([]);
    }
    // A body that holds no receptions offers only writing to it.
    const maslikhat = await page("/agencies/baikonur-district-maslikhat", "en");
    expect(maslikhat.body).toContain("Write to this body");
    expect(maslikhat.body).not.toContain("Book a reception");
    // The API gives the same.
    const api = (await t.app.inject({ url: `/api/v1/agencies/${SLUG}` })).json();
    expect(api.head).toEqual({
      kk: expected.kk.head,
      ru: expected.ru.head,
      en: expected.en.head,
    });
    expect(api.hours.en).toContain(expected.en.hours);
  });

  it("shows the editors' freshness notice to the body's staff only, never to the public", async () => {
    const notice = "Out of date (not updated for 6 months): 2 of 6 sections. Not published: 1.";
    const anonymous = await page(`/agencies/${SLUG}`, "en");
    expect(anonymous.body).not.toContain(notice);
    expect(anonymous.body).not.toContain("govuk-warning-text");
    const citizen = await signInAs(t);
    expect((await page(`/agencies/${SLUG}`, "en", citizen)).body).not.toContain(notice);
    const otherBody = await signInAs(t, {
      grants: [{ role: "head", agencyId: "ag-yesil-akimat" }],
    });
    expect((await page(`/agencies/${SLUG}`, "en", otherBody)).body).not.toContain(notice);
    expect((await page(`/agencies/${SLUG}`, "en", head)).body).toContain(notice);
    // The anonymous page served again from the cache still has no notice.
    expect((await page(`/agencies/${SLUG}`, "en")).body).not.toContain(notice);
  });

  it("statistics take the period through date inputs, refuse a date that is not real in the reader's language, and name the months", async () => {
    const ok = await page(
      "/statistics/agencies/baikonur-district-akimat?from=2025-01-01&to=2025-03-31",
      "kk",
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toMatch(/<input[^>]*name="from"[^>]*type="date"[^>]*value="2025-01-01"/);
    expect(ok.body).toMatch(/<input[^>]*name="to"[^>]*type="date"[^>]*value="2025-03-31"/);
    expect(ok.body).not.toContain("2025-01-31");
    const trends = ok.body.slice(ok.body.indexOf('id="trends"'));
    for (const month of ["қаңтар 2025", "ақпан 2025", "наурыз 2025"]) {
      expect(trends).toContain(month);
    }
    expect(trends).not.toMatch(/>2025-0\d</);
    const ru = await page("/statistics?from=2025-01-01&to=2025-03-31", "ru");
    expect(ru.body).toContain("январь 2025");
    const en = await page("/statistics?from=2025-01-01&to=2025-03-31", "en");
    expect(en.body).toContain("January 2025");
    const errors = {
      kk: "Нақты күнді енгізіңіз",
      ru: "Введите существующую дату",
      en: "Enter a real date",
    };
    for (const lang of LANGS) {
      const bad = await page("/statistics?from=2025-02-30&to=2025-03-31", lang);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain(errors[lang]);
      // The input comes back empty (a date input holds only real dates), the error beside it.
      expect(bad.body).toMatch(/<input[^>]*name="from"[^>]*type="date"/);
      expect(bad.body).not.toContain('value="2025-02-30"');
      expect(await htmlProblems(bad.body), lang).toEqual([]);
      const participation = await page(`/agencies/${SLUG}/participation?from=2025-13-01`, lang);
      expect(participation.statusCode).toBe(400);
      expect(participation.body).toContain(errors[lang]);
    }
  });

  it.runIf(inThisBuild("survey"))(
    "the survey's button sends a rating, not an answer, in each language",
    () => {
      const words = { kk: "Бағамды жіберу", ru: "Отправить мою оценку", en: "Send my rating" };
      for (const lang of LANGS) {
        const catalogue = t.ctx.catalogues[lang];
        const tr = (key: string) => catalogue.get(key) ?? key;
        const html = render(
          h(
            Fragment,
            null,
            ...t.ctx.afterInteraction({
              t: tr,
              csrf: "x",
              interaction: "answer_read",
              returnTo: "/appeals",
            }),
          ),
        );
        expect(html).toContain(words[lang]);
        expect(html).not.toMatch(/Send the answer|Жауапты жіберу|Отправить ответ/);
      }
    },
  );

  it("the account page names the registered address, not its KATO code", async () => {
    const citizen = await signInAs(t);
    await t.ctx.db.kysely
      .updateTable("accounts")
      .set({ residence_code: "711410000" })
      .where("id", "=", citizen.accountId)
      .execute();
    const names = {
      kk: "Астана қаласы, Байқоңыр ауданы",
      ru: "город Астана, район «Байконур»",
      en: "Baikonur District, Astana",
    };
    for (const lang of LANGS) {
      const res = await page("/account", lang, citizen);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(names[lang]);
      expect(res.body).not.toContain("711410000");
    }
  });

  it("marks people's words in another language than the page with their lang", async () => {
    // Open dialogue: the demo's Russian questions on the Kazakh page, the Kazakh one on the Russian.
    const kk = await page(`/dialogue/${SLUG}`, "kk");
    expect(kk.body).toMatch(/<a[^>]*lang="ru"[^>]*>Когда отремонтируют дорогу/);
    const ru = await page(`/dialogue/${SLUG}`, "ru");
    expect(ru.body).toMatch(/<a[^>]*lang="kk"[^>]*>Аула маңындағы/);
    expect(ru.body).not.toMatch(/lang="ru"[^>]*>Когда/);
    // A public appeal: its text carries the language it was filed in, on another language's page.
    const appeal = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["number", "language"])
      .where("public", "=", 1)
      .executeTakeFirstOrThrow();
    const other = LANGS.find((l) => l !== appeal.language) as Locale;
    const shown = await page(`/appeals/public/${appeal.number}`, other);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`<div lang="${appeal.language}">`);
    const same = await page(`/appeals/public/${appeal.number}`, appeal.language as Locale);
    expect(same.body).not.toContain(`<div lang="${appeal.language}">`);
  });
});
