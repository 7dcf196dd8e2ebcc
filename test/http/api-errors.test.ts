import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { signInAs } from "../support/sessions.js";

/**
 * Every error Fastify raises itself reaches the caller as Halyq's localised error body, JSON
 * bodies are never coerced to another type, and schema details are not repeated. Run on
 * SQLite only: nothing here reads data whose type differs between the databases.
 */
describe("API errors raised before a route runs", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp("sqlite");
  });
  afterAll(async () => t.close());

  const json = (
    url: string,
    init: { method?: string; headers?: Record<string, string>; payload?: string } = {},
  ) =>
    t.app.inject({
      method: (init.method ?? "GET") as "GET",
      url,
      headers: init.headers ?? {},
      ...(init.payload !== undefined ? { payload: init.payload } : {}),
    });

  it("answers a path parameter over 100 characters with 414 URI_TOO_LONG, localised", async () => {
    const res = await json(`/api/v1/agencies/${"a".repeat(101)}`, {
      headers: { "accept-language": "ru" },
    });
    expect(res.statusCode).toBe(414);
    expect(res.statusMessage).toBe("URI Too Long");
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json()).toEqual({
      error: { code: "URI_TOO_LONG", message: "Адрес запроса слишком длинный." },
    });
    const kk = await json(`/api/v1/agencies/${"a".repeat(101)}?lang=kk`);
    expect(kk.json().error.message).toBe("Сұрау мекенжайы тым ұзын.");
  });

  it("answers the same on a page with a short localised HTML page", async () => {
    const res = await json(`/agencies/${"a".repeat(101)}`, {
      headers: { "accept-language": "en" },
    });
    expect(res.statusCode).toBe(414);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain("URI_TOO_LONG");
  });

  it("answers a path that is not valid percent-encoding with 400 BAD_REQUEST", async () => {
    const res = await json("/api/v1/agencies/%E0%A4%A", { headers: { "accept-language": "en" } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: { code: "BAD_REQUEST", message: "The request is not valid." },
    });
  });

  it("sends the same security headers on these early answers as on every other", async () => {
    const normal = await json("/api/v1/agencies");
    for (const url of [
      `/api/v1/agencies/${"a".repeat(101)}`,
      "/api/v1/agencies/%E0%A4%A",
      `/agencies/${"a".repeat(101)}`,
      "/open-data/%zz",
    ]) {
      const res = await json(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      for (const name of [
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
        "cross-origin-opener-policy",
        "permissions-policy",
      ]) {
        expect(res.headers[name], `${url} ${name}`).toBeDefined();
        expect(res.headers[name], `${url} ${name}`).toBe(normal.headers[name]);
      }
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
  });

  it("answers broken JSON, a non-JSON body and an unknown path with Halyq's body", async () => {
    const person = await signInAs(t);
    const headers = { cookie: person.cookie, "x-csrf-token": person.csrf };
    const broken = await json("/api/v1/appeals", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      payload: '{"kind":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe("BAD_REQUEST");
    const text = await json("/api/v1/appeals", {
      method: "POST",
      headers: { ...headers, "content-type": "text/plain" },
      payload: "hello",
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const unknown = await json("/api/v1/nothing-here", { method: "PUT" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("NOT_FOUND");
  });

  it("refuses a number where a JSON body needs a string, and still reads numbers in a query", async () => {
    const person = await signInAs(t);
    const res = await json("/api/v1/appeals", {
      method: "POST",
      headers: {
        cookie: person.cookie,
        "x-csrf-token": person.csrf,
        "content-type": "application/json",
      },
      payload: JSON.stringify({ kind: "statement", subject: 12345, text: 12345 }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION");
    expect(
      res
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["subject", "text"]);
    const page = await json("/api/v1/petitions?page=1&pageSize=5");
    expect(page.statusCode).toBe(200);
    expect(page.json().pageSize).toBe(5);
  });

  it("refuses a query number that is not a finite decimal (1e309, 0x10) with 400 VALIDATION", async () => {
    for (const url of [
      "/api/v1/polls?page=1e309",
      "/api/v1/petitions?pageSize=1e309",
      "/api/v1/consultations?page=-1e309",
      "/api/v1/meetings?page=0x10",
    ]) {
      const res = await json(url, { headers: { "accept-language": "en" } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe("VALIDATION");
      expect(res.json().error.details[0].field, url).toMatch(/^page(Size)?$/);
    }
    const ok = await json("/api/v1/polls?page=2&pageSize=1e1");
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ page: 2, pageSize: 10 });
  });

  it("refuses with 415 a gzip-encoded body and JSON that declares a charset other than UTF-8", async () => {
    const person = await signInAs(t);
    const agencyId = (await json("/api/v1/agencies")).json().agencies[0].id;
    const body = JSON.stringify({ kind: "statement", agencyId, subject: "Lights", text: "Off" });
    const post = (headers: Record<string, string>, payload: string | Buffer) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/appeals",
        headers: { cookie: person.cookie, "x-csrf-token": person.csrf, ...headers },
        payload,
      });
    const gzipped = await post(
      { "content-type": "application/json", "content-encoding": "gzip" },
      gzipSync(body),
    );
    expect(gzipped.statusCode).toBe(415);
    expect(gzipped.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(gzipped.headers["accept-encoding"]).toBe("identity");
    for (const type of [
      "application/json; charset=latin1",
      "application/json; charset=utf-16",
      'application/json; charset="iso-8859-1"',
    ]) {
      const res = await post({ "content-type": type }, body);
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error.code, type).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
    for (const type of ["application/json; charset=utf-8", "application/json; charset=UTF-8"]) {
      const res = await post({ "content-type": type, "content-encoding": "identity" }, body);
      expect(res.statusCode, type).toBe(201);
    }
  });

  it("names each unexpected field and query parameter, not an empty field", async () => {
    const person = await signInAs(t);
    const res = await json("/api/v1/appeals", {
      method: "POST",
      headers: {
        cookie: person.cookie,
        "x-csrf-token": person.csrf,
        "content-type": "application/json",
        "accept-language": "en",
      },
      payload: JSON.stringify({
        kind: "statement",
        subject: "Lights",
        text: "Off",
        bogus: 1,
        location: { lat: 45.6, long: 63.3, altitude: 90 },
      }),
    });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .error.details.map((d: { field: string }) => d.field)
      .sort();
    expect(fields).toEqual(["bogus", "location.altitude"]);
    const query = await json("/api/v1/polls?unknownParam=1", {
      headers: { "accept-language": "en" },
    });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.details).toEqual([
      { field: "unknownParam", message: "This field is not expected." },
    ]);
  });

  it("takes ?lang= on every API route, also those that refuse unknown query parameters", async () => {
    for (const url of [
      "/api/v1/polls?lang=en&when=open",
      "/api/v1/news?lang=ru",
      "/api/v1/agencies?lang=kk",
    ]) {
      const res = await json(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-language"], url).toBe(/lang=(\w+)/.exec(url)?.[1]);
    }
    const invalid = await json("/api/v1/polls?lang=ru&page=0");
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toBe("Часть указанных сведений некорректна.");
    expect(invalid.json().error.details.map((d: { field: string }) => d.field)).toEqual(["page"]);
    const unknown = await json("/api/v1/polls?lang=xx", { headers: { "accept-language": "en" } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.map((d: { field: string }) => d.field)).toEqual(["lang"]);
  });

  it("answers a method a path does not take with 405 and Allow, an unknown path with 404", async () => {
    for (const [method, url, allow] of [
      ["PUT", "/api/v1/agencies", "GET, HEAD"],
      ["OPTIONS", "/api/v1/appeals", "GET, HEAD, POST"],
      ["DELETE", "/api/v1/petitions/00000000-0000-0000-0000-000000000000", "GET, HEAD"],
      ["PATCH", "/api/v1/session?lang=en", "DELETE, POST"],
    ] as const) {
      const res = await json(url, { method, headers: { "accept-language": "en" } });
      expect(res.statusCode, `${method} ${url}`).toBe(405);
      expect(res.headers.allow, `${method} ${url}`).toBe(allow);
      expect(res.json().error.code).toBe("METHOD_NOT_ALLOWED");
    }
    const missing = await json("/api/v1/no-such-thing", { method: "PUT" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("NOT_FOUND");
  });

  it("names a value outside its allowed options once, not once per option", async () => {
    const person = await signInAs(t);
    const res = await json("/api/v1/appeals", {
      method: "POST",
      headers: {
        cookie: person.cookie,
        "x-csrf-token": person.csrf,
        "content-type": "application/json",
        "accept-language": "en",
      },
      payload: JSON.stringify({ kind: "nonsense", subject: "s", text: "t" }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: "kind", message: "This value is not one of the allowed options." },
    ]);
  });

  it("takes a request without a body where every field of the body is optional", async () => {
    const person = await signInAs(t);
    const meetings = (await json("/api/v1/meetings?when=upcoming")).json().items as {
      id: string;
    }[];
    const id = meetings[0]?.id ?? "00000000-0000-4000-8000-000000000000";
    const res = await json(`/api/v1/meetings/${id}/registrations`, {
      method: "POST",
      headers: { cookie: person.cookie, "x-csrf-token": person.csrf },
    });
    // The route itself answers (here, perhaps, that a residents-only meeting needs the
    // territory), not the schema with a nameless "body required".
    const details = (res.json().error?.details ?? []) as { field: string }[];
    expect(details.map((d) => d.field)).not.toContain("");
    const spec = (await json("/api/openapi.json")).json();
    expect(spec.paths["/api/v1/meetings/{id}/registrations"].post.requestBody.required).toBe(false);
    expect(spec.paths["/api/v1/appeals"].post.requestBody.required).toBe(true);
  });

  it("keeps the field details of a 400 on every route (the shared error body)", async () => {
    const res = await json("/api/v1/calendar/kz/not-a-year", {
      headers: { "accept-language": "en" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION");
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: "year" })]);
  });

  it("lists the appeal steps as the action's allowed values", async () => {
    const spec = (await json("/api/openapi.json")).json();
    const action = spec.paths["/api/v1/appeals/{number}/{action}"].post.parameters.find(
      (p: { name: string }) => p.name === "action",
    );
    expect(action.schema.enum).toContain("request-correction");
  });

  it("finds a body's trends by its slug as well as its id", async () => {
    const agencies = (await json("/api/v1/agencies")).json().agencies as {
      id: string;
      slug: string;
    }[];
    const a = agencies[0] as { id: string; slug: string };
    const bySlug = await json(`/api/v1/stats/trends?agency=${a.slug}`);
    const byId = await json(`/api/v1/stats/trends?agency=${a.id}`);
    expect(bySlug.statusCode).toBe(200);
    expect(bySlug.json().scope).toBe(`agency:${a.id}`);
    expect(byId.json().scope).toBe(`agency:${a.id}`);
  });
});
