import { hasRole, type Principal, type Role, type Rule } from "../../kernel/permissions.js";

/** The body a registry-wide action is asked about, or null for anything malformed. */
const agencyOf = (r: unknown): string | null =>
  typeof r === "object" && r !== null && typeof (r as { agencyId?: unknown }).agencyId === "string"
    ? (r as { agencyId: string }).agencyId
    : null;

const staffOf =
  (roles: Role[]): Rule =>
  (p: Principal, r: unknown) => {
    const agencyId = agencyOf(r);
    return (
      agencyId !== null && p.kind === "staff" && roles.some((role) => hasRole(p, role, agencyId))
    );
  };

/**
 * Who may take a body's registers and reports away, and who may read applicants' personal data
 * in them. An analyst counts and exports but never sees who wrote (the data is the registry's
 * business, not the analysis'); a registrar and an executor export what they work on; the head
 * both. Anything not listed is refused.
 */
export const reportPolicies: Record<string, Rule> = {
  /** Download the body's register (the inbox's current view) as XLSX or CSV. */
  "appeal.export": staffOf(["registrar", "executor", "head", "analyst"]),
  /** See applicants' names, IIN/BIN, contacts and addresses in the office's lists and pages. */
  "appeal.personal_data": staffOf(["registrar", "executor", "head"]),
  /** Open the body's reports (by executor, topic, channel, outcome, terms, complaints). */
  "appeal.reports": staffOf(["head", "analyst"]),
};
