import type { Translate } from "../../../../kernel/i18n.js";
import { RETURN_REASONS, TERMINATE_REASONS } from "../../appeal.js";
import { staffStatus } from "./wording.js";

/** Reasons recorded from a closed list (each has a message); any other reason is a person's text. */
const CODED = new Set<string>([
  ...RETURN_REASONS,
  ...TERMINATE_REASONS,
  "duplicate",
  "redirected",
  "forwarded",
  "withdrawn",
]);

/** A recorded reason as the reader should see it: the coded ones translated, text as written. */
export function reasonText(t: Translate, reason: string): string {
  return CODED.has(reason) ? t(`appeals.reason.${reason}`) : reason;
}

/** Why a step was refused as not possible now (a 409 from the command), in the reader's language. */
const CONFLICTS = new Set([
  "not_a_complaint",
  "no_higher_body",
  "crime_report",
  "correction_term_running",
  "no_extension_for_complaints",
  "already_extended",
  "changed_meanwhile",
  "satisfy_too_late",
  "already_on_control",
  "not_on_control",
  "same_category",
]);

export function conflictText(t: Translate, params: Record<string, string | number> = {}): string {
  if (typeof params.reason === "string" && CONFLICTS.has(params.reason)) {
    return t(`appeals.staff.conflict.${params.reason}`);
  }
  if (typeof params.status === "string") {
    return t("appeals.staff.conflict.status", { status: staffStatus(t, params.status) });
  }
  return t("appeals.staff.conflict.other");
}
