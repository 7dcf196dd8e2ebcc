import type { Principal, Rule } from "../../kernel/permissions.js";
import { hasRole } from "../../kernel/permissions.js";

/** A publication, or a body about to write one, as the policy sees it. */
export interface PublicationResource {
  agencyId: string;
  /** Who last submitted it for approval (approval needs a second person). */
  submittedById?: string | null;
}

const isResource = (r: unknown): r is PublicationResource =>
  typeof r === "object" && r !== null && typeof (r as PublicationResource).agencyId === "string";

const staffOf = (p: Principal, agencyId: string, roles: Parameters<typeof hasRole>[1][]) =>
  p.kind === "staff" && roles.some((role) => hasRole(p, role, agencyId));

/** Roles that write a body's publications, and roles that approve them. */
export const WRITERS = ["executor", "head", "moderator"] as const;
export const APPROVERS = ["head", "moderator"] as const;

/**
 * Who may do what with publications. A body's executors, heads and moderators write and
 * submit; its heads and moderators approve, return and unpublish, but never approve what they
 * submitted themselves (four eyes). Anything not listed is refused.
 */
export const publicationPolicies: Record<string, Rule> = {
  "publication.write": (p, r) => isResource(r) && staffOf(p, r.agencyId, [...WRITERS]),
  "publication.approve": (p, r) =>
    isResource(r) &&
    staffOf(p, r.agencyId, [...APPROVERS]) &&
    (r.submittedById === undefined || r.submittedById !== p.accountId),
  "publication.unpublish": (p, r) => isResource(r) && staffOf(p, r.agencyId, [...APPROVERS]),
};
