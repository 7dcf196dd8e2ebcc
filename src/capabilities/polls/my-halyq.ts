import type { Principal } from "../../kernel/permissions.js";
import type { AppContext, MyHalyqSection, PageView } from "../../platform/manifest.js";
import { voterKey, voterOf } from "./commands/cast-ballot.js";
import { phaseOf, pick, titles } from "./poll.js";
import { formatTime } from "./web/public-view.js";

/** The polls looked at: the latest closing ones (a person's votes are found poll by poll). */
const LOOKED_AT = 200;
const SHOWN = 10;

/**
 * The polls a citizen has voted in, for "My Halyq": only that they voted, never how. Voters are
 * kept as a keyed hash per poll, so the person's key is made for each recent poll and looked up.
 */
export async function myVotes(
  ctx: AppContext,
  principal: Principal,
  { t, locale }: PageView,
): Promise<MyHalyqSection | null> {
  if (principal.kind !== "citizen") return null;
  const db = ctx.db.kysely;
  const polls = await db
    .selectFrom("polls")
    .selectAll()
    .where("status", "!=", "draft")
    .orderBy("closes_at", "desc")
    .orderBy("id")
    .limit(LOOKED_AT)
    .execute();
  if (polls.length === 0) return null;
  const { iin } = await voterOf(ctx, principal);
  const keys = new Map(polls.map((p) => [voterKey(ctx, p.id, principal.accountId, iin), p]));
  const voted = await db
    .selectFrom("poll_voters")
    .select(["poll_id", "voter_key"])
    .where(
      "poll_id",
      "in",
      polls.map((p) => p.id),
    )
    .where("voter_key", "in", [...keys.keys()])
    .execute();
  const mine = new Set(
    voted.filter((v) => keys.get(v.voter_key)?.id === v.poll_id).map((v) => v.poll_id),
  );
  if (mine.size === 0) return null;
  const now = ctx.clock.now();
  return {
    key: "polls",
    heading: t("polls.my_halyq.heading"),
    actions: [],
    items: polls
      .filter((p) => mine.has(p.id))
      .slice(0, SHOWN)
      .map((p) => {
        const title = pick(titles(p), locale);
        const phase = phaseOf(p, now);
        return {
          title: title.text,
          ...(title.lang !== locale ? { lang: title.lang } : {}),
          href: `/polls/${p.id}`,
          status: `${t("polls.my_halyq.voted")} · ${t(`polls.phase.${phase}`)}`,
          ...(phase === "open"
            ? { next: t("polls.open_now.closes", { date: formatTime(p.closes_at, locale) }) }
            : {}),
        };
      }),
    empty: t("polls.my_halyq.none"),
  };
}
