import type { Principal, Rule } from "../../kernel/permissions.js";
import { hasRole, isVerifiedCitizen } from "../../kernel/permissions.js";

/** A cycle (or a body about to open one) as the policy sees it: which body holds it. */
export interface CycleResource {
  agencyId: string;
}

/**
 * A proposal before the council: the cycle's body, whether the person is on the cycle's
 * council, and whether they declared a conflict of interest on this proposal. The route reads
 * both facts fresh from the cycle's tables; the rule only combines them.
 */
export interface DecisionResource extends CycleResource {
  isExpert: boolean;
  conflicted: boolean;
}

const isCycle = (r: unknown): r is CycleResource =>
  typeof r === "object" && r !== null && typeof (r as CycleResource).agencyId === "string";

const isDecision = (r: unknown): r is DecisionResource =>
  isCycle(r) &&
  typeof (r as DecisionResource).isExpert === "boolean" &&
  typeof (r as DecisionResource).conflicted === "boolean";

/** Staff of this body (any role held in it, or a system-wide administrator). */
const staffOf = (p: Principal, agencyId: string, roles: Parameters<typeof hasRole>[1][]) =>
  p.kind === "staff" && roles.some((role) => hasRole(p, role, agencyId));

/**
 * Who may do what with participatory budgets. A body's head (or its administrator) opens and
 * runs its cycles, names the expert council and reports the winners' implementation; an
 * executor of the body may report implementation too. Only a member of the cycle's council,
 * who holds a role in the cycle's own body and has declared no conflict on the proposal,
 * decides on it (so an expert of one body never decides in another). Residents propose,
 * support and vote only with a verified identity; age and territory are checked against the
 * account when they act. Any signed-in citizen may follow a project. Anything else is refused.
 */
export const budgetPolicies: Record<string, Rule> = {
  "budget.manage": (p, r) => isCycle(r) && staffOf(p, r.agencyId, ["head", "admin"]),
  "budget.report": (p, r) => isCycle(r) && staffOf(p, r.agencyId, ["head", "admin", "executor"]),
  "budget.decide": (p, r) =>
    isDecision(r) &&
    r.isExpert &&
    !r.conflicted &&
    staffOf(p, r.agencyId, ["head", "executor", "registrar", "analyst", "moderator", "admin"]),
  "budget.review": (p, r) =>
    isDecision(r) &&
    r.isExpert &&
    staffOf(p, r.agencyId, ["head", "executor", "registrar", "analyst", "moderator", "admin"]),
  "budget.propose": (p) => isVerifiedCitizen(p),
  "budget.support": (p) => isVerifiedCitizen(p),
  "budget.vote": (p) => isVerifiedCitizen(p),
  "budget.follow": (p) => p.kind === "citizen",
};
