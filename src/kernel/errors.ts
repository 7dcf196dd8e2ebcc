/**
 * Stable error codes. Each maps to an HTTP status and a message key that every locale
 * catalogue must contain (a test enforces it). Codes never change meaning once published:
 * API clients match on them.
 */
export const errorCatalogue = {
  HALYQ_BAD_REQUEST: { status: 400, key: "errors.bad_request" },
  HALYQ_VALIDATION: { status: 400, key: "errors.validation" },
  HALYQ_INVALID_DATE: { status: 400, key: "errors.invalid_date" },
  HALYQ_INVALID_DAYS: { status: 400, key: "errors.invalid_days" },
  HALYQ_UNKNOWN_JURISDICTION: { status: 400, key: "errors.unknown_jurisdiction" },
  HALYQ_UNAUTHENTICATED: { status: 401, key: "errors.unauthenticated" },
  HALYQ_FORBIDDEN: { status: 403, key: "errors.forbidden" },
  HALYQ_NOT_FOUND: { status: 404, key: "errors.not_found" },
  HALYQ_METHOD_NOT_ALLOWED: { status: 405, key: "errors.method_not_allowed" },
  HALYQ_CONFLICT: { status: 409, key: "errors.conflict" },
  HALYQ_PAYLOAD_TOO_LARGE: { status: 413, key: "errors.payload_too_large" },
  HALYQ_UNSUPPORTED_MEDIA_TYPE: { status: 415, key: "errors.unsupported_media_type" },
  HALYQ_RATE_LIMITED: { status: 429, key: "errors.rate_limited" },
  HALYQ_INTERNAL: { status: 500, key: "errors.internal" },
  HALYQ_UNAVAILABLE: { status: 503, key: "errors.unavailable" },
} as const satisfies Record<string, { status: number; key: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** An expected failure that should reach the client with its stable code. */
export class HalyqError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  constructor(code: ErrorCode, params: Record<string, string | number> = {}, cause?: unknown) {
    super(code, cause === undefined ? undefined : { cause });
    this.name = "HalyqError";
    this.code = code;
    this.params = params;
  }
  get status(): number {
    return errorCatalogue[this.code].status;
  }
}

export function errorStatus(code: ErrorCode): number {
  return errorCatalogue[code].status;
}

export function errorKey(code: ErrorCode): string {
  return errorCatalogue[code].key;
}
