import type { Principal, Rule } from "../../kernel/permissions.js";
import { hasRole, isVerifiedCitizen } from "../../kernel/permissions.js";
import { needsVerifiedIdentity } from "./poll.js";

/** A poll, or a body about to create one, as the policy sees it: which body holds it. */
export interface PollResource {
  agencyId: string;
}

const isPoll = (r: unknown): r is PollResource =>
  typeof r === "object" && r !== null && typeof (r as PollResource).agencyId === "string";

/** A poll as the ballot rule sees it: its kind and who may take part. */
export interface BallotResource {
  kind: string;
  eligibility: string;
}

const isBallot = (r: unknown): r is BallotResource =>
  typeof r === "object" &&
  r !== null &&
  typeof (r as BallotResource).kind === "string" &&
  typeof (r as BallotResource).eligibility === "string";

const staffOf = (p: Principal, agencyId: string, roles: Parameters<typeof hasRole>[1][]) =>
  p.kind === "staff" && roles.some((role) => hasRole(p, role, agencyId));

/**
 * Who may do what with polls. A body's head or executor drafts, schedules and closes its
 * polls; its moderator or head decides which free-text answers are published. A citizen casts
 * a ballot; where each person counts once (votes, referendums, territory polls) only with a
 * verified identity. The territory rule is checked against the registered address when the
 * ballot is cast. Anything else is refused.
 */
export const pollPolicies: Record<string, Rule> = {
  "poll.manage": (p, r) => isPoll(r) && staffOf(p, r.agencyId, ["head", "executor"]),
  "poll.moderate": (p, r) => isPoll(r) && staffOf(p, r.agencyId, ["moderator", "head"]),
  "poll.vote": (p, r) =>
    isBallot(r) && p.kind === "citizen" && (!needsVerifiedIdentity(r) || isVerifiedCitizen(p)),
};
