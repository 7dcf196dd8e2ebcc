import type { ErrorCode } from "./errors.js";

/** A problem with one input field, keyed for translation. */
export interface FieldIssue {
  field: string;
  /** Message key in the locale catalogues, e.g. "validation.required". */
  key: string;
  params?: Record<string, string | number>;
}

/**
 * What a command returns for the cases callers are expected to handle. Unexpected failures
 * still throw; expected ones are values so the route can map each to a page or a status.
 */
export type Result<T> =
  | { kind: "ok"; value: T }
  | { kind: "invalid"; issues: FieldIssue[] }
  | { kind: "forbidden"; code?: ErrorCode }
  | { kind: "conflict"; code: ErrorCode; params?: Record<string, string | number> }
  | { kind: "not_found"; code?: ErrorCode };

export const ok = <T>(value: T): Result<T> => ({ kind: "ok", value });
export const invalid = <T = never>(issues: FieldIssue[]): Result<T> => ({
  kind: "invalid",
  issues,
});
export const forbidden = <T = never>(code?: ErrorCode): Result<T> =>
  code ? { kind: "forbidden", code } : { kind: "forbidden" };
export const conflict = <T = never>(
  code: ErrorCode,
  params?: Record<string, string | number>,
): Result<T> => (params ? { kind: "conflict", code, params } : { kind: "conflict", code });
export const notFound = <T = never>(code?: ErrorCode): Result<T> =>
  code ? { kind: "not_found", code } : { kind: "not_found" };

export function isOk<T>(r: Result<T>): r is { kind: "ok"; value: T } {
  return r.kind === "ok";
}
