import type { Principal, Rule } from "../../../kernel/permissions.js";
import { hasRole, isVerifiedCitizen } from "../../../kernel/permissions.js";

/** A petition as the signing rules see it: the body it is addressed to. */
export interface PetitionResource {
  agencyId: string;
}

const isPetition = (r: unknown): r is PetitionResource =>
  typeof r === "object" && r !== null && typeof (r as PetitionResource).agencyId === "string";

const staffOf = (p: Principal, agencyId: string) =>
  p.kind === "staff" && (hasRole(p, "moderator", agencyId) || hasRole(p, "head", agencyId));

/**
 * Citizens with a verified identity (e-ID or in person) sign: one person, one signature, so a
 * declared IIN is not enough (the territory is checked when the signature is written);
 * the addressed body's moderator or head sees bursts and invalidates signatures. Anything else
 * is refused.
 */
export const signaturePolicies: Record<string, Rule> = {
  "petition_signatures.sign": (p) => isVerifiedCitizen(p),
  "petition_signatures.moderate": (p, r) => isPetition(r) && staffOf(p, r.agencyId),
};
