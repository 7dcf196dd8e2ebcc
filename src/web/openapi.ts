import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import type { FastifyInstance, RouteOptions } from "fastify";
import { ErrorBody } from "./api-schemas.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * Who may call the route, as the API description states it. Without it, a route that
     * declares a 401 answer needs a signed-in caller and any other route is public.
     * "optional": anyone, but a signed-in caller may see more (drafts, moderation queues).
     */
    auth?: "required" | "optional" | "none";
    /**
     * Description-only additions merged into the route's schema in the OpenAPI document and
     * never used at run time: for routes whose answers are not JSON (CSV, iCalendar, Atom),
     * where a response schema would otherwise be compiled into a serializer.
     */
    openapi?: {
      operationId: string;
      tags: string[];
      summary: string;
      description?: string;
      response: Record<string, unknown>;
    };
  }
}

/** The id of the shared error body in the description (`#/components/schemas/ApiError`). */
export const API_ERROR_ID = "ApiError";

/** Fastify's `maxParamLength`: a longer path parameter is answered 414 URI_TOO_LONG. */
export const MAX_PARAM_LENGTH = 100;

/** Every status an API route may send that is not its own success, with what it means. */
const STATUS_TEXT: Record<string, string> = {
  "200": "OK",
  "201": "Created",
  "204": "No content",
  "400":
    "BAD_REQUEST (malformed request, a body that is not JSON) or VALIDATION (a parameter or field fails its schema; `details` names each) or a more specific 400 code",
  "401":
    "UNAUTHENTICATED: no valid bearer token or session; SECOND_FACTOR_REQUIRED: a staff session without its second factor",
  "403":
    "FORBIDDEN: the caller may not do this (or a more specific 403 code); CSRF_FAILED: a browser session without a valid X-CSRF-Token on a state change",
  "404": "NOT_FOUND: no such record, or the caller may not see it",
  "304": "Not modified",
  "409": "CONFLICT (or a more specific 409 code): not allowed in the record's current state",
  "413": "PAYLOAD_TOO_LARGE: the body is over 1 MB",
  "414": `URI_TOO_LONG: a path parameter is over ${MAX_PARAM_LENGTH} characters`,
  "415":
    "UNSUPPORTED_MEDIA_TYPE: a body that is not application/json in UTF-8, or that is content-encoded (gzip is not accepted on requests; the answer's Accept-Encoding says identity)",
  "422": "The request is understood but cannot be processed (see the code)",
  "429": "RATE_LIMITED: too many requests; Retry-After gives the seconds to wait",
  "500": "INTERNAL: a fault on Halyq's side (logged; nothing internal is returned)",
  "503": "UNAVAILABLE: temporarily unavailable",
};

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const ERROR_SHAPE = JSON.stringify(ErrorBody);
const HTML_ERROR = {
  description: "A localised error page",
  content: { "text/html": { schema: { type: "string" } } },
};

type Schema = Record<string, unknown> & {
  hide?: boolean;
  tags?: string[];
  operationId?: string;
  response?: Record<string, unknown>;
  params?: unknown;
  querystring?: unknown;
  body?: unknown;
  security?: unknown;
};

/** The security requirement of an operation: bearer token, or session cookie (+ CSRF header on a change). */
export function securityFor(auth: "required" | "optional" | "none", unsafe: boolean) {
  if (auth === "none") return [];
  const cookie = unsafe ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] };
  const signedIn = [{ bearerToken: [] }, cookie];
  return auth === "optional" ? [{}, ...signedIn] : signedIn;
}

function errorResponse(status: string) {
  return { $ref: `${API_ERROR_ID}#`, description: STATUS_TEXT[status] ?? "Error" };
}

function isErrorBody(schema: unknown): boolean {
  return JSON.stringify(schema) === ERROR_SHAPE;
}

/**
 * Completes one route's operation for the description: its security, and every status the
 * platform itself may send (validation, authentication, CSRF, body size and type, path length,
 * rate limits, faults), each with the shared error body. A route states only what is its own.
 * To add a status to a route, add it to the route's `response` (`409: ErrorBody`).
 */
export function describeOperation({
  schema,
  url,
  route,
}: {
  schema: Schema | undefined;
  url: string;
  route: RouteOptions;
}): { schema: Schema | undefined; url: string } {
  const extra = route.config?.openapi;
  const base = keepPatternProperties(
    (extra ? { ...schema, hide: false, ...extra } : schema) as Schema | undefined,
  );
  if (!base || base.hide || !base.tags) return { schema: base, url };
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const unsafe = methods.some((m) => UNSAFE.has(m));
  const isApi = url.startsWith("/api/");
  const hasParams = url.includes(":");
  const declared = base.response ?? {};
  const auth = route.config?.auth ?? ("401" in declared ? "required" : "none");

  const response: Record<string, unknown> = {};
  for (const [status, s] of Object.entries(declared)) {
    if (isErrorBody(s)) response[status] = errorResponse(status);
    else if (
      s &&
      typeof s === "object" &&
      !("description" in s) &&
      !("content" in s) &&
      STATUS_TEXT[status]
    )
      response[status] = { ...s, description: STATUS_TEXT[status] };
    else response[status] = s;
  }
  const add = (status: string) => {
    if (!(status in response))
      response[status] = isApi
        ? errorResponse(status)
        : { ...HTML_ERROR, description: `${STATUS_TEXT[status]} (a localised error page)` };
  };
  if (hasParams || base.querystring || base.body || unsafe) add("400");
  const querystring = isApi ? withLang(base.querystring) : base.querystring;
  if (auth === "required") add("401");
  if (unsafe && auth !== "none" && isApi) add("403");
  if (unsafe) {
    add("413");
    add("415");
  }
  if (hasParams) add("414");
  if (route.config?.rateLimit) add("429");
  if (isApi) add("500");

  return {
    schema: {
      ...base,
      ...(querystring ? { querystring } : {}),
      security: base.security ?? securityFor(auth, unsafe),
      response,
    },
    url,
  };
}

/** `?lang=`, which every API operation takes (the language of messages), as a query parameter. */
const LANG_PARAMETER = {
  type: "string",
  enum: ["kk", "ru", "en"],
  description:
    "The language of messages in the answer; without it, the language cookie, then Accept-Language",
};

function withLang(querystring: unknown): Record<string, unknown> {
  const q = (querystring ?? { type: "object", properties: {} }) as Record<string, unknown>;
  const properties = (q.properties ?? {}) as Record<string, unknown>;
  if ("lang" in properties) return q;
  return { ...q, properties: { ...properties, lang: LANG_PARAMETER } };
}

/**
 * The description of a route that answers with a file (CSV, JSON, iCalendar, Atom) rather than
 * through the JSON API: for `config.openapi`. Its errors are localised HTML pages.
 */
export function fileOperation(o: {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  /** Content type → JSON schema of the body (`{ type: "string" }` for text). */
  types: Record<string, Record<string, unknown>>;
  /** Other statuses: 304 (ETag), 404, 409. */
  statuses?: string[];
}): NonNullable<import("fastify").FastifyContextConfig["openapi"]> {
  const response: Record<string, unknown> = {
    200: {
      description: "The file",
      content: Object.fromEntries(Object.entries(o.types).map(([t, schema]) => [t, { schema }])),
    },
  };
  for (const status of o.statuses ?? []) {
    response[status] =
      status === "304"
        ? { description: "Not modified since the ETag or date sent", type: "null" }
        : { ...HTML_ERROR, description: `${STATUS_TEXT[status]} (a localised error page)` };
  }
  return {
    operationId: o.operationId,
    tags: o.tags,
    summary: o.summary,
    ...(o.description ? { description: o.description } : {}),
    response,
  };
}

/**
 * An `onRoute` hook for a capability's scope that attaches file descriptions to its routes by
 * URL (`app.addHook("onRoute", describeFiles({ "/x.csv": fileOperation({…}) }))`), so that the
 * routes themselves stay as they are.
 */
export function describeFiles(
  docs: Record<string, ReturnType<typeof fileOperation>>,
): (route: RouteOptions) => void {
  return (route) => {
    const doc = route.method === "GET" ? docs[route.url] : undefined;
    if (doc) route.config = { ...route.config, openapi: doc };
  };
}

/**
 * `@fastify/swagger` turns `patternProperties` (a TypeBox `Record` with a key pattern) into
 * `additionalProperties`, as OpenAPI 3.0 needed, and the key pattern is lost. OpenAPI 3.1
 * takes JSON Schema as it is: the keyword is carried through the conversion under another
 * name (a copy; the route's own schema is left alone) and named back in `finishDocument`.
 */
const PATTERN_CARRIER = "x-halyq-patternProperties";

function renameKey<T>(value: T, from: string, to: string): T {
  if (Array.isArray(value)) return value.map((v) => renameKey(v, from, to)) as T;
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k === from ? to : k, renameKey(v, from, to)]),
  ) as T;
}

function keepPatternProperties(schema: Schema | undefined): Schema | undefined {
  if (!schema || !JSON.stringify(schema).includes('"patternProperties"')) return schema;
  return renameKey(schema, "patternProperties", PATTERN_CARRIER);
}

/** Whole-document corrections that depend on the finished operations. */
function finishDocument({ openapiObject }: { openapiObject: Record<string, unknown> }) {
  if (JSON.stringify(openapiObject.paths ?? {}).includes(PATTERN_CARRIER))
    openapiObject.paths = renameKey(openapiObject.paths, PATTERN_CARRIER, "patternProperties");
  const paths = (openapiObject.paths ?? {}) as Record<string, Record<string, OperationObject>>;
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item)) {
      const body = op.requestBody?.content?.["application/json"]?.schema;
      // A body whose every field is optional may be left out (the route then sees {}).
      if (op.requestBody && body && !(body.required as unknown[] | undefined)?.length) {
        op.requestBody.required = false;
      }
    }
  }
  return openapiObject;
}

interface OperationObject {
  requestBody?: {
    required?: boolean;
    content?: Record<string, { schema?: Record<string, unknown> }>;
  };
}

/** `@fastify/swagger`'s options: the document's head, security schemes and the route transform. */
export function swaggerOptions(publicUrl: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Halyq API",
        version: "1",
        description: [
          "The public JSON API of Halyq, the platform through which people reach Kazakhstan's state bodies.",
          'Every error is `{"error": {"code", "message", "details"?}}` with a stable `code` (match on it, not on the message) and a message in the language of `Accept-Language` (kk, ru, en).',
          "Programs sign in with `POST /api/v1/session` and send the token as `Authorization: Bearer <token>`; a browser session (the `halyq_session` cookie) works too, and then every state change also needs the `X-CSRF-Token` header.",
          "Open data (CSV, JSON), the iCalendar and Atom files are described here as well. Open311 GeoReport v2 (`/open311/v2`) is described by its own specification (http://wiki.open311.org/GeoReport_v2), not here.",
        ].join("\n\n"),
        license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
        contact: { name: "Halyq", url: `${publicUrl}/api/docs` },
      },
      servers: [{ url: publicUrl, description: "This Halyq instance (PUBLIC_URL)" }],
      components: {
        securitySchemes: {
          bearerToken: {
            type: "http",
            scheme: "bearer",
            description:
              "The token from `POST /api/v1/session`, as `Authorization: Bearer <token>`. No CSRF header is needed with it.",
          },
          sessionCookie: {
            type: "apiKey",
            in: "cookie",
            name: "halyq_session",
            description:
              "A browser session from signing in on the site. A state change (POST, DELETE) with it also needs `csrfToken`.",
          },
          csrfToken: {
            type: "apiKey",
            in: "header",
            name: "X-CSRF-Token",
            description:
              "With the session cookie on a state change: the page's form token, which matches the `halyq_csrf` cookie and the session. Without it: 403 CSRF_FAILED.",
          },
        },
      },
    },
    hideUntagged: true,
    transform: describeOperation as unknown as FastifyDynamicSwaggerOptions["transform"],
    transformObject: finishDocument as unknown as FastifyDynamicSwaggerOptions["transformObject"],
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === "string" ? json.$id : `def-${i}`,
    },
  };
}

/**
 * Registers the shared error body and checks, as each route is added, that every described
 * API operation has an operationId and that no two share one.
 */
export function apiDescriptionChecks(app: FastifyInstance): void {
  app.addSchema({ $id: API_ERROR_ID, ...ErrorBody });
  const seen = new Map<string, string>();
  app.addHook("onRoute", (route) => {
    const schema = route.schema as Schema | undefined;
    const doc = route.config?.openapi;
    if (route.method === "HEAD" || (!doc && (!schema?.tags || schema.hide))) return;
    const id = doc?.operationId ?? schema?.operationId;
    const where = `${String(route.method)} ${route.url}`;
    if (!id) throw new Error(`${where} is described in the API but has no operationId`);
    if (!/^[a-z][A-Za-z0-9]*$/.test(id))
      throw new Error(`${where}: operationId "${id}" is not camelCase`);
    const other = seen.get(id);
    if (other && other !== where)
      throw new Error(`operationId "${id}" used by ${other} and ${where}`);
    seen.set(id, where);
  });
}
