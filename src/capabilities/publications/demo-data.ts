import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { AppContext } from "../../platform/manifest.js";
import { findAgenciesByIds } from "../agencies/index.js";
import { demoAccountIds } from "../identity/index.js";
import type { PublicationState } from "./publication.js";

type T3 = { kk: string | null; ru: string | null; en: string | null };

interface DemoPublication {
  agencyId: string;
  kind: "news" | "information";
  section?: string;
  title: T3;
  body: T3;
  /** Days ago it was first published, and last updated (null: never published). */
  published: number | null;
  updated?: number;
  state?: PublicationState;
  returnReason?: string;
}

const BAIKONUR = "ag-baikonur-akimat";
const YESIL = "ag-yesil-akimat";
const ASTANA = "ag-astana-akimat";

const DEMO: DemoPublication[] = [
  {
    agencyId: BAIKONUR,
    kind: "news",
    title: {
      kk: "Кенесары көшесінде абаттандыру жұмыстары басталды",
      ru: "На улице Кенесары начались работы по благоустройству",
      en: "Improvement works have started on Kenesary Street",
    },
    body: {
      kk: "Аудан әкімдігі Кенесары көшесінде тротуарларды жөндеуді бастады.\n\n## Мерзімдері\n\n- Бірінші кезең: мамыр\n- Екінші кезең: маусым",
      ru: "Акимат района начал ремонт тротуаров на улице Кенесары.\n\n## Сроки\n\n- Первый этап: май\n- Второй этап: июнь\n\nПодробности — на странице [общественных слушаний](/meetings).",
      en: "The district akimat has started repairing the pavements of Kenesary Street.\n\n## Timetable\n\n- First stage: May\n- Second stage: June\n\nDetails are on the [public hearings](/meetings) page.",
    },
    published: 3,
  },
  {
    agencyId: BAIKONUR,
    kind: "news",
    title: {
      kk: "Әкімнің азаматтарды қабылдау кестесі жаңартылды",
      ru: "Обновлён график приёма граждан акимом",
      en: null,
    },
    body: {
      kk: "Әкім азаматтарды әр бейсенбі сайын 15:00-ден 18:00-ге дейін қабылдайды.",
      ru: "Аким принимает граждан каждый четверг с 15:00 до 18:00. Запись — через портал.",
      en: null,
    },
    published: 20,
  },
  {
    agencyId: BAIKONUR,
    kind: "news",
    title: { kk: null, ru: "Итоги отопительного сезона", en: null },
    body: {
      kk: null,
      ru: "Отопительный сезон в районе завершён. Поступило 312 обращений, все рассмотрены.",
      en: null,
    },
    published: 200,
  },
  {
    agencyId: BAIKONUR,
    kind: "news",
    title: {
      kk: "Аулаларды көгалдандыру",
      ru: "Озеленение дворов",
      en: "Planting trees in courtyards",
    },
    body: {
      kk: "Көктемде 40 аулаға ағаш отырғызу жоспарлануда.",
      ru: "Весной планируется высадить деревья в 40 дворах.",
      en: "Trees are to be planted in 40 courtyards this spring.",
    },
    published: null,
    state: "submitted",
  },
  {
    agencyId: BAIKONUR,
    kind: "information",
    section: "contacts",
    title: {
      kk: "Байланыс және жұмыс уақыты",
      ru: "Контакты и часы работы",
      en: "Contacts and hours",
    },
    body: {
      kk: "Мекенжайы: Астана, Кенесары көшесі, 40.\n\nЖұмыс уақыты: дүйсенбі–жұма, 9:00–18:30.",
      ru: "Адрес: Астана, ул. Кенесары, 40.\n\nЧасы работы: понедельник–пятница, 9:00–18:30, перерыв 13:00–14:30.\n\nТелефон приёмной: +7 7172 00 00 00.",
      en: "Address: 40 Kenesary Street, Astana.\n\nHours: Monday to Friday, 9:00–18:30, break 13:00–14:30.",
    },
    published: 400,
    updated: 30,
  },
  {
    agencyId: BAIKONUR,
    kind: "information",
    section: "structure",
    title: { kk: "Құрылымы", ru: "Структура акимата", en: "Structure of the akimat" },
    body: {
      kk: "- Әкім\n- Әкімнің орынбасарлары\n- Аппарат\n- Бөлімдер",
      ru: "- Аким района\n- Заместители акима\n- Аппарат акима\n- Отделы: ЖКХ, образования, социальной защиты",
      en: "- District akim\n- Deputy akims\n- The akim's office\n- Departments: housing, education, social protection",
    },
    published: 400,
    updated: 60,
  },
  {
    agencyId: BAIKONUR,
    kind: "information",
    section: "leadership",
    title: { kk: "Басшылық", ru: "Руководство", en: "Leadership" },
    body: {
      kk: "Аудан әкімі және оның орынбасарлары.",
      ru: "Аким района и его заместители, их обязанности.",
      en: "The district akim and the deputies, with their responsibilities.",
    },
    published: 500,
    updated: 270,
  },
  {
    agencyId: BAIKONUR,
    kind: "information",
    section: "reception",
    title: { kk: "Қабылдау кестесі", ru: "График приёма граждан", en: "Reception schedule" },
    body: {
      kk: "Әкім: бейсенбі, 15:00–18:00.",
      ru: "Аким: четверг, 15:00–18:00.\n\nЗаместители: вторник, 10:00–12:00.",
      en: "The akim: Thursdays, 15:00–18:00.\n\nDeputies: Tuesdays, 10:00–12:00.",
    },
    published: 600,
    updated: 420,
    state: "returned",
    returnReason: "Укажите кабинет и порядок записи.",
  },
  {
    agencyId: BAIKONUR,
    kind: "information",
    section: "services",
    title: { kk: "Мемлекеттік қызметтер", ru: "Государственные услуги", en: "Public services" },
    body: {
      kk: "Әкімдік көрсететін қызметтердің тізімі.",
      ru: "Перечень услуг, которые оказывает акимат, и сроки их оказания.",
      en: "The services the akimat provides, and how long each takes.",
    },
    published: 100,
    updated: 10,
  },
  {
    agencyId: YESIL,
    kind: "news",
    title: {
      kk: "Есіл ауданында жаңа мектеп ашылды",
      ru: "В Есильском районе открылась новая школа",
      en: "A new school has opened in Yesil district",
    },
    body: {
      kk: "Мектеп 1200 оқушыға арналған.",
      ru: "Школа рассчитана на 1200 учеников.",
      en: "The school has places for 1,200 pupils.",
    },
    published: 7,
  },
  {
    agencyId: YESIL,
    kind: "information",
    section: "contacts",
    title: { kk: "Байланыс", ru: "Контакты", en: "Contacts" },
    body: {
      kk: "Астана, Дінмұхамед Қонаев көшесі, 2.",
      ru: "Астана, ул. Динмухамеда Кунаева, 2.",
      en: "2 Dinmukhamed Kunayev Street, Astana.",
    },
    published: 700,
    updated: 300,
  },
  {
    agencyId: ASTANA,
    kind: "news",
    title: {
      kk: "Қала әкімдігі жол жөндеу жоспарын жариялады",
      ru: "Акимат города опубликовал план ремонта дорог",
      en: "The city akimat has published its road repair plan",
    },
    body: {
      kk: "Жоспар 120 көшені қамтиды.",
      ru: "План охватывает 120 улиц; график работ — в разделе «Бюджет».",
      en: "The plan covers 120 streets.",
    },
    published: 1,
  },
  {
    agencyId: ASTANA,
    kind: "information",
    section: "budget",
    title: { kk: "Бюджет", ru: "Бюджет города", en: "City budget" },
    body: {
      kk: "Қала бюджеті және оның орындалуы.",
      ru: "Бюджет города на текущий год и отчёт о его исполнении.",
      en: "The city's budget for this year and the report on its execution.",
    },
    published: 90,
    updated: 45,
  },
];

const daysAgo = (now: Date, days: number) =>
  new Date(now.getTime() - days * 86_400_000).toISOString();

/** Demo news and information pages: some fresh, some out of date, one awaiting approval. */
export async function seedDemoPublications(ctx: AppContext, trx: Kysely<Database>): Promise<void> {
  const now = ctx.clock.now();
  const agencies = new Set(
    (
      await findAgenciesByIds(
        trx,
        DEMO.map((d) => d.agencyId),
      )
    ).map((a) => a.id),
  );
  const accounts = await demoAccountIds(trx);
  const writer = accounts.get("executor") ?? null;
  const approver = accounts.get("head") ?? null;
  for (const d of DEMO) {
    if (!agencies.has(d.agencyId)) continue;
    const id = randomUUID();
    const published = d.published === null ? null : daysAgo(now, d.published);
    const updated = d.published === null ? null : daysAgo(now, d.updated ?? d.published);
    const state = d.state ?? "approved";
    const changed = state === "approved" ? (updated ?? now.toISOString()) : daysAgo(now, 1);
    await trx
      .insertInto("publications")
      .values({
        id,
        agency_id: d.agencyId,
        kind: d.kind,
        section: d.section ?? null,
        state,
        draft_title_kk: d.title.kk,
        draft_title_ru: d.title.ru,
        draft_title_en: d.title.en,
        draft_body_kk: d.body.kk,
        draft_body_ru: d.body.ru,
        draft_body_en: d.body.en,
        title_kk: published ? d.title.kk : null,
        title_ru: published ? d.title.ru : null,
        title_en: published ? d.title.en : null,
        body_kk: published ? d.body.kk : null,
        body_ru: published ? d.body.ru : null,
        body_en: published ? d.body.en : null,
        return_reason: d.returnReason ?? null,
        created_by_id: writer,
        created_at: published ?? daysAgo(now, 2),
        edited_by_id: writer,
        submitted_by_id:
          state === "approved" || state === "submitted" || state === "returned" ? writer : null,
        submitted_at: state === "submitted" ? daysAgo(now, 1) : null,
        published_at: published,
        updated_at: updated,
        unpublished_at: null,
        changed_at: changed,
        version: 1,
      })
      .execute();
    const versions =
      published && updated ? (published === updated ? [published] : [published, updated]) : [];
    for (const at of versions)
      await trx
        .insertInto("publication_versions")
        .values({
          id: randomUUID(),
          publication_id: id,
          agency_id: d.agencyId,
          kind: d.kind,
          section: d.section ?? null,
          action: "published",
          at,
          by_id: approver,
          title_kk: d.title.kk,
          title_ru: d.title.ru,
          title_en: d.title.en,
          body_kk: d.body.kk,
          body_ru: d.body.ru,
          body_en: d.body.en,
          reason: null,
        })
        .execute();
  }
}
