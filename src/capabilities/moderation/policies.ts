import type { Rule } from "../../kernel/permissions.js";
import { hasRole } from "../../kernel/permissions.js";

const agencyOf = (r: unknown): string | null =>
  typeof r === "object" && r !== null && typeof (r as { agencyId?: unknown }).agencyId === "string"
    ? (r as { agencyId: string }).agencyId
    : null;

/**
 * The queue is a body's moderators' (each sees and decides on their own body's items only);
 * a signed-in citizen reports what they read. Anything else is refused.
 */
export const moderationPolicies: Record<string, Rule> = {
  "moderation.queue": (p, r) => {
    const agencyId = agencyOf(r);
    return p.kind === "staff" && agencyId !== null && hasRole(p, "moderator", agencyId);
  },
  "moderation.report": (p) => p.kind === "citizen",
};
