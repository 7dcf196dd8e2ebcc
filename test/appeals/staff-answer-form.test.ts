import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { postAnswer, type Upload } from "./answer-support.js";
import { JPEG, PDF, tempDataDir } from "./citizen-support.js";
import { getPage } from "./staff-support.js";
import { appealIn, type Cast, castFor, staff, step, YESIL } from "./support.js";

const pdf = (name: string): Upload => ({
  name,
  type: "application/pdf",
  content: Buffer.concat([PDF, randomBytes(16)]),
});

describe.each(testDialects())(
  "the answer in one form, with its files and its draft (%s)",
  (dialect) => {
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
    const appealId = async (number: string) =>
      (await findAppealByNumber(db(), number))?.id ?? "missing";
    const draftOf = async (number: string) =>
      db()
        .selectFrom("appeal_answer_drafts")
        .selectAll()
        .where("appeal_id", "=", await appealId(number))
        .executeTakeFirst();
    const answerFiles = async (number: string) =>
      db()
        .selectFrom("appeal_attachments")
        .select(["id", "file_name"])
        .where("appeal_id", "=", await appealId(number))
        .where("purpose", "=", "answer")
        .orderBy("created_at")
        .orderBy("file_name")
        .execute();
    const audits = async (number: string, action: string) =>
      db()
        .selectFrom("audit_events")
        .select(["action", "data"])
        .where("subject_id", "=", await appealId(number))
        .where("action", "=", action)
        .execute();

    const typed = {
      outcome: "satisfied",
      basis: "APPK art. 89",
      text: "The lamps in the yard will be replaced by 14 April.",
      language: "kk",
    };

    it("offers one multipart form with the fields, the files and two buttons", async () => {
      const number = await appealIn(t, cast, "in_progress");
      const page = await getPage(t, cast.executor, `/office/appeals/${number}`);
      expect(page.body).toContain(`action="/office/appeals/${number}/answer"`);
      expect(page.body).toContain('enctype="multipart/form-data"');
      expect(page.body).toMatch(/name="intent" value="save"/);
      expect(page.body).toMatch(/name="intent" value="send"/);
      expect(page.body).toContain('id="answer-file"');
      // The separate upload form is gone while the answer can be drafted.
      expect(page.body).not.toContain(`action="/office/appeals/${number}/answer-files"`);
      expect(await htmlProblems(page.body)).toEqual([]);
    });

    it("keeps the typed answer when a file is uploaded, and lists the file", async () => {
      const number = await appealIn(t, cast, "in_progress");
      const res = await postAnswer(t, cast.executor, number, { ...typed, intent: "save" }, [
        pdf("Ответ.pdf"),
      ]);
      expect(res.status, res.body.slice(0, 300)).toBe(303);
      expect(res.location).toBe(`/office/appeals/${number}?draft=saved#action-answer`);
      expect(await draftOf(number)).toMatchObject({
        outcome: "satisfied",
        basis: "APPK art. 89",
        text: typed.text,
        language: "kk",
        saved_by_id: cast.executor.accountId,
      });
      expect((await answerFiles(number)).map((f) => f.file_name)).toEqual(["Ответ.pdf"]);
      const page = await getPage(t, cast.executor, res.location ?? "");
      expect(page.body).toContain("The draft answer was saved.");
      expect(page.body).toContain(typed.text);
      expect(page.body).toContain("APPK art. 89");
      expect(page.body).toMatch(/<details class="govuk-details" id="action-answer" open/);
      expect(page.body).toContain("Ответ.pdf");
      expect(page.body).toMatch(/Draft saved at \d\d:\d\d/);
      expect(await htmlProblems(page.body)).toEqual([]);
      // The appeal itself is unchanged until the answer is sent.
      expect(await findAppealByNumber(db(), number)).toMatchObject({
        status: "in_progress",
        answer_text: null,
      });
      const saved = await audits(number, "appeal.answer-draft");
      expect(saved).toHaveLength(1);
      // Saving a draft is not a step of the appeal's history.
      expect(page.body).not.toContain("appeal.answer-draft");
    });

    it("keeps everything typed when the answer fails its checks, and says what is wrong", async () => {
      const number = await appealIn(t, cast, "in_progress");
      const res = await postAnswer(
        t,
        cast.executor,
        number,
        { basis: "APPK art. 91", text: "", language: "kk", intent: "send" },
        [pdf("decision.pdf")],
      );
      expect(res.status).toBe(400);
      expect(res.body).toContain('class="govuk-error-summary"');
      expect(res.body).toContain('href="#answer-outcome"');
      expect(res.body).toContain('href="#answer-text"');
      expect(res.body).toContain("APPK art. 91");
      expect(res.body).toContain("decision.pdf");
      expect(await htmlProblems(res.body)).toEqual([]);
      expect(await draftOf(number)).toMatchObject({ basis: "APPK art. 91", text: null });
      expect((await answerFiles(number)).map((f) => f.file_name)).toEqual(["decision.pdf"]);
      expect((await findAppealByNumber(db(), number))?.status).toBe("in_progress");
    });

    it("keeps the text when a file is refused, naming the file's problem", async () => {
      const number = await appealIn(t, cast, "in_progress");
      const res = await postAnswer(t, cast.executor, number, { ...typed, intent: "send" }, [
        {
          name: "virus.pdf",
          type: "application/pdf",
          content: Buffer.from("MZ\x90\x00 not a pdf"),
        },
      ]);
      expect(res.status).toBe(400);
      expect(res.body).toContain('href="#answer-file"');
      expect(res.body).toContain("The file must be a PDF, JPEG or PNG");
      expect(res.body).toContain(typed.text);
      expect(await draftOf(number)).toMatchObject({ text: typed.text });
      expect(await answerFiles(number)).toEqual([]);
      // Not sent: the file the executor meant to send with it was refused.
      expect((await findAppealByNumber(db(), number))?.status).toBe("in_progress");
    });

    it("removes the ticked files and adds new ones in the same submit", async () => {
      const number = await appealIn(t, cast, "in_progress");
      await postAnswer(t, cast.executor, number, { ...typed, intent: "save" }, [
        pdf("first.pdf"),
        { name: "second.jpg", type: "image/jpeg", content: JPEG },
      ]);
      const [first, second] = await answerFiles(number);
      const res = await postAnswer(
        t,
        cast.executor,
        number,
        { ...typed, text: "Changed text.", remove: [first?.id ?? ""], intent: "save" },
        [pdf("third.pdf")],
      );
      expect(res.status).toBe(303);
      expect((await answerFiles(number)).map((f) => f.file_name).sort()).toEqual([
        "second.jpg",
        "third.pdf",
      ]);
      expect(await draftOf(number)).toMatchObject({ text: "Changed text." });
      const [entry] = (await audits(number, "appeal.answer-draft")).slice(-1);
      expect(JSON.stringify(entry?.data)).toContain(first?.id ?? "missing");
      expect(second).toBeDefined();
    });

    it("sends the draft for approval with its files, and then drops the draft", async () => {
      const number = await appealIn(t, cast, "in_progress");
      await postAnswer(t, cast.executor, number, { ...typed, intent: "save" }, [pdf("a.pdf")]);
      const res = await postAnswer(t, cast.executor, number, { ...typed, intent: "send" });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/office/appeals/${number}?done=answer`);
      expect(await findAppealByNumber(db(), number)).toMatchObject({
        status: "awaiting_approval",
        answer_outcome: "satisfied",
        answer_text: typed.text,
        answer_language: "kk",
      });
      expect(await draftOf(number)).toBeUndefined();
      expect((await answerFiles(number)).map((f) => f.file_name)).toEqual(["a.pdf"]);
    });

    it("keeps no draft once the answer is sent, so a sent-back answer shows what was sent", async () => {
      const number = await appealIn(t, cast, "in_progress");
      await postAnswer(t, cast.executor, number, { ...typed, intent: "send" });
      const late = await t.app.inject({
        method: "POST",
        url: `/office/appeals/${number}/answer-draft`,
        headers: {
          cookie: cast.executor.cookie,
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: new URLSearchParams({ _csrf: cast.executor.csrf, text: "Late keys" }).toString(),
      });
      expect(late.statusCode).toBe(409);
      expect(await draftOf(number)).toBeUndefined();
      await step(t, cast.head, number, "send-back", { reason: "Add the repair schedule." });
      const page = await getPage(t, cast.executor, `/office/appeals/${number}`);
      expect(page.body).toContain(typed.text);
      expect(page.body).not.toContain("Late keys");
    });

    it("keeps the answer language to the state language or the appeal's", async () => {
      const number = await appealIn(t, cast, "in_progress");
      const res = await postAnswer(t, cast.executor, number, {
        ...typed,
        language: "en",
        intent: "send",
      });
      expect(res.status).toBe(400);
      expect(res.body).toContain('href="#answer-language"');
      expect((await findAppealByNumber(db(), number))?.status).toBe("in_progress");
    });

    it("saves the text typed with scripts, and answers with the time", async () => {
      const number = await appealIn(t, cast, "in_progress");
      const res = await t.app.inject({
        method: "POST",
        url: `/office/appeals/${number}/answer-draft`,
        headers: {
          cookie: cast.executor.cookie,
          "content-type": "application/x-www-form-urlencoded",
          "accept-language": "ru",
        },
        payload: new URLSearchParams({ _csrf: cast.executor.csrf, text: "Черновик" }).toString(),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        saved: true,
        message: expect.stringMatching(/^Черновик сохранён в \d\d:\d\d$/),
      });
      expect(await draftOf(number)).toMatchObject({ text: "Черновик" });
      const forged = await t.app.inject({
        method: "POST",
        url: `/office/appeals/${number}/answer-draft`,
        headers: {
          cookie: cast.executor.cookie,
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: new URLSearchParams({ _csrf: "forged", text: "Другое" }).toString(),
      });
      expect(forged.statusCode).toBe(403);
      expect(await draftOf(number)).toMatchObject({ text: "Черновик" });
    });

    it("refuses a draft from anyone who may not answer, saving nothing (fails closed)", async () => {
      const number = await appealIn(t, cast, "in_progress");
      const registrar = await staff(t, "registrar");
      const otherExecutor = await staff(t, "executor");
      const otherBody = await staff(t, "head", YESIL);
      const analyst = await staff(t, "analyst");
      for (const who of [registrar, otherExecutor, analyst]) {
        expect(
          (await postAnswer(t, who, number, { ...typed, intent: "save" }, [pdf("x.pdf")])).status,
        ).toBe(403);
        const autosave = await t.app.inject({
          method: "POST",
          url: `/office/appeals/${number}/answer-draft`,
          headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams({ _csrf: who.csrf, text: "x" }).toString(),
        });
        expect(autosave.statusCode).toBe(403);
      }
      expect((await postAnswer(t, otherBody, number, { ...typed, intent: "save" })).status).toBe(
        404,
      );
      expect(
        (await postAnswer(t, cast.applicant, number, { ...typed, intent: "save" })).status,
      ).toBe(404);
      expect(
        (await postAnswer(t, cast.executor, number, typed, [], { csrf: "forged" })).status,
      ).toBe(403);
      expect(await draftOf(number)).toBeUndefined();
      expect(await answerFiles(number)).toEqual([]);
      // Once sent, the draft is closed: the answer is the head's to approve or send back.
      const sent = await appealIn(t, cast, "awaiting_approval");
      expect((await postAnswer(t, cast.executor, sent, { ...typed, intent: "save" })).status).toBe(
        409,
      );
      expect(await draftOf(sent)).toBeUndefined();
    });
  },
);
