import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import {
  addDays,
  compare,
  type PlainDate,
  type WorkingCalendar,
} from "../../../kernel/calendar/index.js";
import type { AppContext } from "../../../platform/manifest.js";
import { findAgency } from "../../agencies/index.js";
import { OPEN_STATUSES } from "../appeal.js";
import type { AppealRow } from "../appeal.repository.js";
import {
  type ClockScope,
  claimEach,
  clockScopes,
  recordClockStep,
  undecidedAppeals,
} from "./clock-scope.js";
import { mailStaff, StaffDirectory } from "./staff-mail.js";

/**
 * The latest due date whose appeal, still undecided today, goes to the higher body: its term
 * passed and then `days` more working days did (the head is told on the first day after it).
 */
export function higherBodyDueLimit(
  calendar: WorkingCalendar,
  today: PlainDate,
  days: number,
): PlainDate {
  let d = addDays(today, -1);
  for (let i = 0; i < 400 && compare(calendar.addWorkingDays(d, days + 1), today) > 0; i++) {
    d = addDays(d, -1);
  }
  return d;
}

/**
 * Escalates appeals whose term passed with no decision: the body's heads are told the day
 * after the term (level 0 → 1), the higher body's heads `higherBodyEscalationDays` working
 * days later (1 → 2). Each level is taken once, recorded in the audit trail.
 */
export async function escalateOverdue(
  ctx: AppContext,
  options: { pageSize: number },
): Promise<{ head: number; higher: number }> {
  const staff = new StaffDirectory();
  const done = { head: 0, higher: 0 };
  for (const scope of clockScopes(ctx)) {
    const toHead = await candidates(ctx, scope, 0, addDays(scope.today, -1), options.pageSize);
    done.head += await claimEach(ctx, "appeals-escalation", toHead, async (trx, row) => {
      if (!(await raise(trx, row, 1))) return false;
      const recipients = await staff.heads(trx, row.agency_id);
      await mailStaff(trx, ctx, staff, recipients, "escalated_head", row, true);
      await recordClockStep(trx, ctx, row, "appeal.escalated", {
        level: 1,
        to: row.agency_id,
        recipients: recipients.length,
      });
      return true;
    });

    const limit = higherBodyDueLimit(
      scope.calendar,
      scope.today,
      scope.profile.higherBodyEscalationDays,
    );
    const toHigher = await candidates(ctx, scope, 1, limit, options.pageSize);
    done.higher += await claimEach(ctx, "appeals-escalation", toHigher, async (trx, row) => {
      if (!(await raise(trx, row, 2))) return false;
      const body = await findAgency(trx, row.agency_id);
      const higher = body?.higherBodyId ?? null;
      const recipients = higher ? await staff.heads(trx, higher) : [];
      await mailStaff(trx, ctx, staff, recipients, "escalated_higher", row, false);
      await recordClockStep(trx, ctx, row, "appeal.escalated", {
        level: 2,
        to: higher,
        recipients: recipients.length,
      });
      return true;
    });
  }
  return done;
}

function candidates(
  ctx: AppContext,
  scope: ClockScope,
  level: number,
  dueOnOrBefore: PlainDate,
  pageSize: number,
) {
  return undecidedAppeals(ctx.db.kysely, scope)
    .where("due_on", "<=", dueOnOrBefore)
    .where("escalation_level", "=", level)
    .orderBy("due_on")
    .orderBy("id")
    .limit(pageSize)
    .execute();
}

/** Moves the appeal to `level` only from the level below, still undecided and not extended. */
async function raise(trx: Kysely<Database>, row: AppealRow, level: number): Promise<boolean> {
  const claim = await trx
    .updateTable("appeals")
    .set({ escalation_level: level })
    .where("id", "=", row.id)
    .where("escalation_level", "=", level - 1)
    .where("due_on", "=", row.due_on)
    .where("status", "in", OPEN_STATUSES)
    .executeTakeFirst();
  return claim.numUpdatedRows === 1n;
}
