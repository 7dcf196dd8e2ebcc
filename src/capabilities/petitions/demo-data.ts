import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { AppContext } from "../../platform/manifest.js";
import { findAgenciesByIds } from "../agencies/index.js";
import { demoAccountIds } from "../identity/index.js";
import { addMonthsToInstant, dueAfter, todayIn } from "./deadlines.js";
import type { PetitionStatus } from "./petition.js";
import type { PetitionsTable } from "./petitions.table.js";
import { DEFAULT_PROFILE } from "./profiles.js";

const BAIKONUR = "ag-baikonur-akimat";
const DAY = 86_400_000;

interface DemoPetition {
  id: string;
  number: string;
  agencyId: string;
  by: "citizen" | "citizen2";
  coInitiators: ("citizen" | "citizen2")[];
  status: PetitionStatus;
  language: "kk" | "ru" | "en";
  title: string;
  summary: string;
  proposal: string;
  /** Days before now the petition was started. */
  age: number;
  threshold?: number;
  territory?: string | null;
  refusal?: string;
  draftDecision?: string;
  decision?: string;
  comments?: { by: "citizen" | "citizen2"; text: string; status: "approved" | "pending" }[];
}

/** Petitions in every stage; the collecting one is fixed (id and number) for the signing demo. */
const DEMO: DemoPetition[] = [
  {
    id: "pet-demo-collecting",
    number: "PET-2025-000001",
    agencyId: BAIKONUR,
    by: "citizen",
    coInitiators: ["citizen2"],
    status: "collecting",
    language: "ru",
    title: "Построить крытую спортивную площадку во дворах по улице Кенесары",
    summary:
      "Во дворах домов 40–52 по улице Кенесары нет места для занятий спортом зимой. Просим построить крытую площадку.",
    proposal:
      "Предлагаем акимату района Байконур включить в план благоустройства на следующий год крытую спортивную площадку во дворе домов 40–52 по улице Кенесары.\n\nЖители готовы участвовать в обсуждении проекта.",
    age: 30,
    threshold: 2500,
    territory: "711410000",
  },
  {
    id: "pet-demo-draft",
    number: "PET-2025-000002",
    agencyId: BAIKONUR,
    by: "citizen",
    coInitiators: [],
    status: "draft",
    language: "kk",
    title: "Балалар алаңын жөндеу",
    summary: "Бейбітшілік көшесіндегі балалар алаңы ескірген.",
    proposal: "Аудан әкімдігінен балалар алаңын жөндеуді сұраймыз.",
    age: 1,
  },
  {
    id: "pet-demo-gathering",
    number: "PET-2025-000003",
    agencyId: BAIKONUR,
    by: "citizen2",
    coInitiators: ["citizen"],
    status: "gathering",
    language: "ru",
    title: "Установить светофор у школы № 45",
    summary: "Дети переходят дорогу у школы № 45 без светофора.",
    proposal: "Просим установить светофор с кнопкой вызова на пешеходном переходе у школы № 45.",
    age: 3,
  },
  {
    id: "pet-demo-admissibility",
    number: "PET-2025-000004",
    agencyId: BAIKONUR,
    by: "citizen",
    coInitiators: ["citizen2"],
    status: "admissibility",
    language: "en",
    title: "Open the district library on Sundays",
    summary:
      "The district library is closed on Sundays, the only day many working people are free.",
    proposal: "We ask the akimat to open the district library on Sundays from 10:00 to 16:00.",
    age: 25,
  },
  {
    id: "pet-demo-refused",
    number: "PET-2025-000005",
    agencyId: BAIKONUR,
    by: "citizen2",
    coInitiators: ["citizen"],
    status: "refused",
    language: "ru",
    title: "Пересмотреть решение суда по делу о застройке сквера",
    summary: "Просим пересмотреть судебное решение о застройке сквера.",
    proposal: "Просим акимат добиться отмены решения суда.",
    age: 60,
    refusal: "courts",
  },
  {
    id: "pet-demo-consideration",
    number: "PET-2025-000006",
    agencyId: BAIKONUR,
    by: "citizen",
    coInitiators: ["citizen2"],
    status: "consideration",
    language: "ru",
    title: "Продлить маршрут автобуса № 21 до нового микрорайона",
    summary: "Жители нового микрорайона ходят до остановки больше километра.",
    proposal: "Просим продлить маршрут автобуса № 21 до улицы Бейбитшилик, 90.",
    age: 200,
    threshold: 2500,
    territory: "711410000",
    draftDecision:
      "Акимат района предлагает продлить маршрут № 21 с 1 июня, добавив две остановки. Ждём ваших замечаний.",
    comments: [
      {
        by: "citizen2",
        text: "Поддерживаю, но нужна остановка и у поликлиники.",
        status: "approved",
      },
      { by: "citizen", text: "Интервал движения тоже стоит сократить.", status: "pending" },
    ],
  },
  {
    id: "pet-demo-decided",
    number: "PET-2025-000007",
    agencyId: "ag-astana-akimat",
    by: "citizen2",
    coInitiators: ["citizen"],
    status: "decided",
    language: "kk",
    title: "Есіл жағалауына велосипед жолын салу",
    summary: "Есіл өзенінің жағалауында үздіксіз велосипед жолы жоқ.",
    proposal: "Қала әкімдігінен жағалау бойымен велосипед жолын салуды сұраймыз.",
    age: 300,
    threshold: 13500,
    territory: "710000000",
    draftDecision: "Әкімдік келесі жылы жобалау жұмыстарын бастауды ұсынады.",
    decision:
      "Әкімдік жағалау бойындағы велосипед жолының жобасын келесі жылдың бюджетіне енгізуді шешті.",
    comments: [{ by: "citizen", text: "Жақсы шешім, рақмет!", status: "approved" }],
  },
  {
    id: "pet-demo-expired",
    number: "PET-2025-000008",
    agencyId: BAIKONUR,
    by: "citizen2",
    coInitiators: ["citizen"],
    status: "expired",
    language: "ru",
    title: "Открыть каток в парке у дома 12",
    summary: "Зимой в районе негде кататься на коньках.",
    proposal: "Просим заливать каток в парке у дома 12 каждую зиму.",
    age: 240,
    threshold: 2500,
    territory: "711410000",
  },
  {
    id: "pet-demo-withdrawn",
    number: "PET-2025-000009",
    agencyId: BAIKONUR,
    by: "citizen",
    coInitiators: ["citizen2"],
    status: "withdrawn",
    language: "en",
    title: "Plant trees along Kenesary Street",
    summary: "Kenesary Street has few trees and is hot in summer.",
    proposal: "We ask the akimat to plant a row of elms along Kenesary Street.",
    age: 90,
    threshold: 2500,
    territory: "711410000",
  },
];

/** Demo petitions, dated relative to the clock so the collecting one stays open for months. */
export async function seedDemoPetitions(ctx: AppContext, trx: Kysely<Database>): Promise<void> {
  const accounts = await demoAccountIds(trx);
  const idOf = (who: string) => accounts.get(who);
  const agencies = await findAgenciesByIds(
    trx,
    DEMO.map((d) => d.agencyId),
  );
  const known = new Set(agencies.map((a) => a.id));
  const calendar = ctx.calendars.forJurisdiction();
  const now = ctx.clock.now();
  const profile = DEFAULT_PROFILE;
  for (const d of DEMO) {
    const initiator = idOf(d.by);
    if (!initiator || !known.has(d.agencyId)) continue;
    const created = new Date(now.getTime() - d.age * DAY);
    const at = (days: number) => new Date(created.getTime() + days * DAY).toISOString();
    const dayOf = (iso: string) => todayIn(calendar, new Date(iso));
    const s = d.status;
    const gathered = s !== "draft";
    const submitted = gathered && s !== "gathering";
    const admitted = submitted && s !== "admissibility" && s !== "refused";
    const reached = s === "consideration" || s === "decided";
    const row: PetitionsTable = {
      id: d.id,
      number: d.number,
      agency_id: d.agencyId,
      initiator_account_id: initiator,
      status: s,
      language: d.language,
      title: d.title,
      summary: d.summary,
      proposal: d.proposal,
      share_token: s === "gathering" ? "demo-gathering-link-0001" : null,
      territory_code: admitted ? (d.territory ?? null) : null,
      threshold: admitted ? (d.threshold ?? null) : null,
      created_at: created.toISOString(),
      gathering_started_at: gathered ? at(0) : null,
      gathering_due_on: gathered
        ? dueAfter(calendar, dayOf(at(0)), profile.coInitiators.workingDays)
        : null,
      submitted_at: submitted ? at(1) : null,
      admissibility_due_on: submitted
        ? dueAfter(calendar, dayOf(at(1)), profile.admissibilityWorkingDays)
        : null,
      admitted_at: admitted ? at(5) : null,
      refused_at: s === "refused" ? at(6) : null,
      refusal_reason: d.refusal ?? null,
      refusal_text: null,
      published_at: admitted ? at(5) : null,
      signing_closes_at: admitted
        ? addMonthsToInstant(new Date(at(5)), profile.signingMonths).toISOString()
        : null,
      threshold_reached_at: reached ? at(60) : null,
      consideration_due_on: reached
        ? dueAfter(calendar, dayOf(at(60)), profile.considerationWorkingDays.local)
        : null,
      draft_decision: d.draftDecision ?? null,
      draft_decision_published_at: d.draftDecision ? at(70) : null,
      decision: d.decision ?? null,
      decision_published_at: d.decision ? at(80) : null,
      expired_at: s === "expired" ? at(5 + 184) : null,
      withdrawn_at: s === "withdrawn" ? at(40) : null,
      updated_at: now.toISOString(),
      version: 1,
    };
    await trx.insertInto("petitions").values(row).execute();
    for (const who of d.coInitiators) {
      const id = idOf(who);
      if (id && id !== initiator)
        await trx
          .insertInto("petition_co_initiators")
          .values({ petition_id: d.id, account_id: id, joined_at: at(0.5) })
          .execute();
    }
    for (const [i, c] of (d.comments ?? []).entries()) {
      const author = idOf(c.by);
      if (!author) continue;
      await trx
        .insertInto("petition_comments")
        .values({
          id: `${d.id}-comment-${i + 1}`,
          petition_id: d.id,
          account_id: author,
          text: c.text,
          status: c.status,
          created_at: at(71),
          moderated_at: c.status === "approved" ? at(72) : null,
          moderated_by_id: c.status === "approved" ? (idOf("moderator") ?? null) : null,
        })
        .execute();
    }
  }
}
