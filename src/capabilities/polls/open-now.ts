import type { AppContext, OpenNowSection, PageView } from "../../platform/manifest.js";
import { pick, titles } from "./poll.js";
import { listPolls } from "./poll.repository.js";
import { formatTime } from "./web/public-view.js";

/** How many polls the home page names; the rest are a link away. */
const SHOWN = 3;

/** The home page's "Open now": polls and votes open for answers now, closing soonest first. */
export async function openPolls(
  ctx: AppContext,
  { t, locale }: PageView,
): Promise<OpenNowSection | null> {
  const now = ctx.clock.now().toISOString();
  const rows = (await listPolls(ctx.db.kysely, { when: "open", now, limit: 50 }))
    .filter((p) => p.opens_at <= now)
    .slice(0, SHOWN);
  if (rows.length === 0) return null;
  return {
    key: "polls",
    heading: t("polls.open_now.heading"),
    items: rows.map((p) => {
      const title = pick(titles(p), locale);
      return {
        title: title.text,
        ...(title.lang !== locale ? { lang: title.lang } : {}),
        href: `/polls/${p.id}`,
        when: t("polls.open_now.closes", { date: formatTime(p.closes_at, locale) }),
      };
    }),
    all: { href: "/polls", label: t("polls.open_now.all") },
  };
}
