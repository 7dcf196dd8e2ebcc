/** A decoded message: headers (lower-case names, encoded words decoded) and its text parts. */
export interface ParsedMail {
  headers: Map<string, string>;
  /** The raw (undecoded) value of every header, for checks on the wire format. */
  rawHeaders: Map<string, string>;
  text: string | undefined;
  html: string | undefined;
}

/**
 * Just enough of RFC 5322 / MIME to read what nodemailer writes (single part or
 * multipart/alternative; base64, quoted-printable or 7bit; UTF-8), so tests need no mail parser.
 */
export function parseEml(raw: string): ParsedMail {
  const { headers, body } = splitEntity(raw);
  const decoded = new Map([...headers].map(([k, v]) => [k, decodeWords(v)]));
  const parts: Record<string, string> = {};
  collectParts(headers, body, parts);
  return { headers: decoded, rawHeaders: headers, text: parts.plain, html: parts.html };
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? "" : raw.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function collectParts(headers: Map<string, string>, body: string, out: Record<string, string>) {
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const sections = body.split(`--${boundary}`).slice(1);
    for (const section of sections) {
      if (section.startsWith("--")) break;
      const part = splitEntity(section.replace(/^\r?\n/, ""));
      collectParts(part.headers, part.body, out);
    }
    return;
  }
  const subtype = /^text\/(plain|html)/i.exec(type)?.[1]?.toLowerCase();
  if (!subtype) return;
  if (!/charset="?utf-8/i.test(type)) throw new Error(`not UTF-8: ${type}`);
  out[subtype] = decodeBody(body, headers.get("content-transfer-encoding") ?? "7bit");
}

function decodeBody(body: string, encoding: string): string {
  const enc = encoding.toLowerCase();
  if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable") return decodeQuotedPrintable(body.replace(/=\r?\n/g, ""));
  return body;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] as string, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 encoded words; whitespace between two adjacent encoded words is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(
      /=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi,
      (_m, charset: string, kind: string, data: string) => {
        if (!/^utf-8$/i.test(charset)) throw new Error(`unexpected charset ${charset}`);
        return kind.toUpperCase() === "B"
          ? Buffer.from(data, "base64").toString("utf8")
          : decodeQuotedPrintable(data.replace(/_/g, " "));
      },
    );
}
