import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { issueKey } from "../../src/capabilities/open-data/open311/api-keys.js";
import { formatNumber } from "../../src/kernel/format/index.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { get311, post311 } from "./support.js";

/** Each test files with its own key, so the per-key limit of filings counts its filings only. */
let key = "demo-open311-key";

/** A request as a city application sends it: a place by coordinates or address, no KATO code. */
function report(extra: Record<string, string>): Record<string, string> {
  return {
    api_key: key,
    service_code: "roads-lighting",
    first_name: "Aigerim",
    last_name: "Nurlanova",
    email: "aigerim.nurlanova@example.kz",
    description: `A street lamp is out (${Math.random().toString(36).slice(2)})`,
    ...extra,
  };
}

const KENESARY = { lat: "51.1605", long: "71.4704" }; // Baikonur district
const BAITEREK = { lat: "51.1283", long: "71.4305" }; // Yesil district
const KARAGANDA = { lat: "49.8047", long: "73.1094" }; // no district of Astana

describe.each(testDialects())(
  "Open311: where a request goes, and the spec's refusals, on %s",
  (dialect) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, { env: { OPEN311_JURISDICTION_ID: "astana.halyq.kz" } });
    });
    afterAll(async () => t?.close());
    beforeEach(async () => {
      const issued = await issueKey(
        t.ctx,
        { id: null, label: "test" },
        { name: "City app", organisation: "City app", contact: "app@test.invalid" },
      );
      if (issued.kind !== "ok") throw new Error("no key");
      key = issued.value.key;
    });

    async function countAppeals(): Promise<number> {
      const row = await t.ctx.db.kysely
        .selectFrom("appeals")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }

    it("lat/long in a district (JSON): the district akimat, read back with the district's code", async () => {
      const filed = await post311(t, "requests.json", report(KENESARY));
      expect(filed.status, filed.body).toBe(200);
      const number = filed.data[0].service_request_id;
      expect(number).toMatch(/^BKA-2025-\d{4}$/);
      const back = await get311(t, `requests/${number}.json`);
      expect(back.status).toBe(200);
      expect(back.data[0]).toMatchObject({
        service_request_id: number,
        service_code: "roads-lighting",
        status: "open",
        agency_responsible: "Akimat of Baikonur District, Astana",
        address_id: "711410000",
      });
      const row = await t.ctx.db.kysely
        .selectFrom("appeals")
        .select(["lat", "lon", "district_code"])
        .where("number", "=", number)
        .executeTakeFirstOrThrow();
      expect([Number(row.lat), Number(row.lon), row.district_code]).toEqual([
        51.1605,
        71.4704,
        "711410000",
      ]);
    });

    it("lat/long in another district (XML): that district's akimat", async () => {
      const filed = await post311(
        t,
        "requests.xml",
        report({ ...BAITEREK, service_code: "waste" }),
      );
      expect(filed.status, filed.body).toBe(200);
      const number = filed.data.service_requests.request[0].service_request_id;
      expect(number).toMatch(/^YSA-2025-\d{4}$/);
      const back = await get311(t, `requests/${number}.xml`);
      expect(back.data.service_requests.request[0]).toMatchObject({
        service_request_id: number,
        service_code: "waste",
        agency_responsible: "Akimat of Yesil District, Astana",
        address_id: "711310000",
      });
    });

    it("a point outside every known district goes to the city-level body (JSON and XML)", async () => {
      const json = await post311(t, "requests.json", report(KARAGANDA));
      expect(json.status, json.body).toBe(200);
      const number = json.data[0].service_request_id;
      expect(number).toMatch(/^AST-2025-\d{4}$/);
      const back = await get311(t, `requests/${number}.json`);
      expect(back.data[0]).toMatchObject({
        agency_responsible: "Akimat of Astana City",
        service_code: "roads-lighting",
        address_id: null,
        status: "open",
      });

      // The district budget is the maslikhats' matter: outside, the city's maslikhat.
      const xml = await post311(
        t,
        "requests.xml",
        report({ ...KARAGANDA, service_code: "district-budget" }),
      );
      expect(xml.status, xml.body).toBe(200);
      const budget = xml.data.service_requests.request[0].service_request_id;
      expect(budget).toMatch(/^ASM-2025-\d{4}$/);
      const read = await get311(t, `requests/${budget}.xml`);
      expect(read.data.service_requests.request[0].agency_responsible).toBe(
        "Maslikhat of Astana City",
      );
    });

    it("address_string: the district it names in any language, else the city's body", async () => {
      for (const [address, prefix] of [
        ["г. Астана, Сарыаркинский район, пр. Жеңіс 1", "SRA"],
        ["Астана қаласы, Нұра ауданы, Қабанбай батыр 60", "NRA"],
        ["40 Kenesary St, Baikonur district, Astana", "BKA"],
        ["Astana, Kenesary St 40", "AST"],
        ["between the Yesil and Almaty districts", "AST"],
      ] as const) {
        const filed = await post311(t, "requests.json", report({ address_string: address }));
        expect(filed.status, `${address}: ${filed.body}`).toBe(200);
        expect(filed.data[0].service_request_id, address).toMatch(new RegExp(`^${prefix}-2025-`));
        const row = await t.ctx.db.kysely
          .selectFrom("appeals")
          .select("address")
          .where("number", "=", filed.data[0].service_request_id)
          .executeTakeFirstOrThrow();
        expect(row.address).toBe(address);
      }
    });

    it("address_id still picks the district; the city's own code goes to the city's body", async () => {
      const district = await post311(t, "requests.json", report({ address_id: "711510000" }));
      expect(district.data[0].service_request_id).toMatch(/^SRA-/);
      const city = await post311(t, "requests.json", report({ address_id: "710000000" }));
      expect(city.status, city.body).toBe(200);
      expect(city.data[0].service_request_id).toMatch(/^AST-/);
      // address_id names the place even when the coordinates are elsewhere.
      const both = await post311(
        t,
        "requests.json",
        report({ ...KARAGANDA, address_id: "711610000" }),
      );
      expect(both.data[0].service_request_id).toMatch(/^NRA-/);
    });

    it("GET requests takes a comma-separated service_code list (JSON and XML)", async () => {
      const lamp = (await post311(t, "requests.json", report(KENESARY))).data[0].service_request_id;
      const bin = (
        await post311(t, "requests.json", report({ ...KENESARY, service_code: "waste" }))
      ).data[0].service_request_id;
      const park = (
        await post311(t, "requests.json", report({ ...KENESARY, service_code: "landscaping" }))
      ).data[0].service_request_id;

      const json = await get311(t, "requests.json?service_code=roads-lighting,%20waste");
      expect(json.status, json.body).toBe(200);
      const numbers = json.data.map((r: { service_request_id: string }) => r.service_request_id);
      expect(numbers).toEqual(expect.arrayContaining([lamp, bin]));
      expect(numbers).not.toContain(park);
      expect(new Set(json.data.map((r: { service_code: string }) => r.service_code))).toEqual(
        new Set(["roads-lighting", "waste"]),
      );

      const xml = await get311(t, "requests.xml?service_code=waste,landscaping&status=open");
      const codes = xml.data.service_requests.request.map(
        (r: { service_code: string }) => r.service_code,
      );
      expect(new Set(codes)).toEqual(new Set(["waste", "landscaping"]));

      const unknown = await get311(t, "requests.json?service_code=waste,no-such-service");
      expect(unknown.status).toBe(400);
      expect(unknown.data).toEqual([
        { code: 400, description: "service_code provided was not found" },
      ]);
    });

    it("jurisdiction_id: discovery names the configured one; it and the jurisdiction code are accepted, others 404", async () => {
      const discovery = await get311(t, "discovery.json");
      expect(discovery.data.jurisdiction_id).toBe("astana.halyq.kz");
      const discoveryXml = await get311(t, "discovery.xml");
      expect(discoveryXml.data.discovery.jurisdiction_id).toBe("astana.halyq.kz");

      for (const id of ["astana.halyq.kz", "kz", "KZ"]) {
        expect((await get311(t, `services.json?jurisdiction_id=${id}`)).status, id).toBe(200);
        expect((await get311(t, `requests.xml?jurisdiction_id=${id}`)).status, id).toBe(200);
        const filed = await post311(
          t,
          "requests.json",
          report({ ...KENESARY, jurisdiction_id: id }),
        );
        expect(filed.status, `${id}: ${filed.body}`).toBe(200);
      }
      for (const id of ["localhost", "ru", "elsewhere.kz"]) {
        const json = await get311(t, `services.json?jurisdiction_id=${id}`);
        expect(json.status, id).toBe(404);
        expect(json.data).toEqual([
          { code: 404, description: "jurisdiction_id provided was not found" },
        ]);
        const xml = await post311(t, "requests.xml", report({ ...KENESARY, jurisdiction_id: id }));
        expect(xml.status).toBe(404);
        expect(xml.data.errors.error[0]).toEqual({
          code: "404",
          description: "jurisdiction_id provided was not found",
        });
      }
    });

    it("refuses in the spec's form, filing nothing: a long description, an unknown address_id, a bad point, control characters", async () => {
      const before = await countAppeals();
      const long = await post311(
        t,
        "requests.json",
        report({ ...KENESARY, description: "x".repeat(4001) }),
      );
      expect(long.status).toBe(400);
      expect(long.data).toEqual([
        { code: 400, description: "description may not be longer than 4,000 characters" },
      ]);
      const longXml = await post311(
        t,
        "requests.xml",
        report({ ...KENESARY, description: "ы".repeat(4001) }),
        "ru",
      );
      expect(longXml.status).toBe(400);
      expect(longXml.data.errors.error).toEqual([
        { code: "400", description: `description — не более ${formatNumber(4000, "ru")} символов` },
      ]);

      for (const service of ["public-transport", "roads-lighting"]) {
        const unknown = await post311(
          t,
          "requests.json",
          report({ service_code: service, address_id: "000000000" }),
        );
        expect(unknown.status, service).toBe(400);
        expect(unknown.data).toEqual([
          {
            code: 400,
            description:
              "address_id provided was not found: no district or city has this territory code",
          },
        ]);
      }
      const malformed = await post311(t, "requests.json", report({ address_id: "71141" }));
      expect(malformed.status).toBe(400);

      for (const point of [
        { lat: "95", long: "71.47" },
        { lat: "51.16", long: "" },
        { lat: "north", long: "east" },
      ]) {
        const bad = await post311(t, "requests.json", report(point));
        expect(bad.status, JSON.stringify(point)).toBe(400);
        expect(bad.data[0].description).toBe("lat and long must both be given, as decimal degrees");
      }

      const control = await post311(
        t,
        "requests.xml",
        report({
          ...KENESARY,
          description: "A lamp\u0000 is out\u0007",
          last_name: "Nur\u001blanova",
        }),
      );
      expect(control.status).toBe(400);
      expect(control.data.errors.error).toEqual([
        {
          code: "400",
          description: "last_name contains control characters, which are not allowed",
        },
        {
          code: "400",
          description: "description contains control characters, which are not allowed",
        },
      ]);
      expect(await countAppeals()).toBe(before);

      // Exactly 4,000 characters, with line breaks and tabs, is fine.
      const limit = await post311(
        t,
        "requests.json",
        report({ ...KENESARY, description: `Line one\n\tLine two\r\n${"y".repeat(3979)}` }),
      );
      expect(limit.status, limit.body).toBe(200);
      expect(await countAppeals()).toBe(before + 1);
    });

    it("lat/long only as decimal degrees: other notations and bad points are one clear refusal, filing nothing", async () => {
      const before = await countAppeals();
      for (const point of [
        { lat: "0x33", long: "71.47" },
        { lat: "51.16", long: "0b1000111" },
        { lat: "0o63", long: "71.47" },
        { lat: "Infinity", long: "71.47" },
        { lat: "51.16.1", long: "71.47" },
        { lat: "51,16", long: "71,47" },
        { lat: "95", long: "71.47" },
        { lat: "north", long: "east" },
      ]) {
        for (const format of ["json", "xml"] as const) {
          const bad = await post311(t, `requests.${format}`, report(point));
          expect(bad.status, JSON.stringify(point)).toBe(400);
          const errors = format === "json" ? bad.data : bad.data.errors.error;
          // The point was given: no second error saying that a location is missing.
          expect(errors, JSON.stringify(point)).toHaveLength(1);
          expect(String(errors[0].description)).toBe(
            "lat and long must both be given, as decimal degrees",
          );
        }
      }
      expect(await countAppeals()).toBe(before);
      // Decimal degrees as clients write them: signs, no integer part, an exponent (JSON numbers).
      for (const point of [
        { lat: "+51.1605", long: "71.4704" },
        { lat: "5.11605e1", long: "7.14704E+1" },
      ]) {
        const ok = await post311(t, "requests.json", report(point));
        expect(ok.status, ok.body).toBe(200);
      }
    });

    it("refuses half of a surrogate pair (a JSON body can carry one), as XML cannot carry it either", async () => {
      const before = await countAppeals();
      for (const description of ["A lamp \ud800 is out", "A lamp is out \udfff", "\udc00\ud800"]) {
        const res = await t.app.inject({
          method: "POST",
          url: "/open311/v2/requests.json",
          headers: { "content-type": "application/json", "accept-language": "en" },
          payload: JSON.stringify(report({ ...KENESARY, description })),
        });
        expect(res.statusCode, JSON.stringify(description)).toBe(400);
        expect(JSON.parse(res.body)).toEqual([
          {
            code: 400,
            description: "description contains control characters, which are not allowed",
          },
        ]);
      }
      expect(await countAppeals()).toBe(before);
      // A whole pair (an emoji) is a character like any other.
      const emoji = await t.app.inject({
        method: "POST",
        url: "/open311/v2/requests.json",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify(report({ ...KENESARY, description: "A lamp is out \ud83d\udca1" })),
      });
      expect(emoji.statusCode, emoji.body).toBe(200);
    });

    it("XML output leaves out characters XML cannot carry, whatever channel brought them", async () => {
      const filed = await post311(t, "requests.json", report(KENESARY));
      const number = filed.data[0].service_request_id;
      // An appeal made public whose text holds control characters (e.g. pasted on another channel).
      await t.ctx.db.kysely
        .updateTable("appeals")
        .set({ body: "Lamp\u0001 out\u0008 on \uFFFEKenesary\u000B street", public: 1 })
        .where("number", "=", number)
        .execute();
      const xml = await t.app.inject({ url: `/open311/v2/requests/${number}.xml` });
      expect(xml.statusCode).toBe(200);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
      expect(xml.body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      expect(xml.body).toContain("<description>Lamp out on Kenesary street</description>");
      const json = await get311(t, `requests/${number}.json`);
      expect(json.data[0].description).toBe("Lamp\u0001 out\u0008 on \uFFFEKenesary\u000B street");
    });
  },
);
