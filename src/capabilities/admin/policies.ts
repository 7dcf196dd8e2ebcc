import type { Policy, Principal, RoleGrant, Rule } from "../../kernel/permissions.js";
import { isSystemAdmin } from "../../kernel/permissions.js";

/** Whose staff an action touches: a body's id, or null for a system-wide grant. */
export interface StaffResource {
  agencyId: string | null;
}

const staff = (p: Principal) => p.kind === "staff";

/** Ids of the bodies this person administers (not counting a system-wide admin grant). */
export function administeredBodies(p: Principal): string[] {
  return p.grants
    .filter((g) => g.role === "admin" && g.agencyId !== null)
    .map((g) => g.agencyId as string);
}

/**
 * The administration's rules. Each one checks the shape of what it is given and answers
 * false otherwise, so a caller's mistake refuses rather than allows.
 */
export const adminPolicies: Record<string, Rule> = {
  /** Opening the administration at all: a system admin or the admin of some body. */
  "admin.access": (p: Principal) =>
    staff(p) && (isSystemAdmin(p) || administeredBodies(p).length > 0),
  /** Creating, editing and (de)activating bodies and their competences. */
  "agency.manage": (p: Principal) => staff(p) && isSystemAdmin(p),
  /** Working-day calendars hold for every body of a jurisdiction: system admins only. */
  "calendar.manage": (p: Principal) => staff(p) && isSystemAdmin(p),
  /**
   * Managing staff within one body (or system-wide when agencyId is null): a system admin
   * anywhere; a body's admin only within that body, never system-wide.
   */
  "staff.manage": (p: Principal, r: StaffResource) => {
    if (!staff(p) || typeof r !== "object" || r === null) return false;
    if (isSystemAdmin(p)) return r.agencyId === null || typeof r.agencyId === "string";
    return typeof r.agencyId === "string" && administeredBodies(p).includes(r.agencyId);
  },
};

/** Whether the acting person may manage this grant (held or to be given). */
export function canManageGrant(policy: Policy, p: Principal, g: RoleGrant): boolean {
  return policy.can<StaffResource>(p, "staff.manage", { agencyId: g.agencyId });
}

/**
 * Whether the acting person may act on a whole account (deactivate it, reset its second
 * factor): only with authority over every grant it holds; one without grants, system admins only.
 */
export function canManageAccount(policy: Policy, p: Principal, grants: RoleGrant[]): boolean {
  if (grants.length === 0) return policy.can<StaffResource>(p, "staff.manage", { agencyId: null });
  return grants.every((g) => canManageGrant(policy, p, g));
}

/** Whether the acting person may see an account and change some of its roles. */
export function canManageSome(policy: Policy, p: Principal, grants: RoleGrant[]): boolean {
  if (policy.can<StaffResource>(p, "staff.manage", { agencyId: null })) return true;
  return grants.some((g) => canManageGrant(policy, p, g));
}
