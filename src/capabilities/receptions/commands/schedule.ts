import { randomUUID } from "node:crypto";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import { utcToLocal } from "../../../kernel/time/local-time.js";
import type { AppContext } from "../../../platform/manifest.js";
import { checkSchedule, type ScheduleInput, slotsOf } from "../reception.js";
import { agencyById, agencyTopics } from "../reception.repository.js";

/**
 * Publishes the signed-in head's (or deputy's) reception schedule in their body and generates
 * its slots, in the body's zone. Days that are not working days are left out; slots already
 * past are not offered.
 */
export async function publishSchedule(
  ctx: AppContext,
  principal: Principal,
  agencyId: string,
  input: ScheduleInput,
): Promise<Result<{ id: string; slots: number; days: string[] }>> {
  const db = ctx.db.kysely;
  const agency = await agencyById(db, agencyId);
  if (!agency) return notFound();
  if (!ctx.policy.can(principal, "reception.schedule", { agencyId })) return forbidden();
  const calendar = ctx.calendars.forJurisdiction(agency.jurisdiction);
  const zone = calendar.rules.timeZone;
  const topics = (await agencyTopics(db, agencyId)).map((t) => t.id);
  const checked = checkSchedule(input, topics, (d) => calendar.isWorkingDay(d));
  if ("issues" in checked) return invalid(checked.issues);
  const now = ctx.clock.now();
  const today = utcToLocal(now, zone).slice(0, 10);
  if (input.firstDay < today)
    return invalid([{ field: "firstDay", key: "receptions.validation.past" }]);
  const nowIso = now.toISOString();
  const slots = slotsOf(checked.ok, zone).filter((s) => s.startsAt > nowIso);
  if (slots.length === 0)
    return invalid([{ field: "firstDay", key: "receptions.validation.past" }]);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("reception_schedules")
      .values({
        id,
        agency_id: agencyId,
        official_id: principal.accountId,
        days: JSON.stringify(checked.ok.days),
        start_time: checked.ok.startTime,
        end_time: checked.ok.endTime,
        slot_minutes: checked.ok.slotMinutes,
        place: checked.ok.place,
        online_url: checked.ok.onlineUrl,
        topics: JSON.stringify(checked.ok.topics),
        time_zone: zone,
        created_by_id: principal.accountId,
        created_at: nowIso,
      })
      .execute();
    for (let i = 0; i < slots.length; i += 100)
      await trx
        .insertInto("reception_slots")
        .values(
          slots.slice(i, i + 100).map((s) => ({
            id: randomUUID(),
            schedule_id: id,
            agency_id: agencyId,
            official_id: principal.accountId,
            starts_at: s.startsAt,
            ends_at: s.endsAt,
            booking_id: null,
          })),
        )
        .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "head" },
        action: "reception.schedule.published",
        subjectType: "reception_schedule",
        subjectId: id,
        data: { agencyId, days: checked.ok.days, slots: slots.length },
      },
    ]);
  });
  ctx.pageCache.invalidate();
  return ok({ id, slots: slots.length, days: checked.ok.days });
}
