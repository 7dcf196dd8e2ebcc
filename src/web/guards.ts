import type { FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../kernel/errors.js";
import type { Principal } from "../kernel/permissions.js";
import { safeLocalPath } from "./core-routes.js";

/**
 * The signed-in person for a page, or a redirect: to sign-in when nobody is, and, for staff
 * who have not passed their second factor, to that step (no staff page is reachable before).
 * Returns null when the reply was sent.
 */
export function requirePage(request: FastifyRequest, reply: FastifyReply): Principal | null {
  const p = request.principal;
  if (!p) {
    reply.redirect(`/login?next=${encodeURIComponent(safeLocalPath(request.url))}`, 303);
    return null;
  }
  if (p.kind === "staff" && !p.secondFactor) {
    reply.redirect("/login/second-factor", 303);
    return null;
  }
  return p;
}

/** The caller of an API route, or a coded 401 (no credentials, or staff without the second factor). */
export function requireApi(request: FastifyRequest): Principal {
  const p = request.principal;
  if (!p) throw new HalyqError("UNAUTHENTICATED");
  if (p.kind === "staff" && !p.secondFactor) throw new HalyqError("SECOND_FACTOR_REQUIRED");
  return p;
}

/** The signed-in member of staff for an office page, or a 404 for anyone else (as if it did not exist). */
export function staffOnly(request: FastifyRequest, reply: FastifyReply): Principal | null {
  const principal = requirePage(request, reply);
  if (!principal) return null;
  if (principal.kind !== "staff") throw new HalyqError("NOT_FOUND");
  return principal;
}
