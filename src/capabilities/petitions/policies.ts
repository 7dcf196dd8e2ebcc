import type { Principal, Role, Rule } from "../../kernel/permissions.js";
import { hasRole, isVerifiedCitizen } from "../../kernel/permissions.js";

/** A petition as the policy sees it: the body it is addressed to and who started it. */
export interface PetitionResource {
  agencyId: string;
  initiatorId?: string;
}

const isPetition = (r: unknown): r is PetitionResource =>
  typeof r === "object" && r !== null && typeof (r as PetitionResource).agencyId === "string";

const staffOf = (p: Principal, agencyId: string, roles: Role[]) =>
  p.kind === "staff" && roles.some((role) => hasRole(p, role, agencyId));

/**
 * Who may do what with petitions. Citizens start, gather co-initiators for, submit and
 * withdraw their own petitions, join others' as co-initiators and comment on draft decisions;
 * starting and joining count the person as one of the initiative group, so they need a
 * verified identity (e-ID or in person), never only a declared one;
 * the addressed body's head, executor or moderator decides admissibility; its head or executor
 * publishes the draft decision and the decision; its moderator or head moderates comments;
 * any of its staff reads the case. Anything not listed is refused.
 */
export const petitionPolicies: Record<string, Rule> = {
  "petition.create": (p, r) => isPetition(r) && isVerifiedCitizen(p),
  "petition.initiate": (p, r) =>
    isPetition(r) && p.kind === "citizen" && r.initiatorId === p.accountId,
  "petition.join": (p, r) => isPetition(r) && isVerifiedCitizen(p) && r.initiatorId !== p.accountId,
  "petition.comment": (p, r) => isPetition(r) && p.kind === "citizen",
  "petition.review": (p, r) =>
    isPetition(r) && staffOf(p, r.agencyId, ["head", "executor", "moderator"]),
  "petition.decide": (p, r) => isPetition(r) && staffOf(p, r.agencyId, ["head", "executor"]),
  "petition.moderate": (p, r) => isPetition(r) && staffOf(p, r.agencyId, ["head", "moderator"]),
  "petition.case": (p, r) =>
    isPetition(r) &&
    staffOf(p, r.agencyId, ["registrar", "executor", "head", "moderator", "analyst"]),
};
