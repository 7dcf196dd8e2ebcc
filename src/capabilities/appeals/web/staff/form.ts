import type { FieldIssue } from "../../../../kernel/result.js";
import { type FormBody, one } from "../../../../web/forms.js";

/**
 * A GOV.UK date input (`<name>-day`, `-month`, `-year`) as `YYYY-MM-DD`: undefined when all
 * three are empty; otherwise the padded parts, which the command rejects if they name no day.
 */
export function dateField(body: FormBody | undefined, name: string): string | undefined {
  const day = one(body, `${name}-day`);
  const month = one(body, `${name}-month`);
  const year = one(body, `${name}-year`);
  if (!day && !month && !year) return undefined;
  const pad = (s: string, n: number) => (/^\d+$/.test(s) ? s.padStart(n, "0") : "x");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The parts of `YYYY-MM-DD` for refilling a date input; empty parts for anything else. */
export function dateParts(value: string | undefined): { day: string; month: string; year: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? "");
  if (!m) return { day: "", month: "", year: "" };
  return { year: m[1] ?? "", month: String(Number(m[2])), day: String(Number(m[3])) };
}

/** Whether any of `issues` concerns `field`. */
export const hasIssue = (issues: FieldIssue[], field: string): boolean =>
  issues.some((i) => i.field === field);

export { type FormBody, one };
