import { XMLBuilder } from "fast-xml-parser";
import type { FastifyReply } from "fastify";

/** The two formats GeoReport v2 names; XML is the spec's required one. */
export type Format = "json" | "xml";
export const FORMATS: readonly Format[] = ["json", "xml"];

export type Scalar = string | number | boolean | null;
export type Item = { [key: string]: Scalar | Scalar[] | Item | Item[] };

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  suppressEmptyNode: false,
});

const CONTENT_TYPE: Record<Format, string> = {
  json: "application/json; charset=utf-8",
  xml: "text/xml; charset=utf-8",
};

/** Splits `name.json` / `name.xml` into its name and format; undefined for anything else. */
export function splitFormat(file: string): { name: string; format: Format } | undefined {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { name: m[1] as string, format: m[2] as Format } : undefined;
}

/**
 * Characters XML 1.0 cannot carry at all (C0 controls but tab, line feed and carriage return;
 * U+FFFE, U+FFFF; lone surrogates): text from any channel may hold them, the XML never does.
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML can carry it: the characters it cannot are left out. */
export const xmlSafe = (text: string): string => text.replace(NOT_XML, "");

/** XML has no null: an absent value is an empty element, as the spec's examples show. */
function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return xmlSafe(value);
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forXml(v)]));
  }
  return value;
}

/**
 * Sends a GeoReport document. In JSON a list is a bare array of items; in XML the items are
 * `<itemName>` elements inside `<root>` (e.g. `<service_requests><request>…`), and a single
 * document (`discovery`, `service_definition`) is the root element itself.
 */
export function sendDocument(
  reply: FastifyReply,
  format: Format,
  status: number,
  doc: { root: string; item: string; items: Item[] } | { root: string; value: Item },
): FastifyReply {
  reply.code(status).header("content-type", CONTENT_TYPE[format]);
  if (format === "json") {
    return reply.send(JSON.stringify("items" in doc ? doc.items : doc.value));
  }
  const body =
    "items" in doc
      ? { [doc.root]: doc.items.length > 0 ? { [doc.item]: forXml(doc.items) } : "" }
      : { [doc.root]: forXml(doc.value) };
  return reply.send(
    builder.build({ "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" }, ...body }),
  );
}

/** A GeoReport error: `[{code, description}]`, or `<errors><error>…` in XML. */
export function sendErrors(
  reply: FastifyReply,
  format: Format,
  status: number,
  descriptions: string[],
): FastifyReply {
  return sendDocument(reply, format, status, {
    root: "errors",
    item: "error",
    items: descriptions.map((description) => ({ code: status, description })),
  });
}
