import { randomUUID } from "node:crypto";
import { deflateSync } from "node:zlib";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { appendAudit, systemActor } from "../../kernel/audit/audit.js";
import { checkDigit } from "../../kernel/ids.js";
import type { AppContext } from "../../platform/manifest.js";
import { addDemoResidents, demoAccountIds } from "../identity/index.js";
import type { PhaseDates } from "./budget.js";
import { districtChoices } from "./commands/cycles.js";
import { storeBudgetFiles } from "./files.js";
import { DEFAULT_PROFILE } from "./profiles.js";

const AGENCY = "ag-baikonur-akimat";
const BAIKONUR = "711410000";
const YESIL = "711310000";
const SARYARKA = "711510000";
const DAY = 86_400_000;

type Trx = Kysely<Database>;

/** A valid IIN of a demo resident born in the 1980s (the k-th one), not anyone's real number. */
function demoIin(k: number): string {
  for (let n = 0; ; n++) {
    const first11 = `8${k % 10}0${(k % 9) + 1}1${(k % 2) + 1}3${String(900 + n).padStart(4, "0")}`;
    const c = checkDigit(first11);
    if (c !== null) return `${first11}${c}`;
  }
}

/** A one-colour PNG, width × height, for the demo's photos. */
function solidPng(rgb: [number, number, number], width = 32, height = 20): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill(rgb).flat())]);
  const raw = Buffer.concat(Array(height).fill(row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

interface DemoProposal {
  territory: string;
  category: string;
  language: "ru" | "kk";
  title: string;
  description: string;
  address: string;
  lat: number;
  lng: number;
  cost: number;
  /** admitted (with the council's cost) or refused with a reason. */
  decision: "admitted" | "rejected" | "merged";
  councilCost?: number;
  reason?: string;
  text: string;
  /** Implementation cycle: votes at the close. */
  votes?: number;
  /** Index in the list of the proposal a duplicate is merged into. */
  mergedInto?: number;
}

/** The 2027-style cycle open for voting: proposals in its three territories. */
const VOTING: DemoProposal[] = [
  {
    territory: BAIKONUR,
    category: "playgrounds_sports",
    language: "ru",
    title: "Детская площадка во дворе дома на улице Кенесары, 40",
    description:
      "Во дворе нет ни одной площадки для детей: старые качели сняли три года назад. Предлагаем безопасное резиновое покрытие, горку, качели и песочницу с навесом.",
    address: "ул. Кенесары, 40",
    lat: 51.1689,
    lng: 71.4306,
    cost: 28_000_000,
    decision: "admitted",
    councilCost: 31_500_000,
    text: "Допущено. Стоимость уточнена по сметным нормативам с учётом покрытия.",
  },
  {
    territory: BAIKONUR,
    category: "lighting",
    language: "kk",
    title: "Бөгенбай батыр даңғылындағы скверді жарықтандыру",
    description:
      "Кешке скверде жарық жоқ, балалар мен қарттар жүруден қорқады. Жолдың бойына 24 үнемді шам орнатуды ұсынамыз.",
    address: "Бөгенбай батыр даңғылы, 52",
    lat: 51.1737,
    lng: 71.4421,
    cost: 18_000_000,
    decision: "admitted",
    councilCost: 17_200_000,
    text: "Жіберілді. Шамдардың саны жобалық нормаларға сай.",
  },
  {
    territory: BAIKONUR,
    category: "sidewalks_ramps",
    language: "ru",
    title: "Пандусы у входа в городскую поликлинику № 4",
    description:
      "У входа в поликлинику крутые ступени без пандуса: люди на колясках и родители с колясками не могут подняться. Нужны два пандуса с поручнями.",
    address: "ул. Сейфуллина, 17",
    lat: 51.1758,
    lng: 71.4169,
    cost: 9_500_000,
    decision: "admitted",
    councilCost: 9_500_000,
    text: "Допущено. Работы на земле общего пользования.",
  },
  {
    territory: BAIKONUR,
    category: "playgrounds_sports",
    language: "ru",
    title: "Парковка для жильцов вместо газона",
    description: "Предлагаем заасфальтировать газон у дома под стоянку автомобилей.",
    address: "ул. Кенесары, 44",
    lat: 51.1692,
    lng: 71.4312,
    cost: 12_000_000,
    decision: "rejected",
    reason: "category",
    text: "Не допущено: устройство стоянок не входит в допустимые виды работ.",
  },
  {
    territory: BAIKONUR,
    category: "playgrounds_sports",
    language: "ru",
    title: "Площадка для детей во дворе на Кенесары",
    description: "Нужна детская площадка во дворе домов 38–42 по улице Кенесары.",
    address: "ул. Кенесары, 38",
    lat: 51.1686,
    lng: 71.4301,
    cost: 25_000_000,
    decision: "merged",
    reason: "duplicate",
    mergedInto: 0,
    text: "Объединено с предложением о площадке во дворе дома № 40: это тот же двор.",
  },
  {
    territory: YESIL,
    category: "aryks",
    language: "ru",
    title: "Очистка и облицовка арыка вдоль улицы Достык",
    description:
      "Арык засорён и весной переполняется, вода заливает тротуар. Предлагаем очистить его и укрепить бетонными лотками на протяжении 400 метров.",
    address: "ул. Достык, 5",
    lat: 51.1282,
    lng: 71.4304,
    cost: 22_000_000,
    decision: "admitted",
    councilCost: 24_800_000,
    text: "Допущено. Стоимость увеличена с учётом вывоза грунта.",
  },
  {
    territory: YESIL,
    category: "greening",
    language: "kk",
    title: "Мәңгілік Ел даңғылының бойына ағаш отырғызу",
    description:
      "Даңғылдың бойында көлеңке жоқ. 120 көктерек пен қарағаш көшетін тамшылатып суару жүйесімен бірге отырғызуды ұсынамыз.",
    address: "Мәңгілік Ел даңғылы, 30",
    lat: 51.1065,
    lng: 71.4246,
    cost: 35_000_000,
    decision: "admitted",
    councilCost: 33_000_000,
    text: "Жіберілді. Көшеттердің саны мен суару жүйесі тексерілді.",
  },
  {
    territory: YESIL,
    category: "parks_squares",
    language: "ru",
    title: "Сквер во дворе жилого комплекса на частной территории",
    description: "Благоустроить внутренний двор жилого комплекса: скамейки, цветники, дорожки.",
    address: "ул. Сыганак, 18",
    lat: 51.1245,
    lng: 71.4189,
    cost: 15_000_000,
    decision: "rejected",
    reason: "not_public_land",
    text: "Не допущено: двор принадлежит собственникам комплекса, а не является землёй общего пользования.",
  },
  {
    territory: YESIL,
    category: "parks_squares",
    language: "ru",
    title: "Новый парк с фонтаном на левом берегу",
    description: "Построить парк с поющим фонтаном, амфитеатром и велодорожками.",
    address: "пр. Кабанбай батыра, 60",
    lat: 51.0901,
    lng: 71.4102,
    cost: 450_000_000,
    decision: "rejected",
    reason: "over_amount",
    text: "Не допущено: стоимость превышает сумму, выделенную территории.",
  },
  {
    territory: SARYARKA,
    category: "sidewalks_ramps",
    language: "kk",
    title: "Сейфуллин көшесіндегі тротуарды жөндеу",
    description:
      "Тротуардың плиткасы сынған, жаңбырдан кейін шалшық тұрады. 300 метр тротуарды қайта төсеуді ұсынамыз.",
    address: "Сейфуллин көшесі, 4",
    lat: 51.1843,
    lng: 71.4085,
    cost: 19_000_000,
    decision: "admitted",
    councilCost: 19_000_000,
    text: "Жіберілді. Жұмыстар жалпы пайдаланудағы жерде.",
  },
  {
    territory: SARYARKA,
    category: "curbs_walls",
    language: "ru",
    title: "Подпорная стенка у оврага на улице Жеңіс",
    description:
      "Склон у оврага осыпается к пешеходной дорожке. Нужна подпорная стенка длиной 60 метров.",
    address: "пр. Жеңіс, 67",
    lat: 51.1951,
    lng: 71.4147,
    cost: 27_000_000,
    decision: "admitted",
    councilCost: 29_000_000,
    text: "Допущено. Стоимость уточнена после осмотра склона.",
  },
  {
    territory: SARYARKA,
    category: "lighting",
    language: "ru",
    title: "Освещение набережной Есиля у моста",
    description: "Установить фонари на набережной у моста.",
    address: "набережная Есиля",
    lat: 51.1582,
    lng: 71.4556,
    cost: 14_000_000,
    decision: "rejected",
    reason: "outside_territory",
    text: "Не допущено: это место относится к району Есиль, а не к району Сарыарка.",
  },
  {
    territory: SARYARKA,
    category: "greening",
    language: "kk",
    title: "Қосшығұлұлы көшесіндегі гүлзар",
    description: "Көшенің бойына гүлзар жасауды ұсынамыз.",
    address: "Қосшығұлұлы көшесі, 10",
    lat: 51.1898,
    lng: 71.3992,
    cost: 6_000_000,
    decision: "rejected",
    reason: "already_planned",
    text: "Жіберілмеді: бұл жұмыстар әкімдіктің биылғы абаттандыру жоспарына енгізілген.",
  },
];

/** The previous year's cycle, now built: its proposals with their votes. */
const BUILT: (DemoProposal & {
  project?: "procurement" | "contract" | "works" | "completed";
  contractor?: string;
})[] = [
  {
    territory: BAIKONUR,
    category: "playgrounds_sports",
    language: "ru",
    title: "Спортивная площадка с тренажёрами во дворе на улице Бейбітшілік, 25",
    description: "Площадка с уличными тренажёрами и мягким покрытием для жителей всех возрастов.",
    address: "ул. Бейбітшілік, 25",
    lat: 51.1771,
    lng: 71.4254,
    cost: 30_000_000,
    decision: "admitted",
    councilCost: 32_000_000,
    text: "Допущено.",
    votes: 412,
    project: "completed",
    contractor: "ТОО «Астана Спорт Құрылыс»",
  },
  {
    territory: BAIKONUR,
    category: "lighting",
    language: "kk",
    title: "Кенесары көшесіндегі аулаларды жарықтандыру",
    description: "Кенесары көшесіндегі үш ауланың ішіне 18 шам орнату.",
    address: "Кенесары көшесі, 52",
    lat: 51.1681,
    lng: 71.4355,
    cost: 12_000_000,
    decision: "admitted",
    councilCost: 12_600_000,
    text: "Жіберілді.",
    votes: 301,
    project: "works",
    contractor: "ЖШС «Нұр Жарық»",
  },
  {
    territory: BAIKONUR,
    category: "parks_squares",
    language: "ru",
    title: "Сквер с лавочками у школы № 12",
    description: "Дорожки, лавочки и урны у школы.",
    address: "ул. Иманова, 9",
    lat: 51.1702,
    lng: 71.4401,
    cost: 70_000_000,
    decision: "admitted",
    councilCost: 75_000_000,
    text: "Допущено.",
    votes: 188,
  },
  {
    territory: YESIL,
    category: "aryks",
    language: "ru",
    title: "Очистка арыка на улице Сарайшык",
    description: "Очистить и укрепить арык вдоль улицы Сарайшык.",
    address: "ул. Сарайшык, 7",
    lat: 51.1262,
    lng: 71.4321,
    cost: 16_000_000,
    decision: "admitted",
    councilCost: 16_000_000,
    text: "Допущено.",
    votes: 356,
    project: "contract",
    contractor: "ТОО «Су Арна Сервис»",
  },
  {
    territory: YESIL,
    category: "parks_squares",
    language: "ru",
    title: "Площадь для прогулок у реки",
    description: "Пешеходная зона у набережной.",
    address: "набережная Есиля",
    lat: 51.1301,
    lng: 71.4391,
    cost: 900_000_000,
    decision: "rejected",
    reason: "over_amount",
    text: "Не допущено: стоимость выше суммы территории.",
  },
  {
    territory: SARYARKA,
    category: "sidewalks_ramps",
    language: "kk",
    title: "Емхана жанындағы пандустар мен тротуар",
    description: "№ 2 емханаға баратын тротуарды жөндеу және пандус салу.",
    address: "Жеңіс даңғылы, 35",
    lat: 51.1911,
    lng: 71.4094,
    cost: 14_000_000,
    decision: "admitted",
    councilCost: 14_500_000,
    text: "Жіберілді.",
    votes: 274,
    project: "procurement",
  },
];

/**
 * The demo of the participatory budget at the Baikonur district akimat, relative to the clock
 * (year N): a cycle for N+1 open for voting under the knapsack rule in three districts, with
 * admitted and refused proposals (every reason of refusal, one duplicate merged) and an
 * expert council of the akimat's staff; and the cycle for N in implementation, its winners
 * built stage by stage (one in procurement, one under contract, one in works past its planned
 * end, one completed), with votes, results and photos. No ballots: the open vote starts empty.
 */
export async function seedDemoBudgets(ctx: AppContext, trx: Trx): Promise<void> {
  const accounts = await demoAccountIds(trx);
  const head = accounts.get("head");
  if (!head) return;
  const now = ctx.clock.now();
  const year = now.getUTCFullYear();
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  const day = (days: number) => at(days).slice(0, 10);
  const iso = now.toISOString();
  const names = new Map(districtChoices().map((d) => [d.code, d.names]));

  const residents = [
    ["Айгерим", "Нұрланова", BAIKONUR, "kk"],
    ["Сергей", "Павлов", BAIKONUR, "ru"],
    ["Динара", "Ахметова", YESIL, "ru"],
    ["Ерлан", "Сейітов", YESIL, "kk"],
    ["Гульнара", "Омарова", SARYARKA, "ru"],
    ["Данияр", "Бекмұхамбетов", SARYARKA, "kk"],
  ] as const;
  const residentIds = await addDemoResidents(
    trx,
    residents.map(([givenName, surname, residenceCode, language], k) => ({
      givenName,
      surname,
      iin: demoIin(k),
      residenceCode,
      language,
    })),
    iso,
  );
  const authorFor = (territory: string, k: number): string => {
    if (territory === BAIKONUR && k === 0 && accounts.get("citizen"))
      return accounts.get("citizen") as string;
    const own = residents
      .map((r, i) => ({ r, id: residentIds[i] as string }))
      .filter((x) => x.r[2] === territory);
    return (own[k % own.length] ?? own[0])?.id ?? head;
  };

  const cycle = async (
    id: string,
    cycleYear: number,
    dates: PhaseDates,
    amounts: Record<string, number>,
    extra: { voters_count: number | null; results_published_at: string | null; phase: string },
    voters: Record<string, number> | null,
  ) => {
    await trx
      .insertInto("budget_cycles")
      .values({
        id,
        agency_id: AGENCY,
        year: cycleYear,
        title_kk: `Байқоңыр ауданының халық қатысатын бюджеті — ${cycleYear}`,
        title_ru: `Бюджет народного участия района Байконур — ${cycleYear}`,
        title_en: `Participatory budget of the Baikonur district — ${cycleYear}`,
        rules_kk:
          "Ұсыныстарды ауданда тіркелген 18 жастан асқан тұрғындар және пәтер иелерінің бірлестіктері береді.\n\nСараптамалық кеңес әр ұсыныс бойынша дәлелді шешім шығарады. Әр тұрғын өз аумағында бір рет дауыс береді: таңдалған жобалардың жалпы құны аумақ сомасынан аспауы керек.",
        rules_ru:
          "Предложения подают жители района с 18 лет, зарегистрированные на его территории, и объединения собственников имущества.\n\nЭкспертный совет принимает по каждому предложению мотивированное решение. Каждый житель голосует один раз на своей территории: общая стоимость выбранных проектов не должна превышать сумму территории.",
        rules_en:
          "Residents of the district aged 18 or over, registered in it, and housing owners' associations submit proposals.\n\nThe expert council gives a reasoned decision on each. Each resident votes once in their territory: the chosen projects' total cost must fit the territory's amount.",
        rule: "knapsack",
        min_votes: 0,
        categories: JSON.stringify(DEFAULT_PROFILE.categories),
        support_required: 10,
        ...dates,
        ...extra,
        created_by_id: head,
        created_at: dates.announcement_at,
        updated_at: iso,
      })
      .execute();
    await trx
      .insertInto("budget_territories")
      .values(
        Object.entries(amounts).map(([code, amount]) => {
          const n = names.get(code) ?? { kk: code, ru: code, en: code };
          return {
            cycle_id: id,
            code,
            name_kk: n.kk,
            name_ru: n.ru,
            name_en: n.en,
            amount,
            voters_count: voters ? (voters[code] ?? 0) : null,
          };
        }),
      )
      .execute();
    const council = ["head", "executor", "analyst"]
      .map((k) => accounts.get(k))
      .filter((x): x is string => !!x);
    await trx
      .insertInto("budget_experts")
      .values(
        council.map((account_id) => ({
          cycle_id: id,
          account_id,
          added_by_id: head,
          added_at: dates.proposals_at,
        })),
      )
      .execute();
  };

  const proposals = async (
    cycleId: string,
    list: DemoProposal[],
    submittedAt: string,
    decidedAt: string,
    published: boolean,
  ): Promise<string[]> => {
    const ids = list.map(() => randomUUID());
    // Rank and winners per territory, as the count would give them (most votes first).
    const rankOf = new Map<number, number>();
    for (const code of new Set(list.map((p) => p.territory))) {
      list
        .map((p, i) => ({ p, i }))
        .filter((x) => x.p.territory === code && x.p.decision === "admitted")
        .sort((a, b) => (b.p.votes ?? 0) - (a.p.votes ?? 0))
        .forEach((x, r) => {
          rankOf.set(x.i, r + 1);
        });
    }
    const perTerritory = new Map<string, number>();
    await trx
      .insertInto("budget_proposals")
      .values(
        list.map((p, i) => {
          const k = perTerritory.get(p.territory) ?? 0;
          perTerritory.set(p.territory, k + 1);
          const admitted = p.decision === "admitted";
          const winner = published && admitted ? ("project" in p && p.project ? 1 : 0) : null;
          return {
            id: ids[i] as string,
            cycle_id: cycleId,
            number: i + 1,
            territory_code: p.territory,
            category: p.category,
            title: p.title,
            description: p.description,
            language: p.language,
            address: p.address,
            lat: p.lat,
            lng: p.lng,
            cost_estimate: p.cost,
            author_id: authorFor(p.territory, k),
            author_kind: "person",
            organisation_bin: null,
            organisation_name: null,
            status: p.decision,
            support_token: null,
            supports_count: 10,
            submitted_at: submittedAt,
            decision: p.decision,
            decision_reason: admitted ? null : (p.reason ?? null),
            decision_text: p.text,
            council_cost: admitted ? (p.councilCost ?? p.cost) : null,
            merged_into_id: p.mergedInto !== undefined ? (ids[p.mergedInto] as string) : null,
            decided_by_id: head,
            decided_at: decidedAt,
            votes: published && admitted ? (p.votes ?? 0) : null,
            winner,
            rank: published && admitted ? (rankOf.get(i) ?? null) : null,
            created_at: submittedAt,
            updated_at: decidedAt,
          };
        }),
      )
      .execute();
    return ids;
  };

  // The cycle for next year, open for voting (began 5 days ago, closes in 20).
  const votingId = randomUUID();
  await cycle(
    votingId,
    year + 1,
    {
      announcement_at: at(-70),
      proposals_at: at(-65),
      review_at: at(-30),
      voting_at: at(-5),
      results_at: at(20),
      implementation_at: at(120),
      closed_at: at(485),
    },
    { [BAIKONUR]: 60_000_000, [YESIL]: 55_000_000, [SARYARKA]: 45_000_000 },
    { voters_count: null, results_published_at: null, phase: "voting" },
    null,
  );
  await proposals(votingId, VOTING, at(-40), at(-10), false);

  // This year's cycle, in implementation: results published, winners being built.
  const builtId = randomUUID();
  const voters = { [BAIKONUR]: 702, [YESIL]: 531, [SARYARKA]: 388 };
  await cycle(
    builtId,
    year,
    {
      announcement_at: at(-420),
      proposals_at: at(-415),
      review_at: at(-370),
      voting_at: at(-340),
      results_at: at(-310),
      implementation_at: at(-80),
      closed_at: at(285),
    },
    { [BAIKONUR]: 50_000_000, [YESIL]: 40_000_000, [SARYARKA]: 30_000_000 },
    {
      voters_count: voters[BAIKONUR] + voters[YESIL] + voters[SARYARKA],
      results_published_at: at(-310),
      phase: "implementation",
    },
    voters,
  );
  const builtIds = await proposals(builtId, BUILT, at(-390), at(-350), true);

  const executor = accounts.get("executor") ?? head;
  const stagePlan: Record<string, [number, number][]> = {
    // planned [start, end] in days from now, per stage: procurement, contract, works, acceptance
    procurement: [
      [-20, 10],
      [11, 20],
      [21, 120],
      [121, 140],
    ],
    contract: [
      [-75, -45],
      [-44, 5],
      [6, 100],
      [101, 120],
    ],
    works: [
      [-80, -60],
      [-59, -50],
      [-49, -7],
      [-6, 10],
    ],
    completed: [
      [-80, -62],
      [-61, -55],
      [-54, -20],
      [-19, -10],
    ],
  };
  const progress: Record<string, { done: number; running: boolean; percent: number }> = {
    procurement: { done: 0, running: true, percent: 5 },
    contract: { done: 1, running: true, percent: 15 },
    works: { done: 2, running: true, percent: 60 },
    completed: { done: 4, running: false, percent: 100 },
  };
  const stages = ["procurement", "contract", "works", "acceptance"];
  for (const [i, p] of BUILT.entries()) {
    if (!p.project) continue;
    const projectId = randomUUID();
    const allocated = p.councilCost ?? p.cost;
    const where = progress[p.project] as { done: number; running: boolean; percent: number };
    const contracted = where.done >= 1 ? Math.round(allocated * 0.96) : null;
    await trx
      .insertInto("budget_projects")
      .values({
        id: projectId,
        cycle_id: builtId,
        proposal_id: builtIds[i] as string,
        agency_id: AGENCY,
        territory_code: p.territory,
        category: p.category,
        title: p.title,
        language: p.language,
        address: p.address,
        lat: p.lat,
        lng: p.lng,
        status: p.project === "completed" ? "completed" : "in_progress",
        contractor: where.done >= 1 ? (p.contractor ?? null) : null,
        amount_allocated: allocated,
        amount_contracted: contracted,
        amount_spent: contracted === null ? null : Math.round((contracted * where.percent) / 100),
        percent: where.percent,
        created_at: at(-80),
        updated_at: iso,
      })
      .execute();
    const plan = stagePlan[p.project] as [number, number][];
    await trx
      .insertInto("budget_project_stages")
      .values(
        stages.map((stage, s) => {
          const [ps, pe] = plan[s] as [number, number];
          const done = s < where.done;
          const running = where.running && s === where.done;
          return {
            project_id: projectId,
            stage,
            planned_start: day(ps),
            planned_end: day(pe),
            actual_start: done || running ? day(ps) : null,
            actual_end: done ? day(pe) : null,
            updated_at: iso,
          };
        }),
      )
      .execute();
    const news: [number, string][] =
      p.language === "kk"
        ? [[-70, "Жоба бойынша мемлекеттік сатып алу жарияланды."]]
        : [[-70, "Объявлены государственные закупки по проекту."]];
    if (where.done >= 1)
      news.push([
        -45,
        p.language === "kk"
          ? `Мердігермен шарт жасалды: ${p.contractor ?? ""}.`
          : `Заключён договор с подрядчиком: ${p.contractor ?? ""}.`,
      ]);
    if (where.done >= 2)
      news.push([
        -30,
        p.language === "kk"
          ? "Жұмыстар басталды, тұрғындардан уақытша қолайсыздыққа түсіністікпен қарауды сұраймыз."
          : "Начались работы. Просим жителей с пониманием отнестись к временным неудобствам.",
      ]);
    if (where.done >= 4)
      news.push([-10, "Объект принят комиссией акимата с участием жителей и открыт."]);
    await trx
      .insertInto("budget_project_news")
      .values(
        news.map(([d, body]) => ({
          id: randomUUID(),
          project_id: projectId,
          body,
          language: p.project === "completed" && d === -10 ? "ru" : p.language,
          author_id: executor,
          created_at: at(d),
        })),
      )
      .execute();
    const photos: [string, [number, number, number]][] = [["before", [150, 140, 120]]];
    if (where.done >= 2) photos.push(["during", [200, 160, 60]]);
    if (where.done >= 4) photos.push(["after", [60, 160, 90]]);
    for (const [kind, rgb] of photos)
      await storeBudgetFiles(
        ctx,
        trx,
        { kind: "project", id: projectId },
        kind,
        [{ buffer: solidPng(rgb), fileName: `${kind}.png`, mediaType: "image/png" }],
        executor,
      );
  }

  await appendAudit(trx, ctx.clock, [
    {
      actor: systemActor("demo"),
      action: "budget.demo_loaded",
      subjectType: "budget_cycle",
      subjectId: votingId,
      data: { cycles: [votingId, builtId] },
    },
  ]);
}
