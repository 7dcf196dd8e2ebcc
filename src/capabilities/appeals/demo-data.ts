import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { FixedClock } from "../../kernel/clock.js";
import type { Principal } from "../../kernel/permissions.js";
import type { AppContext } from "../../platform/manifest.js";
import { demoAccountIds } from "../identity/index.js";
import type { AppealAction } from "./appeal.js";
import { type ActionInput, actOnAppeal } from "./commands/appeal-actions.js";
import { type AppealInput, type Filing, prepareAppeal } from "./commands/submit-appeal.js";
import { seedDemoTemplates } from "./demo-templates.js";

const DAY = 86_400_000;
const AGENCY = "ag-baikonur-akimat";

type Step = [
  who: "head" | "executor" | "citizen" | "citizen2",
  days: number,
  AppealAction,
  ActionInput,
];

interface DemoAppeal {
  who: "citizen" | "citizen2" | "registrar";
  daysAgo: number;
  input: AppealInput;
  steps?: Step[];
  desk?: Extract<Filing, { agencyId: string }>["applicant"];
}

const text = (s: string) => `${s}\n\nПрошу рассмотреть и сообщить о принятых мерах.`;

const DEMO: DemoAppeal[] = [
  {
    who: "citizen",
    daysAgo: 0,
    input: {
      kind: "statement",
      agencyId: AGENCY,
      categoryId: "cat-landscaping",
      subject: "Яма на дороге по улице Кенесары",
      text: text("Напротив дома 40 по улице Кенесары большая яма, машины повреждают колёса."),
      public: true,
    },
  },
  {
    who: "citizen2",
    daysAgo: 6,
    input: {
      kind: "report",
      agencyId: AGENCY,
      categoryId: "cat-landscaping",
      subject: "Не горят фонари во дворе",
      text: text("Во дворе дома 12 по улице Сарайшык третью неделю не горят фонари."),
    },
    steps: [["head", 5, "assign", { executorId: "executor" }]],
  },
  {
    who: "citizen",
    daysAgo: 8,
    input: {
      kind: "statement",
      agencyId: AGENCY,
      subject: "Благоустройство детской площадки",
      text: text("Просим установить новые качели на детской площадке."),
    },
    steps: [["head", 7, "request-correction", { note: "Укажите адрес детской площадки" }]],
  },
  {
    who: "citizen2",
    daysAgo: 12,
    input: {
      kind: "information_request",
      agencyId: AGENCY,
      subject: "График вывоза мусора",
      text: text("Сообщите график вывоза твёрдых бытовых отходов по микрорайону."),
    },
    steps: [
      ["head", 11, "assign", { executorId: "executor" }],
      [
        "executor",
        3,
        "answer",
        {
          outcome: "explained",
          text: "Вывоз отходов производится ежедневно с 7:00 до 10:00.",
          basis: "Правила благоустройства города Астаны",
        },
      ],
    ],
  },
  {
    who: "citizen",
    daysAgo: 20,
    input: {
      kind: "statement",
      agencyId: AGENCY,
      categoryId: "cat-landscaping",
      subject: "Ремонт тротуара у школы № 45",
      text: text("Тротуар у школы № 45 разрушен, детям опасно ходить."),
    },
    steps: [
      ["head", 19, "assign", { executorId: "executor" }],
      [
        "executor",
        10,
        "answer",
        {
          outcome: "satisfied",
          text: "Ремонт тротуара включён в план работ и будет выполнен до конца месяца.",
          basis: "Закон РК «О местном государственном управлении и самоуправлении»",
        },
      ],
      ["head", 9, "approve", {}],
    ],
  },
  {
    who: "citizen2",
    daysAgo: 30,
    input: {
      kind: "proposal",
      agencyId: AGENCY,
      subject: "Велодорожка вдоль набережной",
      text: text("Предлагаю обустроить велодорожку вдоль набережной Есиля."),
    },
    steps: [
      ["head", 29, "assign", { executorId: "executor" }],
      [
        "executor",
        20,
        "answer",
        {
          outcome: "taken_into_account",
          text: "Предложение учтено при разработке плана благоустройства на следующий год.",
        },
      ],
      ["head", 19, "approve", {}],
      ["citizen2", 18, "rate", { score: 4, resolved: "partly", comment: "Спасибо, будем ждать." }],
    ],
  },
  {
    who: "citizen",
    daysAgo: 4,
    input: {
      kind: "statement",
      agencyId: AGENCY,
      subject: "Шум от стройки ночью",
      text: text("На стройке по проспекту Мангилик Ел работы идут ночью."),
    },
    steps: [
      [
        "head",
        3,
        "redirect",
        { agencyId: "ag-yesil-akimat", reason: "Объект находится в районе Есиль" },
      ],
    ],
  },
  {
    who: "citizen2",
    daysAgo: 15,
    input: {
      kind: "statement",
      agencyId: AGENCY,
      subject: "Вопрос без подробностей",
      text: text("Прошу решить мой вопрос."),
    },
    steps: [
      ["head", 14, "request-correction", { note: "Опишите, о каком вопросе идёт речь", until: "" }],
      ["head", 1, "return", { reason: "correction_not_made" }],
    ],
  },
  {
    who: "citizen",
    daysAgo: 10,
    input: {
      kind: "statement",
      agencyId: AGENCY,
      subject: "Повторно о парковке",
      text: text("Снова прошу решить вопрос с парковкой у дома."),
    },
    steps: [
      [
        "head",
        9,
        "terminate",
        { reason: "already_decided", note: "Вопрос решён ответом от прошлого месяца" },
      ],
    ],
  },
  {
    who: "citizen2",
    daysAgo: 3,
    input: {
      kind: "response",
      agencyId: AGENCY,
      subject: "Отзыв о работе ЦОНа",
      text: text("Хорошо организована очередь в ЦОНе района."),
    },
    steps: [["citizen2", 2, "withdraw", {}]],
  },
  {
    who: "citizen",
    daysAgo: 40,
    input: {
      kind: "statement",
      agencyId: AGENCY,
      subject: "Подтопление подвала",
      text: text("После дождей подвал дома 7 по улице Иманова затапливает."),
    },
    steps: [["head", 39, "assign", { executorId: "executor" }]],
  },
  {
    who: "registrar",
    daysAgo: 2,
    input: {
      kind: "statement",
      subject: "Устное обращение о ремонте крыши",
      text: "Заявитель сообщил на приёме, что крыша дома 3 по улице Тараз протекает.",
    },
    desk: {
      name: "Омаров Бауыржан",
      postalAddress: "Астана, ул. Тараз, 3, кв. 5",
      phone: "+77010000003",
      language: "ru",
    },
  },
];

/** Appeals in every state at the demo district akimat, so the staff pages are not empty. */
export async function seedDemoAppeals(ctx: AppContext, trx: Kysely<Database>): Promise<void> {
  const accounts = await demoAccountIds(trx);
  const idOf = (who: string) => accounts.get(who);
  const principal = (who: string): Principal | null => {
    const id = idOf(who);
    if (!id) return null;
    const staff = who === "head" || who === "executor" || who === "registrar";
    return {
      accountId: id,
      kind: staff ? "staff" : "citizen",
      secondFactor: true,
      grants: staff ? [{ role: who as "head", agencyId: AGENCY }] : [],
    };
  };
  const today = ctx.clock.now().getTime();
  for (const demo of DEMO) {
    const filer = principal(demo.who);
    if (!filer) continue;
    const clock = new FixedClock(new Date(today - demo.daysAgo * DAY));
    const at = { ...ctx, clock, db: { ...ctx.db, kysely: trx } };
    const filing: Filing = demo.desk
      ? { channel: "paper", principal: filer, agencyId: AGENCY, applicant: demo.desk }
      : { channel: "online", principal: filer };
    const prepared = await prepareAppeal(at, filing, demo.input);
    if (prepared.kind !== "ok") throw new Error(`demo appeal refused: ${JSON.stringify(prepared)}`);
    const registered = await prepared.value(trx);
    for (const [who, daysAgo, action, rawInput] of demo.steps ?? []) {
      const actor = principal(who);
      if (!actor) continue;
      clock.set(new Date(today - daysAgo * DAY));
      const input = { ...rawInput };
      if (input.executorId) input.executorId = idOf(input.executorId);
      if (input.until === "") delete input.until;
      const done = await actOnAppeal(at, actor, registered.number, action, input);
      if (done.kind !== "ok") {
        throw new Error(`demo step ${action} on ${registered.number}: ${JSON.stringify(done)}`);
      }
    }
  }
  const headId = idOf("head");
  if (headId) await seedDemoTemplates(ctx, trx, AGENCY, headId);
}
