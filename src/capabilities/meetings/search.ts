import { utcToLocal } from "../../kernel/time/local-time.js";
import type { AppContext, SearchDocument } from "../../platform/manifest.js";

/**
 * Every announced hearing and meeting (all are public, past ones with their minutes): title,
 * agenda and place in the languages given, the published minutes in each language's text.
 */
export async function meetingSearchDocuments(ctx: AppContext): Promise<SearchDocument[]> {
  const rows = await ctx.db.kysely
    .selectFrom("meetings")
    .select([
      "id",
      "agency_id",
      "title_kk",
      "title_ru",
      "title_en",
      "agenda_kk",
      "agenda_ru",
      "agenda_en",
      "place",
      "minutes",
      "minutes_published_at",
      "starts_at",
      "time_zone",
    ])
    .execute();
  return rows.map((m) => {
    const extra = [m.place, m.minutes_published_at ? m.minutes : null].filter((s): s is string =>
      Boolean(s),
    );
    const text = (agenda: string | null) =>
      [agenda, ...extra].filter((s): s is string => Boolean(s)).join("\n");
    return {
      kind: "meeting",
      id: m.id,
      agencyId: m.agency_id,
      title: {
        ...(m.title_kk ? { kk: m.title_kk } : {}),
        ...(m.title_ru ? { ru: m.title_ru } : {}),
        ...(m.title_en ? { en: m.title_en } : {}),
      },
      text: {
        ...(m.title_kk ? { kk: text(m.agenda_kk) } : {}),
        ...(m.title_ru ? { ru: text(m.agenda_ru) } : {}),
        ...(m.title_en ? { en: text(m.agenda_en) } : {}),
      },
      url: `/meetings/${encodeURIComponent(m.id)}`,
      date: utcToLocal(new Date(m.starts_at), m.time_zone).slice(0, 10),
      public: true,
    };
  });
}
