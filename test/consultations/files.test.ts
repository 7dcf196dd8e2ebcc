import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepAttachmentStore } from "../../src/capabilities/appeals/jobs/drafts-cleanup.js";
import { attachmentsDir, blobPath } from "../../src/platform/files/fs-blob-store.js";
import { attachmentSettings } from "../../src/platform/files/settings.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import { api, citizen, draftForm, get, moveTo, post, resume, staff, YESIL } from "./support.js";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]);
const unique = (head: Buffer) => Buffer.concat([head, randomBytes(32)]);

interface Upload {
  name: string;
  content: Buffer;
}

/** A multipart form as a browser without scripts sends it: the fields, then the file. */
async function postFiles(
  t: TestApp,
  who: SignedIn,
  url: string,
  fields: Record<string, string>,
  file?: Upload,
  opts: { csrf?: boolean; lang?: string } = {},
) {
  const boundary = `----halyq${randomBytes(8).toString("hex")}`;
  const all = opts.csrf === false ? fields : { _csrf: who.csrf, ...fields };
  const parts: Buffer[] = Object.entries(all).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      file.content,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: "POST",
    url,
    headers: {
      cookie: `${who.cookie}; halyq_lang=${opts.lang ?? "en"}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
}

describe.each(testDialects())("files of draft acts on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let executor: SignedIn;
  let moderator: SignedIn;
  let otherHead: SignedIn;
  let alice: SignedIn;
  let id: string;
  let pdfId: string;
  const annex = unique(PDF);
  const db = () => t.ctx.db.kysely;
  const filesOf = (consultationId: string) =>
    db()
      .selectFrom("consultation_files")
      .selectAll()
      .where("consultation_id", "=", consultationId)
      .orderBy("version")
      .orderBy("created_at")
      .execute();
  const drafts = async () =>
    Number(
      (
        await db()
          .selectFrom("consultations")
          .select((eb) => eb.fn.countAll<number | string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audit = (action: string) =>
    db()
      .selectFrom("audit_events")
      .selectAll()
      .where("subject_id", "=", id)
      .where("action", "=", action)
      .execute();

  beforeAll(async () => {
    t = await startTestApp(dialect, {
      now: "2025-03-19T05:00:00Z",
      env: { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "halyq-consultation-files-")) },
    });
    head = await staff(t, "head");
    executor = await staff(t, "executor");
    moderator = await staff(t, "moderator");
    otherHead = await staff(t, "head", YESIL);
    alice = await citizen(t);
  });
  afterAll(async () => t?.close());

  it("publishes a draft with a PDF: listed on the public page, downloadable, in the API", async () => {
    const res = await postFiles(t, head, "/office/consultations", draftForm(), {
      name: "Annex 1 — tariffs.pdf",
      content: annex,
    });
    expect(res.statusCode).toBe(303);
    id = /\/office\/consultations\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1] ?? "";
    const rows = await filesOf(id);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    if (!row) throw new Error("no file row");
    pdfId = row.id;
    expect(row).toMatchObject({
      version: 1,
      file_name: "Annex 1 — tariffs.pdf",
      media_type: "application/pdf",
      uploaded_by_id: head.accountId,
    });
    expect(Number(row.size)).toBe(annex.length);
    const published = await audit("consultation.published");
    expect(JSON.stringify(published[0]?.data)).toContain(row.sha256);

    const page = await get(t, null, `/consultations/${id}`);
    expect(page.body).toContain("Documents");
    expect(page.body).toContain(`href="/consultations/${id}/files/${pdfId}"`);
    expect(page.body).toContain("Annex 1 — tariffs.pdf");
    expect(page.body).toMatch(/\(PDF, 1 KB\)/);

    const download = await t.app.inject({ url: `/consultations/${id}/files/${pdfId}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(download.headers["content-disposition"])).toMatch(
      /^attachment; filename="Annex 1 _ tariffs\.pdf"; filename\*=UTF-8''Annex%201%20%E2%80%94%20tariffs\.pdf$/,
    );
    expect(download.rawPayload.equals(annex)).toBe(true);

    const json = await api(t, null, "GET", `/api/v1/consultations/${id}`);
    expect(json.status).toBe(200);
    expect(json.json.files).toEqual([
      {
        id: pdfId,
        fileName: "Annex 1 — tariffs.pdf",
        mediaType: "application/pdf",
        size: annex.length,
        sha256: row.sha256,
        url: `http://localhost:3000/consultations/${id}/files/${pdfId}`,
      },
    ]);
  });

  it("answers 404 for a file that does not exist or belongs to another draft", async () => {
    const other = await postFiles(t, head, "/office/consultations", draftForm());
    expect(other.statusCode).toBe(303);
    const otherId = /([0-9a-f-]{36})/.exec(String(other.headers.location))?.[1] ?? "";
    for (const url of [
      `/consultations/${id}/files/00000000-0000-4000-8000-000000000000`,
      `/consultations/${id}/files/not-a-uuid`,
      `/consultations/${otherId}/files/${pdfId}`,
    ]) {
      expect((await t.app.inject({ url })).statusCode).toBe(404);
    }
    expect((await api(t, null, "GET", `/api/v1/consultations/${otherId}`)).json.files).toEqual([]);
  });

  it("refuses a file whose content is not a PDF, JPEG or PNG, and publishes nothing", async () => {
    const before = await drafts();
    const res = await postFiles(t, head, "/office/consultations", draftForm(), {
      name: "looks-like.pdf",
      content: Buffer.from("MZ\x90\x00 not really a document"),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("govuk-error-summary");
    expect(res.body).toContain('href="#file"');
    expect(res.body).toContain("The file must be a PDF, JPEG or PNG");
    expect(res.body).toContain("Standard of a state service");
    expect(await drafts()).toBe(before);
  });

  it("refuses an HTML or SVG file disguised as a PDF, in every language, and publishes nothing", async () => {
    const before = await drafts();
    for (const [name, content] of [
      ["report.html", "<html><!-- %PDF-1.4 --><body><script>alert(1)</script></body></html>"],
      [
        "passwd.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><!-- %PDF-1.4 --><script>alert(1)</script></svg>',
      ],
      ["annex.pdf", "%PDF-1.4\n<html><script>alert(1)</script></html>"],
    ] as const) {
      const res = await postFiles(t, head, "/office/consultations", draftForm(), {
        name,
        content: Buffer.from(content),
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("web page, SVG, XML or script content");
    }
    const ru = await postFiles(
      t,
      head,
      "/office/consultations",
      draftForm(),
      { name: "a.pdf", content: Buffer.from("%PDF-1.7\n<svg onload=alert(1)>") },
      { lang: "ru" },
    );
    expect(ru.statusCode).toBe(400);
    expect(ru.body).toContain("Файл содержит веб-страницу, SVG, XML или скрипт");
    expect(await drafts()).toBe(before);
  });

  it("refuses a file over the limit, whether the form arrives whole or is cut off", async () => {
    const before = await drafts();
    const justOver = Buffer.concat([PDF, Buffer.alloc(attachmentSettings.maxBytes)]);
    const over = await postFiles(t, head, "/office/consultations", draftForm(), {
      name: "big.pdf",
      content: justOver,
    });
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain("The file must be smaller than 10 MB");
    const huge = Buffer.concat([PDF, Buffer.alloc(attachmentSettings.maxBytes + 3 * 1048576)]);
    const cut = await postFiles(t, head, "/office/consultations", draftForm(), {
      name: "huge.pdf",
      content: huge,
    });
    expect(cut.statusCode).toBe(400);
    expect(cut.body).toContain("The file must be smaller than 10 MB");
    expect(cut.body).toContain("Standard of a state service");
    expect(await drafts()).toBe(before);
    const onPage = await postFiles(
      t,
      head,
      `/office/consultations/${id}/files`,
      {},
      {
        name: "big.pdf",
        content: justOver,
      },
    );
    expect(onPage.statusCode).toBe(400);
    expect(onPage.body).toContain('href="#draft-file"');
    expect(await filesOf(id)).toHaveLength(1);
  });

  it("refuses a multipart form without its CSRF token", async () => {
    const res = await postFiles(
      t,
      head,
      `/office/consultations/${id}/files`,
      {},
      { name: "x.png", content: unique(PNG) },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(await filesOf(id)).toHaveLength(1);
  });

  it("lets the body's executor add and remove files while the window is open, audited", async () => {
    const png = unique(PNG);
    const added = await postFiles(
      t,
      executor,
      `/office/consultations/${id}/files`,
      {},
      {
        name: "map.png",
        content: png,
      },
    );
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`/office/consultations/${id}?done=file_added#files`);
    const rows = await filesOf(id);
    expect(rows.map((r) => r.media_type)).toEqual(["application/pdf", "image/png"]);
    const pngRow = rows[1];
    if (!pngRow) throw new Error("no png row");
    expect((await audit("consultation.file_added"))[0]?.actor_id).toBe(executor.accountId);
    const office = await get(t, executor, `/office/consultations/${id}?done=file_added`);
    expect(office.body).toContain("The document was added.");
    expect(office.body).toContain(`/office/consultations/${id}/files/${pngRow.id}/remove`);

    const nothing = await postFiles(t, executor, `/office/consultations/${id}/files`, {});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain("Choose a file to upload");

    const removed = await post(
      t,
      executor,
      `/office/consultations/${id}/files/${pngRow.id}/remove`,
      {},
    );
    expect(removed.statusCode).toBe(303);
    expect((await filesOf(id)).map((r) => r.id)).toEqual([pdfId]);
    const removal = await audit("consultation.file_removed");
    expect(removal).toHaveLength(1);
    expect(JSON.stringify(removal[0]?.data)).toContain(pngRow.sha256);
    expect(
      (await t.app.inject({ url: `/consultations/${id}/files/${pngRow.id}` })).statusCode,
    ).toBe(404);
    const again = await post(
      t,
      executor,
      `/office/consultations/${id}/files/${pngRow.id}/remove`,
      {},
    );
    expect(again.statusCode).toBe(404);
  });

  it("refuses more files than a version may have", async () => {
    for (let i = 1; i < attachmentSettings.maxFiles; i++) {
      const res = await postFiles(
        t,
        head,
        `/office/consultations/${id}/files`,
        {},
        {
          name: `annex-${i}.pdf`,
          content: unique(PDF),
        },
      );
      expect(res.statusCode).toBe(303);
    }
    const full = await get(t, head, `/office/consultations/${id}`);
    expect(full.body).toContain("the most it can have");
    const res = await postFiles(
      t,
      head,
      `/office/consultations/${id}/files`,
      {},
      {
        name: "one-too-many.pdf",
        content: unique(PDF),
      },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("A version can have up to 5 documents");
    const rows = await filesOf(id);
    expect(rows).toHaveLength(attachmentSettings.maxFiles);
    for (const row of rows.slice(1)) {
      expect(
        (await post(t, head, `/office/consultations/${id}/files/${row.id}/remove`, {})).statusCode,
      ).toBe(303);
    }
  });

  it("refuses citizens, other bodies' staff and moderators", async () => {
    const file = () => ({ name: "x.pdf", content: unique(PDF) });
    expect(
      (await postFiles(t, alice, `/office/consultations/${id}/files`, {}, file())).statusCode,
    ).toBe(404);
    expect(
      (await post(t, alice, `/office/consultations/${id}/files/${pdfId}/remove`, {})).statusCode,
    ).toBe(404);
    for (const who of [otherHead, moderator]) {
      expect(
        (await postFiles(t, who, `/office/consultations/${id}/files`, {}, file())).statusCode,
      ).toBe(403);
      expect(
        (await post(t, who, `/office/consultations/${id}/files/${pdfId}/remove`, {})).statusCode,
      ).toBe(403);
    }
    const office = await get(t, moderator, `/office/consultations/${id}`);
    expect(office.statusCode).toBe(200);
    expect(office.body).not.toContain("/remove");
    expect(office.body).not.toContain('type="file"');
    const other = await postFiles(t, otherHead, "/office/consultations", draftForm(), file());
    expect(other.statusCode).toBe(403);
    expect((await filesOf(id)).map((r) => r.id)).toEqual([pdfId]);
  });

  it("pages with files are valid HTML in kk, ru and en", async () => {
    const bad = { name: "bad.pdf", content: Buffer.from("plain text") };
    for (const lang of ["kk", "ru", "en"]) {
      const pages = [
        await get(t, null, `/consultations/${id}`, lang),
        await get(t, alice, `/consultations/${id}`, lang),
        await get(t, head, `/office/consultations/${id}?done=file_added`, lang),
        await get(t, moderator, `/office/consultations/${id}`, lang),
        await get(t, head, "/office/consultations/new", lang),
        await postFiles(t, head, `/office/consultations/${id}/files`, {}, bad, { lang }),
        await postFiles(t, head, "/office/consultations", draftForm(), bad, { lang }),
      ];
      for (const page of pages) {
        expect(page.headers["content-type"]).toContain("text/html");
        expect(await htmlProblems(page.body)).toEqual([]);
      }
      expect(pages[5]?.statusCode).toBe(400);
      expect(pages[6]?.statusCode).toBe(400);
    }
  });

  it("once the window closes, files can no longer be added or removed", async () => {
    moveTo(t, "2025-04-08");
    head = await resume(t, head);
    const add = await postFiles(
      t,
      head,
      `/office/consultations/${id}/files`,
      {},
      {
        name: "late.pdf",
        content: unique(PDF),
      },
    );
    expect(add.statusCode).toBe(409);
    expect(add.body).toContain("its documents can no longer change");
    const remove = await post(t, head, `/office/consultations/${id}/files/${pdfId}/remove`, {});
    expect(remove.statusCode).toBe(409);
    expect((await filesOf(id)).map((r) => r.id)).toEqual([pdfId]);
    const office = await get(t, head, `/office/consultations/${id}`);
    expect(office.body).toContain("only while the discussion is open");
    expect(office.body).not.toContain(`/files/${pdfId}/remove`);
    expect(await htmlProblems(office.body)).toEqual([]);
  });

  it("a new version carries the last version's files over, with any new one", async () => {
    expect((await post(t, head, `/office/consultations/${id}/report`, {})).statusCode).toBe(303);
    const form = await get(t, head, `/office/consultations/${id}/versions/new`);
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(await htmlProblems(form.body)).toEqual([]);
    const res = await postFiles(
      t,
      head,
      `/office/consultations/${id}/versions`,
      { text_en: "One.\n\nTwo.", note: "Shorter" },
      { name: "annex-2.png", content: unique(PNG) },
    );
    expect(res.statusCode).toBe(303);
    const rows = await filesOf(id);
    expect(rows.map((r) => [r.version, r.file_name])).toEqual([
      [1, "Annex 1 — tariffs.pdf"],
      [2, "Annex 1 — tariffs.pdf"],
      [2, "annex-2.png"],
    ]);
    const json = await api(t, null, "GET", `/api/v1/consultations/${id}`);
    expect(json.json.files.map((f: { fileName: string }) => f.fileName)).toEqual([
      "Annex 1 — tariffs.pdf",
      "annex-2.png",
    ]);
    expect((await t.app.inject({ url: `/consultations/${id}/files/${pdfId}` })).statusCode).toBe(
      200,
    );
  });

  it("the attachment sweep keeps the content a draft uses and removes it once unreferenced", async () => {
    const dir = attachmentsDir(t.ctx.config.dataDir);
    const rows = await filesOf(id);
    const old = new Date("2025-01-01T00:00:00Z");
    for (const row of rows) fs.utimesSync(blobPath(dir, row.sha256), old, old);
    const orphan = unique(PDF);
    const orphanRow = await postFiles(
      t,
      head,
      `/office/consultations/${id}/files`,
      {},
      {
        name: "orphan.pdf",
        content: orphan,
      },
    );
    expect(orphanRow.statusCode).toBe(303);
    const added = (await filesOf(id)).find((r) => r.file_name === "orphan.pdf");
    if (!added) throw new Error("no orphan row");
    expect(
      (await post(t, head, `/office/consultations/${id}/files/${added.id}/remove`, {})).statusCode,
    ).toBe(303);
    fs.utimesSync(blobPath(dir, added.sha256), old, old);

    const swept = await sweepAttachmentStore(t.ctx);
    expect(swept.files).toBeGreaterThanOrEqual(1);
    for (const row of rows) expect(fs.existsSync(blobPath(dir, row.sha256))).toBe(true);
    expect(fs.existsSync(blobPath(dir, added.sha256))).toBe(false);
    const download = await t.app.inject({ url: `/consultations/${id}/files/${pdfId}` });
    expect(download.rawPayload.equals(annex)).toBe(true);
  });
});
