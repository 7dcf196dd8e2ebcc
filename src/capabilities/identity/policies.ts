import type { Rule } from "../../kernel/permissions.js";
import { hasRole } from "../../kernel/permissions.js";

/** A body's desk as the policy sees it: the body whose registrar acts. */
export interface DeskResource {
  agencyId: string;
}

const isDesk = (r: unknown): r is DeskResource =>
  typeof r === "object" && r !== null && typeof (r as DeskResource).agencyId === "string";

/**
 * A body's registrar (staff, so with a second factor) checks a person's identity document at
 * the desk and records it. Nobody else does, a system administrator included.
 */
export const identityPolicies: Record<string, Rule> = {
  "identity.verify_in_person": (p, r) =>
    isDesk(r) && p.kind === "staff" && r.agencyId !== "" && hasRole(p, "registrar", r.agencyId),
  /** Looking up a citizen's account to register an appeal for them (each lookup is audited). */
  "identity.find_applicant": (p, r) =>
    isDesk(r) &&
    p.kind === "staff" &&
    r.agencyId !== "" &&
    (hasRole(p, "registrar", r.agencyId) || hasRole(p, "head", r.agencyId)),
};
