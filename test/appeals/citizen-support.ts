import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestApp } from "../support/app.js";
import { collectCookies, FormClient, type Injectable } from "../support/forms.js";
import type { SignedIn } from "../support/sessions.js";

/** A fresh folder for Halyq's data (attachments) in one test app. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "halyq-attachments-"));
}

/** A browser without scripts for someone already signed in. */
export function clientFor(t: TestApp, who: SignedIn, lang = "en"): FormClient {
  const client = new FormClient(t, lang);
  for (const pair of who.cookie.split("; ")) {
    const eq = pair.indexOf("=");
    client.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return client;
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
}

/** Posts a multipart form the way a browser does (fields first, then the file). */
export async function postMultipart(
  t: Injectable,
  client: FormClient,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; type: string; content: Buffer },
) {
  const boundary = `----halyq${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const res = await t.app.inject({
    method: "POST",
    url,
    headers: {
      cookie: client.cookie,
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "accept-language": "en",
    },
    payload: Buffer.concat(parts),
  });
  collectCookies(client.jar, res.headers["set-cookie"]);
  return res;
}

export const PDF = Buffer.concat([
  Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"),
  Buffer.from("%%EOF\n"),
]);
export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(64),
]);
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);

/**
 * Files a statement through the pages (kind, body, details, files, check) and returns the
 * number from the slip it lands on.
 */
export async function fileThroughPages(
  t: Injectable,
  client: FormClient,
  options: { subject?: string; files?: { name: string; type: string; content: Buffer }[] } = {},
): Promise<{ number: string; draftPath: string }> {
  const start = await client.submit("/appeals/new", "/appeals/new", { kind: "statement" });
  if (start.statusCode !== 303) throw new Error(`kind step: ${start.statusCode}`);
  const draftPath = String(start.headers.location).replace(/\/where$/, "");
  await client.submit(`${draftPath}/where`, `${draftPath}/where`, {
    agencyId: "ag-baikonur-akimat",
  });
  const details = await client.submit(`${draftPath}/details`, `${draftPath}/details`, {
    subject: options.subject ?? `Broken bench ${randomBytes(4).toString("hex")}`,
    text: "The bench in the park by the river has been broken for a month.",
    language: "en",
    address: "Park by the river",
  });
  if (details.statusCode !== 303) throw new Error(`details step: ${details.statusCode}`);
  for (const f of options.files ?? []) {
    const page = await client.get(`${draftPath}/files`);
    const res = await postMultipart(
      t,
      client,
      `${draftPath}/files`,
      { _csrf: csrfOf(page.body) },
      f,
    );
    if (res.statusCode !== 303) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  }
  const sent = await client.submit(`${draftPath}/check`, `${draftPath}/check`, {});
  if (sent.statusCode !== 303) throw new Error(`check step: ${sent.statusCode} ${sent.body}`);
  const m = /^\/appeals\/([^/]+)\/slip\?new=1$/.exec(String(sent.headers.location));
  if (!m?.[1]) throw new Error(`no slip: ${sent.headers.location}`);
  return { number: decodeURIComponent(m[1]), draftPath };
}
