/**
 * What one appeal adds to the published statistics: a list of facts (a body, a day, a metric,
 * a dimension and a count). Pure: the same appeal always gives the same facts, so a change is
 * recorded as "the facts after minus the facts before", and a rebuild sums the facts of every
 * appeal. The metrics:
 *
 * - `recv` (day registered; dim `channel|kind`): appeals received.
 * - `reg` (day registered; dim `working days from arrival to registration|on time 1/0`).
 * - `redir_in` / `redir_out` (day the redirected appeal was registered; to the receiving and to
 *   the sending body): redirects to the competent body (a whole appeal or a part).
 * - `ans` (day answered; dim `working days from registration to the answer|within the term 1/0|
 *   complained about 1/0`): answers approved and sent.
 * - `ext` (day of the extension), `deemed` (day the term ran out): extensions, deemed refusals.
 * - `rating` (day rated; dim `score|resolved`): the applicant's rating of an answer.
 * - `cmp` (day the complaint was answered; to the body complained about; dim upheld 1/0).
 */
import { compare, type PlainDate, toPlainDate } from "../../../kernel/calendar/index.js";
import type { WorkingCalendar } from "../../../kernel/calendar/working-calendar.js";
import { registrationDay } from "../deadlines.js";
import { appealProfile } from "../profiles.js";

export const STAT_METRICS = [
  "recv",
  "reg",
  "redir_in",
  "redir_out",
  "ans",
  "ext",
  "deemed",
  "rating",
  "cmp",
] as const;
export type StatMetric = (typeof STAT_METRICS)[number];

/** The fields of an appeal the statistics read. */
export interface StatAppeal {
  agency_id: string;
  jurisdiction: string;
  kind: string;
  procedure: string;
  channel: string;
  status: string;
  received_at: string;
  registered_on: string;
  due_on: string;
  extended_at: string | null;
  source_appeal_id: string | null;
  complaint_of_id: string | null;
  answer_outcome: string | null;
  answered_at: string | null;
  deemed_refused_at: string | null;
  complained_at: string | null;
  rating_score: number | null;
  rating_resolved: string | null;
  rated_at: string | null;
}

/** Bodies the facts of an appeal are counted for besides its own. */
export interface StatRefs {
  /** The body that sent the appeal here (the source appeal's body). */
  sourceAgencyId: string | null;
  /** The body whose decision a complaint is against. */
  complaintOfAgencyId: string | null;
}

export interface Fact {
  agencyId: string;
  day: PlainDate;
  metric: StatMetric;
  dim: string;
  n: number;
}

/** An appeal that grew out of another by a redirect (whole or part), not by a complaint or its forwarding. */
export function isRedirected(a: StatAppeal): boolean {
  return (
    a.source_appeal_id !== null &&
    a.complaint_of_id !== a.source_appeal_id &&
    a.procedure !== "complaint_review"
  );
}

/** An answer that upholds the complaint, in full or in part. */
export const UPHELD_OUTCOMES = ["satisfied", "partly_satisfied"];

/**
 * Local dates and registration days by quarter hour: every zone's offset is a whole number
 * of quarter hours, so all instants of one UTC quarter hour share the local date and the side
 * of the office's closing time (itself on a quarter hour). A rebuild reads millions of them.
 */
const QUARTER_MS = 900_000;
const memos = new WeakMap<object, Map<string, string>>();
const zones = {};
function remember(owner: object, key: string, make: () => string): string {
  let memo = memos.get(owner);
  if (!memo) {
    memo = new Map();
    memos.set(owner, memo);
  }
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size > 200_000) memo.clear();
    v = make();
    memo.set(key, v);
  }
  return v;
}
function localDate(iso: string, timeZone: string): PlainDate {
  const at = Date.parse(iso);
  return remember(zones, `${timeZone}|${Math.floor(at / QUARTER_MS)}`, () =>
    toPlainDate(new Date(at), timeZone),
  );
}

/** Working days in (a, b], never negative. */
function workingDays(calendar: WorkingCalendar, a: PlainDate, b: PlainDate): number {
  return compare(a, b) >= 0 ? 0 : calendar.workingDaysBetween(a, b);
}

/** The facts of one appeal as it stands. */
export function factsOf(
  a: StatAppeal,
  refs: StatRefs,
  calendarOf: (jurisdiction: string) => WorkingCalendar,
): Fact[] {
  const profile = appealProfile(a.jurisdiction);
  const calendar = calendarOf(a.jurisdiction);
  const local = (iso: string) => localDate(iso, profile.timeZone);
  const facts: Fact[] = [];
  const add = (agencyId: string, day: PlainDate, metric: StatMetric, dim = "") =>
    facts.push({ agencyId, day, metric, dim, n: 1 });

  const registered = a.registered_on;
  add(a.agency_id, registered, "recv", `${a.channel}|${a.kind}`);
  const arrived = local(a.received_at);
  const at = Date.parse(a.received_at);
  const legalDay = remember(calendar, String(Math.floor(at / QUARTER_MS)), () =>
    registrationDay(new Date(at), profile, calendar),
  );
  const onTime = compare(registered, legalDay) <= 0 ? 1 : 0;
  add(a.agency_id, registered, "reg", `${workingDays(calendar, arrived, registered)}|${onTime}`);
  if (isRedirected(a)) {
    add(a.agency_id, registered, "redir_in");
    if (refs.sourceAgencyId) add(refs.sourceAgencyId, registered, "redir_out");
  }
  if (a.status === "answered" && a.answered_at) {
    const day = local(a.answered_at);
    const inTerm = compare(day, a.due_on) <= 0 ? 1 : 0;
    const complained = a.complained_at ? 1 : 0;
    add(
      a.agency_id,
      day,
      "ans",
      `${workingDays(calendar, registered, day)}|${inTerm}|${complained}`,
    );
    if (a.kind === "complaint" && a.complaint_of_id && refs.complaintOfAgencyId) {
      const upheld = UPHELD_OUTCOMES.includes(a.answer_outcome ?? "") ? 1 : 0;
      add(refs.complaintOfAgencyId, day, "cmp", String(upheld));
    }
  }
  if (a.extended_at) add(a.agency_id, local(a.extended_at), "ext");
  if (a.deemed_refused_at) add(a.agency_id, local(a.deemed_refused_at), "deemed");
  if (a.rated_at && a.rating_score !== null) {
    add(a.agency_id, local(a.rated_at), "rating", `${a.rating_score}|${a.rating_resolved ?? ""}`);
  }
  return facts;
}

/** The rows a fact is counted in: its body, the body's level and the country; by day, month and year. */
export function keysOf(fact: Fact, level: string | undefined): string[] {
  const scopes = [`a:${fact.agencyId}`, ...(level ? [`l:${level}`] : []), "*"];
  const periods: [string, string][] = [
    ["d", fact.day],
    ["m", fact.day.slice(0, 7)],
    ["y", fact.day.slice(0, 4)],
  ];
  const keys: string[] = [];
  for (const scope of scopes) {
    for (const [grain, period] of periods) {
      keys.push(`${scope}\t${grain}\t${period}\t${fact.metric}\t${fact.dim}`);
    }
  }
  return keys;
}
