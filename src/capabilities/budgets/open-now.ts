import { dateIn } from "../../kernel/format/index.js";
import type { AppContext, OpenNowSection, PageView } from "../../platform/manifest.js";
import { formatDate } from "../../web/format.js";
import { type CycleRow, phaseAt } from "./budget.js";
import { zoneOf } from "./commands/cycles.js";
import { listPublicCycles } from "./cycle.repository.js";
import { titleOf } from "./web/cycle-views.js";

/** How many cycles the home page names; the rest are a link away. */
const SHOWN = 3;

/** The home page's "Open now": cycles accepting proposals or voting, closing soonest first. */
export async function openBudgets(
  ctx: AppContext,
  { t, locale }: PageView,
): Promise<OpenNowSection | null> {
  const now = ctx.clock.now();
  const db = ctx.db.kysely;
  const [proposals, voting] = await Promise.all([
    listPublicCycles(db, { now: now.toISOString(), phase: "proposals", limit: 10 }),
    listPublicCycles(db, { now: now.toISOString(), phase: "voting", limit: 10 }),
  ]);
  const open = [
    ...proposals.map((c) => ({ c, kind: "proposals" as const, closes: c.review_at })),
    ...voting.map((c) => ({ c, kind: "voting" as const, closes: c.results_at })),
  ]
    .sort((a, b) => a.closes.localeCompare(b.closes))
    .slice(0, SHOWN);
  if (open.length === 0) return null;
  const items = await Promise.all(
    open.map(async ({ c, kind, closes }) => {
      const zone = await zoneOf(ctx, c.agency_id);
      // The phase ends when the next begins: its last day is the day before.
      const lastDay = dateIn(new Date(Date.parse(closes) - 1), zone);
      const title = titleOf(c, locale);
      return {
        title: title.text,
        ...(title.lang !== locale ? { lang: title.lang } : {}),
        href: kind === "voting" ? `/budgets/${c.id}/vote` : `/budgets/${c.id}`,
        when: t(`budgets.cycles.open_now.${kind}`, { date: formatDate(lastDay, locale, "long") }),
      };
    }),
  );
  return {
    key: "budgets",
    heading: t("budgets.cycles.open_now.heading"),
    items,
    all: { href: "/budgets", label: t("budgets.cycles.open_now.all") },
  };
}

/**
 * A sample of every kind of public page of the capability, with the demo's (or the newest)
 * ids: the list, a cycle, its proposals, an admitted and a refused proposal, the ballot, the
 * results, the projects and one project's page.
 */
export async function publicBudgetPaths(ctx: AppContext): Promise<string[]> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const cycles = await listPublicCycles(db, { now: now.toISOString(), limit: 20 });
  const paths = ["/budgets"];
  const voting = cycles.find((c) => phaseAt(c, now) === "voting");
  const built = cycles.find((c) => c.results_published_at !== null);
  for (const c of [voting, built].filter((x): x is CycleRow => !!x))
    paths.push(`/budgets/${c.id}`, `/budgets/${c.id}/proposals`);
  const sample = voting ?? built ?? cycles[0];
  if (sample && !voting && !built) paths.push(`/budgets/${sample.id}`);
  if (voting) {
    paths.push(`/budgets/${voting.id}/vote`);
    for (const status of ["admitted", "rejected"]) {
      const p = await db
        .selectFrom("budget_proposals")
        .select("id")
        .where("cycle_id", "=", voting.id)
        .where("status", "=", status)
        .orderBy("number")
        .executeTakeFirst();
      if (p) paths.push(`/budgets/${voting.id}/proposals/${p.id}`);
    }
  }
  if (built) {
    paths.push(`/budgets/${built.id}/results`, `/budgets/${built.id}/projects`);
    const project = await db
      .selectFrom("budget_projects")
      .select("id")
      .where("cycle_id", "=", built.id)
      .orderBy("created_at")
      .orderBy("id")
      .executeTakeFirst();
    if (project) paths.push(`/budgets/projects/${project.id}`);
  }
  return paths;
}
