import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit, systemActor } from "../../../kernel/audit/audit.js";
import { translator } from "../../../kernel/i18n.js";
import { enqueueMail } from "../../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../../platform/manifest.js";
import { mailContacts } from "../../identity/index.js";
import {
  type CycleRow,
  countTerritory,
  STAGES,
  type TerritoryResult,
  type VotingRule,
} from "../budget.js";
import { candidatesOf, territoriesOf } from "./ballot.js";

/**
 * How long after the vote closes the results are counted: a batch of ballots taken just before
 * the close may still be committing (as polls' publication grace).
 */
export const RESULTS_GRACE_MS = 60_000;

/** The stored ballots of one territory of a cycle, each a list of proposal ids. */
export async function ballotsOf(
  db: Kysely<Database>,
  cycleId: string,
  territory: string,
): Promise<string[][]> {
  const rows = await db
    .selectFrom("budget_ballots")
    .select("choices")
    .where("cycle_id", "=", cycleId)
    .where("territory_code", "=", territory)
    .execute();
  return rows.map((r) => {
    try {
      const v = JSON.parse(r.choices) as unknown;
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
    } catch {
      return [];
    }
  });
}

/** Counts every territory of a cycle from its stored ballots, by `countTerritory`. */
export async function countCycle(
  db: Kysely<Database>,
  cycle: Pick<CycleRow, "id" | "rule" | "min_votes">,
): Promise<TerritoryResult[]> {
  const [territories, candidates] = await Promise.all([
    territoriesOf(db, cycle.id),
    candidatesOf(db, cycle.id),
  ]);
  const out: TerritoryResult[] = [];
  for (const t of territories) {
    const ballots = await ballotsOf(db, cycle.id, t.code);
    out.push(
      countTerritory(
        cycle.rule as VotingRule,
        Number(cycle.min_votes),
        Number(t.amount),
        t.code,
        candidates,
        ballots,
      ),
    );
  }
  return out;
}

/** The count as published on the proposals and territories (null before publication). */
export async function publishedCount(
  db: Kysely<Database>,
  cycleId: string,
): Promise<TerritoryResult[] | null> {
  const cycle = await db
    .selectFrom("budget_cycles")
    .select("results_published_at")
    .where("id", "=", cycleId)
    .executeTakeFirst();
  if (!cycle?.results_published_at) return null;
  const [territories, proposals] = await Promise.all([
    territoriesOf(db, cycleId),
    db
      .selectFrom("budget_proposals")
      .select(["id", "territory_code", "votes", "rank", "winner", "council_cost", "cost_estimate"])
      .where("cycle_id", "=", cycleId)
      .where("status", "=", "admitted")
      .orderBy("rank")
      .execute(),
  ]);
  return territories.map((t) => {
    const mine = proposals.filter((p) => p.territory_code === t.code);
    const allocated = mine
      .filter((p) => Number(p.winner) === 1)
      .reduce((s, p) => s + Number(p.council_cost ?? p.cost_estimate), 0);
    return {
      territory: t.code,
      amount: Number(t.amount),
      ballots: Number(t.voters_count ?? 0),
      allocated,
      projects: mine.map((p) => ({
        id: p.id,
        votes: Number(p.votes ?? 0),
        rank: Number(p.rank ?? 0),
        winner: Number(p.winner) === 1,
      })),
    };
  });
}

/** The differences between two counts of a cycle, as lines of text (none when equal). */
export function differences(published: TerritoryResult[], recount: TerritoryResult[]): string[] {
  const out: string[] = [];
  const byCode = new Map(published.map((t) => [t.territory, t]));
  for (const r of recount) {
    const p = byCode.get(r.territory);
    if (!p) {
      out.push(`${r.territory}: not published`);
      continue;
    }
    if (p.ballots !== r.ballots)
      out.push(`${r.territory}: ballots published ${p.ballots}, recounted ${r.ballots}`);
    const pp = new Map(p.projects.map((x) => [x.id, x]));
    for (const x of r.projects) {
      const y = pp.get(x.id);
      if (!y) out.push(`${r.territory} ${x.id}: not published`);
      else if (y.votes !== x.votes || y.rank !== x.rank || y.winner !== x.winner)
        out.push(
          `${r.territory} ${x.id}: published ${y.votes} votes, rank ${y.rank}, ${y.winner ? "won" : "not won"}; recounted ${x.votes}, rank ${x.rank}, ${x.winner ? "won" : "not won"}`,
        );
    }
  }
  return out;
}

/**
 * Publishes a cycle's results in the caller's transaction (the phase job's, once its
 * conditional update has won): counts each territory from the stored ballots, writes votes,
 * rank and winner on the admitted proposals and the turnout on the territories and the cycle,
 * makes one project (with its four stages) per winner, audits it, and mails the winners'
 * authors. Returns false when the results were already published.
 */
export async function publishResults(
  trx: Kysely<Database>,
  ctx: AppContext,
  cycle: CycleRow,
  now: Date,
): Promise<boolean> {
  const iso = now.toISOString();
  const mark = await trx
    .updateTable("budget_cycles")
    .set({ results_published_at: iso, updated_at: iso })
    .where("id", "=", cycle.id)
    .where("results_published_at", "is", null)
    .executeTakeFirst();
  if (Number(mark.numUpdatedRows) !== 1) return false;
  const results = await countCycle(trx, cycle);
  const voters = await trx
    .selectFrom("budget_voters")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("cycle_id", "=", cycle.id)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("budget_cycles")
    .set({ voters_count: Number(voters.n) })
    .where("id", "=", cycle.id)
    .execute();
  const winners: string[] = [];
  for (const r of results) {
    await trx
      .updateTable("budget_territories")
      .set({ voters_count: r.ballots })
      .where("cycle_id", "=", cycle.id)
      .where("code", "=", r.territory)
      .execute();
    for (const p of r.projects) {
      await trx
        .updateTable("budget_proposals")
        .set({ votes: p.votes, rank: p.rank, winner: p.winner ? 1 : 0, updated_at: iso })
        .where("id", "=", p.id)
        .execute();
      if (p.winner) winners.push(p.id);
    }
  }
  const audit = [];
  const authors: { authorId: string; title: string; proposalId: string }[] = [];
  for (const id of winners) {
    const p = await trx
      .selectFrom("budget_proposals")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const projectId = randomUUID();
    await trx
      .insertInto("budget_projects")
      .values({
        id: projectId,
        cycle_id: cycle.id,
        proposal_id: p.id,
        agency_id: cycle.agency_id,
        territory_code: p.territory_code,
        category: p.category,
        title: p.title,
        language: p.language,
        address: p.address,
        lat: p.lat,
        lng: p.lng,
        status: "planned",
        contractor: null,
        amount_allocated: Number(p.council_cost ?? p.cost_estimate),
        amount_contracted: null,
        amount_spent: null,
        percent: 0,
        created_at: iso,
        updated_at: iso,
      })
      .execute();
    await trx
      .insertInto("budget_project_stages")
      .values(
        STAGES.map((stage) => ({
          project_id: projectId,
          stage,
          planned_start: null,
          planned_end: null,
          actual_start: null,
          actual_end: null,
          updated_at: iso,
        })),
      )
      .execute();
    audit.push({
      actor: systemActor("budgets"),
      action: "budget.project.created",
      subjectType: "budget_project",
      subjectId: projectId,
      data: {
        cycleId: cycle.id,
        proposalId: p.id,
        amount: Number(p.council_cost ?? p.cost_estimate),
      },
    });
    authors.push({ authorId: p.author_id, title: p.title, proposalId: p.id });
  }
  audit.unshift({
    actor: systemActor("budgets"),
    action: "budget.results.published",
    subjectType: "budget_cycle",
    subjectId: cycle.id,
    data: {
      voters: Number(voters.n),
      territories: results.map((r) => ({
        code: r.territory,
        ballots: r.ballots,
        allocated: r.allocated,
        winners: r.projects.filter((p) => p.winner).map((p) => p.id),
      })),
    },
  });
  await appendAudit(trx, ctx.clock, audit);
  const contacts = await mailContacts(
    trx,
    authors.map((a) => a.authorId),
  );
  for (const a of authors) {
    const c = contacts.get(a.authorId);
    if (!c?.notifyEmail) continue;
    const t = translator(ctx.catalogues, c.language);
    const link = `${ctx.config.publicUrl}/budgets/${cycle.id}/results`;
    await enqueueMail(trx, ctx.clock, {
      to: c.email,
      subject: t("budgets.results.mail.subject", { title: a.title }),
      text: `${t("budgets.results.mail.body", { title: a.title })}\n\n${link}`,
    });
  }
  return true;
}

/** A recount of a cycle from its stored ballots, set against what is published. */
export interface Recount {
  published: TerritoryResult[] | null;
  recount: TerritoryResult[];
  differences: string[];
}

/** Recounts a cycle with the same function the job used; undefined for an unknown cycle. */
export async function recountCycle(
  db: Kysely<Database>,
  cycleId: string,
): Promise<Recount | undefined> {
  const cycle = await db
    .selectFrom("budget_cycles")
    .select(["id", "rule", "min_votes"])
    .where("id", "=", cycleId)
    .executeTakeFirst();
  if (!cycle) return undefined;
  const [published, recount] = await Promise.all([
    publishedCount(db, cycleId),
    countCycle(db, cycle),
  ]);
  return {
    published,
    recount,
    differences: published ? differences(published, recount) : ["results not published"],
  };
}
