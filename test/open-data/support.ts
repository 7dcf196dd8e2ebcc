import { XMLParser } from "fast-xml-parser";
import type { TestApp } from "../support/app.js";

export const BAIKONUR = "ag-baikonur-akimat";
export const BAIKONUR_TERRITORY = "711410000";
export const DEMO_KEY = "demo-open311-key";

const xml = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) =>
    ["request", "service", "error", "endpoint", "format", "attribute"].includes(name),
});

/** Parses an XML answer back (each list element always an array), failing on anything not XML. */
// biome-ignore lint/suspicious/noExplicitAny: tests read whatever the server answered
export function parseXml(body: string): any {
  if (!body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')) {
    throw new Error(`not an XML document: ${body.slice(0, 200)}`);
  }
  return xml.parse(body, true);
}

/** A GET of the Open311 interface; the body parsed by its format. */
export async function get311(t: TestApp, path: string, lang = "en") {
  const res = await t.app.inject({
    url: `/open311/v2/${path}`,
    headers: { "accept-language": lang },
  });
  const isXml = /\.xml(\?|$)/.test(path);
  return {
    status: res.statusCode,
    headers: res.headers,
    body: res.body,
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the server answered
    data: (isXml ? parseXml(res.body) : JSON.parse(res.body)) as any,
  };
}

/** A form POST to the Open311 interface, as an integrator's server would send it. */
export async function post311(
  t: TestApp,
  path: string,
  fields: Record<string, string>,
  lang = "en",
) {
  const res = await t.app.inject({
    method: "POST",
    url: `/open311/v2/${path}`,
    headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": lang },
    payload: new URLSearchParams(fields).toString(),
  });
  const isXml = path.endsWith(".xml");
  return {
    status: res.statusCode,
    headers: res.headers,
    body: res.body,
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the server answered
    data: (isXml ? parseXml(res.body) : JSON.parse(res.body)) as any,
  };
}

/** A request the way a city application files it: a pothole in Baikonur district. */
export function pothole(extra: Record<string, string> = {}): Record<string, string> {
  return {
    api_key: DEMO_KEY,
    service_code: "roads-lighting",
    address_id: BAIKONUR_TERRITORY,
    lat: "51.1605",
    long: "71.4704",
    first_name: "Aigerim",
    last_name: "Nurlanova",
    email: "aigerim.nurlanova@example.kz",
    phone: "+7 701 234 56 78",
    description: `A deep pothole on Kenesary street by house 40 (${Math.random().toString(36).slice(2)})`,
    ...extra,
  };
}
