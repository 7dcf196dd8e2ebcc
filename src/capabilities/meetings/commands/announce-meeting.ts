import { randomUUID } from "node:crypto";
import { appendAudit } from "../../../kernel/audit/audit.js";
import { isPlainDate } from "../../../kernel/calendar/index.js";
import type { Principal } from "../../../kernel/permissions.js";
import { type FieldIssue, forbidden, invalid, ok, type Result } from "../../../kernel/result.js";
import { localToUtc } from "../../../kernel/time/local-time.js";
import type { AppContext } from "../../../platform/manifest.js";
import { findAgency } from "../../agencies/index.js";
import { type AnnounceInput, checkAnnouncement } from "../meeting.js";
import { territories } from "../meeting.repository.js";

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const pad = (time: string) => time.padStart(5, "0");

/**
 * A body announces a meeting. Times are read in the body's own zone; the meeting must start
 * in the future and end after it starts. Residents-only meetings name a known territory
 * (the body's own when none is chosen); delegates' meetings name their delegates by e-mail.
 */
export async function announceMeeting(
  ctx: AppContext,
  principal: Principal,
  input: AnnounceInput,
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  if (!ctx.policy.can(principal, "meeting.manage", { agencyId: input.agencyId }))
    return forbidden();
  const agency = await findAgency(db, input.agencyId, { active: true });
  if (!agency) return invalid([{ field: "agencyId", key: "meetings.validation.agency" }]);
  const { issues, delegates } = checkAnnouncement(input);
  const zone = ctx.calendars.forJurisdiction(agency.jurisdiction).rules.timeZone;
  const now = ctx.clock.now();
  const timeIssues: FieldIssue[] = [];
  let startsAt: Date | null = null;
  let endsAt: Date | null = null;
  if (!isPlainDate(input.date)) timeIssues.push({ field: "date", key: "meetings.validation.date" });
  if (!TIME.test(input.startTime))
    timeIssues.push({ field: "startTime", key: "meetings.validation.time" });
  if (!TIME.test(input.endTime))
    timeIssues.push({ field: "endTime", key: "meetings.validation.time" });
  if (timeIssues.length === 0) {
    startsAt = localToUtc(`${input.date}T${pad(input.startTime)}`, zone);
    endsAt = localToUtc(`${input.date}T${pad(input.endTime)}`, zone);
    if (!startsAt || startsAt <= now)
      timeIssues.push({ field: "date", key: "meetings.validation.future" });
    else if (!endsAt || endsAt <= startsAt)
      timeIssues.push({ field: "endTime", key: "meetings.validation.end_after_start" });
  }
  let territoryCode: string | null = null;
  if (input.eligibility === "residents") {
    territoryCode = input.territoryCode || agency.territoryCode;
    const known = await territories(db);
    if (!territoryCode || !known.some((k) => k.code === territoryCode))
      issues.push({ field: "territoryCode", key: "meetings.validation.territory" });
  }
  const all = [...issues, ...timeIssues];
  if (all.length > 0 || !startsAt || !endsAt) return invalid(all);
  const id = randomUUID();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("meetings")
      .values({
        id,
        agency_id: agency.id,
        kind: input.kind,
        title_kk: input.title.kk || null,
        title_ru: input.title.ru || null,
        title_en: input.title.en || null,
        agenda_kk: input.agenda.kk || null,
        agenda_ru: input.agenda.ru || null,
        agenda_en: input.agenda.en || null,
        place: input.place || null,
        online_url: input.onlineUrl || null,
        starts_at: startsAt.toISOString(),
        ends_at: endsAt.toISOString(),
        time_zone: zone,
        capacity: Number(input.capacity),
        eligibility: input.eligibility,
        territory_code: territoryCode,
        queue_seq: 0,
        minutes: null,
        minutes_published_at: null,
        registered_figure: null,
        attended_figure: null,
        announced_by_id: principal.accountId,
        announced_at: at,
        updated_at: at,
      })
      .execute();
    if (delegates.length > 0)
      await trx
        .insertInto("meeting_delegates")
        .values(delegates.map((email) => ({ meeting_id: id, email })))
        .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: "meeting.announced",
        subjectType: "meeting",
        subjectId: id,
        data: {
          agencyId: agency.id,
          kind: input.kind,
          startsAt: startsAt?.toISOString(),
          capacity: Number(input.capacity),
          eligibility: input.eligibility,
          delegates: delegates.length,
        },
      },
    ]);
  });
  ctx.pageCache.invalidate();
  return ok({ id });
}
