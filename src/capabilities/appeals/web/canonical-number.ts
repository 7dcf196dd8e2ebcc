import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * A page reached by an appeal's old number (`BAIKONUR-DISTRICT-AKIMAT-2026-000013`) or by a
 * number typed in small letters moves for good (301) to the same page at the current number,
 * so old links in letters, SMS and bookmarks keep working and the address shows the number
 * people quote. Only GET: a form posted to an old address is handled where it was posted.
 * True when it redirected.
 */
export function redirectToCurrentNumber(
  request: FastifyRequest,
  reply: FastifyReply,
  asked: string,
  number: string,
): boolean {
  if (request.method !== "GET" || asked === number) return false;
  const q = request.url.indexOf("?");
  const path = q < 0 ? request.url : request.url.slice(0, q);
  const query = q < 0 ? "" : request.url.slice(q);
  const segments = path.split("/");
  const at = segments.findIndex((s) => {
    try {
      return decodeURIComponent(s) === asked;
    } catch {
      return false;
    }
  });
  if (at < 0) return false;
  segments[at] = encodeURIComponent(number);
  void reply.redirect(`${segments.join("/")}${query}`, 301);
  return true;
}
