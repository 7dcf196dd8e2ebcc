import type { AuditRecord } from "../../../../kernel/audit/audit.js";

/** Steps the applicant is shown, by their audit name; anything else (drafts, send-backs) stays internal. */
const PUBLIC_STEPS = new Set([
  "registered",
  "assign",
  "redirect",
  "forward",
  "request_correction",
  "correct",
  "return",
  "terminate",
  "extend",
  "approve",
  "withdraw",
  "rate",
  "complain",
  "publish",
  "deemed_refused",
]);

/** Steps whose reason is a code from a closed list, shown through `appeals.reason.*`. */
const CODED_REASONS = new Set(["return", "terminate"]);
/** Steps whose reason is text written for the applicant (who is told it by notice as well). */
const TEXT_REASONS = new Set(["redirect", "extend", "request_correction", "withdraw"]);

export interface TimelineStep {
  at: string;
  /** The message key of the step's name. */
  key: string;
  params: Record<string, string>;
  reason: { code: string } | { text: string } | null;
}

/** The applicant's view of an appeal's history: public steps only, oldest first. */
export function publicTimeline(records: AuditRecord[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  for (const r of records) {
    const name = r.action.replace(/^appeal\./, "").replace(/-/g, "_");
    if (!PUBLIC_STEPS.has(name)) continue;
    const data = r.data as Record<string, unknown>;
    let key = `appeals.citizen.timeline.${name}`;
    const params: Record<string, string> = {};
    if (name === "registered" && typeof data.from === "string") {
      key = `appeals.citizen.timeline.registered_from`;
      params.from = data.from;
    } else if (name === "registered" && typeof data.duplicateOf === "string") {
      key = `appeals.citizen.timeline.registered_duplicate`;
      params.earlier = data.duplicateOf;
    } else if (name === "publish" && data.public === false) {
      key = "appeals.citizen.timeline.unpublish";
    } else if (name === "redirect" && data.part === true) {
      key = "appeals.citizen.timeline.redirect_part";
    }
    if (typeof data.created === "string") params.created = data.created;
    if (typeof data.until === "string") params.until = data.until;
    const reason =
      r.reason && CODED_REASONS.has(name)
        ? { code: r.reason }
        : r.reason && TEXT_REASONS.has(name)
          ? { text: r.reason }
          : null;
    steps.push({ at: r.occurredAt, key, params, reason });
  }
  return steps;
}
