import type { FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../../kernel/errors.js";
import type { Principal } from "../../../../kernel/permissions.js";
import { requirePage } from "../../../../web/guards.js";

/** The signed-in staff member, or a 404 for anyone else (the applicant has their own pages). */
export function staffOnly(request: FastifyRequest, reply: FastifyReply): Principal | null {
  const principal = requirePage(request, reply);
  if (!principal) return null;
  if (principal.kind !== "staff") throw new HalyqError("NOT_FOUND");
  return principal;
}
