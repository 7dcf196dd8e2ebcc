import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  readAppealAttachment,
  storeAttachment,
} from "../../src/capabilities/appeals/attachments/attachments.js";
import { sha256Of } from "../../src/platform/files/blob-store.js";
import { contentDisposition } from "../../src/platform/files/download.js";
import { attachmentsDir, readBlob, writeBlob } from "../../src/platform/files/fs-blob-store.js";
import { cleanFileName } from "../../src/platform/files/incoming.js";
import { downloadName, sniffMediaType } from "../../src/platform/files/sniff.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { JPEG, PDF, PNG, tempDataDir } from "./citizen-support.js";
import { citizen, file } from "./support.js";

describe("attachment content and names", () => {
  it("recognises PDF, JPEG and PNG by their first bytes and nothing else", () => {
    expect(sniffMediaType(PDF)).toBe("application/pdf");
    expect(sniffMediaType(JPEG)).toBe("image/jpeg");
    expect(sniffMediaType(PNG)).toBe("image/png");
    expect(sniffMediaType(Buffer.from("GIF89a......"))).toBeNull();
    expect(sniffMediaType(Buffer.from("<html><script>alert(1)</script>"))).toBeNull();
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e]))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });

  it("keeps file names free of folders and control characters, and short", () => {
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("C:\\Users\\me\\scan.pdf")).toBe("scan.pdf");
    expect(cleanFileName('a"b<c>\u0000d.pdf')).toBe("abcd.pdf");
    expect(cleanFileName("..")).toBe("file");
    const long = cleanFileName(`${"ж".repeat(300)}.pdf`);
    expect(long.length).toBe(150);
    expect(long.endsWith(".pdf")).toBe(true);
  });

  it("cuts a long name between characters and drops invisible and direction-changing ones", () => {
    const emoji = cleanFileName(`x${"😀".repeat(200)}.pdf`);
    expect(emoji.endsWith(".pdf")).toBe(true);
    expect(emoji.length).toBeLessThanOrEqual(150);
    expect(emoji).toBe(emoji.normalize());
    expect(/\p{Cs}/u.test(emoji)).toBe(false);
    // The download of such a name is named, not a server error.
    expect(() => contentDisposition(downloadName(emoji, "application/pdf"))).not.toThrow();
    expect(cleanFileName("invoice\u202egpj.pdf")).toBe("invoicegpj.pdf");
    expect(cleanFileName("a\u2066b\u2069\u200e\u200f\u200b\ufeffc\u2028d\u0085.pdf")).toBe(
      "abcd.pdf",
    );
    // A name stored before this check is downloaded without them too.
    expect(downloadName("invoice\u202egpj.exe", "image/png")).toBe("invoicegpj.png");
    expect(downloadName("a\r\nSet-Cookie: x.html", "application/pdf")).toBe("aSet-Cookie: x.pdf");
  });

  it("names the download safely for every browser", () => {
    expect(contentDisposition('Жалоба "1".pdf')).toBe(
      `attachment; filename="______ _1_.pdf"; filename*=UTF-8''${encodeURIComponent('Жалоба "1".pdf')}`,
    );
  });

  it("stores content once under its checksum, leaves no temporary file, and detects tampering", async () => {
    const dir = attachmentsDir(tempDataDir());
    const first = await writeBlob(dir, PDF);
    const again = await writeBlob(dir, PDF);
    expect(first).toBe(sha256Of(PDF));
    expect(again).toBe(first);
    const folder = path.join(dir, first.slice(0, 2), first.slice(2, 4));
    expect(fs.readdirSync(folder)).toEqual([first]);
    expect(await readBlob(dir, first)).toEqual({ kind: "ok", buffer: PDF });
    fs.writeFileSync(path.join(folder, first), Buffer.from("changed"));
    expect(await readBlob(dir, first)).toEqual({ kind: "corrupt" });
    await writeBlob(dir, PDF);
    expect(await readBlob(dir, first)).toEqual({ kind: "ok", buffer: PDF });
    expect(await readBlob(dir, "0".repeat(64))).toEqual({ kind: "missing" });
  });
});

describe.each(testDialects())("storing attachments (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { DATA_DIR: tempDataDir() } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses an empty file and a wrong type without writing a row", async () => {
    const me = await citizen(t);
    const { number } = await file(t, me);
    const appeal = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select("id")
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    const base = { uploadedBy: me.accountId, purpose: "appeal" as const, appealId: appeal.id };
    const empty = await storeAttachment(t.ctx, {
      ...base,
      buffer: Buffer.alloc(0),
      fileName: "a.pdf",
    });
    expect(empty).toEqual({
      kind: "invalid",
      issues: [{ field: "file", key: "appeals.attachments.error.empty" }],
    });
    const text = await storeAttachment(t.ctx, {
      ...base,
      buffer: Buffer.from("plain text"),
      fileName: "a.pdf",
    });
    expect(text.kind).toBe("invalid");
    const rows = await t.ctx.db.kysely
      .selectFrom("appeal_attachments")
      .select("id")
      .where("appeal_id", "=", appeal.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it("reports a stored file that went missing as a server error, not as its bytes", async () => {
    const me = await citizen(t);
    const { number } = await file(t, me);
    const appeal = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select("id")
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    const content = Buffer.concat([JPEG, Buffer.from(`missing-${dialect}`)]);
    const stored = await storeAttachment(t.ctx, {
      buffer: content,
      fileName: "x.jpg",
      uploadedBy: me.accountId,
      purpose: "appeal",
      appealId: appeal.id,
    });
    if (stored.kind !== "ok") throw new Error(stored.kind);
    const principal = {
      kind: "citizen" as const,
      accountId: me.accountId,
      secondFactor: false,
      grants: [],
    };
    const read = await readAppealAttachment(t.ctx, principal, number, stored.value.id);
    expect(read?.buffer.equals(content)).toBe(true);
    const sha = stored.value.sha256;
    fs.rmSync(
      path.join(attachmentsDir(t.ctx.config.dataDir), sha.slice(0, 2), sha.slice(2, 4), sha),
    );
    await expect(readAppealAttachment(t.ctx, principal, number, stored.value.id)).rejects.toThrow(
      "INTERNAL",
    );
  });

  it("cuts off a multipart body far over the limit with 413", async () => {
    const me = await citizen(t);
    const res = await t.app.inject({
      method: "POST",
      url: "/appeals/new",
      headers: {
        cookie: me.cookie,
        "content-type": "multipart/form-data; boundary=xyz",
        "content-length": String(200 * 1024 * 1024),
      },
      payload: "--xyz--\r\n",
    });
    expect(res.statusCode).toBe(413);
  });
});
