import { addDays, compare, isPlainDate } from "../../../../kernel/calendar/index.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { type DateParts, isoDate } from "../../../../web/components/kit.js";

/** The longest period one report covers: bounded work per request. */
const MAX_DAYS = 366 * 3;

export interface ReportsQuery {
  agency: string;
  from: DateParts;
  to: DateParts;
}

const text = (v: unknown) => (typeof v === "string" ? v.trim().slice(0, 10) : "");
const parts = (q: Record<string, unknown>, name: string, fallback: string): DateParts => {
  const iso = text(q[name]);
  if (isPlainDate(iso)) return partsOf(iso);
  const p = {
    day: text(q[`${name}-day`]),
    month: text(q[`${name}-month`]),
    year: text(q[`${name}-year`]),
  };
  return p.day || p.month || p.year ? p : partsOf(fallback);
};
const partsOf = (iso: string): DateParts => ({
  day: String(Number(iso.slice(8, 10))),
  month: String(Number(iso.slice(5, 7))),
  year: iso.slice(0, 4),
});

/**
 * The reports' query string: the body and the period, as ISO dates (`from`, `to`: links and
 * downloads) or as the form's day/month/year fields. The default is this year up to today.
 */
export function parseReportsQuery(
  query: Record<string, unknown> | undefined,
  today: string,
): { query: ReportsQuery; period: { from: string; to: string } | null; issues: FieldIssue[] } {
  const q = query ?? {};
  const parsed: ReportsQuery = {
    agency: typeof q.agency === "string" ? q.agency.trim().slice(0, 100) : "",
    from: parts(q, "from", `${today.slice(0, 4)}-01-01`),
    to: parts(q, "to", today),
  };
  const issues: FieldIssue[] = [];
  const from = isoDate(parsed.from);
  const to = isoDate(parsed.to);
  if (!from) issues.push({ field: "from", key: "appeals.reports.error.from_invalid" });
  if (!to) issues.push({ field: "to", key: "appeals.reports.error.to_invalid" });
  if (from && to) {
    if (compare(from, to) > 0) issues.push({ field: "to", key: "appeals.reports.error.order" });
    else if (compare(addDays(from, MAX_DAYS), to) < 0)
      issues.push({ field: "to", key: "appeals.reports.error.too_long" });
  }
  return { query: parsed, period: issues.length === 0 && from && to ? { from, to } : null, issues };
}
