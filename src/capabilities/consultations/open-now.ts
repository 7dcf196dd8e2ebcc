import type { AppContext, OpenNowSection, PageView } from "../../platform/manifest.js";
import { formatDate } from "../../web/format.js";
import { defaultToday, listDrafts } from "./consultation.repository.js";

/** How many drafts the home page names; the rest are a link away. */
const SHOWN = 3;

/** The home page's "Open now": drafts whose discussion is open today, closing soonest first. */
export async function openDrafts(
  ctx: AppContext,
  { t, locale }: PageView,
): Promise<OpenNowSection | null> {
  const today = defaultToday(ctx);
  const { rows } = await listDrafts(ctx.db.kysely, { status: "open", today, limit: 50 });
  const open = rows
    .filter((r) => r.opens_on <= today)
    .sort((a, b) => a.closes_on.localeCompare(b.closes_on) || a.id.localeCompare(b.id))
    .slice(0, SHOWN);
  if (open.length === 0) return null;
  return {
    key: "consultations",
    heading: t("consultations.open_now.heading"),
    items: open.map((r) => ({
      title: r[`title_${locale}`],
      href: `/consultations/${r.id}`,
      when: t("consultations.open_now.closes", { date: formatDate(r.closes_on, locale, "long") }),
    })),
    all: { href: "/consultations", label: t("consultations.open_now.all") },
  };
}
