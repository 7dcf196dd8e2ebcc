import type { Principal, Rule } from "../../kernel/permissions.js";
import { hasRole } from "../../kernel/permissions.js";

/** A body, or a booking in it, as the policy sees it. */
export interface ReceptionResource {
  agencyId: string;
  /** The person who booked (null for a walk-in without an account, or a body-wide action). */
  accountId?: string | null;
}

const isResource = (r: unknown): r is ReceptionResource =>
  typeof r === "object" && r !== null && typeof (r as ReceptionResource).agencyId === "string";

const staffOf = (p: Principal, agencyId: string, roles: Parameters<typeof hasRole>[1][]) =>
  p.kind === "staff" && roles.some((role) => hasRole(p, role, agencyId));

/**
 * Who may do what with personal reception. Heads (and deputies, who hold the head role) publish
 * their schedules and receive people; the registrar of the body helps at the desk (clarifying
 * questions, walk-in tickets, outcomes). A person books for themselves and acts only on their
 * own bookings. Anything not listed is refused.
 */
export const receptionPolicies: Record<string, Rule> = {
  "reception.schedule": (p, r) => isResource(r) && staffOf(p, r.agencyId, ["head"]),
  "reception.handle": (p, r) => isResource(r) && staffOf(p, r.agencyId, ["head", "registrar"]),
  "reception.book": (p, r) => isResource(r) && p.kind === "citizen",
  "reception.own": (p, r) =>
    isResource(r) && p.kind === "citizen" && !!r.accountId && r.accountId === p.accountId,
};
