import { randomBytes, randomUUID } from "node:crypto";
import type { TestApp } from "../support/app.js";
import type { SignedIn } from "../support/sessions.js";

/** A real 1×1 PNG image. */
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
/** A small real PDF. */
export const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

export interface Upload {
  field: string;
  name: string;
  type: string;
  content: Buffer;
}

/** A multipart form as a browser without scripts sends it: the fields, then the files. */
export function postMultipart(
  t: TestApp,
  who: SignedIn,
  url: string,
  fields: Record<string, string>,
  files: Upload[] = [],
  lang = "en",
) {
  const boundary = `----halyq${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = Object.entries({ _csrf: who.csrf, ...fields }).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.content,
      Buffer.from("\r\n"),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: "POST",
    url,
    headers: {
      cookie: `${who.cookie}; halyq_lang=${lang}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
}

export const allFiles = (): Upload[] => [
  { field: "sketch", name: "sketch.pdf", type: "application/pdf", content: PDF },
  { field: "estimate", name: "estimate.pdf", type: "application/pdf", content: PDF },
  { field: "photo", name: "yard.png", type: "image/png", content: PNG },
];

export const proposalFields = (o: Record<string, string> = {}) => ({
  territory: "711410000",
  category: "playgrounds_sports",
  title: "Playground in the yard of Kenesary 40",
  description: "A safe playground with a soft surface and benches for parents.",
  address: "Astana, Kenesary street 40",
  cost: "15000000",
  ...o,
});

/** Makes the account a representative of a housing body with this BIN. */
export async function representative(t: TestApp, accountId: string, name: string, bin: string) {
  const id = randomUUID();
  const now = t.clock.now().toISOString();
  await t.ctx.db.kysely
    .insertInto("organisations")
    .values({ id, name, bin, created_at: now })
    .execute();
  await t.ctx.db.kysely
    .insertInto("organisation_members")
    .values({ organisation_id: id, account_id: accountId, created_at: now })
    .execute();
  return id;
}
