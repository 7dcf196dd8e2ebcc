import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentsDir } from "../../src/platform/files/fs-blob-store.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import {
  clientFor,
  csrfOf,
  JPEG,
  PDF,
  PNG,
  postMultipart,
  tempDataDir,
} from "./citizen-support.js";
import { getPage, postForm } from "./staff-support.js";
import { appealIn, type Cast, castFor, staff, step, YESIL } from "./support.js";

type Upload = { name: string; type: string; content: Buffer };

describe.each(testDialects())("the files of the body's answer (%s)", (dialect) => {
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
  const answerFiles = async (number: string) =>
    db()
      .selectFrom("appeal_attachments")
      .innerJoin("appeals", "appeals.id", "appeal_attachments.appeal_id")
      .select([
        "appeal_attachments.id",
        "appeal_attachments.file_name",
        "appeal_attachments.purpose",
        "appeal_attachments.uploaded_by_id",
        "appeal_attachments.sha256",
      ])
      .where("appeals.number", "=", number)
      .where("appeal_attachments.purpose", "=", "answer")
      .orderBy("appeal_attachments.created_at")
      .execute();

  /** Posts the case page's upload form as `who`, with the token of the page they were shown. */
  async function upload(who: SignedIn, number: string, file?: Upload, csrf?: string) {
    const client = clientFor(t, who);
    const page = await client.get(`/office/appeals/${number}`);
    return postMultipart(
      t,
      client,
      `/office/appeals/${number}/answer-files`,
      { _csrf: csrf ?? (csrfOf(page.body) || who.csrf) },
      file,
    );
  }
  const remove = (who: SignedIn, number: string, id: string) =>
    postForm(t, who, `/office/appeals/${number}/answer-files/${id}/remove`, {});
  const pdf = (name = "answer.pdf"): Upload => ({
    name,
    type: "application/pdf",
    content: Buffer.concat([PDF, randomBytes(16)]),
  });

  it("lets the assigned executor add a file, listed on the case page with its link", async () => {
    const number = await appealIn(t, cast, "in_progress");
    // While the answer is drafted its files are part of the answer form (staff-answer-form.test.ts).
    const page = await getPage(t, cast.executor, `/office/appeals/${number}`);
    expect(page.body).toContain(`action="/office/appeals/${number}/answer"`);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(await htmlProblems(page.body)).toEqual([]);

    const file = pdf("Ответ на обращение.pdf");
    const res = await upload(cast.executor, number, file);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(res.headers.location).toBe(`/office/appeals/${number}?file=added#answer-files`);
    const rows = await answerFiles(number);
    expect(rows).toEqual([
      expect.objectContaining({
        file_name: "Ответ на обращение.pdf",
        purpose: "answer",
        uploaded_by_id: cast.executor.accountId,
      }),
    ]);
    const sha = rows[0]?.sha256 ?? "";
    const stored = path.join(
      attachmentsDir(t.ctx.config.dataDir),
      sha.slice(0, 2),
      sha.slice(2, 4),
      sha,
    );
    expect(fs.readFileSync(stored).equals(file.content)).toBe(true);

    const after = await getPage(t, cast.executor, `/office/appeals/${number}?file=added`);
    expect(after.body).toContain("The file was added to the answer.");
    expect(after.body).toContain(`name="remove" type="checkbox" value="${rows[0]?.id}"`);
    expect(after.body).toContain(`/appeals/${number}/attachments/${rows[0]?.id}`);
    expect(await htmlProblems(after.body)).toEqual([]);
    const download = await t.app.inject({
      url: `/appeals/${number}/attachments/${rows[0]?.id}`,
      headers: { cookie: cast.executor.cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(file.content)).toBe(true);
  });

  it("lets the head add files while the draft waits for approval", async () => {
    const number = await appealIn(t, cast, "awaiting_approval");
    const res = await upload(cast.head, number, {
      name: "photo.png",
      type: "image/png",
      content: PNG,
    });
    expect(res.statusCode).toBe(303);
    expect((await answerFiles(number)).map((r) => r.uploaded_by_id)).toEqual([cast.head.accountId]);
  });

  it("refuses a registrar, an executor not assigned, and another body's staff, storing nothing", async () => {
    const number = await appealIn(t, cast, "in_progress");
    const registrar = await staff(t, "registrar");
    const otherExecutor = await staff(t, "executor");
    const otherBody = await staff(t, "head", YESIL);
    for (const who of [registrar, otherExecutor]) {
      const page = await getPage(t, who, `/office/appeals/${number}`);
      expect(page.status).toBe(200);
      expect(page.body).not.toContain("/answer-files");
      expect((await upload(who, number, pdf(), who.csrf)).statusCode).toBe(403);
      expect((await upload(who, number, undefined, who.csrf)).statusCode).toBe(403);
    }
    expect((await upload(otherBody, number, pdf(), otherBody.csrf)).statusCode).toBe(404);
    expect(await answerFiles(number)).toEqual([]);

    expect((await upload(cast.executor, number, pdf("kept.pdf"))).statusCode).toBe(303);
    const [kept] = await answerFiles(number);
    expect((await remove(registrar, number, kept?.id ?? "")).status).toBe(403);
    expect((await remove(otherExecutor, number, kept?.id ?? "")).status).toBe(403);
    expect((await remove(otherBody, number, kept?.id ?? "")).status).toBe(404);
    expect((await answerFiles(number)).map((r) => r.id)).toEqual([kept?.id]);
  });

  it("checks the CSRF token of the upload form", async () => {
    const number = await appealIn(t, cast, "in_progress");
    expect((await upload(cast.executor, number, pdf(), "forged")).statusCode).toBe(403);
    expect(await answerFiles(number)).toEqual([]);
  });

  it("refuses a file whose content is not a PDF, JPEG or PNG, whatever its name", async () => {
    // The separate upload form serves the head while the answer waits for approval.
    const number = await appealIn(t, cast, "awaiting_approval");
    const res = await upload(cast.head, number, {
      name: "answer.pdf",
      type: "application/pdf",
      content: Buffer.from("MZ\x90\x00 not really a document"),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<title>Error: /);
    expect(res.body).toContain('class="govuk-error-summary"');
    expect(res.body).toContain('href="#answer-file"');
    expect(res.body).toContain("The file must be a PDF, JPEG or PNG");
    expect(res.body).toContain('id="answer-file-error"');
    expect(await htmlProblems(res.body)).toEqual([]);
    // A web page, even one that starts like a PDF, gets its own message.
    const page = await upload(cast.head, number, {
      name: "answer.pdf",
      type: "application/pdf",
      content: Buffer.from("%PDF-1.4\n<html><script>alert(1)</script></html>"),
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain("The file contains web page, SVG, XML or script content");

    const none = await upload(cast.head, number);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("Choose a file to upload");
    expect(await answerFiles(number)).toEqual([]);
  });

  it("removes a file of the draft answer, and says so", async () => {
    const number = await appealIn(t, cast, "in_progress");
    await upload(cast.executor, number, pdf("first.pdf"));
    await upload(cast.executor, number, { name: "second.jpg", type: "image/jpeg", content: JPEG });
    const [first, second] = await answerFiles(number);
    const res = await remove(cast.executor, number, first?.id ?? "");
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/office/appeals/${number}?file=removed#answer-files`);
    expect((await answerFiles(number)).map((r) => r.file_name)).toEqual(["second.jpg"]);
    const page = await getPage(t, cast.executor, res.location ?? "");
    expect(page.body).toContain("The file was removed from the answer.");
    expect(page.body).not.toContain("first.pdf");
    expect((await remove(cast.executor, number, first?.id ?? "")).status).toBe(404);
    expect((await answerFiles(number)).map((r) => r.id)).toEqual([second?.id]);
    // Each change is audited, in the same transaction, but is not a step of the case's history.
    const audited = await db()
      .selectFrom("audit_events")
      .innerJoin("appeals", "appeals.id", "audit_events.subject_id")
      .select("audit_events.data")
      .where("appeals.number", "=", number)
      .where("audit_events.action", "=", "appeal.answer-files")
      .orderBy("audit_events.seq")
      .execute();
    expect(audited.map((a) => String(a.data))).toEqual([
      JSON.stringify({ added: [first?.id] }),
      JSON.stringify({ added: [second?.id] }),
      JSON.stringify({ removed: [first?.id] }),
    ]);
    expect(page.body).not.toContain("appeal.answer-files");
  });

  it("shows the applicant the answer's files only once the answer is sent, and then freezes them", async () => {
    const number = await appealIn(t, cast, "in_progress");
    await upload(cast.executor, number, pdf("decision.pdf"));
    const [file] = await answerFiles(number);
    const link = `/appeals/${number}/attachments/${file?.id}`;
    const fetchAs = (who: SignedIn) => t.app.inject({ url: link, headers: { cookie: who.cookie } });

    await step(t, cast.executor, number, "answer", { outcome: "explained", text: "The answer." });
    expect((await fetchAs(cast.applicant)).statusCode).toBe(404);
    const before = await getPage(t, cast.applicant, `/appeals/${number}`);
    expect(before.status).toBe(200);
    expect(before.body).not.toContain("decision.pdf");

    await step(t, cast.head, number, "approve");
    const download = await fetchAs(cast.applicant);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    const after = await getPage(t, cast.applicant, `/appeals/${number}`);
    expect(after.body).toContain("decision.pdf");
    expect(after.body).toContain(link);

    const page = await getPage(t, cast.executor, `/office/appeals/${number}`);
    expect(page.body).not.toContain("/answer-files");
    expect((await upload(cast.executor, number, pdf(), cast.executor.csrf)).statusCode).toBe(409);
    expect((await remove(cast.executor, number, file?.id ?? "")).status).toBe(409);
    expect((await answerFiles(number)).map((r) => r.id)).toEqual([file?.id]);
  });

  it("is translated in every language", async () => {
    const number = await appealIn(t, cast, "in_progress");
    for (const lang of ["kk", "ru", "en"]) {
      const page = await getPage(t, cast.executor, `/office/appeals/${number}`, lang);
      expect(page.body).toContain('id="answer-files-title"');
      expect(page.body).not.toMatch(/appeals\.staff\.answer_files\./);
    }
  });
});
