import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { FixedClock } from "../../kernel/clock.js";
import type { Principal } from "../../kernel/permissions.js";
import type { Result } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import { demoAccountIds } from "../identity/index.js";
import { answerComment } from "./commands/answer-comment.js";
import { addComment, voteOnComment } from "./commands/comments.js";
import { hideComment } from "./commands/moderate-comment.js";
import { type NewDraftInput, publishDraft, publishVersion } from "./commands/publish-draft.js";
import { publishReport } from "./commands/publish-report.js";
import { setSubscription } from "./commands/subscriptions.js";
import { demoPdf } from "./files/demo-pdf.js";

const DAY = 86_400_000;
const AGENCY = "ag-baikonur-akimat";
type Who = "head" | "moderator" | "citizen" | "citizen2";

type Step =
  | { at: number; who: Who; comment: { paragraph: number | null; text: string }; as: string }
  | { at: number; who: Who; vote: string; value: "agree" | "disagree" }
  | { at: number; who: Who; hide: string; reason: string }
  | { at: number; who: Who; answer: string; decision: string; reason: string }
  | { at: number; who: Who; report: true }
  | { at: number; who: Who; subscribe: true }
  | { at: number; who: Who; version: { text_kk: string; text_ru: string; note: string } };

interface DemoDraft {
  daysAgo: number;
  input: Omit<NewDraftInput, "agencyId">;
  steps: Step[];
}

const join = (...p: string[]) => p.join("\n\n");

const DEMO: DemoDraft[] = [
  {
    daysAgo: 3,
    input: {
      type: "akimat_resolution",
      title_kk: "Байқоңыр ауданының аумағын абаттандыру қағидалары",
      title_ru: "Правила благоустройства территории района Байконур",
      title_en: "Rules for the upkeep of public spaces in Baikonur District",
      summary_kk: "Аулаларды, көшелерді және балалар алаңдарын күтіп-ұстау тәртібін белгілейді.",
      summary_ru: "Устанавливают порядок содержания дворов, улиц и детских площадок.",
      summary_en: "Sets out how yards, streets and playgrounds are to be kept.",
      text_kk: join(
        "1. Осы қағидалар аудан аумағындағы аулаларды, көшелерді және балалар алаңдарын күтіп-ұстау тәртібін белгілейді.",
        "2. Аулалар күн сайын таңғы сағат 8-ге дейін тазартылады.",
        "3. Балалар алаңдарының жабдығы жылына екі рет тексеріледі.",
        "4. Қар көшелерден қар жауғаннан кейін 24 сағат ішінде шығарылады.",
      ),
      text_ru: join(
        "1. Настоящие правила устанавливают порядок содержания дворов, улиц и детских площадок на территории района.",
        "2. Дворы убираются ежедневно до 8 часов утра.",
        "3. Оборудование детских площадок проверяется два раза в год.",
        "4. Снег вывозится с улиц в течение 24 часов после снегопада.",
      ),
    },
    steps: [
      {
        at: 2,
        who: "citizen",
        comment: {
          paragraph: 3,
          text: "Проверять площадки нужно ежеквартально, а не два раза в год: качели ломаются чаще.",
        },
        as: "c1",
      },
      { at: 2, who: "citizen2", vote: "c1", value: "agree" },
      {
        at: 2,
        who: "citizen2",
        comment: {
          paragraph: 4,
          text: "24 часа — слишком долго для центральных улиц, предлагаю 12 часов.",
        },
        as: "c2",
      },
      { at: 1, who: "citizen", vote: "c2", value: "disagree" },
      {
        at: 1,
        who: "citizen2",
        comment: { paragraph: null, text: "Купите у нас тротуарную плитку со скидкой! Звоните." },
        as: "c3",
      },
      { at: 1, who: "moderator", hide: "c3", reason: "advertising" },
      { at: 1, who: "citizen", subscribe: true },
    ],
  },
  {
    daysAgo: 20,
    input: {
      type: "service_standard",
      title_kk: "«Жер учаскесіне құқық беру» мемлекеттік көрсетілетін қызмет стандарты",
      title_ru: "Стандарт государственной услуги «Предоставление права на земельный участок»",
      title_en: 'Standard of the state service "Granting the right to a land plot"',
      summary_kk: "Қызмет көрсету мерзімін және қажетті құжаттар тізбесін белгілейді.",
      summary_ru: "Устанавливает срок оказания услуги и перечень необходимых документов.",
      summary_en: "Sets the time the service takes and the documents it needs.",
      text_kk: join(
        "1. Қызмет көрсету мерзімі — 20 жұмыс күні.",
        "2. Өтінішке жеке басын куәландыратын құжат және учаскенің схемасы қоса беріледі.",
        "3. Нәтиже электрондық түрде беріледі.",
      ),
      text_ru: join(
        "1. Срок оказания услуги — 20 рабочих дней.",
        "2. К заявлению прилагаются документ, удостоверяющий личность, и схема участка.",
        "3. Результат выдаётся в электронном виде.",
      ),
    },
    steps: [
      {
        at: 18,
        who: "citizen",
        comment: { paragraph: 1, text: "Предлагаю сократить срок до 10 рабочих дней." },
        as: "c1",
      },
      {
        at: 17,
        who: "citizen2",
        comment: {
          paragraph: 2,
          text: "Схему участка орган может получить сам из кадастра, не требуйте её от заявителя.",
        },
        as: "c2",
      },
      { at: 16, who: "citizen", vote: "c2", value: "agree" },
      {
        at: 2,
        who: "head",
        answer: "c2",
        decision: "accepted",
        reason: "Схема будет запрашиваться через информационную систему кадастра.",
      },
    ],
  },
  {
    daysAgo: 45,
    input: {
      type: "maslikhat_decision",
      title_kk: "Ауданда жұртшылықпен кездесулер өткізу тәртібі",
      title_ru: "Порядок проведения встреч с населением в районе",
      title_en: "How meetings with residents are held in the district",
      summary_kk: "Әкімнің тұрғындармен кездесулерінің жиілігін және хабарлау тәртібін белгілейді.",
      summary_ru: "Определяет периодичность встреч акима с жителями и порядок оповещения.",
      summary_en: "Sets how often the akim meets residents and how they are told.",
      text_kk: join(
        "1. Кездесулер тоқсан сайын өткізіледі.",
        "2. Кездесу туралы хабарландыру кемінде 5 күн бұрын жарияланады.",
      ),
      text_ru: join(
        "1. Встречи проводятся ежеквартально.",
        "2. Объявление о встрече публикуется не менее чем за 5 дней.",
      ),
    },
    steps: [
      {
        at: 43,
        who: "citizen",
        comment: { paragraph: 1, text: "Раз в квартал мало, предлагаю ежемесячно." },
        as: "c1",
      },
      {
        at: 42,
        who: "citizen2",
        comment: { paragraph: 2, text: "Объявлять нужно и в мессенджерах, не только на сайте." },
        as: "c2",
      },
      { at: 42, who: "citizen2", vote: "c1", value: "agree" },
      {
        at: 41,
        who: "citizen",
        comment: { paragraph: null, text: "В целом поддерживаю проект." },
        as: "c3",
      },
      {
        at: 25,
        who: "head",
        answer: "c1",
        decision: "partly_accepted",
        reason:
          "Встречи будут проводиться раз в два месяца: чаще не позволяет график выездных приёмов.",
      },
      {
        at: 25,
        who: "head",
        answer: "c2",
        decision: "accepted",
        reason: "Пункт 2 дополнен публикацией в официальных аккаунтах акимата.",
      },
      { at: 25, who: "head", answer: "c3", decision: "accepted", reason: "Спасибо за поддержку." },
      { at: 24, who: "head", report: true },
    ],
  },
  {
    daysAgo: 60,
    input: {
      type: "akimat_resolution",
      title_kk: "Аулаларда тұрақ орындарын белгілеу тәртібі",
      title_ru: "Порядок обустройства парковочных мест во дворах",
      title_en: "How parking spaces are laid out in residential yards",
      summary_kk:
        "Көп пәтерлі үйлердің аулаларындағы тұрақ орындарының санын және белгілеуін реттейді.",
      summary_ru:
        "Регулирует количество и разметку парковочных мест во дворах многоквартирных домов.",
      summary_en:
        "Governs how many parking spaces yards of blocks of flats have and how they are marked.",
      text_kk: join(
        "1. Әр 10 пәтерге кемінде 5 тұрақ орны белгіленеді.",
        "2. Мүгедектігі бар адамдарға арналған орындар кіреберіске жақын орналасады.",
        "3. Тұрақ орындары балалар алаңынан кемінде 10 метр қашықтықта болады.",
      ),
      text_ru: join(
        "1. На каждые 10 квартир обустраивается не менее 5 парковочных мест.",
        "2. Места для людей с инвалидностью располагаются ближе к подъездам.",
        "3. Парковочные места размещаются не ближе 10 метров от детской площадки.",
      ),
    },
    steps: [
      {
        at: 58,
        who: "citizen2",
        comment: { paragraph: 3, text: "10 метров мало, нужно не меньше 20." },
        as: "c1",
      },
      {
        at: 57,
        who: "citizen",
        comment: { paragraph: 1, text: "Пять мест на десять квартир не хватает уже сейчас." },
        as: "c2",
      },
      { at: 57, who: "citizen", subscribe: true },
      {
        at: 44,
        who: "head",
        answer: "c1",
        decision: "accepted",
        reason: "Расстояние увеличено до 20 метров в соответствии с санитарными правилами.",
      },
      {
        at: 44,
        who: "head",
        answer: "c2",
        decision: "rejected",
        reason:
          "Норма установлена строительными нормами; увеличение возможно только при новом строительстве.",
      },
      { at: 43, who: "head", report: true },
      {
        at: 2,
        who: "head",
        version: {
          text_kk: join(
            "1. Әр 10 пәтерге кемінде 5 тұрақ орны белгіленеді.",
            "2. Мүгедектігі бар адамдарға арналған орындар кіреберіске жақын орналасады.",
            "3. Тұрақ орындары балалар алаңынан кемінде 20 метр қашықтықта болады.",
            "4. Тұрақ орындарының белгілері жыл сайын жаңартылады.",
          ),
          text_ru: join(
            "1. На каждые 10 квартир обустраивается не менее 5 парковочных мест.",
            "2. Места для людей с инвалидностью располагаются ближе к подъездам.",
            "3. Парковочные места размещаются не ближе 20 метров от детской площадки.",
            "4. Разметка парковочных мест обновляется ежегодно.",
          ),
          note: "Учтены предложения по итогам обсуждения первой редакции.",
        },
      },
    ],
  },
];

function must<T>(r: Result<T>, what: string): T {
  if (r.kind !== "ok") throw new Error(`demo consultation step ${what}: ${JSON.stringify(r)}`);
  return r.value;
}

/** Drafts in every state at the demo district akimat: open, closed, reported, a second version. */
export async function seedDemoConsultations(ctx: AppContext, trx: Kysely<Database>): Promise<void> {
  const accounts = await demoAccountIds(trx);
  const principal = (who: Who): Principal | null => {
    const id = accounts.get(who);
    if (!id) return null;
    const staff = who === "head" || who === "moderator";
    return {
      accountId: id,
      kind: staff ? "staff" : "citizen",
      secondFactor: true,
      grants: staff ? [{ role: who as "head", agencyId: AGENCY }] : [],
    };
  };
  const head = principal("head");
  if (!head) return;
  const today = ctx.clock.now().getTime();
  for (const demo of DEMO) {
    const clock = new FixedClock(new Date(today - demo.daysAgo * DAY));
    const at = { ...ctx, clock, db: { ...ctx.db, kysely: trx } };
    const { id } = must(
      await publishDraft(at, head, {
        ...demo.input,
        agencyId: AGENCY,
        files: [
          {
            fileName: "Пояснительная записка.pdf",
            buffer: demoPdf([
              demo.input.title_en,
              "Explanatory note (demo document)",
              "Why the act is needed, what it changes and what it costs.",
            ]),
          },
        ],
      }),
      "publish",
    );
    const comments = new Map<string, string>();
    for (const step of demo.steps) {
      const who = principal(step.who);
      if (!who) continue;
      clock.set(new Date(today - step.at * DAY));
      if ("comment" in step) {
        comments.set(step.as, must(await addComment(at, who, id, step.comment), "comment").id);
      } else if ("vote" in step) {
        must(await voteOnComment(at, who, id, comments.get(step.vote) ?? "", step.value), "vote");
      } else if ("hide" in step) {
        must(await hideComment(at, who, id, comments.get(step.hide) ?? "", step.reason), "hide");
      } else if ("answer" in step) {
        const input = { answer: step.decision, reason: step.reason };
        must(await answerComment(at, who, id, comments.get(step.answer) ?? "", input), "answer");
      } else if ("report" in step) {
        must(await publishReport(at, who, id), "report");
      } else if ("subscribe" in step) {
        must(await setSubscription(at, who, id, true), "subscribe");
      } else {
        must(await publishVersion(at, who, id, step.version), "version");
      }
    }
  }
}
