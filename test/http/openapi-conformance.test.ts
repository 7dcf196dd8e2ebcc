import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import * as formats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../../src/capabilities/identity/session.repository.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { signInAs } from "../support/sessions.js";

/**
 * The API and its OpenAPI description hold to each other: Redocly's recommended rules find no
 * error in the description, and every operation, sent valid and invalid requests by anonymous
 * callers, a citizen (bearer token and browser session) and staff, answers only with statuses
 * it documents, each body valid against the documented schema of its content type.
 *
 * Run on both databases: the bodies are read from SQL, and the two return different types
 * (PostgreSQL counts are strings, SQLite booleans are numbers) that the schemas must absorb.
 */

const addFormats = (formats as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;
const run = promisify(execFile);

type Json = Record<string, unknown>;
interface Operation {
  id: string;
  method: string;
  path: string;
  op: {
    operationId: string;
    parameters?: { name: string; in: string; schema?: Json }[];
    requestBody?: { content: Record<string, { schema: Json }> };
    responses: Record<string, { content?: Record<string, { schema: Json }> }>;
    security?: Json[];
  };
}
interface Caller {
  name: string;
  headers: Record<string, string>;
}

const pointer = (...parts: string[]) =>
  parts.map((p) => encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

describe.each(testDialects())("the API and its OpenAPI description on %s", (dialect) => {
  let t: TestApp;
  let doc: Json;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    doc = (await t.app.inject({ url: "/api/openapi.json" })).json();
  });
  afterAll(async () => t.close());

  it("Redocly's recommended rules find no error", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-openapi-"));
    const file = path.join(dir, "openapi.json");
    fs.writeFileSync(file, JSON.stringify(doc));
    const bin = path.resolve("node_modules/.bin/redocly");
    const args = ["lint", "--extends=recommended", "--format=json", file];
    const out = await run(bin, args, {
      maxBuffer: 20e6,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    }).catch((e: { stdout: string }) => ({
      stdout: e.stdout,
    }));
    fs.rmSync(dir, { recursive: true, force: true });
    const report = JSON.parse(out.stdout) as {
      totals: { errors: number };
      problems: {
        ruleId: string;
        severity: string;
        message: string;
        location: { pointer: string }[];
      }[];
    };
    const errors = report.problems
      .filter((p) => p.severity === "error")
      .map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it("states security schemes, operationIds, a licence and the servers", () => {
    const info = doc.info as Json;
    expect(info.license).toMatchObject({ identifier: "AGPL-3.0-or-later" });
    expect(doc.servers).toEqual([expect.objectContaining({ url: "http://localhost:3000" })]);
    const schemes = (doc.components as Json).securitySchemes as Json;
    expect(Object.keys(schemes).sort()).toEqual(["bearerToken", "csrfToken", "sessionCookie"]);
    const ids = operations().map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const o of operations()) expect(o.op.security, `${o.id} security`).toBeDefined();
    const getAppeal = operations().find((o) => o.id === "getAppeal");
    expect(getAppeal?.op.responses["200"]).toBeDefined();
  });

  it("keeps a key pattern (patternProperties) as JSON Schema states it, not as any key", () => {
    const ballot = operations().find((o) => o.id === "castBallot") as Operation;
    const schema = (ballot.op as Json).requestBody as Json;
    const answers = (((schema.content as Json)["application/json"] as Json).schema as Json)
      .properties as Json;
    const record = answers.answers as Json;
    expect(Object.keys(record.patternProperties as Json)).toEqual(["^[0-9]{1,2}$"]);
    expect(record.additionalProperties).toBeUndefined();
    expect(JSON.stringify(doc)).not.toContain("x-halyq-patternProperties");
  });

  it("describes ?lang= on every API operation, as every API route takes it", () => {
    for (const o of operations().filter((x) => x.path.startsWith("/api/"))) {
      const parameters = ((o.op as Json).parameters ?? []) as Json[];
      const lang = parameters.find((p) => p.in === "query" && p.name === "lang");
      expect(lang, `${o.id} lang`).toMatchObject({ schema: { enum: ["kk", "ru", "en"] } });
    }
  });

  it("says which CSV file starts with a byte-order mark, and only that one does", async () => {
    const report = operations().find((o) => o.id === "getConsultationReportCsv") as Operation;
    expect(String((report.op as Json).description)).toContain("byte-order mark");
    const open = operations().find((o) => o.id === "getOpenDataFile") as Operation;
    expect(String((open.op as Json).description ?? "")).not.toContain("byte-order mark");
    const csv = await t.app.inject({ url: "/open-data/statistics.csv" });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith("\uFEFF")).toBe(false);
  });

  function operations(): Operation[] {
    return Object.entries(doc.paths as Record<string, Record<string, Operation["op"]>>).flatMap(
      ([p, item]) =>
        Object.entries(item).map(([method, op]) => ({
          id: op.operationId,
          method: method.toUpperCase(),
          path: p,
          op,
        })),
    );
  }

  it("answers every operation only as described", async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    addFormats(ajv);
    ajv.addSchema(doc, "openapi");
    const ops = operations();
    const problems = new Set<string>();
    const exercised = new Set<string>();
    const succeeded = new Set<string>();
    let requests = 0;
    const statuses: Record<string, number> = {};

    async function send(
      o: Operation,
      caller: Caller,
      options: {
        params?: Record<string, string>;
        query?: Record<string, string>;
        body?: unknown;
        raw?: { payload: string; type: string };
      } = {},
    ) {
      const url =
        o.path.replace(/\{(\w+)\}/g, (_, n: string) =>
          encodeURIComponent(options.params?.[n] ?? paramFor(o.path, n)),
        ) + (options.query ? `?${new URLSearchParams(options.query)}` : "");
      const headers: Record<string, string> = { ...caller.headers };
      let payload: string | undefined;
      if (options.raw) {
        payload = options.raw.payload;
        headers["content-type"] = options.raw.type;
      } else if (options.body !== undefined) {
        payload = JSON.stringify(options.body);
        headers["content-type"] = "application/json";
      }
      const res = await t.app.inject({
        method: o.method as "GET",
        url,
        headers,
        ...(payload !== undefined ? { payload } : {}),
      });
      requests++;
      exercised.add(o.id);
      const status = String(res.statusCode);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (process.env.HALYQ_CONFORMANCE_REPORT && caller.name !== "anonymous")
        console.log(`${o.id} ${caller.name} ${status} ${res.body.slice(0, 150)}`);
      const where = `${o.id} ${status} (${caller.name} ${o.method} ${url.slice(0, 90)})`;
      if (res.statusCode >= 500) problems.add(`${where}: server error ${res.body.slice(0, 200)}`);
      const documented = o.op.responses[status];
      if (!documented) {
        problems.add(`${where}: status not documented; body ${res.body.slice(0, 160)}`);
        return res;
      }
      if (res.statusCode < 300) succeeded.add(o.id);
      const type = String(res.headers["content-type"] ?? "").split(";")[0] ?? "";
      if (!documented.content) {
        if (res.body.length > 0) problems.add(`${where}: a body where none is documented`);
        return res;
      }
      if (!documented.content[type]) {
        problems.add(`${where}: content type ${type} not documented`);
        return res;
      }
      if (type === "application/json") {
        const ref = `openapi#/${pointer("paths", o.path, o.method.toLowerCase(), "responses", status, "content", type, "schema")}`;
        const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
        if (!validate(JSON.parse(res.body))) {
          problems.add(
            `${where}: body does not match: ${ajv.errorsText(validate.errors)}; ${res.body.slice(0, 160)}`,
          );
        }
      }
      return res;
    }

    // Callers: anonymous, a citizen by bearer token, the same citizen's browser session
    // (cookie and CSRF header), and staff of one body by browser session.
    const anonymous: Caller = { name: "anonymous", headers: {} };
    const agencies = (await t.app.inject({ url: "/api/v1/agencies" })).json().agencies as Json[];
    const agency =
      agencies.find((a) => a.kind === "akimat" && a.level === "district") ?? (agencies[0] as Json);
    const agencyId = String(agency.id);
    const person = await signInAs(t, { kind: "citizen" });
    const now = t.clock.now();
    const apiSession = await createSession(t.ctx.db.kysely, {
      accountId: person.accountId,
      kind: "api",
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
      secondFactorAt: null,
    });
    const citizen: Caller = {
      name: "citizen",
      headers: { authorization: `Bearer ${apiSession.token}` },
    };
    const browser: Caller = {
      name: "citizen-browser",
      headers: { cookie: person.cookie, "x-csrf-token": person.csrf },
    };
    const official = await signInAs(t, {
      grants: (["registrar", "executor", "head", "moderator", "analyst"] as const).map((role) => ({
        role,
        agencyId,
      })),
    });
    const staff: Caller = {
      name: "staff",
      headers: { cookie: official.cookie, "x-csrf-token": official.csrf },
    };

    // Ids of real records, read through the API itself.
    const first = async (url: string, key = "id") => {
      const body = (await t.app.inject({ url })).json() as Json;
      const list = (body.items ?? body.agencies) as Json[] | undefined;
      return list?.[0] ? String(list[0][key]) : randomUUID();
    };
    const filed = await t.app.inject({
      method: "POST",
      url: "/api/v1/appeals",
      headers: citizen.headers,
      payload: { kind: "statement", agencyId, subject: "Street lights", text: "They are off." },
    });
    expect(filed.statusCode).toBe(201);
    const ids: Record<string, string> = {
      agency: agencyId,
      slug: String(agency.slug),
      appeal: filed.json().number,
      consultation: await first("/api/v1/consultations"),
      meeting: await first("/api/v1/meetings"),
      petition: await first("/api/v1/petitions"),
      poll: await first("/api/v1/polls?when=closed"),
      question: await first(`/api/v1/dialogue/${agencyId}/questions`),
    };
    function paramFor(p: string, name: string): string {
      if (name === "slug" || name === "idOrSlug") return ids.slug as string;
      if (name === "agencyId") return ids.agency as string;
      if (name === "number") return ids.appeal as string;
      if (name === "action") return "withdraw";
      if (name === "jurisdiction") return "kz";
      if (name === "year") return "2025";
      if (name === "level") return "district";
      if (name === "file") return "statistics.json";
      const section = p
        .split("/")
        .find((s) =>
          [
            "consultations",
            "meetings",
            "petitions",
            "polls",
            "questions",
            "bookings",
            "agencies",
          ].includes(s),
        );
      return (
        (
          {
            consultations: ids.consultation,
            meetings: ids.meeting,
            petitions: ids.petition,
            polls: ids.poll,
            questions: ids.question,
            agencies: ids.agency,
          } as Record<string, string | undefined>
        )[section ?? ""] ?? randomUUID()
      );
    }

    // A body valid against the operation's schema (required fields, first enum values).
    function sample(schema: Json | undefined): unknown {
      if (!schema) return {};
      if (typeof schema.$ref === "string") {
        const name = schema.$ref.split("/").pop() as string;
        return sample(((doc.components as Json).schemas as Json)[name] as Json);
      }
      if ("const" in schema) return schema.const;
      if (Array.isArray(schema.enum)) return schema.enum[0];
      const union = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
      if (union) return sample(union.find((s) => s.type !== "null") ?? union[0]);
      const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
      if (type === "object") {
        const props = (schema.properties ?? {}) as Record<string, Json>;
        const required = (schema.required ?? []) as string[];
        return Object.fromEntries(required.map((k) => [k, sample(props[k])]));
      }
      if (type === "array") return schema.minItems ? [sample(schema.items as Json)] : [];
      if (type === "integer" || type === "number") return (schema.minimum as number) ?? 1;
      if (type === "boolean") return false;
      if (schema.format === "uuid") return randomUUID();
      if (String(schema.pattern ?? "").includes("\\d{4}-")) return "2025-04-01";
      const max = (schema.maxLength as number | undefined) ?? 40;
      return "Conformance check text".slice(0, Math.max(max, schema.minLength ? 1 : 0));
    }
    const overrides: Record<string, Json> = {
      fileAppeal: { agencyId },
      createPetition: { agencyId },
      registerAppealForApplicant: {
        channel: "paper",
        applicant: { name: "Aigerim Nurlanova", language: "kk", postalAddress: "Astana, 1" },
      },
      signIn: { email: "nobody@test.invalid", password: "not the password" },
    };

    const validQueries: Record<string, Record<string, string>> = {
      addWorkingDays: { from: "2025-03-19", days: "15" },
    };

    const unsafe = (o: Operation) => o.method !== "GET";
    const needsAuth = (o: Operation) =>
      (o.op.security ?? []).length > 0 && !o.op.security?.some((s) => Object.keys(s).length === 0);
    const bodySchema = (o: Operation) => o.op.requestBody?.content["application/json"]?.schema;

    // The appeal filed above, as its applicant (its 200 was once undocumented).
    const appeal = ops.find((o) => o.id === "getAppeal") as Operation;
    expect((await send(appeal, citizen)).statusCode).toBe(200);
    expect((await send(appeal, browser)).statusCode).toBe(200);

    // Signing out ends the citizen's token: last.
    const ordered = [
      ...ops.filter((o) => o.id !== "signOut"),
      ...ops.filter((o) => o.id === "signOut"),
    ];
    for (const o of ordered) {
      const body = unsafe(o)
        ? { ...(sample(bodySchema(o)) as Json), ...(overrides[o.id] ?? {}) }
        : undefined;
      // Valid requests: anonymous, then signed in.
      const query = validQueries[o.id];
      await send(o, anonymous, { body, ...(query ? { query } : {}) });
      if (needsAuth(o) || o.path.startsWith("/api/v1/petitions/{id}")) {
        await send(o, citizen, { body });
        await send(o, staff, { body });
      }
      // A path parameter over the limit.
      if (o.path.includes("{")) {
        const name = /\{(\w+)\}/.exec(o.path)?.[1] as string;
        await send(o, anonymous, { params: { [name]: "a".repeat(101) } });
      }
      // Query values that are not allowed.
      const queries = (o.op.parameters ?? []).filter(
        (p) =>
          p.in === "query" &&
          (p.schema?.type !== "string" || p.schema?.enum || p.schema?.anyOf || p.schema?.pattern),
      );
      if (queries.length > 0) {
        await send(o, citizen, {
          query: Object.fromEntries(queries.map((p) => [p.name, "not-a-valid-value-%%"])),
        });
      }
      if (unsafe(o)) {
        // A browser session without its CSRF header, a body that is not JSON, broken JSON,
        // a body over 1 MB, and a number where a string is required.
        if (needsAuth(o))
          await send(o, { name: "no-csrf", headers: { cookie: person.cookie } }, { body });
        await send(o, browser, { raw: { payload: "plain text", type: "text/plain" } });
        await send(o, browser, { raw: { payload: '{"broken":', type: "application/json" } });
        if (bodySchema(o)) {
          await send(o, browser, {
            raw: {
              payload: JSON.stringify({ text: "x".repeat(1_100_000) }),
              type: "application/json",
            },
          });
          const props = (bodySchema(o)?.properties ?? {}) as Record<string, Json>;
          const field = Object.keys(props).find((k) => props[k]?.type === "string");
          if (field) {
            const res = await send(o, browser, { body: { ...(body as Json), [field]: 12345 } });
            if (res.statusCode !== 400 && res.statusCode !== 429)
              problems.add(
                `${o.id}: a number for the string ${field} was accepted (${res.statusCode})`,
              );
          }
        }
      }
    }

    if (process.env.HALYQ_CONFORMANCE_REPORT)
      console.log(
        JSON.stringify({
          requests,
          statuses,
          succeeded: [...succeeded].length,
          failedOps: ops.filter((o) => !succeeded.has(o.id)).map((o) => o.id),
        }),
      );
    expect([...problems]).toEqual([]);
    expect(ops.filter((o) => !exercised.has(o.id)).map((o) => o.id)).toEqual([]);
    expect(succeeded.size).toBeGreaterThan(ops.length / 2);
    expect(requests).toBeLessThan(800);
  });
});
