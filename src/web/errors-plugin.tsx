import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { type ErrorCode, errorCatalogue, HalyqError } from "../kernel/errors.js";

export interface ApiErrorDetail {
  field: string;
  message: string;
}

/** True for requests answered with JSON rather than a page. */
export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith("/api/") || request.url === "/healthz";
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
): FastifyReply {
  const { status, key } = errorCatalogue[code];
  const t = request.t;
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
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "BAD_REQUEST",
  FST_ERR_RATE_LIMIT_EXCEEDED: "RATE_LIMITED",
};

function codeFor(error: FastifyError): ErrorCode {
  if (error instanceof HalyqError) return error.code;
  if (error.validation) return "VALIDATION";
  if (error.code && FASTIFY_CODES[error.code]) return FASTIFY_CODES[error.code] as ErrorCode;
  if (error.statusCode === 429) return "RATE_LIMITED";
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return "BAD_REQUEST";
  return "INTERNAL";
}

/** One place that turns every error into a stable code, a status and a localised message. */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const code = codeFor(error);
      if (code === "INTERNAL") request.log.error({ err: error }, "request failed");
      else request.log.info({ code, msg: error.message }, "request rejected");
      if (wantsJson(request)) {
        const issues = error instanceof HalyqError ? error.issues : [];
        const details =
          issues.length > 0
            ? issues.map((i) => ({ field: i.field, message: request.t(i.key, i.params) }))
            : error.validation?.map((v) => ({
                field: (v.instancePath || `/${String(v.params?.missingProperty ?? "")}`)
                  .replace(/^\//, "")
                  .replace(/\//g, "."),
                message: request.t(`validation.${v.keyword}`, {
                  limit: String(v.params?.limit ?? ""),
                }),
              }));
        return sendApiError(
          request,
          reply,
          code,
          error instanceof HalyqError ? error.params : {},
          details,
        );
      }
      return sendErrorPage(request, reply, code);
    });
    app.setNotFoundHandler((request, reply) => {
      if (wantsJson(request)) return sendApiError(request, reply, "NOT_FOUND");
      return sendErrorPage(request, reply, "NOT_FOUND");
    });
  },
  { name: "halyq-errors", dependencies: ["halyq-render"] },
);
