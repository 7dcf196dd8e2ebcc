import type { Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit, systemActor } from "../../../kernel/audit/audit.js";
import type { PlainDate, WorkingCalendar } from "../../../kernel/calendar/index.js";
import { toPlainDate } from "../../../kernel/calendar/index.js";
import type { AppContext } from "../../../platform/manifest.js";
import { OPEN_STATUSES } from "../appeal.js";
import type { AppealRow } from "../appeal.repository.js";
import { type AppealProfile, appealProfile, knownProfiles } from "../profiles.js";

/** One jurisdiction's view of the clock: its profile, its calendar and today in its time zone. */
export interface ClockScope {
  jurisdiction: string;
  profile: AppealProfile;
  calendar: WorkingCalendar;
  today: PlainDate;
  /** The appeals this profile governs (the fallback profile also takes unknown jurisdictions). */
  covers: (eb: ExpressionBuilder<Database, "appeals">) => Expression<SqlBool>;
}

/**
 * The clock's scopes at this instant. "Today" differs between time zones, so each job asks
 * per jurisdiction which terms have passed.
 */
export function clockScopes(ctx: AppContext): ClockScope[] {
  const now = ctx.clock.now();
  const known = knownProfiles();
  const fallback = appealProfile("").jurisdiction;
  return known.map((code) => {
    const profile = appealProfile(code);
    const others = known.filter((c) => c !== code);
    return {
      jurisdiction: code,
      profile,
      calendar: ctx.calendars.forJurisdiction(code),
      today: toPlainDate(now, profile.timeZone),
      covers:
        code !== fallback
          ? (eb) => eb("jurisdiction", "=", code)
          : (eb) => (others.length > 0 ? eb("jurisdiction", "not in", others) : eb.and([])),
    };
  });
}

/** Undecided appeals of a scope, the query each job narrows by due date (index appeals_due). */
export function undecidedAppeals(db: Kysely<Database>, scope: ClockScope) {
  return db
    .selectFrom("appeals")
    .selectAll()
    .where("status", "in", OPEN_STATUSES)
    .where(scope.covers);
}

/**
 * Runs `step` for each appeal in its own transaction. Each step begins with a conditional
 * UPDATE and returns whether this instance won the appeal (false: another instance did, or
 * the appeal changed since it was read), so with several instances each step happens once.
 * A failing appeal is logged and skipped; it is tried again at the next run.
 */
export async function claimEach(
  ctx: AppContext,
  job: string,
  rows: AppealRow[],
  step: (trx: Kysely<Database>, row: AppealRow) => Promise<boolean>,
): Promise<number> {
  let won = 0;
  for (const row of rows) {
    try {
      if (await ctx.db.kysely.transaction().execute((trx) => step(trx, row))) won++;
    } catch (err) {
      ctx.log.error({ err, job, appealId: row.id }, "appeal clock step failed; retried next run");
    }
  }
  if (won > 0) ctx.mail.kick();
  return won;
}

/** Appends what the clock did to an appeal to its audit trail, as the system actor "clock". */
export async function recordClockStep(
  trx: Kysely<Database>,
  ctx: AppContext,
  row: AppealRow,
  action: "appeal.reminded" | "appeal.deemed_refused" | "appeal.escalated",
  data: Record<string, unknown>,
): Promise<void> {
  await appendAudit(trx, ctx.clock, [
    {
      actor: systemActor("clock"),
      action,
      subjectType: "appeal",
      subjectId: row.id,
      data: { ...data, dueOn: row.due_on },
    },
  ]);
}
