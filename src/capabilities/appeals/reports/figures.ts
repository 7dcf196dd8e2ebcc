/**
 * A body's report figures for a period (by the day appeals were registered), each one grouped
 * SQL on the appeals table that runs alike on SQLite and PostgreSQL. "On time" and "late"
 * compare the answer's UTC day with the term; an open appeal past its term is overdue.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "../../../db/schema.js";
import { OPEN_STATUSES } from "../appeal.js";

type Db = Kysely<Database>;

export interface ReportPeriod {
  agencyId: string;
  from: string;
  to: string;
  /** The body's today: what is open past its term by then is overdue. */
  today: string;
}

export interface GroupFigures {
  key: string | null;
  received: number;
  answered: number;
  onTime: number;
  overdue: number;
  extended: number;
  /** Average calendar days from registration to the answer (null: nothing answered). */
  averageDays: number | null;
}

const n = (v: unknown): number => Number(v ?? 0);
const OPEN = [...OPEN_STATUSES] as string[];

function inPeriod(db: Db, p: ReportPeriod) {
  return db
    .selectFrom("appeals")
    .where("appeals.agency_id", "=", p.agencyId)
    .where("appeals.registered_on", ">=", p.from)
    .where("appeals.registered_on", "<=", p.to)
    .where("appeals.status", "!=", "attached");
}

/** The answer's day as text `YYYY-MM-DD` (both dialects have substr). */
const answeredDay = sql<string>`substr(appeals.answered_at, 1, 10)`;

/**
 * Received, answered, on time, overdue (open past the term, or answered after it), extended,
 * grouped by one column.
 */
export async function figuresBy(
  db: Db,
  p: ReportPeriod,
  column: "executor_id" | "category_id" | "channel" | "kind",
): Promise<GroupFigures[]> {
  const rows = await inPeriod(db, p)
    .select((eb) => {
      const count = (cond: ReturnType<typeof eb.and>) =>
        eb.fn.sum<number | string>(eb.case().when(cond).then(1).else(0).end());
      const answered = eb("appeals.status", "=", "answered");
      return [
        eb.ref(`appeals.${column}`).as("key"),
        eb.fn.countAll<number | string>().as("received"),
        count(eb.and([answered])).as("answered"),
        count(eb.and([answered, eb(answeredDay, "<=", eb.ref("appeals.due_on"))])).as("on_time"),
        count(
          eb.or([
            eb.and([eb("appeals.status", "in", OPEN), eb("appeals.due_on", "<", p.today)]),
            eb.and([answered, eb(answeredDay, ">", eb.ref("appeals.due_on"))]),
          ]),
        ).as("overdue"),
        count(eb.and([eb("appeals.extended_at", "is not", null)])).as("extended"),
      ];
    })
    .groupBy(`appeals.${column}`)
    .execute();
  const days = await averageDaysBy(db, p, column);
  return rows
    .map((r) => ({
      key: (r.key as string | null) ?? null,
      received: n(r.received),
      answered: n(r.answered),
      onTime: n(r.on_time),
      overdue: n(r.overdue),
      extended: n(r.extended),
      averageDays: days.get((r.key as string | null) ?? null) ?? null,
    }))
    .sort((a, b) => b.received - a.received || String(a.key).localeCompare(String(b.key)));
}

/**
 * Average days to answer per group. Date arithmetic differs between the dialects, so the
 * answered rows' two dates come back (three short columns) and are averaged here.
 */
async function averageDaysBy(
  db: Db,
  p: ReportPeriod,
  column: "executor_id" | "category_id" | "channel" | "kind",
): Promise<Map<string | null, number>> {
  const rows = await inPeriod(db, p)
    .where("appeals.status", "=", "answered")
    .where("appeals.answered_at", "is not", null)
    .select([`appeals.${column} as key`, "appeals.registered_on", "appeals.answered_at"])
    .execute();
  const sums = new Map<string | null, { days: number; count: number }>();
  for (const r of rows) {
    const key = (r.key as string | null) ?? null;
    const days =
      (Date.parse(`${String(r.answered_at).slice(0, 10)}T00:00:00Z`) -
        Date.parse(`${r.registered_on}T00:00:00Z`)) /
      86_400_000;
    const s = sums.get(key) ?? { days: 0, count: 0 };
    s.days += days;
    s.count += 1;
    sums.set(key, s);
  }
  return new Map([...sums].map(([k, s]) => [k, Math.round((s.days / s.count) * 10) / 10]));
}

/** Answered appeals by outcome. */
export async function outcomes(db: Db, p: ReportPeriod): Promise<{ key: string; count: number }[]> {
  const rows = await inPeriod(db, p)
    .where("appeals.status", "=", "answered")
    .where("appeals.answer_outcome", "is not", null)
    .select((eb) => ["appeals.answer_outcome as key", eb.fn.countAll<number | string>().as("n")])
    .groupBy("appeals.answer_outcome")
    .execute();
  return rows
    .map((r) => ({ key: String(r.key), count: n(r.n) }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export interface CaseLine {
  number: string;
  subject: string;
  executorId: string | null;
  registeredOn: string;
  dueOn: string;
  originalDueOn: string;
  status: string;
  answeredOn: string | null;
  extensionReason: string | null;
}

const LIST_LIMIT = 1_000;

function caseLines(db: Db, p: ReportPeriod) {
  return inPeriod(db, p).select([
    "appeals.number",
    "appeals.subject",
    "appeals.executor_id",
    "appeals.registered_on",
    "appeals.due_on",
    "appeals.original_due_on",
    "appeals.status",
    "appeals.answered_at",
    "appeals.extension_reason",
  ]);
}

const toLine = (r: {
  number: string;
  subject: string;
  executor_id: string | null;
  registered_on: string;
  due_on: string;
  original_due_on: string;
  status: string;
  answered_at: string | null;
  extension_reason: string | null;
}): CaseLine => ({
  number: r.number,
  subject: r.subject,
  executorId: r.executor_id,
  registeredOn: r.registered_on,
  dueOn: r.due_on,
  originalDueOn: r.original_due_on,
  status: r.status,
  answeredOn: r.answered_at ? r.answered_at.slice(0, 10) : null,
  extensionReason: r.extension_reason,
});

/** Appeals open past their term or answered after it, the longest overdue first. */
export async function overdueCases(db: Db, p: ReportPeriod): Promise<CaseLine[]> {
  const rows = await caseLines(db, p)
    .where((eb) =>
      eb.or([
        eb.and([eb("appeals.status", "in", OPEN), eb("appeals.due_on", "<", p.today)]),
        eb.and([
          eb("appeals.status", "=", "answered"),
          eb(answeredDay, ">", eb.ref("appeals.due_on")),
        ]),
      ]),
    )
    .orderBy("appeals.due_on")
    .orderBy("appeals.number")
    .limit(LIST_LIMIT)
    .execute();
  return rows.map(toLine);
}

/** Appeals whose term was extended. */
export async function extendedCases(db: Db, p: ReportPeriod): Promise<CaseLine[]> {
  const rows = await caseLines(db, p)
    .where("appeals.extended_at", "is not", null)
    .orderBy("appeals.registered_on")
    .orderBy("appeals.number")
    .limit(LIST_LIMIT)
    .execute();
  return rows.map(toLine);
}

export interface ComplaintFigures {
  /** Complaints against the body's decisions filed with it in the period. */
  filed: number;
  /** Of those, sent on to the higher body. */
  forwarded: number;
  /** Complaints against the body's decisions upheld (fully or partly), by it or the higher body. */
  upheld: number;
  /** Decided and not upheld. */
  notUpheld: number;
}

/** Complaints against the body's own answers and decisions, registered in the period. */
export async function complaintFigures(db: Db, p: ReportPeriod): Promise<ComplaintFigures> {
  const against = db
    .selectFrom("appeals as original")
    .select("original.id")
    .where("original.agency_id", "=", p.agencyId);
  const row = await db
    .selectFrom("appeals")
    .where("appeals.kind", "=", "complaint")
    .where("appeals.complaint_of_id", "in", against)
    .where("appeals.registered_on", ">=", p.from)
    .where("appeals.registered_on", "<=", p.to)
    .select((eb) => {
      const count = (cond: ReturnType<typeof eb.and>) =>
        eb.fn.sum<number | string>(eb.case().when(cond).then(1).else(0).end());
      const filedHere = eb.and([
        eb("appeals.agency_id", "=", p.agencyId),
        eb("appeals.procedure", "=", "full"),
      ]);
      const decided = eb("appeals.status", "=", "answered");
      const upheld = eb("appeals.answer_outcome", "in", ["satisfied", "partly_satisfied"]);
      return [
        count(filedHere).as("filed"),
        count(eb.and([filedHere, eb("appeals.status", "=", "redirected")])).as("forwarded"),
        count(eb.and([decided, upheld])).as("upheld"),
        count(eb.and([decided, eb.not(upheld)])).as("not_upheld"),
      ];
    })
    .executeTakeFirst();
  return {
    filed: n(row?.filed),
    forwarded: n(row?.forwarded),
    upheld: n(row?.upheld),
    notUpheld: n(row?.not_upheld),
  };
}
