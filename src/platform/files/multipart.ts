import type { IncomingMessage } from "node:http";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HalyqError } from "../../kernel/errors.js";

/** Where a parsed multipart body keeps its files (a symbol, so no form field can clash). */
export const UPLOADS = Symbol("uploads");

export interface UploadedFile {
  field: string;
  fileName: string;
  buffer: Buffer;
}

export interface Uploads {
  files: UploadedFile[];
  /** The request was larger than the limit: its files were dropped, its leading fields kept. */
  tooLarge: boolean;
}

/** A multipart form: its text fields by name (as url-encoded forms are), and its files. */
export type MultipartBody = Record<string, string | string[]> & { [UPLOADS]: Uploads };

/** Room for a form's text fields and the multipart framing around one file. */
const FRAMING = 64 * 1024;
/** How much of an oversized request is kept to read the fields sent before the file. */
const HEAD = 64 * 1024;

function boundaryOf(contentType: string): string | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

async function parseForm(buffer: Buffer, contentType: string): Promise<FormData> {
  try {
    return await new Response(new Uint8Array(buffer), {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    throw new HalyqError("BAD_REQUEST");
  }
}

/** The complete parts at the start of an oversized body, closed as a body of their own. */
function leadingParts(head: Buffer, boundary: string): Buffer | null {
  const last = head.lastIndexOf(`\r\n--${boundary}`);
  if (last <= 0) return null;
  return Buffer.concat([head.subarray(0, last), Buffer.from(`\r\n--${boundary}--\r\n`)]);
}

async function toBody(form: FormData, keepFiles: boolean): Promise<MultipartBody> {
  const fields: Record<string, string | string[]> = {};
  const files: UploadedFile[] = [];
  const entries: [string, FormDataEntryValue][] = [];
  form.forEach((value, name) => {
    entries.push([name, value]);
  });
  for (const [name, value] of entries) {
    if (typeof value === "string") {
      const prev = fields[name];
      fields[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
    } else if (keepFiles && (value.name !== "" || value.size > 0)) {
      files.push({
        field: name,
        fileName: value.name,
        buffer: Buffer.from(await value.arrayBuffer()),
      });
    }
  }
  return Object.assign(fields, { [UPLOADS]: { files, tooLarge: !keepFiles } });
}

/**
 * Lets the routes of a scope take `multipart/form-data` forms (file uploads) that still pass
 * the CSRF check. The check runs before any route's own hooks and reads the `_csrf` field of
 * the parsed body, so the whole form is parsed here, at the body-parsing step, with a size
 * limit: a body over the limit keeps the fields sent before the file (the token comes first)
 * and is marked `tooLarge`, so the page can say the file is too big instead of failing; a body
 * far over the limit is cut off with 413.
 */
export function multipartForms(scope: FastifyInstance, opts: { maxFileBytes: number }): void {
  const limit = opts.maxFileBytes + FRAMING;
  const cutOff = limit * 4;
  scope.addContentTypeParser(
    "multipart/form-data",
    async (request: FastifyRequest, payload: IncomingMessage) => {
      const contentType = String(request.headers["content-type"] ?? "");
      const boundary = boundaryOf(contentType);
      if (!boundary) throw new HalyqError("BAD_REQUEST");
      if (Number(request.headers["content-length"] ?? 0) > cutOff) {
        throw new HalyqError("PAYLOAD_TOO_LARGE");
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of payload as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > cutOff) throw new HalyqError("PAYLOAD_TOO_LARGE");
        if (size - chunk.length < limit) chunks.push(chunk);
      }
      if (size <= limit) return toBody(await parseForm(Buffer.concat(chunks), contentType), true);
      const head = leadingParts(Buffer.concat(chunks).subarray(0, HEAD), boundary);
      if (!head) return Object.assign({}, { [UPLOADS]: { files: [], tooLarge: true } });
      return toBody(await parseForm(head, contentType), false);
    },
  );
}

/** The files of a multipart request (none for any other body). */
export function uploadsOf(request: FastifyRequest): Uploads {
  const body = request.body as Partial<MultipartBody> | undefined;
  return body?.[UPLOADS] ?? { files: [], tooLarge: false };
}
