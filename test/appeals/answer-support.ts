import { randomBytes } from "node:crypto";
import type { TestApp } from "../support/app.js";
import type { SignedIn } from "../support/sessions.js";

export type Upload = { name: string; type: string; content: Buffer };
export type Fields = Record<string, string | string[]>;

/** Posts the answer form as a browser without scripts does: multipart, fields then files. */
export async function postAnswer(
  t: TestApp,
  who: SignedIn,
  number: string,
  fields: Fields,
  files: Upload[] = [],
  options: { csrf?: string; lang?: string; path?: string } = {},
) {
  const boundary = `----halyq${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  const all: [string, string][] = [["_csrf", options.csrf ?? who.csrf]];
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) all.push([k, one]);
  for (const [k, v] of all) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  }
  for (const file of files) {
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
    url: options.path ?? `/office/appeals/${number}/answer`,
    headers: {
      cookie: who.cookie,
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "accept-language": options.lang ?? "en",
    },
    payload: Buffer.concat(parts),
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location };
}
