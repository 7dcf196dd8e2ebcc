import { addDays, toPlainDate } from "../../kernel/calendar/index.js";
import type { Principal } from "../../kernel/permissions.js";
import type {
  AppContext,
  MyHalyqAction,
  MyHalyqSection,
  PageView,
} from "../../platform/manifest.js";
import { formatEventTime } from "../../web/format-time.js";
import { pick, titles } from "./meeting.js";

/** How many registrations "My Halyq" lists, latest meeting first. */
const SHOWN = 10;

/**
 * A citizen's registrations for hearings and meetings (not cancelled), each with its place on
 * the list and the meeting's time; as an action, a confirmed place at a meeting today or tomorrow.
 */
export async function myRegistrations(
  ctx: AppContext,
  principal: Principal,
  { t, locale }: PageView,
): Promise<MyHalyqSection | null> {
  if (principal.kind !== "citizen") return null;
  const rows = await ctx.db.kysely
    .selectFrom("meeting_registrations as r")
    .innerJoin("meetings as m", "m.id", "r.meeting_id")
    .selectAll("m")
    .select(["r.status as registration_status"])
    .where("r.account_id", "=", principal.accountId)
    .where("r.status", "!=", "cancelled")
    .orderBy("m.starts_at", "desc")
    .orderBy("m.id")
    .limit(SHOWN)
    .execute();
  if (rows.length === 0) return null;
  const now = ctx.clock.now();
  const actions: MyHalyqAction[] = [];
  const items = rows.map((m) => {
    const title = pick(titles(m), locale);
    const upcoming = m.ends_at > now.toISOString();
    const href = `/meetings/${m.id}`;
    const today = toPlainDate(now, m.time_zone);
    const day = toPlainDate(new Date(m.starts_at), m.time_zone);
    if (m.registration_status === "confirmed" && upcoming && day <= addDays(today, 1))
      actions.push({
        text: t(day <= today ? "meetings.my_halyq.today" : "meetings.my_halyq.tomorrow", {
          title: title.text,
        }),
        href,
        when: formatEventTime(m, locale),
        dueAt: m.starts_at,
      });
    return {
      title: title.text,
      ...(title.lang !== locale ? { lang: title.lang } : {}),
      href,
      status: t(`meetings.my_halyq.status.${m.registration_status}`),
      ...(upcoming ? { next: formatEventTime(m, locale) } : {}),
    };
  });
  return {
    key: "meetings",
    heading: t("meetings.my_halyq.heading"),
    actions,
    items,
    empty: t("meetings.my_halyq.none"),
  };
}
