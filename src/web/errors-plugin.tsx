import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from "fastify";
import fp from "fastify-plugin";
import { type ErrorCode, errorCatalogue, HalyqError } from "../kernel/errors.js";
import {
  type Catalogues,
  isLocale,
  type Locale,
  negotiateLocale,
  type Translate,
  translator,
} from "../kernel/i18n.js";
import type { NavigationItem } from "../platform/manifest.js";
import { ForbiddenPage } from "./forbidden-page.js";
import { itemForPath } from "./navigation.js";

export interface ApiErrorDetail {
  field: string;
  message: string;
}

/** True for requests answered with JSON rather than a page. */
export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith("/api/") || request.url === "/healthz" || request.url === "/readyz";
}

/** Sends `{"error": {"code", "message", "details?"}}` with the code's status, in the request's language. */
export function sendApiError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  params: Record<string, string | number> = {},
  details?: ApiErrorDetail[],
): FastifyReply {
  const { status, key } = errorCatalogue[code];
  const error: { code: ErrorCode; message: string; details?: ApiErrorDetail[] } = {
    code,
    message: request.t(key, params),
  };
  if (details && details.length > 0) error.details = details;
  return reply.status(status).type("application/json; charset=utf-8").send({ error });
}

/** Renders the localised error page: what happened and what to do, nothing internal. */
export function sendErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  navigation: readonly NavigationItem[] = [],
): FastifyReply {
  const { status, key } = errorCatalogue[code];
  const t = request.t;
  if (code === "FORBIDDEN") {
    return reply.page(
      t("forbidden.title"),
      <ForbiddenPage
        t={t}
        item={itemForPath(navigation, request.url)}
        principal={request.principal ?? null}
      />,
      { status },
    );
  }
  const titleKey =
    status === 404
      ? "error_page.not_found_title"
      : status >= 500
        ? "error_page.server_title"
        : "error_page.client_title";
  return reply.page(
    t(titleKey),
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">{t(titleKey)}</h1>
        <p class="govuk-body">{t(key)}</p>
        {status === 404 ? <p class="govuk-body">{t("error_page.not_found_hint")}</p> : null}
        {status >= 500 ? <p class="govuk-body">{t("error_page.server_hint")}</p> : null}
        <p class="govuk-body">
          <a class="govuk-link" href="/">
            {t("error_page.home_link")}
          </a>
        </p>
        <p class="govuk-body-s">
          {t("error_page.code")} <span class="halyq-code">{code}</span>
        </p>
      </div>
    </div>,
    { status },
  );
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_EMPTY_JSON_BODY: "BAD_REQUEST",
  FST_ERR_CTP_INVALID_JSON_BODY: "BAD_REQUEST",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "BAD_REQUEST",
  FST_ERR_BAD_URL: "BAD_REQUEST",
  FST_ERR_MAX_PARAM_LENGTH: "URI_TOO_LONG",
  FST_ERR_NOT_FOUND: "NOT_FOUND",
  FST_ERR_RATE_LIMIT_EXCEEDED: "RATE_LIMITED",
};

/** Statuses Fastify or a plugin may raise without a known code, kept as they are. */
const STATUS_CODES: Record<number, ErrorCode> = {
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  414: "URI_TOO_LONG",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
};

function codeFor(error: FastifyError): ErrorCode {
  if (error instanceof HalyqError) return error.code;
  if (error.validation) return "VALIDATION";
  if (error.code && FASTIFY_CODES[error.code]) return FASTIFY_CODES[error.code] as ErrorCode;
  if (error.statusCode && STATUS_CODES[error.statusCode])
    return STATUS_CODES[error.statusCode] as ErrorCode;
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return "BAD_REQUEST";
  return "INTERNAL";
}

/**
 * Schema errors as field details: one per field and problem. The branches of an `anyOf` (a
 * value that must be one of several literals or shapes) are folded into the `anyOf` error
 * itself, reported as "not one of the allowed options" when every branch was a literal.
 */
export function validationDetails(
  errors: FastifySchemaValidationError[],
  t: Translate,
): ApiErrorDetail[] {
  const unions = errors
    .filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf")
    .map((e) => e.schemaPath);
  const inside = (e: FastifySchemaValidationError, union: string) =>
    e.schemaPath.startsWith(`${union}/`);
  const seen = new Set<string>();
  const details: ApiErrorDetail[] = [];
  for (const e of errors) {
    if (unions.some((u) => inside(e, u))) continue;
    const branches = errors.filter((b) => inside(b, e.schemaPath));
    const keyword =
      unions.includes(e.schemaPath) &&
      branches.length > 0 &&
      branches.every((b) => b.keyword === "const")
        ? "enum"
        : e.keyword;
    // A missing or unexpected property is named by its parent's path and its own name.
    const own = e.params?.missingProperty ?? e.params?.additionalProperty;
    const field = (own === undefined ? e.instancePath : `${e.instancePath}/${String(own)}`)
      .replace(/^\//, "")
      .replace(/\//g, ".");
    const message = t(`validation.${keyword}`, { limit: String(e.params?.limit ?? "") });
    if (seen.has(`${field}\u0000${message}`)) continue;
    seen.add(`${field}\u0000${message}`);
    details.push({ field, message });
  }
  return details;
}

/**
 * Answers the errors Fastify raises before a request reaches a route (a path parameter over
 * the length limit, a path that is not valid percent-encoding), when no plugin has run yet:
 * the same localised error body as every other API error, or a short page, with the same
 * security headers as every other answer (no hook has run to set them).
 */
export function frameworkErrorHandler(
  catalogues: Catalogues,
  defaultLocale: Locale,
  securityHeaders: Record<string, string> = {},
) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const code = codeFor(error);
    const { status, key } = errorCatalogue[code];
    const query = /[?&]lang=(kk|ru|en)(?:&|$)/.exec(request.url)?.[1];
    const cookie = /(?:^|;\s*)halyq_lang=(kk|ru|en)(?:;|$)/.exec(request.headers.cookie ?? "")?.[1];
    const locale: Locale = isLocale(query)
      ? query
      : isLocale(cookie)
        ? cookie
        : (negotiateLocale(request.headers["accept-language"]) ?? defaultLocale);
    const t = translator(catalogues, locale);
    request.log.info({ code, msg: error.message }, "request rejected");
    reply
      .status(status)
      .headers(securityHeaders)
      .header("content-language", locale)
      .header("cache-control", "no-store");
    if (wantsJson(request)) {
      return reply
        .type("application/json; charset=utf-8")
        .send(JSON.stringify({ error: { code, message: t(key) } }));
    }
    const title = escapeHtml(t("error_page.client_title"));
    return reply
      .type("text/html; charset=utf-8")
      .send(
        `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><title>${title}</title></head>` +
          `<body><h1>${title}</h1><p>${escapeHtml(t(key))}</p><p><a href="/">${escapeHtml(t("error_page.home_link"))}</a></p>` +
          `<p>${escapeHtml(t("error_page.code"))} ${code}</p></body></html>`,
      );
  };
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c,
  );
}

/**
 * Why a request's body cannot be read as it is labelled, or undefined. Bodies are never
 * inflated (the body limit counts what arrives), so a Content-Encoding other than identity is
 * refused rather than read as bytes; JSON is UTF-8 (RFC 8259), so a JSON body that declares
 * another charset is refused rather than misread. Both are 415 (RFC 9110 §15.5.16).
 */
export function unreadableBody(
  headers: FastifyRequest["headers"],
): "encoding" | "charset" | undefined {
  const hasBody =
    (headers["content-length"] !== undefined && headers["content-length"] !== "0") ||
    headers["transfer-encoding"] !== undefined;
  if (!hasBody) return undefined;
  const encoding = String(headers["content-encoding"] ?? "identity")
    .trim()
    .toLowerCase();
  if (encoding !== "" && encoding !== "identity") return "encoding";
  const [type = "", ...params] = String(headers["content-type"] ?? "").split(";");
  if (!/^application\/(?:[\w.+-]+\+)?json$/i.test(type.trim())) return undefined;
  const charset = params
    .map((p) => p.trim().split("="))
    .find(([name]) => name?.trim().toLowerCase() === "charset")?.[1]
    ?.trim()
    .replace(/^"|"$/g, "")
    .toLowerCase();
  return charset === undefined || charset === "utf-8" || charset === "utf8" ? undefined : "charset";
}

/** One place that turns every error into a stable code, a status and a localised message. */
export const errorsPlugin = fp(
  async (app: FastifyInstance, opts: { navigation?: readonly NavigationItem[] }) => {
    const navigation = opts.navigation ?? [];
    app.addHook("onRequest", (request, reply, done) => {
      const problem = unreadableBody(request.headers);
      if (!problem) return done();
      if (problem === "encoding") reply.header("accept-encoding", "identity");
      done(new HalyqError("UNSUPPORTED_MEDIA_TYPE"));
    });
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const code = codeFor(error);
      if (code === "INTERNAL") request.log.error({ err: error }, "request failed");
      else request.log.info({ code, msg: error.message }, "request rejected");
      if (wantsJson(request)) {
        const issues = error instanceof HalyqError ? error.issues : [];
        const details =
          issues.length > 0
            ? issues.map((i) => ({ field: i.field, message: request.t(i.key, i.params) }))
            : error.validation
              ? validationDetails(error.validation, request.t)
              : undefined;
        return sendApiError(
          request,
          reply,
          code,
          error instanceof HalyqError ? error.params : {},
          details,
        );
      }
      return sendErrorPage(request, reply, code, navigation);
    });
    // The API's routes by path pattern, to tell a wrong method (405 with Allow, RFC 9110
    // §15.5.6) from a path that does not exist (404).
    const apiRoutes: { pattern: RegExp; methods: string[] }[] = [];
    app.addHook("onRoute", (route) => {
      if (!route.url.startsWith("/api/")) return;
      const source = route.url
        .split("/")
        .map((segment) =>
          segment.startsWith(":")
            ? "[^/]+"
            : segment === "*"
              ? ".*"
              : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
        )
        .join("/");
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String);
      apiRoutes.push({ pattern: new RegExp(`^${source}$`), methods });
    });
    app.setNotFoundHandler((request, reply) => {
      if (wantsJson(request)) {
        const path = request.url.split("?")[0] ?? "";
        const allowed = new Set(
          apiRoutes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods),
        );
        if (allowed.size > 0 && !allowed.has(request.method)) {
          reply.header("allow", [...allowed].sort().join(", "));
          return sendApiError(request, reply, "METHOD_NOT_ALLOWED");
        }
        return sendApiError(request, reply, "NOT_FOUND");
      }
      return sendErrorPage(request, reply, "NOT_FOUND");
    });
  },
  { name: "halyq-errors", dependencies: ["halyq-render"] },
);
