import type { AppContext, OpenNowSection, PageView } from "../../platform/manifest.js";
import { asPublished } from "./petition.js";
import { day } from "./web/components.js";

/** How many petitions the home page names; the rest are a link away. */
const SHOWN = 3;

/** The home page's "Open now": published petitions still collecting signatures, closing soonest first. */
export async function openPetitions(
  ctx: AppContext,
  { t, locale }: PageView,
): Promise<OpenNowSection | null> {
  const rows = await ctx.db.kysely
    .selectFrom("petitions")
    .selectAll()
    .where("status", "=", "collecting")
    .where("published_at", "is not", null)
    .where("signing_closes_at", ">", ctx.clock.now().toISOString())
    .orderBy("signing_closes_at")
    .orderBy("id")
    .limit(SHOWN)
    .execute();
  if (rows.length === 0) return null;
  return {
    key: "petitions",
    heading: t("petitions.open_now.heading"),
    items: rows.map(asPublished).map((p) => ({
      title: p.title,
      ...(p.language !== locale ? { lang: p.language } : {}),
      href: `/petitions/${encodeURIComponent(p.number)}`,
      when: t("petitions.open_now.closes", { date: day(p.signing_closes_at as string, locale) }),
    })),
    all: { href: "/petitions?status=collecting", label: t("petitions.open_now.all") },
  };
}
