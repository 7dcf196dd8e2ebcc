import { compare } from "../../../../kernel/calendar/index.js";
import type { Principal } from "../../../../kernel/permissions.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { allowedFrom, RETURN_REASONS, TERMINATE_REASONS } from "../../appeal.js";
import type { AppealRow } from "../../appeal.repository.js";
import type { ActionInput } from "../../commands/appeal-actions.js";
import type { AppealResource } from "../../policies.js";
import { dateField, type FormBody, one } from "./form.js";
import { many } from "./resolution-parts.js";

/** The steps staff take on the case page, in the order the page offers them. */
export const STAFF_ACTIONS = [
  "assign",
  "note",
  "answer",
  "approve",
  "send-back",
  "request-correction",
  "extend",
  "redirect",
  "forward",
  "satisfy",
  "return",
  "terminate",
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

export const isStaffAction = (a: string): a is StaffAction =>
  (STAFF_ACTIONS as readonly string[]).includes(a);

/** Return reasons that can apply now: "not corrected" only once the correction term ran out. */
export function returnReasons(row: AppealRow, today: string): string[] {
  return RETURN_REASONS.filter(
    (r) =>
      r !== "correction_not_made" ||
      (row.status === "awaiting_correction" &&
        row.correction_due_on !== null &&
        compare(today, row.correction_due_on) > 0),
  );
}

/** Termination reasons that can apply: an anonymous crime report is never terminated as such. */
export function terminateReasons(row: AppealRow): string[] {
  return TERMINATE_REASONS.filter((r) => r !== "anonymous" || Number(row.crime_report) !== 1);
}

/**
 * The steps this person may take on this appeal now: the policy allows it, the transition
 * table allows it from the current state, and the appeal is of a kind the step applies to.
 */
export function availableActions(
  ctx: AppContext,
  principal: Principal,
  row: AppealRow,
  resource: AppealResource,
  facts: { today: string; hasHigherBody: boolean },
): StaffAction[] {
  if (principal.kind !== "staff") return [];
  return STAFF_ACTIONS.filter((action) => {
    if (!ctx.policy.can(principal, `appeal.${action}`, resource)) return false;
    if (!allowedFrom(action, row.status)) return false;
    switch (action) {
      case "forward":
        return row.kind === "complaint" && row.complaint_of_id !== null && facts.hasHigherBody;
      case "satisfy":
        // Only a complaint against this body, and only within its forwarding term.
        return (
          row.kind === "complaint" &&
          row.complaint_of_id !== null &&
          row.procedure !== "complaint_review" &&
          compare(facts.today, row.due_on) <= 0
        );
      case "return":
        return Number(row.crime_report) !== 1 && returnReasons(row, facts.today).length > 0;
      case "extend":
        return row.extended_at === null && row.procedure !== "complaint_review";
      default:
        return true;
    }
  });
}

/** What a step's form sent, as the command reads it; empty optional fields are left out. */
export function actionInput(action: StaffAction, body: FormBody | undefined): ActionInput {
  const v = (name: string) => one(body, name);
  const optional = (name: string) => (v(name) ? { [name]: v(name) } : {});
  switch (action) {
    case "assign": {
      const controlOn = dateField(body, "controlOn");
      return {
        executorId: v("executorId"),
        coExecutorIds: many(body, "coExecutorIds[]"),
        instruction: v("instruction"),
        ...(controlOn !== undefined ? { controlOn } : {}),
      };
    }
    case "forward":
      return { position: v("position"), materials: many(body, "materials[]") };
    case "note":
      return { text: v("text") };
    case "satisfy":
      return { text: v("text"), basis: v("basis") };
    case "redirect":
      return { agencyId: v("agencyId"), reason: v("reason"), ...optional("part") };
    case "request-correction": {
      const until = dateField(body, "until");
      return { note: v("note"), ...(until !== undefined ? { until } : {}) };
    }
    case "return":
    case "terminate":
      return { reason: v("reason"), ...optional("note") };
    case "extend":
      return { until: dateField(body, "until") ?? "", reason: v("reason") };
    case "answer":
      return {
        outcome: v("outcome"),
        text: v("text"),
        basis: v("basis"),
        language: v("language"),
      };
    case "send-back":
      return { reason: v("reason") };
    default:
      return {};
  }
}

/** The id of the input a step's field is shown in (the case page holds several forms). */
export function fieldId(action: StaffAction, field: string): string {
  return field === "until" || field === "controlOn"
    ? `${action}-${field}-day`
    : `${action}-${field}`;
}
