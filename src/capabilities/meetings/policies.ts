import type { Principal, Rule } from "../../kernel/permissions.js";
import { hasRole } from "../../kernel/permissions.js";

/** A meeting, or a body about to announce one, as the policy sees it: which body holds it. */
export interface MeetingResource {
  agencyId: string;
}

const isMeeting = (r: unknown): r is MeetingResource =>
  typeof r === "object" && r !== null && typeof (r as MeetingResource).agencyId === "string";

const staffOf = (p: Principal, agencyId: string, roles: Parameters<typeof hasRole>[1][]) =>
  p.kind === "staff" && roles.some((role) => hasRole(p, role, agencyId));

/**
 * Who may do what with meetings. A body's head or executor announces meetings and publishes
 * their outcome; its moderator decides which questions are shown; citizens register and ask.
 * Anything not listed is refused.
 */
export const meetingPolicies: Record<string, Rule> = {
  "meeting.manage": (p, r) => isMeeting(r) && staffOf(p, r.agencyId, ["head", "executor"]),
  "meeting.moderate": (p, r) => isMeeting(r) && staffOf(p, r.agencyId, ["moderator"]),
  "meeting.register": (p, r) => isMeeting(r) && p.kind === "citizen",
  "meeting.ask": (p, r) => isMeeting(r) && p.kind === "citizen",
};
