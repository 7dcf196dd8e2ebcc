import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import { dateParams } from "../../../kernel/format/index.js";
import type { Locale } from "../../../kernel/i18n.js";
import { getSetting } from "../../../kernel/settings.js";
import type { AppContext } from "../../../platform/manifest.js";
import { findCategoryBySlug, listCategories } from "../../agencies/index.js";
import { appealNumber } from "../../appeals/index.js";
import { loadLookups } from "../lookups.js";
import { findActiveKey, hashKey } from "./api-keys.js";
import { fileOpen311Request, type PostRequestParams } from "./file-request.js";
import { type Format, type Item, sendDocument, sendErrors, splitFormat } from "./format.js";
import {
  listRequests,
  MAX_SPAN_DAYS,
  type RequestRow,
  requestsByNumber,
  serviceRequest,
} from "./requests.js";

/** The GeoReport v2 specification this endpoint implements. */
export const SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
/** When this endpoint's interface last changed (the discovery document's changeset). */
export const CHANGESET = "2026-11-28T00:00:00Z";
/** Requests per minute from one client address (reads) and from one key (filings). */
export const READ_LIMIT = 120;
export const FILE_LIMIT = 30;

/**
 * The one jurisdiction this endpoint serves, as discovery names it: the setting
 * `open311.jurisdiction_id` when an administrator set it, else `OPEN311_JURISDICTION_ID`, else
 * the host name Halyq is reached at (e.g. "halyq.kz").
 */
export async function jurisdictionId(ctx: AppContext): Promise<string> {
  return (
    (await getSetting(ctx.db.kysely, "open311.jurisdiction_id")) ??
    ctx.config.open311JurisdictionId ??
    new URL(ctx.config.publicUrl).hostname
  );
}

/**
 * The ids a client may send as `jurisdiction_id`: the one above, and the code of the
 * jurisdiction whose rules the bodies follow (`DEFAULT_JURISDICTION`, e.g. "kz"), which is what
 * a national integrator knows. Compared without regard to case.
 */
export async function acceptedJurisdictionIds(ctx: AppContext): Promise<string[]> {
  return [...new Set([await jurisdictionId(ctx), ctx.config.defaultJurisdiction])];
}

/** A failure with the spec's status and a message key for its description. */
class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    readonly keys: { key: string; params?: Record<string, string | number> }[],
  ) {
    super(keys.map((k) => k.key).join(", "));
  }
}

const fail = (status: 400 | 403 | 404, key: string, params?: Record<string, string | number>) =>
  new Open311Error(status, [{ key, ...(params ? { params } : {}) }]);

/** The format a URL asks for (JSON when it names none, for errors on unknown paths). */
function formatOf(request: FastifyRequest): Format {
  return /\.xml(\?|$)/.test(request.url) ? "xml" : "json";
}

type Params = Record<string, unknown>;
/** A parameter as text: a form gives strings (the first, when repeated), JSON may give numbers. */
const str = (v: unknown): string | undefined => {
  const first = Array.isArray(v) ? v[0] : v;
  if (typeof first === "string") return first;
  return typeof first === "number" && Number.isFinite(first) ? String(first) : undefined;
};

function parseInstant(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  // The w3c subset of ISO 8601 with a zone, as the spec requires; a bare date is the UTC day.
  const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value);
  const t = ok ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(t)) throw fail(400, "open_data.open311.error.date_invalid", { name });
  return t;
}

const DAY = 86_400_000;

/** Open311 GeoReport v2 under /open311/v2: discovery, services, requests and tokens, JSON and XML. */
export async function open311Routes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(
    async (scope) => {
      scope.addHook("onRequest", async (request, reply) => {
        if (request.method === "GET" || request.method === "HEAD") {
          reply.header("access-control-allow-origin", "*");
          reply.header("cross-origin-resource-policy", "cross-origin");
        }
        reply.header("cache-control", "no-cache");
      });

      // Every failure, the app's own included (validation, rate limit), in the spec's form.
      scope.setErrorHandler((error: FastifyError | Open311Error, request, reply) => {
        const format = formatOf(request);
        // A method or path this interface does not have is not found, whatever a hook that ran
        // first (the CSRF check of unsafe methods) thought of it.
        if (request.is404) {
          return sendErrors(reply, format, 404, [request.t("open_data.open311.error.not_found")]);
        }
        if (error instanceof Open311Error) {
          return sendErrors(
            reply,
            format,
            error.status,
            error.keys.map((k) => request.t(k.key, k.params)),
          );
        }
        const status =
          error instanceof HalyqError
            ? error.status
            : error.statusCode === 429
              ? 429
              : error.validation || (error.statusCode ?? 500) < 500
                ? 400
                : 500;
        if (status >= 500) request.log.error({ err: error }, "open311 request failed");
        const key =
          status === 429
            ? "errors.rate_limited"
            : status === 404
              ? "open_data.open311.error.not_found"
              : status >= 500
                ? "errors.internal"
                : "errors.bad_request";
        return sendErrors(reply, format, status, [request.t(key)]);
      });
      scope.setNotFoundHandler((request, reply) =>
        sendErrors(reply, formatOf(request), 404, [request.t("open_data.open311.error.not_found")]),
      );

      async function checkJurisdiction(params: Params): Promise<void> {
        const given = str(params.jurisdiction_id);
        if (given === undefined || given === "") return;
        const accepted = await acceptedJurisdictionIds(ctx);
        if (!accepted.some((id) => id.toLowerCase() === given.trim().toLowerCase())) {
          throw fail(404, "open_data.open311.error.jurisdiction_unknown");
        }
      }

      // One budget for all reads per client address, one for all filings per key, whatever
      // the format asked for (a route's own limit would count JSON and XML apart).
      const readLimiter = scope.createRateLimit({ max: READ_LIMIT, timeWindow: "1 minute" });
      const fileLimiter = scope.createRateLimit({
        max: FILE_LIMIT,
        timeWindow: "1 minute",
        keyGenerator: (request: FastifyRequest) => {
          // The key where the handler reads it: the body, else the query string.
          const key =
            str((request.body as Params | undefined)?.api_key) ??
            str((request.query as Params | undefined)?.api_key);
          return key ? `open311:${hashKey(key)}` : `open311-ip:${request.ip}`;
        },
      });
      scope.addHook("preHandler", async (request, reply) => {
        const limit = await (request.method === "POST" ? fileLimiter : readLimiter)(request);
        if (!limit.isAllowed && limit.isExceeded) {
          reply.header("retry-after", String(limit.ttlInSeconds));
          throw new Open311Error(429, [{ key: "errors.rate_limited" }]);
        }
      });
      const locale = (request: FastifyRequest): Locale => request.locale;

      for (const format of ["json", "xml"] as const) {
        scope.get(`/discovery.${format}`, async (request, reply) => {
          const base = `${ctx.config.publicUrl}/open311/v2`;
          return sendDocument(reply, format, 200, {
            root: "discovery",
            value: {
              changeset: CHANGESET,
              // Not in the specification's example; clients that send jurisdiction_id read it here.
              jurisdiction_id: await jurisdictionId(ctx),
              contact: request.t("open_data.open311.contact", {
                url: `${ctx.config.publicUrl}/open-data`,
              }),
              key_service: request.t("open_data.open311.key_service", {
                url: `${ctx.config.publicUrl}/open-data`,
              }),
              endpoints:
                format === "json"
                  ? [endpoint(base, ["text/xml", "application/json"])]
                  : { endpoint: endpoint(base, { format: ["text/xml", "application/json"] }) },
            },
          });
        });

        scope.get(`/services.${format}`, async (request, reply) => {
          await checkJurisdiction(request.query as Params);
          const items = (await services(ctx, request, locale(request))).map((s) => s.item);
          return sendDocument(reply, format, 200, { root: "services", item: "service", items });
        });

        scope.get(`/requests.${format}`, async (request, reply) => {
          const q = request.query as Params;
          await checkJurisdiction(q);
          const rows = await findRequests(ctx, q);
          return sendRequests(ctx, request, reply, format, rows);
        });

        scope.post(
          `/requests.${format}`,
          {
            config: {
              csrf: false,
            },
          },
          async (request, reply) => {
            const body = { ...(request.query as Params), ...((request.body as Params) ?? {}) };
            await checkJurisdiction(body);
            const key = await findActiveKey(ctx.db.kysely, str(body.api_key) ?? "");
            if (!key) throw fail(403, "open_data.open311.error.api_key_invalid");
            const params: PostRequestParams = {};
            for (const name of [
              "service_code",
              "lat",
              "long",
              "address_string",
              "address_id",
              "email",
              "first_name",
              "last_name",
              "phone",
              "description",
            ] as const) {
              params[name] = str(body[name]);
            }
            const result = await fileOpen311Request(ctx, key, locale(request), params);
            if (result.kind === "invalid") {
              throw new Open311Error(
                400,
                result.issues.map((i) => ({
                  key: i.key,
                  ...(i.params ? { params: i.params } : {}),
                })),
              );
            }
            if (result.kind !== "ok") throw fail(403, "open_data.open311.error.api_key_invalid");
            const filed = result.value;
            return sendDocument(reply, format, 200, {
              root: "service_requests",
              item: "request",
              items: [
                {
                  service_request_id: filed.number,
                  token: filed.token,
                  service_notice: request.t(
                    "open_data.open311.service_notice",
                    dateParams("due", filed.dueOn, request.locale),
                  ),
                  account_id: null,
                },
              ],
            });
          },
        );
      }

      scope.get<{ Params: { file: string } }>("/services/:file", async (request, reply) => {
        const file = splitFormat(request.params.file);
        if (!file) throw fail(404, "open_data.open311.error.not_found");
        await checkJurisdiction(request.query as Params);
        const found = (await services(ctx, request, locale(request))).find(
          (s) => s.item.service_code === file.name,
        );
        if (!found) throw fail(404, "open_data.open311.error.service_code_unknown");
        return sendDocument(reply, file.format, 200, {
          root: "service_definition",
          value: {
            service_code: file.name,
            attributes: file.format === "json" ? [] : "",
          },
        });
      });

      scope.get<{ Params: { file: string } }>("/requests/:file", async (request, reply) => {
        const file = splitFormat(request.params.file);
        if (!file) throw fail(404, "open_data.open311.error.not_found");
        await checkJurisdiction(request.query as Params);
        const rows = await requestsByNumber(ctx.db.kysely, [file.name]);
        if (rows.length === 0) throw fail(404, "open_data.open311.error.request_unknown");
        return sendRequests(ctx, request, reply, file.format, rows);
      });

      scope.get<{ Params: { file: string } }>("/tokens/:file", async (request, reply) => {
        const file = splitFormat(request.params.file);
        if (!file) throw fail(404, "open_data.open311.error.not_found");
        await checkJurisdiction(request.query as Params);
        const filed = await ctx.db.kysely
          .selectFrom("open311_requests")
          .select(["appeal_id", "token"])
          .where("token", "=", file.name)
          .executeTakeFirst();
        const number = filed ? await appealNumber(ctx.db.kysely, filed.appeal_id) : undefined;
        if (!filed || number === undefined) {
          throw fail(404, "open_data.open311.error.token_unknown");
        }
        return sendDocument(reply, file.format, 200, {
          root: "service_requests",
          item: "request",
          items: [{ service_request_id: number, token: filed.token }],
        });
      });
    },
    { prefix: "/open311/v2" },
  );
}

function endpoint(url: string, formats: Item["formats"]): Item {
  return {
    specification: SPECIFICATION,
    url,
    changeset: CHANGESET,
    type: "production",
    formats: formats as Item[string],
  };
}

/** The appeal categories as GeoReport services: code = the category's slug. */
async function services(ctx: AppContext, request: FastifyRequest, locale: Locale) {
  const rows = await listCategories(ctx.db.kysely);
  const t = request.t;
  return rows.map((c) => ({
    id: c.id,
    item: {
      service_code: c.slug,
      service_name: c.names[locale],
      description: t(
        `open_data.open311.service_description.${c.scope === "district" ? "district" : "other"}`,
      ),
      metadata: false,
      type: "realtime",
      keywords: [c.names.kk, c.names.ru, c.names.en].join(", "),
      group: t(`agencies.scope.${c.scope}`),
    } satisfies Item,
  }));
}

/** `GET requests`: by number, or by criteria within the last 90 days and 1,000 requests. */
async function findRequests(ctx: AppContext, q: Params): Promise<RequestRow[]> {
  const db = ctx.db.kysely;
  const ids = str(q.service_request_id);
  if (ids !== undefined && ids.trim() !== "") {
    const numbers = [
      ...new Set(
        ids
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    if (numbers.length > 1000 || numbers.some((n) => n.length > 100)) {
      throw fail(400, "open_data.open311.error.request_ids_invalid");
    }
    return requestsByNumber(db, numbers);
  }
  const startAt = parseInstant(str(q.start_date), "start_date");
  const endAt = parseInstant(str(q.end_date), "end_date");
  const now = ctx.clock.now().getTime();
  const end = endAt ?? (startAt !== undefined ? startAt + MAX_SPAN_DAYS * DAY : now);
  const start = startAt ?? end - MAX_SPAN_DAYS * DAY;
  if (end < start) throw fail(400, "open_data.open311.error.date_order");
  if (end - start > MAX_SPAN_DAYS * DAY) {
    throw fail(400, "open_data.open311.error.date_span", { days: MAX_SPAN_DAYS });
  }
  const statusText = str(q.status);
  const statuses = statusText
    ? [
        ...new Set(
          statusText
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ]
    : [];
  if (statuses.some((s) => s !== "open" && s !== "closed")) {
    throw fail(400, "open_data.open311.error.status_invalid");
  }
  // The spec: service_code may list several, separated by commas.
  const codes = [
    ...new Set(
      (str(q.service_code) ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (codes.length > 100) throw fail(400, "open_data.open311.error.service_code_unknown");
  const categoryIds: string[] = [];
  for (const code of codes) {
    const category = await findCategoryBySlug(db, code);
    if (!category) throw fail(400, "open_data.open311.error.service_code_unknown");
    categoryIds.push(category.id);
  }
  return listRequests(db, {
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    statuses: statuses as ("open" | "closed")[],
    ...(categoryIds.length > 0 ? { categoryIds } : {}),
  });
}

async function sendRequests(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  format: Format,
  rows: RequestRow[],
) {
  const lookups = await loadLookups(ctx.db.kysely, {
    agencyIds: rows.map((r) => r.agency_id),
    districtCodes: rows.flatMap((r) => (r.district_code ? [r.district_code] : [])),
  });
  const items = rows.map((r) => serviceRequest(request.t, request.locale, lookups, r));
  return sendDocument(reply, format, 200, { root: "service_requests", item: "request", items });
}
