import type { Principal, Rule } from "../../kernel/permissions.js";
import { hasRole } from "../../kernel/permissions.js";

/** A poll, or a body about to create one, as the policy sees it: which body holds it. */
export interface PollResource {
  agencyId: string;
}

const isPoll = (r: unknown): r is PollResource =>
  typeof r === "object" && r !== null && typeof (r as PollResource).agencyId === "string";

const staffOf = (p: Principal, agencyId: string, roles: Parameters<typeof hasRole>[1][]) =>
  p.kind === "staff" && roles.some((role) => hasRole(p, role, agencyId));

/**
 * Who may do what with polls. A body's head or executor drafts, schedules and closes its
 * polls; its moderator or head decides which free-text answers are published. Casting a
 * ballot is decided by the poll's eligibility rule, not by a role. Anything else is refused.
 */
export const pollPolicies: Record<string, Rule> = {
  "poll.manage": (p, r) => isPoll(r) && staffOf(p, r.agencyId, ["head", "executor"]),
  "poll.moderate": (p, r) => isPoll(r) && staffOf(p, r.agencyId, ["moderator", "head"]),
};
