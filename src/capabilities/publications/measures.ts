import { periodBounds } from "../../kernel/time/period.js";
import type { AppContext, Measure } from "../../platform/manifest.js";
import { jurisdictionOf } from "../agencies/index.js";
import type { Freshness } from "./publication.js";
import { staleBefore } from "./publication.js";
import { publicationSettings } from "./settings.js";

/**
 * How each standard section of a body's information stood at `until`: its last approval or
 * withdrawal before that instant decides (from the history, so a past period is measured as
 * it was, not as it is now).
 */
export async function freshnessAt(
  ctx: AppContext,
  agencyId: string,
  until: Date,
): Promise<{ section: string; freshness: Freshness; updatedAt: string | null }[]> {
  const settings = await publicationSettings(ctx);
  const untilIso = until.toISOString();
  const cutoff = staleBefore(until, settings.staleMonths);
  const rows = await ctx.db.kysely
    .selectFrom("publication_versions")
    .select(["section", "action", "at"])
    .where("agency_id", "=", agencyId)
    .where("kind", "=", "information")
    .where("at", "<=", untilIso)
    .orderBy("at")
    // At the same instant a withdrawal comes after the approval it withdraws.
    .orderBy("action")
    .orderBy("id")
    .execute();
  const last = new Map<string, { action: string; at: string }>();
  for (const r of rows) if (r.section) last.set(r.section, { action: r.action, at: r.at });
  return settings.sections.map((section) => {
    const l = last.get(section);
    if (l?.action !== "published") return { section, freshness: "missing", updatedAt: null };
    return { section, freshness: l.at >= cutoff ? "fresh" : "stale", updatedAt: l.at };
  });
}

/**
 * One body's publications in a period (dates in the body's zone, inclusive). Freshness is taken at the end
 * of the period (or now, if sooner): the share of the configured standard sections whose
 * page was updated within the configured number of months, and the counts of fresh, stale
 * and missing sections. Also the news items first published, and information pages updated,
 * in the period.
 */
export async function publicationMeasures(
  ctx: AppContext,
  agencyId: string,
  period: { from: string; to: string },
): Promise<Measure[]> {
  const db = ctx.db.kysely;
  const zone = ctx.calendars.forJurisdiction(await jurisdictionOf(db, agencyId)).rules.timeZone;
  const now = ctx.clock.now();
  const { start: from, end: toExclusive } = periodBounds(period, zone, now);
  // Freshness as it stood at the period's last instant (or now).
  const until = new Date(Math.min(Date.parse(toExclusive) - 1, now.getTime()));
  const [sections, news, updates] = await Promise.all([
    freshnessAt(ctx, agencyId, until),
    db
      .selectFrom("publications")
      .where("agency_id", "=", agencyId)
      .where("kind", "=", "news")
      .where("published_at", ">=", from)
      .where("published_at", "<", toExclusive)
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("publication_versions")
      .where("agency_id", "=", agencyId)
      .where("kind", "=", "information")
      .where("action", "=", "published")
      .where("at", ">=", from)
      .where("at", "<", toExclusive)
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const count = (f: Freshness) => sections.filter((s) => s.freshness === f).length;
  const fresh = count("fresh");
  return [
    {
      name: "publications.information_fresh_share",
      value: sections.length > 0 ? fresh / sections.length : null,
      unit: "share",
    },
    { name: "publications.information_sections", value: sections.length, unit: "count" },
    { name: "publications.information_fresh", value: fresh, unit: "count" },
    { name: "publications.information_stale", value: count("stale"), unit: "count" },
    { name: "publications.information_missing", value: count("missing"), unit: "count" },
    { name: "publications.news_published", value: Number(news.n), unit: "count" },
    { name: "publications.information_updates", value: Number(updates.n), unit: "count" },
  ];
}
