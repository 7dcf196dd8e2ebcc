import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { Database } from "../../../db/schema.js";
import { type PlainDate, toPlainDate } from "../../../kernel/calendar/index.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { AppContext } from "../../../platform/manifest.js";
import { findAgenciesByIds } from "../../agencies/index.js";
import { OPEN_STATUSES } from "../appeal.js";
import { overdueBound, type TermBound, termBound } from "../nearest-term.js";
import { nearestTermBy } from "../nearest-term.query.js";
import { appealProfile } from "../profiles.js";

/** The counters of "my tasks", in the order the page shows them. */
export const TASK_COUNTERS = [
  "to_assign",
  "to_answer",
  "sent_back",
  "to_approve",
  "complaints",
  "due_soon",
  "overdue",
] as const;
export type TaskCounter = (typeof TASK_COUNTERS)[number];

/** Which counters a person's roles in a body give them. */
export interface BodyRoles {
  head: boolean;
  executor: boolean;
  registrar: boolean;
}

/** One body's counters for one person; only the counters their roles give are present. */
export interface BodyTasks {
  agencyId: string;
  roles: BodyRoles;
  counts: Partial<Record<TaskCounter, number>>;
  /** Today and the last day counted as due soon, on the body's calendar. */
  today: PlainDate;
  soon: PlainDate;
}

/** The roles that have tasks in appeals, per body the person holds one in. */
export function taskBodies(principal: Principal): Map<string, BodyRoles> {
  const out = new Map<string, BodyRoles>();
  if (principal.kind !== "staff" || !principal.secondFactor) return out;
  for (const g of principal.grants) {
    if (g.agencyId === null) continue;
    if (g.role !== "head" && g.role !== "executor" && g.role !== "registrar") continue;
    const roles = out.get(g.agencyId) ?? { head: false, executor: false, registrar: false };
    roles[g.role] = true;
    out.set(g.agencyId, roles);
  }
  return out;
}

/** Which counters a body's roles show: heads assign, approve and take complaints; executors answer. */
export function countersFor(roles: BodyRoles): TaskCounter[] {
  return TASK_COUNTERS.filter((c) => {
    switch (c) {
      case "to_assign":
      case "to_approve":
      case "complaints":
        return roles.head;
      case "to_answer":
      case "sent_back":
        return roles.executor || roles.head;
      default:
        return true;
    }
  });
}

/**
 * Whether a person sees a body's whole registry in the term counters (heads and registrars)
 * or only the appeals assigned to them (executors).
 */
const bodyWide = (roles: BodyRoles) => roles.head || roles.registrar;

type Eb = ExpressionBuilder<Database, "appeals">;
const count = (eb: Eb, when: Expression<SqlBool>) =>
  eb.fn.sum<number | string>(eb.case().when(when).then(1).else(0).end());

/**
 * Every counter of "my tasks" for `principal`, in each body where they register, execute or
 * head, in one grouped query over the bodies' open appeals (index appeals_inbox_filters). A
 * body's "due soon" ends `config.staffTasks.dueDays` working days after today on its calendar.
 */
export async function myTasks(ctx: AppContext, principal: Principal): Promise<BodyTasks[]> {
  const bodies = taskBodies(principal);
  if (bodies.size === 0) return [];
  const ids = [...bodies.keys()];
  const agencies = new Map((await findAgenciesByIds(ctx.db.kysely, ids)).map((a) => [a.id, a]));
  // Terms are the nearest of any kind (redirect, return, correction, answer), as in the inbox.
  type Dates = { today: PlainDate; soon: PlainDate; missed: TermBound; dueBy: TermBound };
  const dates = new Map<string, Dates>();
  for (const id of ids) {
    const jurisdiction = agencies.get(id)?.jurisdiction ?? "";
    const calendar = ctx.calendars.forJurisdiction(jurisdiction);
    const profile = appealProfile(jurisdiction);
    const today = toPlainDate(ctx.clock.now(), calendar.rules.timeZone);
    const soon = calendar.addWorkingDays(today, ctx.config.staffTasks.dueDays);
    dates.set(id, {
      today,
      soon,
      missed: overdueBound(calendar, profile, today),
      dueBy: termBound(calendar, profile, today, soon),
    });
  }
  const me = principal.accountId;
  // Term counters: per body, its own dates and, for an executor, only their appeals.
  const inTerm = (eb: Eb, test: (d: Dates) => Expression<SqlBool>) =>
    eb.or(
      ids.map((id) => {
        const d = dates.get(id) as Dates;
        const parts = [eb("agency_id", "=", id), test(d)];
        if (!bodyWide(bodies.get(id) as BodyRoles)) parts.push(eb("executor_id", "=", me));
        return eb.and(parts);
      }),
    );
  const rows = await ctx.db.kysely
    .selectFrom("appeals")
    .where("agency_id", "in", ids)
    .where("status", "in", OPEN_STATUSES)
    .groupBy("agency_id")
    .select((eb) => [
      "agency_id",
      count(eb, eb.and([eb("status", "=", "registered"), eb("executor_id", "is", null)])).as(
        "to_assign",
      ),
      count(
        eb,
        eb.and([
          eb("status", "=", "in_progress"),
          eb("executor_id", "=", me),
          eb("answer_drafted_at", "is", null),
        ]),
      ).as("to_answer"),
      count(
        eb,
        eb.and([
          eb("status", "=", "in_progress"),
          eb("executor_id", "=", me),
          eb("answer_drafted_at", "is not", null),
        ]),
      ).as("sent_back"),
      count(eb, eb("status", "=", "awaiting_approval")).as("to_approve"),
      count(
        eb,
        eb.and([eb("kind", "=", "complaint"), eb("status", "in", ["registered", "in_progress"])]),
      ).as("complaints"),
      count(
        eb,
        inTerm(eb, (d) =>
          eb.and([nearestTermBy(d.dueBy)(eb), eb.not(nearestTermBy(d.missed)(eb))]),
        ),
      ).as("due_soon"),
      count(
        eb,
        inTerm(eb, (d) => nearestTermBy(d.missed)(eb)),
      ).as("overdue"),
    ])
    .execute();
  const byBody = new Map(rows.map((r) => [r.agency_id, r]));
  return ids.map((agencyId) => {
    const roles = bodies.get(agencyId) as BodyRoles;
    const row = byBody.get(agencyId) as Record<string, unknown> | undefined;
    const counts: Partial<Record<TaskCounter, number>> = {};
    for (const c of countersFor(roles)) counts[c] = Number(row?.[c] ?? 0);
    const d = dates.get(agencyId) as Dates;
    return { agencyId, roles, counts, today: d.today, soon: d.soon };
  });
}

/**
 * The appeals waiting for the person's own step, over all their bodies: to assign, to answer,
 * to redraft, to approve (complaints are among these already; terms are reminders, not steps).
 */
export function openTaskCount(tasks: BodyTasks[]): number {
  let n = 0;
  for (const b of tasks)
    for (const c of ["to_assign", "to_answer", "sent_back", "to_approve"] as const)
      n += b.counts[c] ?? 0;
  return n;
}

/**
 * Open appeals past any of their terms, per body, for the operations metrics: one grouped query
 * over open appeals for the bodies that have some, each body's terms on its own jurisdiction's
 * calendar (bodies are grouped by jurisdiction, so the query has one clause per jurisdiction).
 */
export async function overdueByBody(ctx: AppContext): Promise<Map<string, number>> {
  const db = ctx.db.kysely;
  const open = await db
    .selectFrom("appeals")
    .select("agency_id")
    .distinct()
    .where("status", "in", OPEN_STATUSES)
    .execute();
  const ids = open.map((r) => r.agency_id);
  if (ids.length === 0) return new Map();
  const byJurisdiction = new Map<string, string[]>();
  for (const a of await findAgenciesByIds(db, ids)) {
    const list = byJurisdiction.get(a.jurisdiction) ?? [];
    list.push(a.id);
    byJurisdiction.set(a.jurisdiction, list);
  }
  const rows = await db
    .selectFrom("appeals")
    .select((eb) => ["agency_id", eb.fn.countAll<number | string>().as("n")])
    .where("status", "in", OPEN_STATUSES)
    .where((eb) =>
      eb.or(
        [...byJurisdiction].map(([jurisdiction, agencyIds]) => {
          const calendar = ctx.calendars.forJurisdiction(jurisdiction);
          const today = toPlainDate(ctx.clock.now(), calendar.rules.timeZone);
          const bound = overdueBound(calendar, appealProfile(jurisdiction), today);
          return eb.and([eb("agency_id", "in", agencyIds), nearestTermBy(bound)(eb)]);
        }),
      ),
    )
    .groupBy("agency_id")
    .execute();
  return new Map(rows.map((r) => [r.agency_id, Number(r.n)]));
}
