import { safeLocalPath } from "../../../web/core-routes.js";

/** Where a person goes after signing in when no page asked for them ("My Halyq" sends staff on to their inbox). */
export const LANDING = "/my";

/**
 * The page to go to after signing in: the page the person was sent to sign in from, when it is
 * a path on this site (never another host, whatever its spelling, nor the sign-in pages
 * themselves), else the landing page.
 */
export function afterSignIn(next: unknown): string {
  if (typeof next !== "string" || next === "") return LANDING;
  const safe = safeLocalPath(next);
  if (safe !== next || /^\/(login|logout)(?=[/?#]|$)/.test(safe)) return LANDING;
  return safe;
}

/** `path` carrying the page to return to, when there is one worth keeping. */
export function withNext(path: string, next: unknown): string {
  const target = afterSignIn(next);
  return target === LANDING ? path : `${path}?next=${encodeURIComponent(target)}`;
}
