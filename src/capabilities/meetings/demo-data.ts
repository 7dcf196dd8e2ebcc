import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { addDays } from "../../kernel/calendar/index.js";
import { localToUtc, utcToLocal } from "../../kernel/time/local-time.js";
import type { AppContext } from "../../platform/manifest.js";
import { jurisdictionOf } from "../agencies/index.js";
import { firstAppeal } from "../appeals/index.js";
import { demoAccountIds } from "../identity/index.js";
import type { Eligibility, MeetingKind } from "./meeting.js";

type Who = "citizen" | "citizen2" | "head" | "moderator";

interface DemoMeeting {
  agencyId: string;
  kind: MeetingKind;
  title: { kk: string; ru: string; en: string | null };
  agenda: { kk: string | null; ru: string; en: string | null };
  place: string | null;
  onlineUrl: string | null;
  /** Days from today (negative: past), start and end hours, local time. */
  day: number;
  hours: [string, string];
  capacity: number;
  eligibility: Eligibility;
  territoryCode?: string;
  delegates?: string[];
  registrations?: { who: Who; status: "confirmed" | "waiting" }[];
  questions?: {
    who: Who;
    kind: "question" | "position";
    text: string;
    status: "pending" | "approved" | "rejected";
    answer?: string;
    reason?: string;
  }[];
  outcome?: {
    minutes: string;
    registered: number;
    attended: number;
    decisions: { text: string; followUp?: ["appeal" | "draft" | "petition", string] }[];
  };
}

const BAIKONUR = "ag-baikonur-akimat";

const DEMO: DemoMeeting[] = [
  {
    agencyId: BAIKONUR,
    kind: "hearing",
    title: {
      kk: "Кенесары көшесін абаттандыру жобасы бойынша қоғамдық тыңдау",
      ru: "Общественные слушания по проекту благоустройства улицы Кенесары",
      en: "Public hearing on the Kenesary Street improvement project",
    },
    agenda: {
      kk: "1. Жобаны таныстыру.\n2. Тұрғындардың сұрақтары мен ұсыныстары.",
      ru: "1. Представление проекта.\n2. Вопросы и предложения жителей.\n3. Сроки работ.",
      en: "1. Presentation of the project.\n2. Residents' questions and proposals.\n3. Timetable of the works.",
    },
    place: "Астана, ул. Кенесары, 40, актовый зал",
    onlineUrl: "https://meet.demo.halyq.kz/kenesary",
    day: 10,
    hours: ["15:00", "17:00"],
    capacity: 30,
    eligibility: "everyone",
    registrations: [
      { who: "citizen", status: "confirmed" },
      { who: "citizen2", status: "confirmed" },
    ],
    questions: [
      {
        who: "citizen",
        kind: "question",
        text: "Будут ли на улице велосипедные дорожки?",
        status: "approved",
        answer: "Да, проект предусматривает велодорожку с чётной стороны улицы.",
      },
      {
        who: "citizen2",
        kind: "position",
        text: "Прошу сохранить старые тополя у дома 40.",
        status: "pending",
      },
    ],
  },
  {
    agencyId: BAIKONUR,
    kind: "assembly",
    title: {
      kk: "Байқоңыр ауданы тұрғындарының жиыны: аулаларды жөндеу",
      ru: "Собрание жителей района Байконур: ремонт дворов",
      en: "Assembly of Baikonur district residents: repair of courtyards",
    },
    agenda: {
      kk: null,
      ru: "Выбор дворов для ремонта в следующем году.",
      en: "Choosing the courtyards to repair next year.",
    },
    place: "Астана, ул. Сарайшык, 12, школа № 5",
    onlineUrl: null,
    day: 5,
    hours: ["18:30", "20:00"],
    capacity: 1,
    eligibility: "residents",
    territoryCode: "711410000",
    registrations: [
      { who: "citizen2", status: "confirmed" },
      { who: "citizen", status: "waiting" },
    ],
  },
  {
    agencyId: BAIKONUR,
    kind: "conference",
    title: {
      kk: "Байқоңыр ауданы делегаттарының конференциясы",
      ru: "Конференция делегатов района Байконур",
      en: "Conference of delegates of Baikonur district",
    },
    agenda: {
      kk: "Аудан бюджетінің жобасын талқылау.",
      ru: "Обсуждение проекта бюджета района.",
      en: "Discussion of the district's draft budget.",
    },
    place: "Астана, ул. Бейбитшилик, 11",
    onlineUrl: null,
    day: 20,
    hours: ["10:00", "13:00"],
    capacity: 50,
    eligibility: "delegates",
    delegates: ["citizen@demo.halyq.kz"],
  },
  {
    agencyId: BAIKONUR,
    kind: "hearing",
    title: {
      kk: "Аула ойын алаңдары туралы қоғамдық тыңдау",
      ru: "Общественные слушания о детских площадках во дворах",
      en: "Public hearing on playgrounds in courtyards",
    },
    agenda: {
      kk: "Ойын алаңдарының қауіпсіздігі.",
      ru: "Безопасность детских площадок.",
      en: "Safety of playgrounds.",
    },
    place: "Астана, ул. Кенесары, 40",
    onlineUrl: null,
    day: -14,
    hours: ["15:00", "17:00"],
    capacity: 40,
    eligibility: "everyone",
    registrations: [{ who: "citizen", status: "confirmed" }],
    questions: [
      {
        who: "citizen",
        kind: "question",
        text: "Когда починят качели у дома 12?",
        status: "approved",
        answer: "Качели заменят до конца месяца.",
      },
      { who: "citizen2", kind: "position", text: "—", status: "rejected", reason: "Пустой текст." },
    ],
    outcome: {
      minutes:
        "Присутствовали 23 жителя и представители акимата.\n\nОбсуждены состояние площадок и график ремонта. Жители попросили заменить качели у дома 12.",
      registered: 27,
      attended: 23,
      decisions: [
        { text: "Заменить качели у дома 12 по улице Сарайшык до конца месяца." },
        {
          text: "Вынести на обсуждение проект правил содержания детских площадок.",
          followUp: ["draft", "https://legalacts.egov.kz/"],
        },
      ],
    },
  },
  {
    agencyId: BAIKONUR,
    kind: "assembly",
    title: {
      kk: "Тұрғындар жиыны: қоқыс шығару кестесі",
      ru: "Собрание жителей: график вывоза мусора",
      en: null,
    },
    agenda: { kk: "Қоқыс шығару кестесі.", ru: "График вывоза мусора.", en: null },
    place: "Астана, ул. Сарайшык, 12",
    onlineUrl: null,
    day: -2,
    hours: ["18:00", "19:30"],
    capacity: 60,
    eligibility: "everyone",
  },
  {
    agencyId: "ag-astana-akimat",
    kind: "hearing",
    title: {
      kk: "Астананың жалпы жоспарына өзгерістер бойынша қоғамдық тыңдау",
      ru: "Общественные слушания по изменениям генерального плана Астаны",
      en: "Public hearing on changes to the Astana master plan",
    },
    agenda: {
      kk: "Жалпы жоспардың жобасы.",
      ru: "Проект изменений генерального плана.",
      en: "The draft changes to the master plan.",
    },
    place: null,
    onlineUrl: "https://meet.demo.halyq.kz/master-plan",
    day: 12,
    hours: ["11:00", "13:00"],
    capacity: 500,
    eligibility: "everyone",
  },
];

/** Demo meetings of every kind and state: open, full with a waiting list, delegates only, held with minutes, held without. */
export async function seedDemoMeetings(ctx: AppContext, trx: Kysely<Database>): Promise<void> {
  const accounts = await demoAccountIds(trx);
  const idOf = (who: Who) => accounts.get(who) ?? null;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const publicAppeal = await firstAppeal(trx, BAIKONUR, { publicOnly: true });
  for (const d of DEMO) {
    const jurisdiction = await jurisdictionOf(trx, d.agencyId);
    if (!jurisdiction) continue;
    const zone = ctx.calendars.forJurisdiction(jurisdiction).rules.timeZone;
    const date = addDays(utcToLocal(now, zone).slice(0, 10), d.day);
    const starts = localToUtc(`${date}T${d.hours[0]}`, zone)?.toISOString() ?? at;
    const ends = localToUtc(`${date}T${d.hours[1]}`, zone)?.toISOString() ?? at;
    const id = randomUUID();
    const regs = (d.registrations ?? []).filter((r) => idOf(r.who));
    await trx
      .insertInto("meetings")
      .values({
        id,
        agency_id: d.agencyId,
        kind: d.kind,
        title_kk: d.title.kk,
        title_ru: d.title.ru,
        title_en: d.title.en,
        agenda_kk: d.agenda.kk,
        agenda_ru: d.agenda.ru,
        agenda_en: d.agenda.en,
        place: d.place,
        online_url: d.onlineUrl,
        starts_at: starts,
        ends_at: ends,
        time_zone: zone,
        capacity: d.capacity,
        eligibility: d.eligibility,
        territory_code: d.territoryCode ?? null,
        queue_seq: regs.length,
        minutes: d.outcome?.minutes ?? null,
        minutes_published_at: d.outcome ? ends : null,
        registered_figure: d.outcome?.registered ?? null,
        attended_figure: d.outcome?.attended ?? null,
        announced_by_id: idOf("head"),
        announced_at: at,
        updated_at: at,
      })
      .execute();
    for (const email of d.delegates ?? [])
      await trx.insertInto("meeting_delegates").values({ meeting_id: id, email }).execute();
    for (const [i, r] of regs.entries())
      await trx
        .insertInto("meeting_registrations")
        .values({
          id: randomUUID(),
          meeting_id: id,
          account_id: idOf(r.who) as string,
          status: r.status,
          queue_no: i + 1,
          declared_territory: d.eligibility === "residents" ? (d.territoryCode ?? null) : null,
          registered_at: at,
          confirmed_at: r.status === "confirmed" ? at : null,
          promoted_at: null,
          cancelled_at: null,
        })
        .execute();
    for (const q of d.questions ?? []) {
      const author = idOf(q.who);
      if (!author) continue;
      await trx
        .insertInto("meeting_questions")
        .values({
          id: randomUUID(),
          meeting_id: id,
          account_id: author,
          kind: q.kind,
          text: q.text,
          status: q.status,
          submitted_at: at,
          moderated_by_id: q.status === "pending" ? null : idOf("moderator"),
          moderated_at: q.status === "pending" ? null : at,
          moderation_reason: q.reason ?? null,
          answer: q.answer ?? null,
          answered_by_id: q.answer ? idOf("head") : null,
          answered_at: q.answer ? at : null,
        })
        .execute();
    }
    const decisions = [...(d.outcome?.decisions ?? [])];
    if (d.outcome && publicAppeal)
      decisions.push({
        text: "Рассмотреть обращение жителей о яме на улице Кенесары в установленный срок.",
        followUp: ["appeal", publicAppeal.number],
      });
    for (const [i, dec] of decisions.entries())
      await trx
        .insertInto("meeting_decisions")
        .values({
          id: randomUUID(),
          meeting_id: id,
          position: i + 1,
          text: dec.text,
          follow_up_kind: dec.followUp?.[0] ?? null,
          follow_up_ref: dec.followUp?.[1] ?? null,
          created_by_id: idOf("head"),
          created_at: ends,
        })
        .execute();
  }
}
