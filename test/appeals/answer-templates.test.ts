import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { formatDate } from "../../src/web/format.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import { postAnswer } from "./answer-support.js";
import { tempDataDir } from "./citizen-support.js";
import { getPage, postForm, untranslated } from "./staff-support.js";
import { appealIn, BAIKONUR, type Cast, castFor, staff, YESIL } from "./support.js";

const BASE = "/office/answer-templates";

describe.each(testDialects())("a body's response templates (%s)", (dialect) => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { DATA_DIR: tempDataDir() } });
    cast = await castFor(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.ctx.db.kysely;
  const templates = (agencyId = BAIKONUR) =>
    db()
      .selectFrom("appeal_answer_templates")
      .selectAll()
      .where("agency_id", "=", agencyId)
      .orderBy("created_at")
      .execute();
  const audits = (id: string) =>
    db()
      .selectFrom("audit_events")
      .select("action")
      .where("subject_type", "=", "appeal_answer_template")
      .where("subject_id", "=", id)
      .orderBy("seq")
      .execute()
      .then((rows) => rows.map((r) => r.action));
  async function create(who: SignedIn, fields: Record<string, string>) {
    return postForm(t, who, BASE, { agency: BAIKONUR, ...fields });
  }

  it("lets the head add, change and delete a template, each audited", async () => {
    const page = await getPage(t, cast.head, `${BASE}/new`, "ru");
    expect(page.status).toBe(200);
    expect(await htmlProblems(page.body)).toEqual([]);
    expect(page.body).toContain("{applicant}");

    const res = await create(cast.head, {
      title: "Разъяснение",
      text_kk: "Құрметті {applicant}!",
      text_ru: "Уважаемый(ая) {applicant}!",
    });
    expect(res.status, res.body.slice(0, 300)).toBe(303);
    const [row] = (await templates()).filter((x) => x.title === "Разъяснение");
    expect(row).toMatchObject({ text_kk: "Құрметті {applicant}!", text_en: null });
    const list = await getPage(t, cast.head, res.location ?? "", "ru");
    expect(list.body).toContain("Шаблон ответа сохранён.");
    expect(list.body).toContain("Разъяснение");
    expect(await htmlProblems(list.body)).toEqual([]);

    const changed = await postForm(t, cast.head, `${BASE}/${row?.id}`, {
      title: "Разъяснение порядка",
      text_ru: "Текст",
    });
    expect(changed.status).toBe(303);
    expect(await templates()).toContainEqual(
      expect.objectContaining({ id: row?.id, title: "Разъяснение порядка", text_kk: null }),
    );
    const deleted = await postForm(t, cast.head, `${BASE}/${row?.id}/delete`, {});
    expect(deleted.status).toBe(303);
    expect((await templates()).map((x) => x.id)).not.toContain(row?.id);
    expect(await audits(row?.id ?? "")).toEqual([
      "appeal.template-create",
      "appeal.template-update",
      "appeal.template-delete",
    ]);
  });

  it("refuses a template without a title or text, or with an unknown placeholder, saving nothing", async () => {
    const before = (await templates()).length;
    const empty = await create(cast.head, { title: "", text_kk: "" });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('href="#template-title"');
    expect(empty.body).toContain('href="#template-text_kk"');
    expect(await htmlProblems(empty.body)).toEqual([]);
    const unknown = await create(cast.head, { title: "X", text_ru: "Здравствуйте, {имя}!" });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain("{имя}");
    expect(unknown.body).toContain("Здравствуйте, {имя}!");
    expect((await templates()).length).toBe(before);
  });

  it("lets an administrator of the body and Halyq's administrator manage them too", async () => {
    const bodyAdmin = await staff(t, "admin");
    const systemAdmin = await signInAs(t, { grants: [{ role: "admin", agencyId: null }] });
    for (const who of [bodyAdmin, systemAdmin]) {
      expect((await getPage(t, who, `${BASE}?agency=${BAIKONUR}`)).status).toBe(200);
      expect((await create(who, { title: "By an admin", text_kk: "Мәтін" })).status).toBe(303);
    }
  });

  it("fails closed for everyone else", async () => {
    await create(cast.head, { title: "Kept", text_kk: "Мәтін" });
    const [kept] = (await templates()).filter((x) => x.title === "Kept");
    const id = kept?.id ?? "";
    const otherHead = await staff(t, "head", YESIL);
    const denied: [SignedIn, number][] = [
      [cast.executor, 403],
      [await staff(t, "registrar"), 403],
      [await staff(t, "analyst"), 403],
      [otherHead, 404],
    ];
    for (const [who, status] of denied) {
      if (status === 403) {
        expect((await getPage(t, who, BASE)).status).toBe(403);
        expect((await getPage(t, who, `${BASE}/new`)).status).toBe(403);
      }
      expect((await create(who, { title: "Intruder", text_kk: "Мәтін" })).status).toBe(403);
      expect((await getPage(t, who, `${BASE}/${id}`)).status).toBe(status);
      expect(
        (await postForm(t, who, `${BASE}/${id}`, { title: "Changed", text_kk: "x" })).status,
      ).toBe(status);
      expect((await postForm(t, who, `${BASE}/${id}/delete`, {})).status).toBe(status);
    }
    // The other body's head manages only their own body's templates.
    expect((await getPage(t, otherHead, `${BASE}?agency=${BAIKONUR}`)).status).toBe(403);
    expect((await getPage(t, otherHead, BASE)).status).toBe(200);
    const citizen = await getPage(t, cast.applicant, BASE);
    expect(citizen.status).toBe(404);
    const forged = await t.app.inject({
      method: "POST",
      url: `${BASE}/${id}/delete`,
      headers: { cookie: cast.head.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "_csrf=forged",
    });
    expect(forged.statusCode).toBe(403);
    expect(await templates()).toContainEqual(expect.objectContaining({ id, title: "Kept" }));
    expect((await templates()).map((x) => x.title)).not.toContain("Intruder");
    expect(await templates(YESIL)).toEqual([]);
  });

  it("is translated in every language", async () => {
    for (const lang of ["kk", "ru", "en"]) {
      for (const url of [BASE, `${BASE}/new`]) {
        const page = await getPage(t, cast.head, url, lang);
        expect(page.status).toBe(200);
        expect(untranslated(page.body)).toEqual([]);
      }
    }
  });

  it("fills a chosen template into the draft, in the answer's language, keeping what was typed", async () => {
    await create(cast.head, {
      title: "Ответ с реквизитами",
      text_kk: "{applicant}, № {number} өтініш ({date}), {body}. Орындаушы: {executor}.",
      text_ru: "{applicant}, обращение № {number} от {date}, {body}. Исполнитель: {executor}.",
    }).then((r) => expect(r.status).toBe(303));
    const template = (await templates()).find((x) => x.title === "Ответ с реквизитами");
    const number = await appealIn(t, cast, "in_progress");
    const row = await findAppealByNumber(db(), number);
    const page = await getPage(t, cast.executor, `/office/appeals/${number}`, "ru");
    expect(page.body).toContain("Ответ с реквизитами");
    expect(page.body).toMatch(/name="intent" value="insert"/);

    const res = await postAnswer(
      t,
      cast.executor,
      number,
      {
        basis: "АППК, статья 89",
        text: "Начало ответа.",
        language: "kk",
        template: template?.id ?? "",
        intent: "insert",
      },
      [],
      { lang: "ru" },
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/office/appeals/${number}?draft=inserted#action-answer`);
    const draft = await db()
      .selectFrom("appeal_answer_drafts")
      .selectAll()
      .where("appeal_id", "=", row?.id ?? "")
      .executeTakeFirst();
    expect(draft?.basis).toBe("АППК, статья 89");
    expect(draft?.language).toBe("kk");
    const text = draft?.text ?? "";
    expect(text.startsWith("Начало ответа.\n\n")).toBe(true);
    expect(text).toContain(`№ ${number} өтініш`);
    expect(text).toContain(formatDate(row?.registered_on ?? "", "kk", "long"));
    expect(text).toContain("Байқоңыр");
    expect(text).toContain(row?.applicant_name ?? "missing");
    expect(text).toMatch(/Орындаушы: \S+/);
    expect(text).not.toContain("{executor}");
    const shown = await getPage(t, cast.executor, res.location ?? "", "ru");
    expect(shown.body).toContain("Текст шаблона добавлен в черновик ответа.");
    expect(shown.body).toContain("АППК, статья 89");

    // Without a template chosen, the draft is kept and the page says to choose one.
    const none = await postAnswer(t, cast.executor, number, {
      text: "Другой текст",
      template: "",
      intent: "insert",
    });
    expect(none.status).toBe(400);
    expect(none.body).toContain('href="#answer-template"');
    expect(none.body).toContain("Другой текст");
    // Another body's template is no template here.
    const yesilHead = await staff(t, "head", YESIL);
    await postForm(t, yesilHead, BASE, { agency: YESIL, title: "Чужой", text_ru: "Чужой текст" });
    const [foreign] = await templates(YESIL);
    const other = await postAnswer(t, cast.executor, number, {
      text: "Текст",
      template: foreign?.id ?? "",
      intent: "insert",
    });
    expect(other.status).toBe(400);
  });
});
