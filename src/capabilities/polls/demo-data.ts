import { createHmac, randomUUID } from "node:crypto";
import type { Db } from "../../db/database.js";
import type { AppContext } from "../../platform/manifest.js";
import { randomId, shuffle } from "./ballot-box.js";
import { type Answers, type Question, tally } from "./poll.js";

const AGENCY = "ag-baikonur-akimat";
const BAIKONUR = "711410000";
const DAY = 86_400_000;

type Trx = Db["kysely"];

const base = (id: string, now: Date) => ({
  id,
  agency_id: AGENCY,
  description_kk: null,
  description_ru: null,
  description_en: null,
  eligible_count: null,
  results: null,
  voters_count: null,
  published_at: null,
  created_by_id: null,
  created_at: now.toISOString(),
  updated_at: now.toISOString(),
});

/**
 * Demo polls of the Baikonur district akimat: an open vote for the district's residents
 * (citizen@ lives there, citizen2@ does not), an open vote for everyone (citizen3@'s declared
 * identity is refused), an open survey for everyone with results shown during it, and a closed
 * vote whose results were published.
 */
export async function seedDemoPolls(ctx: AppContext, trx: Trx): Promise<void> {
  const now = ctx.clock.now();
  const iso = (ms: number) => new Date(now.getTime() + ms).toISOString();

  const park: Question[] = [
    {
      id: "1",
      kind: "single",
      text: {
        kk: "Жаңа саябақта не бірінші салынсын?",
        ru: "Что построить в новом сквере в первую очередь?",
        en: "What should the new square get first?",
      },
      options: [
        { id: "a", text: { kk: "Балалар алаңы", ru: "Детская площадка", en: "A playground" } },
        { id: "b", text: { kk: "Спорт алаңы", ru: "Спортивная площадка", en: "A sports ground" } },
        {
          id: "c",
          text: {
            kk: "Гүлзар мен орындықтар",
            ru: "Цветники и скамейки",
            en: "Flower beds and benches",
          },
        },
      ],
    },
  ];
  await trx
    .insertInto("polls")
    .values({
      ...base(randomUUID(), now),
      kind: "vote",
      title_kk: "Байқоңыр ауданындағы жаңа саябақ",
      title_ru: "Новый сквер в районе Байконур",
      title_en: "The new square in Baikonur district",
      description_ru:
        "Акимат района выбирает, с чего начать благоустройство сквера на улице Кенесары. Голосуют жители района.",
      description_en:
        "The district akimat is choosing where to start on the square in Kenesary street. Residents of the district vote.",
      description_kk:
        "Аудан әкімдігі Кенесары көшесіндегі саябақты абаттандыруды неден бастау керегін таңдайды. Аудан тұрғындары дауыс береді.",
      questions: JSON.stringify(park),
      eligibility: "territory",
      territory_code: BAIKONUR,
      opens_at: iso(-2 * DAY),
      closes_at: iso(30 * DAY),
      live_results: 0,
      status: "scheduled",
    })
    .execute();

  // A vote open to everyone: one person, one ballot, so only a verified identity votes (a
  // declared IIN, as citizen3@ has, is refused).
  const names: Question[] = [
    {
      id: "1",
      kind: "single",
      text: {
        kk: "Жаңа саябаққа қандай атау берілсін?",
        ru: "Как назвать новый сквер?",
        en: "What should the new square be called?",
      },
      options: [
        { id: "a", text: { kk: "Достық", ru: "Достык", en: "Dostyk" } },
        { id: "b", text: { kk: "Жастар", ru: "Жастар", en: "Zhastar" } },
        { id: "c", text: { kk: "Бәйтерек", ru: "Байтерек", en: "Baiterek" } },
      ],
    },
  ];
  await trx
    .insertInto("polls")
    .values({
      ...base(randomUUID(), now),
      kind: "vote",
      title_kk: "Жаңа саябақтың атауы",
      title_ru: "Название нового сквера",
      title_en: "A name for the new square",
      description_ru:
        "Акимат района предлагает выбрать название сквера на улице Кенесары. Голосовать может любой гражданин с подтверждённой личностью.",
      description_en:
        "The district akimat asks for a name for the square in Kenesary street. Any citizen whose identity is verified may vote.",
      description_kk:
        "Аудан әкімдігі Кенесары көшесіндегі саябақтың атауын таңдауды ұсынады. Жеке басы расталған кез келген азамат дауыс бере алады.",
      questions: JSON.stringify(names),
      eligibility: "everyone",
      territory_code: null,
      opens_at: iso(-DAY),
      closes_at: iso(20 * DAY),
      live_results: 0,
      status: "scheduled",
    })
    .execute();

  const survey: Question[] = [
    {
      id: "1",
      kind: "scale",
      scaleMax: 5,
      text: {
        kk: "Аудандағы қоғамдық көлікке қаншалықты ризасыз?",
        ru: "Насколько вы довольны общественным транспортом в районе?",
        en: "How satisfied are you with public transport in the district?",
      },
      options: [],
    },
    {
      id: "2",
      kind: "multiple",
      text: {
        kk: "Қай уақытта жиі жол жүресіз?",
        ru: "Когда вы чаще всего ездите?",
        en: "When do you travel most?",
      },
      options: [
        { id: "a", text: { kk: "Таңертең", ru: "Утром", en: "Mornings" } },
        { id: "b", text: { kk: "Күндіз", ru: "Днём", en: "Daytime" } },
        { id: "c", text: { kk: "Кешке", ru: "Вечером", en: "Evenings" } },
      ],
    },
    {
      id: "3",
      kind: "text",
      text: {
        kk: "Не жақсартуға болады?",
        ru: "Что можно улучшить?",
        en: "What could be better?",
      },
      options: [],
    },
  ];
  await trx
    .insertInto("polls")
    .values({
      ...base(randomUUID(), now),
      kind: "survey",
      title_kk: "Қоғамдық көлік туралы сауалнама",
      title_ru: "Опрос об общественном транспорте",
      title_en: "Survey on public transport",
      questions: JSON.stringify(survey),
      eligibility: "everyone",
      territory_code: null,
      opens_at: iso(-DAY),
      closes_at: iso(14 * DAY),
      live_results: 1,
      status: "scheduled",
    })
    .execute();

  const closedId = randomUUID();
  const lighting: Question[] = [
    {
      id: "1",
      kind: "single",
      text: {
        kk: "Ауладағы жарықты түнде сөндіру керек пе?",
        ru: "Отключать ли освещение дворов ночью?",
        en: "Should courtyard lighting be switched off at night?",
      },
      options: [
        { id: "yes", text: { kk: "Иә", ru: "Да", en: "Yes" } },
        { id: "no", text: { kk: "Жоқ", ru: "Нет", en: "No" } },
      ],
    },
  ];
  const answers: Answers[] = [];
  for (let i = 0; i < 57; i++) answers.push({ "1": i % 4 === 0 ? "yes" : "no" });
  const result = tally(lighting, answers, new Map());
  await trx
    .insertInto("polls")
    .values({
      ...base(closedId, now),
      kind: "referendum",
      title_kk: "Түнгі жарық: жергілікті референдум",
      title_ru: "Ночное освещение: местный референдум",
      title_en: "Night lighting: a local referendum",
      questions: JSON.stringify(lighting),
      eligibility: "territory",
      territory_code: BAIKONUR,
      eligible_count: 1200,
      opens_at: iso(-40 * DAY),
      closes_at: iso(-10 * DAY),
      live_results: 0,
      status: "published",
      results: JSON.stringify(result),
      voters_count: answers.length,
      published_at: iso(-10 * DAY + 60_000),
    })
    .execute();
  const day = iso(-20 * DAY).slice(0, 10);
  await trx
    .insertInto("poll_voters")
    .values(
      answers.map((_, i) => ({
        poll_id: closedId,
        voter_key: createHmac("sha256", ctx.secret)
          .update(`demo-voter|${closedId}|${i}`)
          .digest("base64url"),
        voted_on: day,
      })),
    )
    .execute();
  await trx
    .insertInto("poll_ballots")
    .values(
      shuffle(
        answers.map((a) => ({ poll_id: closedId, id: randomId(), answers: JSON.stringify(a) })),
      ),
    )
    .execute();
}
