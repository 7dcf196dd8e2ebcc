import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { FixedClock } from "../../kernel/clock.js";
import type { Principal, Role } from "../../kernel/permissions.js";
import type { AppContext } from "../../platform/manifest.js";
import { demoAccountIds } from "../identity/index.js";
import { answerQuestion } from "./commands/answer-question.js";
import { askQuestion } from "./commands/ask-question.js";
import { moderateQuestion } from "./commands/moderate-question.js";
import { supportQuestion } from "./commands/support-question.js";

const DAY = 86_400_000;
const AGENCY = "ag-baikonur-akimat";

type Person = "citizen" | "citizen2" | "head" | "executor" | "moderator";
type Step =
  | [daysAgo: number, "approve", edit?: { subject?: string; text?: string }]
  | [daysAgo: number, "reject", reason: string]
  | [daysAgo: number, "answer", who: "head" | "executor", text: string]
  | [daysAgo: number, "support", who: Person];

interface DemoQuestion {
  who: "citizen" | "citizen2";
  daysAgo: number;
  subject: string;
  text: string;
  steps: Step[];
}

const DEMO: DemoQuestion[] = [
  {
    who: "citizen",
    daysAgo: 30,
    subject: "Когда отремонтируют дорогу на улице Жумабаева?",
    text: "Дорога на улице Жумабаева от дома 2 до дома 20 в ямах уже третий год. Включена ли она в план ремонта на этот год?",
    steps: [
      [29, "approve"],
      [28, "support", "citizen2"],
      [
        20,
        "answer",
        "head",
        "Улица Жумабаева включена в план среднего ремонта на текущий год. Работы начнутся в мае и завершатся до конца июля; подрядчик определён по итогам конкурса.",
      ],
    ],
  },
  {
    who: "citizen2",
    daysAgo: 16,
    subject: "Аула маңындағы балалар алаңы қашан салынады?",
    text: "Бейбітшілік көшесіндегі жаңа үйлердің ауласында балалар алаңы жоқ. Оны салу жоспарланған ба?",
    steps: [
      [15, "approve"],
      [
        9,
        "answer",
        "executor",
        "Балалар алаңын салу аудандық абаттандыру бағдарламасына енгізілді. Жобалау құжаттамасы дайындалуда, құрылыс келесі маусымда басталады.",
      ],
    ],
  },
  {
    who: "citizen",
    daysAgo: 14,
    subject: "Почему во дворах не вывозят снег?",
    text: "Во дворах домов по улице Сарайшык снег не вывозят с начала зимы, проезд для скорой помощи затруднён. Кто за это отвечает и когда вывезут снег?",
    steps: [
      [13, "approve"],
      [12, "support", "citizen2"],
    ],
  },
  {
    who: "citizen2",
    daysAgo: 5,
    subject: "Будет ли остановка автобуса у новой школы?",
    text: "У новой школы на улице Тараз нет остановки, дети идут до ближайшей полкилометра вдоль дороги. Мой телефон +7 701 000 00 00, готов обсудить.",
    steps: [
      [
        4,
        "approve",
        {
          text: "У новой школы на улице Тараз нет остановки, дети идут до ближайшей полкилометра вдоль дороги.",
        },
      ],
    ],
  },
  {
    who: "citizen2",
    daysAgo: 3,
    subject: "Жалоба на соседа",
    text: "Сосед из квартиры 15 (Петров Иван) постоянно шумит по ночам.",
    steps: [[2, "reject", "personal_data"]],
  },
  {
    who: "citizen",
    daysAgo: 1,
    subject: "Будут ли высажены деревья вдоль набережной?",
    text: "Весной вдоль набережной спилили старые деревья. Планируется ли высадить новые и когда?",
    steps: [],
  },
];

/** Questions to the demo district akimat's head in every state: waiting, public, answered, refused. */
export async function seedDemoDialogue(ctx: AppContext, trx: Kysely<Database>): Promise<void> {
  const accounts = await demoAccountIds(trx);
  const principal = (who: Person): Principal | null => {
    const id = accounts.get(who);
    if (!id) return null;
    const staff = who !== "citizen" && who !== "citizen2";
    return {
      accountId: id,
      kind: staff ? "staff" : "citizen",
      secondFactor: true,
      grants: staff ? [{ role: who as Role, agencyId: AGENCY }] : [],
    };
  };
  const moderator = principal("moderator");
  const today = ctx.clock.now().getTime();
  const clock = new FixedClock(new Date(today));
  const at: AppContext = {
    ...ctx,
    clock,
    db: { ...ctx.db, kysely: trx },
    // Notices stay in the outbox for the server to send once the demo is committed.
    mail: { ...ctx.mail, kick: () => {} },
  };
  const must = (what: string, r: { kind: string }) => {
    if (r.kind !== "ok") throw new Error(`demo dialogue ${what}: ${JSON.stringify(r)}`);
  };
  for (const q of DEMO) {
    const asker = principal(q.who);
    if (!asker || !moderator) continue;
    clock.set(new Date(today - q.daysAgo * DAY));
    const asked = await askQuestion(at, asker, AGENCY, { subject: q.subject, text: q.text });
    if (asked.kind !== "ok") throw new Error(`demo question refused: ${JSON.stringify(asked)}`);
    const id = asked.value.id;
    for (const step of q.steps) {
      clock.set(new Date(today - step[0] * DAY));
      if (step[1] === "approve") {
        must(
          "approve",
          await moderateQuestion(at, moderator, id, { decision: "approve", ...step[2] }),
        );
      } else if (step[1] === "reject") {
        must(
          "reject",
          await moderateQuestion(at, moderator, id, { decision: "reject", reason: step[2] }),
        );
      } else if (step[1] === "answer") {
        const who = principal(step[2]);
        if (who) must("answer", await answerQuestion(at, who, id, { text: step[3] }));
      } else {
        const who = principal(step[2]);
        if (who) must("support", await supportQuestion(at, who, id, true));
      }
    }
  }
}
