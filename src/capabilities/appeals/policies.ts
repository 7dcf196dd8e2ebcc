import type { Principal, Rule } from "../../kernel/permissions.js";
import { hasRole } from "../../kernel/permissions.js";

/** An appeal as the policy sees it: whose it is and which body holds it. */
export interface AppealResource {
  agencyId: string;
  applicantAccountId: string | null;
  organisationId: string | null;
  executorId: string | null;
  /** Co-executors named by the resolution in force (they view and add notes, never answer). */
  coExecutorIds?: readonly string[];
  /** Substitutions in the body that may let someone act for an absent colleague. */
  substitutions?: readonly Substitution[];
  /** Today on the body's clock: a substitution counts only from its first to its last day. */
  today?: string;
  /** Organisations the acting person represents (looked up before asking). */
  memberOf: readonly string[];
}

/** Who acts for whom, from when to when (inclusive, `YYYY-MM-DD` on the body's clock). */
export interface Substitution {
  absentId: string;
  substituteId: string;
  from: string;
  until: string;
}

/** A body, for actions on its registry as a whole (the inbox, registering on someone's behalf). */
export interface AgencyResource {
  agencyId: string;
}

const isAppeal = (r: unknown): r is AppealResource =>
  typeof r === "object" &&
  r !== null &&
  typeof (r as AppealResource).agencyId === "string" &&
  Array.isArray((r as AppealResource).memberOf);
const isAgency = (r: unknown): r is AgencyResource =>
  typeof r === "object" && r !== null && typeof (r as AgencyResource).agencyId === "string";

/** The applicant: the person who filed, or a representative of the organisation that did. */
export function isApplicant(p: Principal, r: AppealResource): boolean {
  if (p.kind !== "citizen") return false;
  if (r.applicantAccountId !== null && r.applicantAccountId === p.accountId) return true;
  return r.organisationId !== null && r.memberOf.includes(r.organisationId);
}

const staffOf = (p: Principal, agencyId: string, roles: Parameters<typeof hasRole>[1][]) =>
  p.kind === "staff" && roles.some((role) => hasRole(p, role, agencyId));

/**
 * Whether `p` acts as `accountId` on this appeal today: they are that person, or substitute for
 * them on a substitution that has begun and not ended. Without today's date nobody substitutes.
 */
export function actsAs(p: Principal, accountId: string | null, r: AppealResource): boolean {
  if (accountId === null) return false;
  if (p.accountId === accountId) return true;
  const today = r.today;
  if (typeof today !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return false;
  return (r.substitutions ?? []).some(
    (s) =>
      s.absentId === accountId &&
      s.substituteId === p.accountId &&
      s.from <= today &&
      today <= s.until,
  );
}

/** The main executor (or their substitute), holding an executor or head role at the body. */
const mainExecutor = (p: Principal, r: AppealResource) =>
  staffOf(p, r.agencyId, ["executor", "head"]) && actsAs(p, r.executorId, r);
const coExecutor = (p: Principal, r: AppealResource) =>
  staffOf(p, r.agencyId, ["executor", "head"]) &&
  (r.coExecutorIds ?? []).some((id) => actsAs(p, id, r));

const head: Rule = (p, r) => isAppeal(r) && staffOf(p, r.agencyId, ["head"]);
const applicant: Rule = (p, r) => isAppeal(r) && isApplicant(p, r);

/**
 * Who may do what with appeals. Staff act only within their own body (a redirected appeal is
 * a new record in the receiving body); an applicant only on their own appeals. Anything not
 * listed is refused.
 */
export const appealPolicies: Record<string, Rule> = {
  "appeal.file": (p) => p.kind === "citizen",
  "appeal.view": (p, r) =>
    isAppeal(r) &&
    (isApplicant(p, r) || staffOf(p, r.agencyId, ["registrar", "executor", "head", "analyst"])),
  "appeal.inbox": (p, r) =>
    isAgency(r) && staffOf(p, r.agencyId, ["registrar", "executor", "head", "analyst"]),
  "appeal.register": (p, r) => isAgency(r) && staffOf(p, r.agencyId, ["registrar", "head"]),
  "appeal.assign": head,
  "appeal.redirect": head,
  "appeal.forward": head,
  "appeal.request-correction": head,
  "appeal.return": head,
  "appeal.terminate": head,
  "appeal.extend": head,
  "appeal.approve": head,
  "appeal.send-back": head,
  "appeal.control": head,
  "appeal.categorise": head,
  "appeal.satisfy": head,
  // Only the main executor sends the answer for approval; co-executors contribute notes.
  "appeal.answer": (p, r) =>
    isAppeal(r) && (staffOf(p, r.agencyId, ["head"]) || mainExecutor(p, r)),
  "appeal.note": (p, r) =>
    isAppeal(r) && (staffOf(p, r.agencyId, ["head"]) || mainExecutor(p, r) || coExecutor(p, r)),
  /** A body's response templates: its head, or an administrator of the body or of Halyq. */
  "appeal.templates": (p, r) => isAgency(r) && staffOf(p, r.agencyId, ["head", "admin"]),
  "appeal.correct": applicant,
  "appeal.withdraw": applicant,
  "appeal.rate": applicant,
  "appeal.complain": applicant,
  "appeal.publish": applicant,
};
