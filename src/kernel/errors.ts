import type { FieldIssue } from "./result.js";

/**
 * Stable error codes. Each maps to an HTTP status and a message key that every locale
 * catalogue must contain (a test enforces it). Codes never change meaning once published:
 * API clients match on them.
 */
export const errorCatalogue = {
  BAD_REQUEST: { status: 400, key: "errors.bad_request" },
  VALIDATION: { status: 400, key: "errors.validation" },
  INVALID_DATE: { status: 400, key: "errors.invalid_date" },
  INVALID_DAYS: { status: 400, key: "errors.invalid_days" },
  UNKNOWN_JURISDICTION: { status: 400, key: "errors.unknown_jurisdiction" },
  UNAUTHENTICATED: { status: 401, key: "errors.unauthenticated" },
  FORBIDDEN: { status: 403, key: "errors.forbidden" },
  IDENTITY_NOT_VERIFIED: { status: 403, key: "errors.identity_not_verified" },
  CSRF_FAILED: { status: 403, key: "errors.csrf_failed" },
  SECOND_FACTOR_REQUIRED: { status: 401, key: "errors.second_factor_required" },
  INVALID_IIN: { status: 400, key: "errors.invalid_iin" },
  INVALID_CREDENTIALS: { status: 401, key: "errors.invalid_credentials" },
  ALREADY_REGISTERED: { status: 409, key: "errors.already_registered" },
  NOT_FOUND: { status: 404, key: "errors.not_found" },
  METHOD_NOT_ALLOWED: { status: 405, key: "errors.method_not_allowed" },
  CONFLICT: { status: 409, key: "errors.conflict" },
  PAYLOAD_TOO_LARGE: { status: 413, key: "errors.payload_too_large" },
  PERSONAL_DATA_IN_PUBLIC: { status: 422, key: "errors.personal_data_in_public" },
  URI_TOO_LONG: { status: 414, key: "errors.uri_too_long" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, key: "errors.unsupported_media_type" },
  RATE_LIMITED: { status: 429, key: "errors.rate_limited" },
  SIGN_IN_PAUSED: { status: 429, key: "errors.sign_in_paused" },
  INTERNAL: { status: 500, key: "errors.internal" },
  UNAVAILABLE: { status: 503, key: "errors.unavailable" },
} as const satisfies Record<string, { status: number; key: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** An expected failure that should reach the client with its stable code. */
export class HalyqError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  /** Field problems to report with the error (translated when sent). */
  readonly issues: FieldIssue[];
  constructor(
    code: ErrorCode,
    params: Record<string, string | number> = {},
    issues: FieldIssue[] = [],
  ) {
    super(code);
    this.name = "HalyqError";
    this.code = code;
    this.params = params;
    this.issues = issues;
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

/** The error a route raises for a command's expected failure (anything but ok). */
export function failureError(
  r:
    | { kind: "invalid"; issues: FieldIssue[] }
    | { kind: "forbidden"; code?: ErrorCode }
    | { kind: "conflict"; code: ErrorCode; params?: Record<string, string | number> }
    | { kind: "not_found"; code?: ErrorCode },
): HalyqError {
  switch (r.kind) {
    case "invalid":
      return new HalyqError("VALIDATION", {}, r.issues);
    case "forbidden":
      return new HalyqError(r.code ?? "FORBIDDEN");
    case "conflict":
      return new HalyqError(r.code, r.params ?? {});
    case "not_found":
      return new HalyqError(r.code ?? "NOT_FOUND");
  }
}
