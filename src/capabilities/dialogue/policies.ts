import type { Principal, Role, Rule } from "../../kernel/permissions.js";
import { hasRole } from "../../kernel/permissions.js";

/** The body a dialogue action is taken in. */
export interface DialogueResource {
  agencyId: string;
}

const isResource = (r: unknown): r is DialogueResource =>
  typeof r === "object" && r !== null && typeof (r as DialogueResource).agencyId === "string";

const staffOf = (p: Principal, r: unknown, roles: Role[]) =>
  isResource(r) && p.kind === "staff" && roles.some((role) => hasRole(p, role, r.agencyId));

/**
 * Who may do what in open dialogue. People ask and add their support; a body's moderator
 * decides what is published; its head or executors (the head's office) answer. Staff act only
 * in their own body, and moderating does not carry the right to answer. Anything else is refused.
 */
export const dialoguePolicies: Record<string, Rule> = {
  "dialogue.ask": (p, r) => p.kind === "citizen" && isResource(r),
  "dialogue.support": (p) => p.kind === "citizen",
  "dialogue.moderate": (p, r) => staffOf(p, r, ["moderator"]),
  "dialogue.answer": (p, r) => staffOf(p, r, ["head", "executor"]),
  "dialogue.register-appeal": (p, r) => staffOf(p, r, ["moderator", "head"]),
};
