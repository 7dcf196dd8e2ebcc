import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { addDays, dayOfWeek } from "../../kernel/calendar/index.js";
import { utcToLocal } from "../../kernel/time/local-time.js";
import type { AppContext } from "../../platform/manifest.js";
import { categoriesOfAgency, jurisdictionOf } from "../agencies/index.js";
import { firstAppeal } from "../appeals/index.js";
import { demoAccountIds } from "../identity/index.js";
import { checkSchedule, slotsOf } from "./reception.js";
import type { BookingRow } from "./reception.repository.js";

const BAIKONUR = "ag-baikonur-akimat";
const TOPICS = ["cat-roads-lighting", "cat-housing-utilities", "cat-landscaping"];

type Who = "citizen" | "citizen2";

/**
 * The Baikonur akim's reception (demo head@): Tuesdays for six weeks after the demo clock's
 * today, 10:00–13:00 in 20-minute slots, and the last two Tuesdays already held. Bookings in
 * every state: upcoming (one with a clarifying question, one with consent to redirect),
 * cancelled, redirected, resolved, registered as an appeal, did not come, refused; and
 * today's walk-in queue.
 */
export async function seedDemoReceptions(ctx: AppContext, trx: Kysely<Database>): Promise<void> {
  const accounts = await demoAccountIds(trx);
  const idOf = (who: string) => accounts.get(who);
  const head = idOf("head");
  const jurisdiction = await jurisdictionOf(trx, BAIKONUR);
  if (!head || !jurisdiction) return;
  const topics = (await categoriesOfAgency(trx, BAIKONUR))
    .map((c) => c.id)
    .filter((id) => TOPICS.includes(id))
    .sort();
  if (topics.length === 0) return;
  const zone = ctx.calendars.forJurisdiction(jurisdiction).rules.timeZone;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const today = utcToLocal(now, zone).slice(0, 10);
  let tuesday = addDays(today, 1);
  while (dayOfWeek(tuesday) !== 2) tuesday = addDays(tuesday, 1);
  const schedule = async (firstDay: string, weeks: number) => {
    const checked = checkSchedule(
      {
        firstDay,
        weeks: String(weeks),
        startTime: "10:00",
        endTime: "13:00",
        slotMinutes: "20",
        place: "Астана, ул. Кенесары, 40, каб. 201",
        onlineUrl: "",
        topics,
      },
      topics,
      () => true,
    );
    if (!("ok" in checked)) return [];
    const id = randomUUID();
    await trx
      .insertInto("reception_schedules")
      .values({
        id,
        agency_id: BAIKONUR,
        official_id: head,
        days: JSON.stringify(checked.ok.days),
        start_time: "10:00",
        end_time: "13:00",
        slot_minutes: 20,
        place: checked.ok.place,
        online_url: null,
        topics: JSON.stringify(topics),
        time_zone: zone,
        created_by_id: head,
        created_at: at,
      })
      .execute();
    const slots = slotsOf(checked.ok, zone).map((s) => ({
      id: randomUUID(),
      schedule_id: id,
      agency_id: BAIKONUR,
      official_id: head,
      starts_at: s.startsAt,
      ends_at: s.endsAt,
      booking_id: null as string | null,
    }));
    await trx.insertInto("reception_slots").values(slots).execute();
    return slots;
  };
  const upcoming = await schedule(tuesday, 6);
  const held = await schedule(addDays(tuesday, -14), 2);
  const appeal = await firstAppeal(trx, BAIKONUR, { applicantAccountId: idOf("citizen") ?? "" });

  const base = (slot: (typeof upcoming)[number], who: Who, question: string): BookingRow => ({
    id: randomUUID(),
    agency_id: BAIKONUR,
    official_id: head,
    slot_id: slot.id,
    kind: "booking",
    day: utcToLocal(new Date(slot.starts_at), zone).slice(0, 10),
    starts_at: slot.starts_at,
    ticket_no: null,
    account_id: idOf(who) ?? null,
    visitor_name: null,
    visitor_contact: null,
    topic_id: topics[0] ?? null,
    question,
    language: "ru",
    redirect_consent: 0,
    status: "booked",
    clarification_question: null,
    clarification_asked_at: null,
    clarification_answer: null,
    clarification_answered_at: null,
    advice_agency_id: null,
    advice_note: null,
    advised_at: null,
    outcome_note: null,
    refusal_reason: null,
    appeal_id: null,
    appeal_number: null,
    outcome_by_id: null,
    outcome_at: null,
    reminded_at: null,
    cancelled_at: null,
    created_at: at,
    updated_at: at,
  });
  const rows: BookingRow[] = [];
  const take = (
    slot: (typeof upcoming)[number] | undefined,
    row: (s: (typeof upcoming)[number]) => BookingRow,
  ) => {
    if (!slot) return;
    const b = row(slot);
    if (!b.account_id) return;
    if (b.status !== "cancelled" && b.status !== "redirected") slot.booking_id = b.id;
    rows.push(b);
  };
  take(upcoming[0], (s) => ({
    ...base(s, "citizen", "Во дворе дома по ул. Кенесары, 40 не работает освещение уже месяц."),
    clarification_question: "Уточните, пожалуйста, номер подъезда и с какого числа нет света.",
    clarification_asked_at: at,
  }));
  take(upcoming[1], (s) => ({
    ...base(s, "citizen2", "Прошу установить детскую площадку во дворе."),
    redirect_consent: 1,
  }));
  take(upcoming[3], (s) => ({
    ...base(s, "citizen", "Вопрос о вывозе мусора."),
    status: "cancelled",
    cancelled_at: at,
  }));
  take(upcoming[4], (s) => ({
    ...base(s, "citizen2", "Вопрос о пенсии по возрасту."),
    redirect_consent: 1,
    status: "redirected",
    advice_agency_id: "ag-ministry-labour",
    advice_note: "Назначение пенсий — компетенция Министерства труда.",
    advised_at: at,
    outcome_at: at,
    outcome_by_id: head,
  }));
  const outcome = { outcome_at: at, outcome_by_id: head };
  take(held[0], (s) => ({
    ...base(s, "citizen", "Когда отремонтируют дорогу на ул. Акмешит?"),
    status: "resolved",
    outcome_note: "Ремонт включён в план на май; график передан заявителю.",
    ...outcome,
  }));
  if (appeal)
    take(held[1], (s) => ({
      ...base(s, "citizen", "Протекает крыша дома, управляющая компания не отвечает."),
      status: "appeal",
      appeal_id: appeal.id,
      appeal_number: appeal.number,
      ...outcome,
    }));
  take(held[2], (s) => ({
    ...base(s, "citizen2", "Вопрос об освещении парка."),
    status: "no_show",
    ...outcome,
  }));
  take(held[10], (s) => ({
    ...base(s, "citizen2", "Повторно о том же решении суда по спору с соседом."),
    status: "refused",
    refusal_reason: "decided_by_court",
    outcome_note: "Спор разрешён решением суда, вступившим в силу; его пересмотр — только в суде.",
    ...outcome,
  }));
  for (const [n, status] of (["resolved", "waiting", "waiting"] as const).entries())
    rows.push({
      ...base(upcoming[0] as (typeof upcoming)[number], "citizen", ""),
      slot_id: null,
      kind: "walk_in",
      day: today,
      starts_at: null,
      ticket_no: n + 1,
      account_id: null,
      visitor_name: ["Серік Ахметов", "Айгүл Нұрланова", "Иван Петров"][n] ?? null,
      question: ["Вопрос о субсидии на жильё.", "Об уборке снега.", "О ремонте подъезда."][n] ?? "",
      status,
      topic_id: null,
      ...(status === "resolved"
        ? { outcome_note: "Разъяснён порядок подачи заявления.", ...outcome }
        : {}),
    });
  await trx
    .insertInto("reception_ticket_counters")
    .values({ official_id: head, day: today, last_no: 3 })
    .execute();
  for (const b of rows) await trx.insertInto("reception_bookings").values(b).execute();
  for (const s of [...upcoming, ...held].filter((x) => x.booking_id))
    await trx
      .updateTable("reception_slots")
      .set({ booking_id: s.booking_id })
      .where("id", "=", s.id)
      .execute();
}
