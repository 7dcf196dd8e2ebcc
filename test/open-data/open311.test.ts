import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueKey } from "../../src/capabilities/open-data/open311/api-keys.js";
import { FILE_LIMIT } from "../../src/capabilities/open-data/open311/open311.routes.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { signInAs } from "../support/sessions.js";
import {
  BAIKONUR,
  BAIKONUR_TERRITORY,
  DEMO_KEY,
  get311,
  parseXml,
  post311,
  pothole,
} from "./support.js";

const REQUEST_FIELDS = [
  "service_request_id",
  "status",
  "status_notes",
  "service_name",
  "service_code",
  "description",
  "agency_responsible",
  "service_notice",
  "requested_datetime",
  "updated_datetime",
  "expected_datetime",
  "address",
  "address_id",
  "zipcode",
  "lat",
  "long",
  "media_url",
];

describe.each(testDialects())("Open311 GeoReport v2 on %s", (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it("a JSON client discovers, lists services, files a request and reads it back", async () => {
    const discovery = await get311(t, "discovery.json");
    expect(discovery.status).toBe(200);
    expect(discovery.headers["content-type"]).toMatch(/^application\/json/);
    expect(discovery.data.endpoints[0]).toMatchObject({
      specification: "http://wiki.open311.org/GeoReport_v2",
      url: "http://localhost:3000/open311/v2",
      type: "production",
      formats: ["text/xml", "application/json"],
    });
    expect(discovery.data).toHaveProperty("changeset");
    expect(discovery.data).toHaveProperty("contact");
    expect(discovery.data).toHaveProperty("key_service");

    const services = await get311(t, "services.json");
    expect(services.status).toBe(200);
    expect(services.headers["access-control-allow-origin"]).toBe("*");
    const roads = services.data.find(
      (s: { service_code: string }) => s.service_code === "roads-lighting",
    );
    expect(roads).toEqual({
      service_code: "roads-lighting",
      service_name: "Roads, pavements and street lighting",
      description: expect.any(String),
      metadata: false,
      type: "realtime",
      keywords: expect.stringContaining("Дороги"),
      group: "District (by address)",
    });

    const definition = await get311(t, "services/roads-lighting.json");
    expect(definition.status).toBe(200);
    expect(definition.data).toEqual({ service_code: "roads-lighting", attributes: [] });

    const filed = await post311(t, "requests.json", pothole());
    expect(filed.status, filed.body).toBe(200);
    expect(filed.data).toHaveLength(1);
    const [created] = filed.data;
    expect(Object.keys(created).sort()).toEqual(
      ["account_id", "service_notice", "service_request_id", "token"].sort(),
    );
    expect(created.service_request_id).toMatch(/^BKA-2025-\d{4}$/);
    expect(created.service_notice).toContain("14 April 2025");

    const one = await get311(t, `requests/${created.service_request_id}.json`);
    expect(one.status).toBe(200);
    expect(one.data).toHaveLength(1);
    const request = one.data[0];
    expect(Object.keys(request)).toEqual(REQUEST_FIELDS);
    expect(request).toMatchObject({
      service_request_id: created.service_request_id,
      status: "open",
      service_code: "roads-lighting",
      service_name: "Roads, pavements and street lighting",
      agency_responsible: expect.stringContaining("Baikonur"),
      requested_datetime: "2025-03-19T05:00:00Z",
      // The legal term: 15 working days after 19 March 2025, across Nauryz; the office closes at 18:30 (UTC+5).
      expected_datetime: "2025-04-14T18:30:00+05:00",
      address_id: BAIKONUR_TERRITORY,
      // The applicant did not make it public: no text, no coordinates.
      description: null,
      lat: null,
      long: null,
    });
    expect(request.status_notes).toBe("Registered");

    const list = await get311(t, "requests.json");
    expect(list.status).toBe(200);
    expect(list.data.map((r: { service_request_id: string }) => r.service_request_id)).toContain(
      created.service_request_id,
    );

    const token = await get311(t, `tokens/${created.token}.json`);
    expect(token.status).toBe(200);
    expect(token.data).toEqual([
      { service_request_id: created.service_request_id, token: created.token },
    ]);
  });

  it("an XML client does the same, read back by the spec's element names", async () => {
    const discovery = await get311(t, "discovery.xml");
    expect(discovery.status).toBe(200);
    expect(discovery.headers["content-type"]).toMatch(/^text\/xml; charset=utf-8/);
    const endpoint = discovery.data.discovery.endpoints.endpoint[0];
    expect(endpoint.specification).toBe("http://wiki.open311.org/GeoReport_v2");
    expect(endpoint.formats.format).toEqual(["text/xml", "application/json"]);

    const services = await get311(t, "services.xml", "ru");
    const service = services.data.services.service.find(
      (s: { service_code: string }) => s.service_code === "roads-lighting",
    );
    expect(service).toMatchObject({
      service_name: "Дороги, тротуары и уличное освещение",
      metadata: "false",
      type: "realtime",
    });

    const definition = await get311(t, "services/waste.xml");
    expect(definition.data.service_definition.service_code).toBe("waste");
    expect(definition.data.service_definition).toHaveProperty("attributes");

    const filed = await post311(t, "requests.xml", pothole({ service_code: "waste" }), "kk");
    expect(filed.status, filed.body).toBe(200);
    const created = filed.data.service_requests.request[0];
    expect(created.service_request_id).toMatch(/^BKA-2025-\d{4}$/);
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const one = await get311(t, `requests/${created.service_request_id}.xml`);
    const request = one.data.service_requests.request[0];
    expect(Object.keys(request)).toEqual(REQUEST_FIELDS);
    expect(request.status).toBe("open");
    expect(request.service_code).toBe("waste");
    expect(request.expected_datetime).toBe("2025-04-14T18:30:00+05:00");

    const list = await get311(t, "requests.xml?service_code=waste&status=open");
    const numbers = list.data.service_requests.request.map(
      (r: { service_request_id: string }) => r.service_request_id,
    );
    expect(numbers).toContain(created.service_request_id);
    expect(
      list.data.service_requests.request.every(
        (r: { service_code: string }) => r.service_code === "waste",
      ),
    ).toBe(true);

    const token = await get311(t, `tokens/${created.token}.xml`);
    expect(token.data.service_requests.request[0]).toEqual({
      service_request_id: created.service_request_id,
      token: created.token,
    });
  });

  it("the request is a report in the competent body's inbox, with the legal term, audited and announced", async () => {
    const counted = () =>
      t.ctx.db.kysely
        .selectFrom("appeal_stats")
        .select("value")
        .where("scope", "=", `a:${BAIKONUR}`)
        .where("grain", "=", "d")
        .where("period", "=", "2025-03-19")
        .where("metric", "=", "recv")
        .where("dim", "=", "api|report")
        .executeTakeFirst()
        .then((r) => Number(r?.value ?? 0));
    const before = await counted();
    const filed = await post311(t, "requests.json", pothole({ description: "Broken street lamp" }));
    const number = filed.data[0].service_request_id;
    const head = await signInAs(t, { grants: [{ role: "head", agencyId: BAIKONUR }] });
    const res = await t.app.inject({
      url: `/api/v1/agencies/${BAIKONUR}/appeals?channel=api&pageSize=100`,
      headers: { cookie: head.cookie },
    });
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: { number: string }) => i.number === number);
    expect(item).toMatchObject({
      kind: "report",
      channel: "api",
      status: "registered",
      registeredOn: "2025-03-19",
      dueDate: "2025-04-14",
      agencyId: BAIKONUR,
    });
    const row = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["id", "applicant_name", "applicant_email", "registered_by_label", "public"])
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      applicant_name: "Nurlanova Aigerim",
      applicant_email: "aigerim.nurlanova@example.kz",
      registered_by_label: "open311:Halyq демо",
      public: 0,
    });
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select(["action", "actor_label"])
      .where("subject_id", "=", row.id)
      .execute();
    expect(audit).toEqual([{ action: "appeal.registered", actor_label: "open311:Halyq демо" }]);
    const mail = await t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select("to_address")
      .where("to_address", "=", "aigerim.nurlanova@example.kz")
      .execute();
    expect(mail.length).toBeGreaterThan(0);
    // The public statistics count it, like any other filing.
    expect(await counted()).toBe(before + 1);
  });

  it("reads a JSON body too, numbers included", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ ...pothole(), lat: 51.16, long: 71.47 }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const number = res.json()[0].service_request_id;
    const row = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["lat", "lon"])
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    expect([Number(row.lat), Number(row.lon)]).toEqual([51.16, 71.47]);
  });

  it("a request naming nobody is an anonymous report, terminated as the law says", async () => {
    const fields = pothole();
    for (const k of ["first_name", "last_name", "email", "phone"]) delete fields[k];
    const filed = await post311(t, "requests.json", fields);
    expect(filed.status).toBe(200);
    const one = await get311(t, `requests/${filed.data[0].service_request_id}.json`);
    expect(one.data[0].status).toBe("closed");
    expect(one.data[0].status_notes).toBe("Terminated: the appeal is anonymous");
  });

  it("refuses a missing, unknown or revoked key with 403 and the spec's error body, filing nothing", async () => {
    const before = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const { api_key: _, ...noKey } = pothole();
    for (const [path, fields] of [
      ["requests.json", noKey],
      ["requests.json", pothole({ api_key: "not-a-key" })],
    ] as const) {
      const res = await post311(t, path, fields);
      expect(res.status).toBe(403);
      expect(res.data).toEqual([
        {
          code: 403,
          description: "Invalid api_key received -- can't proceed with create_request.",
        },
      ]);
    }
    const xml = await post311(t, "requests.xml", pothole({ api_key: "nope" }));
    expect(xml.status).toBe(403);
    expect(xml.data.errors.error).toEqual([
      {
        code: "403",
        description: "Invalid api_key received -- can't proceed with create_request.",
      },
    ]);
    const after = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("answers a bad service_code, a missing description or location with 400; unknown things with 404", async () => {
    const bad = await post311(t, "requests.json", pothole({ service_code: "no-such-service" }));
    expect(bad.status).toBe(400);
    expect(bad.data).toEqual([{ code: 400, description: "service_code provided was not found" }]);
    const badXml = await post311(t, "requests.xml", pothole({ service_code: "" }));
    expect(badXml.status).toBe(400);
    expect(badXml.data.errors.error[0]).toEqual({
      code: "400",
      description: "service_code was not provided",
    });
    const noText = await post311(t, "requests.json", pothole({ description: " " }), "ru");
    expect(noText.status).toBe(400);
    expect(noText.data[0].description).toBe("Не указан description");
    const { lat: _a, long: _b, address_id: _c, ...nowhere } = pothole();
    const noPlace = await post311(t, "requests.json", nowhere);
    expect(noPlace.status).toBe(400);
    const noContact = await post311(t, "requests.json", pothole({ email: "", phone: "" }));
    expect(noContact.status).toBe(400);

    expect((await get311(t, "services/no-such.json")).status).toBe(404);
    const missing = await get311(t, "requests/NO-SUCH-2025-000001.xml");
    expect(missing.status).toBe(404);
    expect(missing.data.errors.error[0].code).toBe("404");
    expect((await get311(t, "tokens/unknown.json")).status).toBe(404);
    expect((await get311(t, "nothing-here.json")).data).toEqual([
      { code: 404, description: "Not found" },
    ]);
    const wrongPlace = await get311(t, "services.json?jurisdiction_id=elsewhere.kz");
    expect(wrongPlace.status).toBe(404);
    expect((await get311(t, "services.json?jurisdiction_id=localhost")).status).toBe(200);
  });

  it("lists by number, status and dates within 90 days, never more than that span", async () => {
    const a = (await post311(t, "requests.json", pothole())).data[0].service_request_id;
    const b = (await post311(t, "requests.json", pothole())).data[0].service_request_id;
    const both = await get311(t, `requests.json?service_request_id=${a},${b}&status=closed`);
    expect(both.data.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      a,
      b,
    ]);
    const closed = await get311(t, "requests.json?status=closed");
    expect(closed.data.every((r: { status: string }) => r.status === "closed")).toBe(true);
    expect(
      closed.data.some((r: { service_request_id: string }) => r.service_request_id === a),
    ).toBe(false);
    const later = await get311(t, "requests.json?start_date=2025-03-20T00:00:00Z");
    expect(later.data).toEqual([]);
    const span = await get311(
      t,
      "requests.json?start_date=2024-01-01T00:00:00Z&end_date=2025-01-01T00:00:00Z",
    );
    expect(span.status).toBe(400);
    expect(span.data[0].description).toContain("90");
    expect((await get311(t, "requests.json?status=pending")).status).toBe(400);
    expect((await get311(t, "requests.json?start_date=yesterday")).status).toBe(400);
  });

  it("limits filings per key: past the limit, 429 in the spec's error form", async () => {
    const issued = await issueKey(
      t.ctx,
      { id: null, label: "test" },
      {
        name: "Busy app",
        organisation: "Busy",
        contact: "busy@test.invalid",
      },
    );
    if (issued.kind !== "ok") throw new Error("no key");
    const fields = pothole({ api_key: issued.value.key, service_code: "no-such-service" });
    for (let i = 0; i < FILE_LIMIT; i++) {
      const format = i % 2 ? "json" : "xml";
      expect((await post311(t, `requests.${format}`, fields)).status).toBe(400);
    }
    const limited = await post311(t, "requests.xml", fields);
    expect(limited.status).toBe(429);
    expect(limited.data.errors.error[0].code).toBe("429");
    // Another key is not held back by this one.
    expect((await post311(t, "requests.json", pothole())).status).toBe(200);
  });

  it("counts a key sent in the query string against the same limit as one in the body", async () => {
    const issued = await issueKey(
      t.ctx,
      { id: null, label: "test" },
      { name: "Sly app", organisation: "Sly", contact: "sly@test.invalid" },
    );
    if (issued.kind !== "ok") throw new Error("no key");
    const key = issued.value.key;
    const fields = pothole({ api_key: key, service_code: "no-such-service" });
    for (let i = 0; i < FILE_LIMIT; i++) {
      expect((await post311(t, "requests.json", fields)).status).toBe(400);
    }
    const { api_key: _key, ...withoutKey } = fields;
    const moved = await post311(t, `requests.json?api_key=${encodeURIComponent(key)}`, withoutKey);
    expect(moved.status).toBe(429);
    expect(moved.data[0].code).toBe(429);
  });

  it("a method or path the interface does not have is 404 not found, in the spec's form, not a 403", async () => {
    for (const [method, url] of [
      ["POST", "/open311/v2/services.xml"],
      ["POST", "/open311/v2/services.json"],
      ["PUT", "/open311/v2/requests.json"],
      ["DELETE", "/open311/v2/requests.xml"],
      ["POST", "/open311/v2/no-such-thing.json"],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: {
          "accept-language": "en",
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: `api_key=${DEMO_KEY}`,
      });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      const errors = url.endsWith(".xml")
        ? parseXml(res.body).errors.error
        : (JSON.parse(res.body) as { code: number; description: string }[]);
      expect(errors, `${method} ${url}`).toHaveLength(1);
      expect(String(errors[0].code)).toBe("404");
      expect(errors[0].description).toBe(
        (await get311(t, "no-such-thing.json")).data[0].description,
      );
    }
  });

  it("keeps the app's security headers", async () => {
    const res = await get311(t, "services.json");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });
});
