import type { AppContext, OpenNowSection, PageView } from "../../platform/manifest.js";
import { formatEventTime } from "../../web/format-time.js";
import { pick, titles } from "./meeting.js";
import { listMeetings } from "./meeting.repository.js";

/** How many meetings the home page names; the rest are a link away. */
const SHOWN = 3;

/** The home page's "Open now": hearings and meetings not yet over, soonest first. */
export async function upcomingMeetings(
  ctx: AppContext,
  { t, locale }: PageView,
): Promise<OpenNowSection | null> {
  const rows = await listMeetings(ctx.db.kysely, {
    when: "upcoming",
    now: ctx.clock.now().toISOString(),
    limit: SHOWN,
  });
  if (rows.length === 0) return null;
  return {
    key: "meetings",
    heading: t("meetings.open_now.heading"),
    items: rows.map((m) => {
      const title = pick(titles(m), locale);
      return {
        title: title.text,
        ...(title.lang !== locale ? { lang: title.lang } : {}),
        href: `/meetings/${m.id}`,
        when: `${t(`meetings.kind.${m.kind}`)}: ${formatEventTime(m, locale)}`,
      };
    }),
    all: { href: "/meetings", label: t("meetings.open_now.all") },
  };
}
