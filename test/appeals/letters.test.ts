import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAgency } from "../../src/capabilities/agencies/index.js";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { makeTestCa, opensslVerifies } from "../documents/test-ca.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { FormClient } from "../support/forms.js";
import { htmlProblems } from "../support/html.js";
import { postMultipart, tempDataDir } from "./citizen-support.js";
import { getPage, untranslated } from "./staff-support.js";
import { api, appealIn, type Cast, CITY, castFor, citizen, staff, step, YESIL } from "./support.js";

describe.each(testDialects())("signed answers and letters (%s)", (dialect) => {
  const ca = makeTestCa();
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp(dialect, {
      env: {
        DATA_DIR: tempDataDir(),
        SIGNING_P12_DIR: ca.dir,
        SIGNING_P12_PASSWORD: ca.password,
      },
    });
    cast = await castFor(t);
    // The Baikonur akimat has its own key; the Yesil akimat has none.
    const body = await findAgency(t.ctx.db.kysely, cast.agencyId);
    ca.issue(body?.slug ?? "", "Baikonur district akimat");
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(ca.dir, { recursive: true, force: true });
  });

  const letters = (number: string) =>
    t.ctx.db.kysely
      .selectFrom("document_signatures")
      .selectAll()
      .where("subject_ref", "=", number)
      .orderBy("number")
      .execute();
  const download = async (who: { cookie: string }, url: string) => {
    const res = await t.app.inject({ url, headers: { cookie: who.cookie } });
    return { status: res.statusCode, body: res.rawPayload, headers: res.headers };
  };

  it("signs the approved answer's letter: openssl verifies it with the body's CA, the page says who signed", async () => {
    const number = await appealIn(t, cast, "awaiting_approval");
    await step(t, cast.head, number, "approve");
    const [doc] = await letters(number);
    expect(doc).toMatchObject({
      number: `${number}/1`,
      kind: "answer",
      provider: "pkcs12",
      demo_key: 0,
      signer_account_id: cast.head.accountId,
      signer_name: "S. Test",
    });
    expect(doc?.certificate_subject).toContain("CN=Baikonur district akimat");

    // The case page lists it with its files; they download as the stored bytes.
    const page = await getPage(t, cast.head, `/office/appeals/${number}`);
    expect(page.body).toContain("Outgoing letters");
    expect(page.body).toContain(`ref. No. ${number}/1`);
    const pdf = await download(cast.head, `/office/appeals/${number}/letters/1/letter.pdf`);
    const p7s = await download(cast.head, `/office/appeals/${number}/letters/1/signature.p7s`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["cache-control"]).toContain("no-store");
    expect(p7s.status).toBe(200);
    expect(opensslVerifies(p7s.body, pdf.body, ca.caFile)).toBe(true);
    const changed = Buffer.from(pdf.body);
    changed.writeUInt8(changed.readUInt8(100) ^ 0x01, 100);
    expect(opensslVerifies(p7s.body, changed, ca.caFile)).toBe(false);
    // The letter carries the QR code of its verification page, and that page as a link.
    const text = pdf.body.toString("latin1");
    expect(text).toContain("/Subtype /Image");
    expect(text).toContain(
      `http://localhost:3000/verify?number=${encodeURIComponent(`${number}/1`)}`,
    );

    // The public page, with no one signed in: by number, and by the file.
    const visitor = new FormClient(t, "en");
    const byNumber = await visitor.get(`/verify?number=${encodeURIComponent(`${number}/1`)}`);
    expect(byNumber.statusCode).toBe(200);
    expect(byNumber.body).toContain("The signature is valid");
    expect(byNumber.body).toContain("S. Test");
    // The position as the Kazakh letter prints it, marked as Kazakh on the English page.
    expect(byNumber.body).toContain('<span lang="kk">Басшы</span>');
    expect(byNumber.body).toContain("CN=Baikonur district akimat");
    const form = await visitor.get("/verify");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? "";
    const upload = (content: Buffer) =>
      postMultipart(
        t,
        visitor,
        "/verify",
        { _csrf: csrf },
        {
          name: "letter.pdf",
          type: "application/pdf",
          content,
        },
      );
    const good = await upload(pdf.body);
    expect(good.statusCode).toBe(200);
    expect(good.body).toContain("The signature is valid");
    const bad = await upload(changed);
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain("No such document");
    expect(bad.body).not.toContain("The signature is valid");
  });

  it("says a letter whose stored file no longer matches is not valid", async () => {
    const number = await appealIn(t, cast, "awaiting_approval");
    await step(t, cast.head, number, "approve");
    const [doc] = await letters(number);
    // Another content stored under the letter's record: the hash check fails.
    await t.ctx.db.kysely
      .updateTable("document_signatures")
      .set({ signature_sha256: doc?.document_sha256 ?? null })
      .where("number", "=", `${number}/1`)
      .execute();
    const res = await getPage(t, null, `/verify?number=${encodeURIComponent(`${number}/1`)}`);
    expect(res.body).toContain("The signature is not valid");
  });

  it("issues a signed letter for each notice a paper applicant must get", async () => {
    const number = await appealIn(t, cast, "in_progress");
    await step(t, cast.head, number, "request-correction", { note: "Give the house number." });
    const [doc] = await letters(number);
    expect(doc).toMatchObject({ kind: "correction_requested", provider: "pkcs12" });
    const pdf = await download(cast.head, `/office/appeals/${number}/letters/1/letter.pdf`);
    const p7s = await download(cast.head, `/office/appeals/${number}/letters/1/signature.p7s`);
    expect(opensslVerifies(p7s.body, pdf.body, ca.caFile)).toBe(true);
  });

  it("approves the answer of a body with no key, unsigned, and says so", async () => {
    const yesil = await castFor(t, YESIL);
    const number = await appealIn(t, yesil, "awaiting_approval");
    const before = await getPage(t, yesil.head, `/office/appeals/${number}`);
    expect(before.body).toContain("No electronic signature key is set up for the body");
    await step(t, yesil.head, number, "approve");
    const [doc] = await letters(number);
    expect(doc).toMatchObject({ kind: "answer", signature_sha256: null, provider: null });
    const page = await getPage(t, yesil.head, `/office/appeals/${number}`);
    expect(page.body).toContain("Issued without an electronic signature");
    expect(page.body).not.toContain("signature.p7s");
    expect(
      (await download(yesil.head, `/office/appeals/${number}/letters/1/signature.p7s`)).status,
    ).toBe(404);
    const res = await getPage(t, null, `/verify?number=${encodeURIComponent(`${number}/1`)}`);
    expect(res.body).toContain("The document has no electronic signature");
  });

  it("refuses to approve while the body's key cannot be opened, and says why", async () => {
    const city = await castFor(t, CITY);
    const body = await findAgency(t.ctx.db.kysely, CITY);
    fs.writeFileSync(`${ca.dir}/${body?.slug}.p12`, "not a key file");
    const number = await appealIn(t, city, "awaiting_approval");
    const page = await getPage(t, city.head, `/office/appeals/${number}`);
    expect(page.body).toContain("cannot be opened");
    const res = await api(t, city.head, "POST", `/api/v1/appeals/${number}/approve`, {});
    expect(res.status).toBe(409);
    expect((await findAppealByNumber(t.ctx.db.kysely, number))?.status).toBe("awaiting_approval");
    expect(await letters(number)).toEqual([]);
  });

  it("gives the letters only to the staff of the body that holds the appeal", async () => {
    const number = await appealIn(t, cast, "awaiting_approval");
    await step(t, cast.head, number, "approve");
    const url = `/office/appeals/${number}/letters/1/letter.pdf`;
    expect((await download(cast.executor, url)).status).toBe(200);
    const other = await staff(t, "head", YESIL);
    expect((await download(other, url)).status).toBe(404);
    expect((await download(cast.applicant, url)).status).not.toBe(200);
    expect((await download({ cookie: "" }, url)).status).not.toBe(200);
    expect(
      (await download(cast.head, `/office/appeals/${number}/letters/9/letter.pdf`)).status,
    ).toBe(404);
  });

  it("gives the applicant their own letters from their appeal's page, and nobody else", async () => {
    const number = await appealIn(t, cast, "awaiting_approval");
    await step(t, cast.head, number, "approve");
    const page = await getPage(t, cast.applicant, `/appeals/${number}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="/appeals/${number}/letters/1/letter.pdf"`);
    expect(page.body).toContain(`href="/appeals/${number}/letters/1/signature.p7s"`);
    expect(await htmlProblems(page.body), "applicant's page").toEqual([]);
    expect(untranslated(page.body)).toEqual([]);
    const pdf = await download(cast.applicant, `/appeals/${number}/letters/1/letter.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["cache-control"]).toContain("no-store");
    expect(pdf.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const p7s = await download(cast.applicant, `/appeals/${number}/letters/1/signature.p7s`);
    expect(p7s.status).toBe(200);
    expect(opensslVerifies(p7s.body, pdf.body, ca.caFile)).toBe(true);
    // Another citizen, staff of another body and a visitor get nothing.
    const stranger = await citizen(t);
    const url = `/appeals/${number}/letters/1/letter.pdf`;
    expect((await download(stranger, url)).status).toBe(404);
    expect((await download(await staff(t, "head", YESIL), url)).status).toBe(404);
    expect((await download({ cookie: "" }, url)).status).not.toBe(200);
    const strangersPage = await getPage(t, stranger, `/appeals/${number}`);
    expect(strangersPage.body).not.toContain("/letters/1/letter.pdf");
  });

  it("writes valid HTML for the verification page and the case page's letters, in every language", async () => {
    if (dialect !== "sqlite") return;
    const number = await appealIn(t, cast, "awaiting_approval");
    await step(t, cast.head, number, "approve");
    const q = encodeURIComponent(`${number}/1`);
    for (const lang of ["kk", "ru", "en"]) {
      for (const url of [
        "/verify",
        `/verify?number=${q}`,
        "/verify?number=ZZZ-1%2F1",
        "/verify?number=x",
      ]) {
        const res = await getPage(t, null, url, lang);
        expect(await htmlProblems(res.body), `${url} ${lang}`).toEqual([]);
      }
      const page = await getPage(t, cast.head, `/office/appeals/${number}`, lang);
      expect(await htmlProblems(page.body), `case ${lang}`).toEqual([]);
      expect(untranslated(page.body)).toEqual([]);
    }
  });

  it("checks what the verification page is given", async () => {
    const visitor = new FormClient(t, "ru");
    const wrong = await visitor.get("/verify?number=%3Cscript%3E");
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("Введите исходящий номер так, как он указан в письме");
    const unknown = await visitor.get("/verify?number=ZZZ-2026-0001%2F1");
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain("Документ не найден");
    const form = await visitor.get("/verify");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? "";
    const none = await postMultipart(t, visitor, "/verify", { _csrf: csrf });
    expect(none.statusCode).toBe(400);
    const png = await postMultipart(
      t,
      visitor,
      "/verify",
      { _csrf: csrf },
      {
        name: "x.pdf",
        type: "application/pdf",
        content: Buffer.from("GIF89a not a pdf"),
      },
    );
    expect(png.statusCode).toBe(400);
    const forged = await postMultipart(
      t,
      visitor,
      "/verify",
      { _csrf: "forged" },
      {
        name: "x.pdf",
        type: "application/pdf",
        content: Buffer.from("%PDF-1.7"),
      },
    );
    expect(forged.statusCode).toBe(403);
  });
});
