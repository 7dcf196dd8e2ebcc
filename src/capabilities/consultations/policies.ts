import type { Principal, Rule } from "../../kernel/permissions.js";
import { hasRole } from "../../kernel/permissions.js";

/** A body, as the policy sees a draft or a comment: who holds it. */
export interface ConsultationResource {
  agencyId: string;
}

/** A comment, for actions where its author matters (nobody votes on their own). */
export interface CommentResource {
  authorId: string;
}

const isBody = (r: unknown): r is ConsultationResource =>
  typeof r === "object" && r !== null && typeof (r as ConsultationResource).agencyId === "string";

const staffOf = (p: Principal, r: unknown, roles: ("head" | "executor" | "moderator")[]) =>
  isBody(r) && p.kind === "staff" && roles.some((role) => hasRole(p, role, r.agencyId));

/**
 * Who may do what with drafts under discussion. A body's heads and executors publish, answer
 * and report; its moderators only hide comments; citizens comment; any signed-in person votes
 * on others' comments and subscribes. Anything not listed is refused.
 */
export const consultationPolicies: Record<string, Rule> = {
  "consultation.manage": (p, r) => staffOf(p, r, ["head", "executor"]),
  "consultation.moderate": (p, r) => staffOf(p, r, ["moderator"]),
  "consultation.comment": (p) => p.kind === "citizen",
  "consultation.vote": (p, r) =>
    typeof r === "object" &&
    r !== null &&
    typeof (r as CommentResource).authorId === "string" &&
    (r as CommentResource).authorId !== p.accountId,
  "consultation.subscribe": (p) => p.kind === "citizen" || p.kind === "staff",
};
