import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectFile } from "../../src/platform/files/incoming.js";
import { downloadName, hasActiveContent, sniffMediaType } from "../../src/platform/files/sniff.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { signInAs } from "../support/sessions.js";
import {
  clientFor,
  csrfOf,
  fileThroughPages,
  JPEG,
  PDF,
  PNG,
  postMultipart,
  tempDataDir,
} from "./citizen-support.js";
import { BAIKONUR, staff } from "./support.js";

/** The two polyglots of the security review (F2), and a few more of the kind. */
const POLYGLOTS: { name: string; content: Buffer }[] = [
  {
    name: "report<img src=x onerror=alert(1)>.html",
    content: Buffer.from(
      "<html><!-- %PDF-1.4 --><body><script>alert(document.domain)</script></body></html>",
    ),
  },
  {
    name: "../../../etc/passwd.svg",
    content: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><!-- %PDF-1.4 --><script>alert(1)</script></svg>',
    ),
  },
  { name: "scan.pdf", content: Buffer.from("%PDF-1.4\n<HTML><BODY onload=alert(1)>") },
  { name: "scan.pdf", content: Buffer.from("%PDF-1.4\n<?xml version='1.0'?><svg/>") },
  {
    name: "photo.jpg",
    content: Buffer.concat([JPEG.subarray(0, 4), Buffer.from("<!DOCTYPE html>")]),
  },
  {
    name: "photo.png",
    content: Buffer.concat([PNG.subarray(0, 8), Buffer.from("<iframe src=x>")]),
  },
  { name: "link.pdf", content: Buffer.from("%PDF-1.4\n/URI (JavaScript:alert(1))") },
  { name: "utf16.pdf", content: Buffer.from("%PDF-1.4\n<\0s\0c\0r\0i\0p\0t\0>\0", "latin1") },
];

describe("files are judged by their leading bytes", () => {
  it("takes a PDF only with %PDF- at offset 0", () => {
    expect(sniffMediaType(PDF)).toBe("application/pdf");
    expect(sniffMediaType(Buffer.concat([Buffer.from(" "), PDF]))).toBeNull();
    expect(sniffMediaType(Buffer.from("junk junk %PDF-1.4"))).toBeNull();
    expect(sniffMediaType(JPEG)).toBe("image/jpeg");
    expect(sniffMediaType(PNG)).toBe("image/png");
  });

  it("refuses web page, SVG, XML and script content, also behind a PDF or image signature", () => {
    for (const p of POLYGLOTS) {
      expect(hasActiveContent(p.content), p.name).toBe(true);
      expect(inspectFile(p.content), p.name).toEqual({ ok: false, problem: "active_content" });
    }
    for (const ok of [PDF, JPEG, PNG]) expect(inspectFile(ok).ok).toBe(true);
  });

  it("names a download by the detected type, not the uploaded extension", () => {
    expect(downloadName("report.html", "application/pdf")).toBe("report.pdf");
    expect(downloadName("passwd.svg", "image/png")).toBe("passwd.png");
    expect(downloadName("photo.JPEG", "image/jpeg")).toBe("photo.jpg");
    expect(downloadName("scan", "application/pdf")).toBe("scan.pdf");
    expect(downloadName("archive.tar.gz", "application/pdf")).toBe("archive.tar.pdf");
    expect(downloadName(".html", "application/pdf")).toBe(".html.pdf");
    expect(downloadName("x. .", "image/png")).toBe("x.png");
  });
});

describe.each(testDialects())("uploads through the filing pages (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { DATA_DIR: tempDataDir() } });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function draftReady(client: ReturnType<typeof clientFor>): Promise<string> {
    const start = await client.submit("/appeals/new", "/appeals/new", { kind: "report" });
    const draft = String(start.headers.location).replace(/\/where$/, "");
    await client.submit(`${draft}/where`, `${draft}/where`, { agencyId: BAIKONUR });
    await client.submit(`${draft}/details`, `${draft}/details`, {
      subject: "Rubbish not collected",
      text: "Nobody has collected the rubbish for two weeks.",
      language: "ru",
    });
    return draft;
  }

  it("refuses every polyglot with a message and keeps no row of it", async () => {
    const client = clientFor(t, await signInAs(t));
    const draft = await draftReady(client);
    for (const p of POLYGLOTS) {
      const page = await client.get(`${draft}/files`);
      const res = await postMultipart(
        t,
        client,
        `${draft}/files`,
        { _csrf: csrfOf(page.body) },
        { name: p.name, type: "application/pdf", content: p.content },
      );
      expect(res.statusCode, p.name).toBe(400);
      expect(res.body).toContain("The file contains web page, SVG, XML or script content");
      expect(res.body).toContain("govuk-error-summary");
    }
    const rows = await t.ctx.db.kysely
      .selectFrom("appeal_attachments")
      .select("id")
      .where("draft_id", "=", draft.split("/").pop() ?? "")
      .execute();
    expect(rows).toEqual([]);
  });

  it("takes a real PDF, JPEG and PNG and serves each under the extension of its detected type", async () => {
    const me = await signInAs(t);
    const client = clientFor(t, me);
    const { number } = await fileThroughPages(t, client, {
      files: [
        { name: "report.html", type: "text/html", content: PDF },
        { name: "passwd.svg", type: "image/svg+xml", content: PNG },
        { name: "photo.jpeg", type: "image/jpeg", content: JPEG },
      ],
    });
    const page = await client.get(`/appeals/${number}`);
    const hrefs = [...page.body.matchAll(/href="(\/appeals\/[^"]+\/attachments\/[^"]+)"/g)].map(
      (m) => m[1] ?? "",
    );
    expect(hrefs).toHaveLength(3);
    const seen: Record<string, string> = {};
    for (const href of hrefs) {
      for (const who of [client, clientFor(t, await staff(t, "executor"))]) {
        const res = await who.get(href);
        expect(res.statusCode).toBe(200);
        expect(res.headers["x-content-type-options"]).toBe("nosniff");
        const disposition = String(res.headers["content-disposition"]);
        expect(disposition).toMatch(/^attachment; /);
        seen[String(res.headers["content-type"])] = disposition;
      }
    }
    expect(seen["application/pdf"]).toContain('filename="report.pdf"');
    expect(seen["image/png"]).toContain('filename="passwd.png"');
    expect(seen["image/jpeg"]).toContain('filename="photo.jpg"');
    for (const d of Object.values(seen)) expect(d).not.toMatch(/\.(html|svg)/);
  });
});
