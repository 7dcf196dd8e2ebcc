import type { Principal, Rule } from "../../../kernel/permissions.js";
import { hasRole } from "../../../kernel/permissions.js";

/** A petition as the signing rules see it: the body it is addressed to. */
export interface PetitionResource {
  agencyId: string;
}

const isPetition = (r: unknown): r is PetitionResource =>
  typeof r === "object" && r !== null && typeof (r as PetitionResource).agencyId === "string";

const staffOf = (p: Principal, agencyId: string) =>
  p.kind === "staff" && (hasRole(p, "moderator", agencyId) || hasRole(p, "head", agencyId));

/**
 * Citizens sign (eligibility by IIN and territory is checked when the signature is written);
 * the addressed body's moderator or head sees bursts and invalidates signatures. Anything else
 * is refused.
 */
export const signaturePolicies: Record<string, Rule> = {
  "petition_signatures.sign": (p, r) => isPetition(r) && p.kind === "citizen",
  "petition_signatures.moderate": (p, r) => isPetition(r) && staffOf(p, r.agencyId),
};
