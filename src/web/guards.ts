import type { FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../kernel/errors.js";
import type { Policy, Principal, Role } from "../kernel/permissions.js";
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

/** The bodies in which `principal` holds one of `roles` (any role when none is named). */
export function agenciesOf(principal: Principal, roles?: readonly Role[]): string[] {
  const ids = principal.grants
    .filter((g) => g.agencyId !== null && (!roles || roles.includes(g.role)))
    .map((g) => g.agencyId as string);
  return [...new Set(ids)];
}

/** A member of staff and the bodies a page may show them. */
export interface StaffScope {
  principal: Principal;
  agencyIds: string[];
}

/**
 * An office page for staff who hold one of `roles` in some body: the member of staff and those
 * bodies. Anyone not signed in is sent to sign in, a citizen gets a 404 (as `staffOnly`), and
 * staff without such a role get the 403 page, never an empty page. Null when the reply was sent.
 */
export function staffWithRole(
  request: FastifyRequest,
  reply: FastifyReply,
  roles: readonly Role[],
): StaffScope | null {
  const principal = staffOnly(request, reply);
  if (!principal) return null;
  const agencyIds = agenciesOf(principal, roles);
  if (agencyIds.length === 0) throw new HalyqError("FORBIDDEN");
  return { principal, agencyIds };
}

/**
 * An office page for staff whom the policy allows one of `actions` in some body of theirs: the
 * member of staff and those bodies (each allowed at least one action). As `staffWithRole`,
 * a 403 for staff allowed none.
 */
export function staffAllowed(
  request: FastifyRequest,
  reply: FastifyReply,
  policy: Policy,
  actions: string | readonly string[],
): StaffScope | null {
  const principal = staffOnly(request, reply);
  if (!principal) return null;
  const list = typeof actions === "string" ? [actions] : actions;
  const agencyIds = agenciesOf(principal).filter((agencyId) =>
    list.some((action) => policy.can(principal, action, { agencyId })),
  );
  if (agencyIds.length === 0) throw new HalyqError("FORBIDDEN");
  return { principal, agencyIds };
}

/**
 * A page for whoever the policy allows `action` (e.g. "admin.access"): sign-in first when
 * nobody is signed in, the 403 page for anyone else. Null when the reply was sent.
 */
export function allowedPage<R>(
  request: FastifyRequest,
  reply: FastifyReply,
  policy: Policy,
  action: string,
  resource?: R,
): Principal | null {
  const principal = requirePage(request, reply);
  if (!principal) return null;
  authorize(policy, principal, action, resource);
  return principal;
}

/** The 403 page (or API error) unless the policy allows `principal` the action on `resource`. */
export function authorize<R>(
  policy: Policy,
  principal: Principal,
  action: string,
  resource?: R,
): void {
  if (!policy.can(principal, action, resource)) throw new HalyqError("FORBIDDEN");
}
