import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { AppContext } from "../../platform/manifest.js";
import { saveTemplate } from "./commands/answer-templates.js";

/** Response templates of the demo body, in Kazakh and Russian, as its head would write them. */
const TEMPLATES = [
  {
    title: "Түсіндірме / Разъяснение",
    text_kk:
      "Құрметті {applicant}!\n\n{body} Сіздің № {number} өтінішіңізді (тіркелген күні: {date}) қарап, мынаны түсіндіреді: …\n\nЖауаппен келіспеген жағдайда Сіз оған Қазақстан Республикасы Әкімшілік рәсімдік-процестік кодексінде белгіленген тәртіппен жоғары тұрған органға немесе сотқа шағым жасауға құқылысыз.\n\nОрындаушы: {executor}",
    text_ru:
      "Уважаемый(ая) {applicant}!\n\n{body}, рассмотрев Ваше обращение № {number} от {date}, разъясняет следующее: …\n\nВ случае несогласия с ответом Вы вправе обжаловать его в вышестоящий орган или в суд в порядке, установленном Административным процедурно-процессуальным кодексом Республики Казахстан.\n\nИсполнитель: {executor}",
  },
  {
    title: "Қанағаттандырылды / Удовлетворено",
    text_kk:
      "Құрметті {applicant}!\n\n{body} Сіздің № {number} өтінішіңіз (тіркелген күні: {date}) қаралып, қанағаттандырылғанын хабарлайды: …\n\nОрындаушы: {executor}",
    text_ru:
      "Уважаемый(ая) {applicant}!\n\n{body} сообщает, что Ваше обращение № {number} от {date} рассмотрено и удовлетворено: …\n\nИсполнитель: {executor}",
  },
];

/** Seeds the demo body's response templates as its head (each audited like any other). */
export async function seedDemoTemplates(
  ctx: AppContext,
  trx: Kysely<Database>,
  agencyId: string,
  headId: string,
): Promise<void> {
  const at = { ...ctx, db: { ...ctx.db, kysely: trx } };
  const head = {
    accountId: headId,
    kind: "staff" as const,
    secondFactor: true,
    grants: [{ role: "head" as const, agencyId }],
  };
  for (const template of TEMPLATES) {
    const saved = await saveTemplate(at, head, agencyId, null, template);
    if (saved.kind !== "ok") throw new Error(`demo template refused: ${JSON.stringify(saved)}`);
  }
}
