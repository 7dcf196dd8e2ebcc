import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as agencyCodes from "../../src/capabilities/agencies/migrations/2026-12-07T1300-agency-codes.js";
import * as shortNumbers from "../../src/capabilities/appeals/migrations/2026-12-07T1301-short-numbers.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { agency } from "../support/factories.js";
import { signInAs } from "../support/sessions.js";
import {
  clientFor,
  csrfOf,
  fileThroughPages,
  PDF,
  postMultipart,
  tempDataDir,
} from "./citizen-support.js";
import { getPage, postForm } from "./staff-support.js";
import { api, BAIKONUR, castFor, staff, step } from "./support.js";

describe.each(testDialects())("the front door of appeals (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { DATA_DIR: tempDataDir() } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const row = (number: string) =>
    t.ctx.db.kysely
      .selectFrom("appeals")
      .selectAll()
      .where("number", "=", number)
      .executeTakeFirstOrThrow();

  /** A draft on the Kazakh interface, past the kind and the body. */
  async function draftOn(client: ReturnType<typeof clientFor>): Promise<string> {
    const start = await client.submit("/appeals/new", "/appeals/new", { kind: "statement" });
    const draft = String(start.headers.location).replace(/\/where$/, "");
    await client.submit(`${draft}/where`, `${draft}/where`, { agencyId: BAIKONUR });
    return draft;
  }

  it("numbers an appeal with the body's short code, the year and a sequence", async () => {
    const client = clientFor(t, await signInAs(t));
    const { number } = await fileThroughPages(t, client);
    expect(number).toMatch(/^BKA-2025-\d{4}$/);
    const slip = await client.get(`/appeals/${number}/slip?new=1`);
    expect(slip.body).toContain(`<strong>${number}</strong>`);
    // Typed in small letters, it still finds the appeal, and the address shows the real number.
    const lower = await client.get(`/appeals/${number.toLowerCase()}`);
    expect(lower.statusCode).toBe(301);
    expect(lower.headers.location).toBe(`/appeals/${number}`);
  });

  it("gives each new body a unique code of its own", async () => {
    const a = await agency(t, { slug: "zhana-district-akimat" });
    const b = await agency(t, { slug: "zhana-district-maslikhat" });
    const c = await agency(t, { slug: "zhana-district-akimat-2" });
    const codes = [a.code, b.code, c.code];
    for (const code of codes) expect(code).toMatch(/^[A-Z0-9]{2,4}$/);
    expect(new Set(codes).size).toBe(3);
    const all = await t.ctx.db.kysely.selectFrom("agencies").select("code").execute();
    expect(new Set(all.map((r) => r.code)).size).toBe(all.length);
  });

  it("gives existing appeals short numbers in the migration; old numbers and links still work", async () => {
    const me = await signInAs(t);
    const client = clientFor(t, me);
    const { number } = await fileThroughPages(t, client);
    const db = t.ctx.db.kysely;
    const seq = Number(number.split("-")[2]);
    const old = `BAIKONUR-DISTRICT-AKIMAT-2025-${String(seq).padStart(6, "0")}`;
    // The database as it was before short numbers: the number was the body's slug.
    await shortNumbers.down(db as never);
    await sql`UPDATE appeals SET number = ${old} WHERE number = ${number}`.execute(db);
    await shortNumbers.up(db as never);

    const migrated = await row(number);
    expect(migrated.legacy_number).toBe(old);
    // An old link moves to the page at the short number; the API and Open311 answer to both.
    const page = await client.get(`/appeals/${old}`);
    expect(page.statusCode).toBe(301);
    expect(page.headers.location).toBe(`/appeals/${number}`);
    const slip = await client.get(`/appeals/${old}/slip`);
    expect(slip.headers.location).toBe(`/appeals/${number}/slip`);
    const byApi = await api(t, me, "GET", `/api/v1/appeals/${old}`);
    expect(byApi.status).toBe(200);
    expect(byApi.json.number).toBe(number);
    const open311 = await t.app.inject({
      url: `/open311/v2/requests/${old}.json`,
    });
    expect(open311.statusCode).toBe(200);
    expect(JSON.parse(open311.body)[0].service_request_id).toBe(number);
    // Staff find it by either number, and their page moves to the short one too.
    const head = await staff(t, "head");
    const inbox = await getPage(t, head, `/office/appeals?q=${old}`);
    expect(inbox.body).toContain(`/office/appeals/${number}"`);
    const casePage = await getPage(t, head, `/office/appeals/${old}`);
    expect(casePage.status).toBe(301);
    expect(casePage.location).toBe(`/office/appeals/${number}`);
  });

  it("asks the appeal's language; a Russian appeal on the Kazakh interface is Russian and answered in Russian", async () => {
    const cast = await castFor(t);
    const client = clientFor(t, cast.applicant, "kk");
    const draft = await draftOn(client);
    const details = await client.get(`${draft}/details`);
    // Nothing is chosen for the person, whatever the interface's language.
    expect(details.body).toMatch(/name="language"/);
    expect(details.body).not.toMatch(/name="language"[^>]*checked/);
    const fields = {
      subject: "Аулада жарық жоқ",
      text: "В нашем дворе третью неделю не горят фонари.",
      address: "",
    };
    const missing = await client.submit(`${draft}/details`, `${draft}/details`, fields);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("Өтініш қай тілде жазылғанын таңдаңыз");
    const sent = await client.submit(`${draft}/details`, `${draft}/details`, {
      ...fields,
      language: "ru",
    });
    expect(sent.statusCode).toBe(303);
    const filed = await client.submit(`${draft}/check`, `${draft}/check`, {});
    expect(filed.statusCode).toBe(303);
    const number = decodeURIComponent(
      /^\/appeals\/([^/]+)\/slip/.exec(filed.headers.location as string)?.[1] ?? "",
    );
    expect((await row(number)).language).toBe("ru");

    await step(t, cast.head, number, "assign", { executorId: cast.executor.accountId });
    // The executor's form offers the appeal's language and the state language, the first chosen.
    const form = await getPage(t, cast.executor, `/office/appeals/${number}`, "kk");
    const radios = [...form.body.matchAll(/<input[^>]*name="language"[^>]*>/g)].map((m) => m[0]);
    expect(radios.map((r) => /value="(\w+)"/.exec(r)?.[1]).sort()).toEqual(["kk", "ru"]);
    expect(radios.find((r) => r.includes('value="ru"'))).toContain("checked");
    const answered = await postForm(
      t,
      cast.executor,
      `/office/appeals/${number}/answer`,
      { outcome: "explained", text: "Фонари заменят до конца месяца.", language: "ru" },
      "kk",
    );
    expect(answered.status).toBe(303);
    expect((await row(number)).answer_language).toBe("ru");
  });

  it("tells the person a duplicate joined their earlier appeal, with its number and due date, dated in the body's zone", async () => {
    // 01:30 in Astana on 20 March is still 19 March in UTC.
    t.clock.set("2025-03-19T20:30:00Z");
    try {
      const client = clientFor(t, await signInAs(t));
      const subject = "Сломанная скамейка у реки";
      const first = await fileThroughPages(t, client, { subject });
      const second = await fileThroughPages(t, client, { subject });
      const earlier = await row(first.number);
      const joined = await row(second.number);
      expect(joined.status).toBe("attached");

      const slip = await client.get(`/appeals/${second.number}/slip?new=1`);
      expect(slip.body).toContain("Appeal added to your earlier appeal");
      const due = new Intl.DateTimeFormat("en-GB", {
        day: "numeric",
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      }).format(new Date(`${earlier.due_on}T00:00:00Z`));
      expect(slip.body).toContain(
        `It is the same as your appeal ${first.number}, so it was added to that appeal. You will get one answer, by ${due}.`,
      );
      expect(slip.body).toContain(`href="/appeals/${first.number}"`);
      expect(slip.body).not.toContain("Appeal sent");

      const page = await client.get(`/appeals/${second.number}`);
      expect(page.body).toContain(`your appeal ${first.number}`);
      const closed = /Closed\s*<\/dt>\s*<dd[^>]*>\s*([^<:]+):/.exec(page.body)?.[1]?.trim();
      expect(closed).toBe("20 March 2025");
    } finally {
      t.clock.set("2025-03-19T05:00:00Z");
    }
  });

  it("uploads a chosen file when the person presses Continue, and says so when it cannot", async () => {
    const me = await signInAs(t);
    const client = clientFor(t, me);
    const draft = await draftOn(client);
    await client.submit(`${draft}/details`, `${draft}/details`, {
      subject: "Pothole",
      text: "A deep pothole at the crossing.",
      language: "en",
    });
    const page = await client.get(`${draft}/files`);
    // Continue is a submit button of the upload form, not a link past it.
    expect(page.body).toMatch(
      /<form[^>]*enctype="multipart\/form-data"[\s\S]*type="file"[\s\S]*name="action" value="continue"[\s\S]*<\/form>/,
    );
    expect(page.body).not.toContain(`href="${draft}/check"`);
    const res = await postMultipart(
      t,
      client,
      `${draft}/files`,
      { _csrf: csrfOf(page.body), action: "continue" },
      { name: "pothole.pdf", type: "application/pdf", content: PDF },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${draft}/check`);
    expect((await client.get(`${draft}/check`)).body).toContain("pothole.pdf");

    // A file that cannot be kept stops Continue with the reason, and nothing is stored.
    const fake = await postMultipart(
      t,
      client,
      `${draft}/files`,
      { _csrf: csrfOf(page.body), action: "continue" },
      { name: "photo.png", type: "image/png", content: Buffer.from("not an image at all") },
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('class="govuk-error-summary"');
    const files = await t.ctx.db.kysely
      .selectFrom("appeal_attachments")
      .select("file_name")
      .where("draft_id", "=", draft.split("/").pop() ?? "")
      .execute();
    expect(files.map((f) => f.file_name)).toEqual(["pothole.pdf"]);

    // Continue with no file chosen simply goes on.
    const none = await postMultipart(t, client, `${draft}/files`, {
      _csrf: csrfOf(page.body),
      action: "continue",
    });
    expect(none.statusCode).toBe(303);
    expect(none.headers.location).toBe(`${draft}/check`);
  });

  it("counts the subject's characters and refuses a long one in the person's language, never cutting it", async () => {
    const client = clientFor(t, await signInAs(t), "ru");
    const draft = await draftOn(client);
    const page = await client.get(`${draft}/details`);
    const subject = /<input[^>]*id="subject"[^>]*>/.exec(page.body)?.[0] ?? "";
    expect(subject).not.toContain("maxlength");
    expect(page.body).toMatch(/data-module="govuk-character-count" data-maxlength="200"/);
    const long = "Я".repeat(201);
    const res = await client.submit(`${draft}/details`, `${draft}/details`, {
      subject: long,
      text: "Текст обращения.",
      language: "ru",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Не более 200 символов, вы ввели 201");
    expect(res.body).toContain(long);
    const saved = await t.ctx.db.kysely
      .selectFrom("appeal_drafts")
      .select("data")
      .where("id", "=", draft.split("/").pop() ?? "")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(saved.data).subject).toBeUndefined();
  });

  it("tells staff the appeal waits for the applicant's correction, in their words", async () => {
    const cast = await castFor(t);
    const { number } = await api(t, cast.applicant, "POST", "/api/v1/appeals", {
      kind: "statement",
      agencyId: BAIKONUR,
      subject: "Нет света во дворе",
      text: "Третью неделю не горят фонари во дворе дома.",
    }).then((r) => r.json as { number: string });
    await step(t, cast.head, number, "request-correction", { note: "Укажите адрес" });
    const expected = {
      ru: "Ожидает исправлений заявителя",
      kk: "Өтініш берушінің түзетуін күтуде",
      en: "Waiting for the applicant's correction",
    };
    for (const [lang, text] of Object.entries(expected)) {
      const inbox = await getPage(t, cast.head, "/office/appeals?status=awaiting_correction", lang);
      expect(inbox.body).toContain(text);
      expect(inbox.body).not.toContain(
        {
          ru: "Ожидает ваших исправлений",
          kk: "Түзетуіңізді күтуде",
          en: "Waiting for your correction",
        }[lang as "ru"],
      );
    }
  });

  it("gives bodies already in the directory a short code in the migration", async () => {
    const db = t.ctx.db.kysely;
    await shortNumbers.down(db as never);
    await agencyCodes.down(db as never);
    await agencyCodes.up(db as never);
    await shortNumbers.up(db as never);
    const codes = await db.selectFrom("agencies").select(["slug", "code"]).execute();
    for (const c of codes) expect(c.code).toMatch(/^[A-Z0-9]{2,4}$/);
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    expect(codes.find((c) => c.slug === "baikonur-district-akimat")?.code).toBe("BDA");
  });
});
