import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.js";
import { BUDGET_ID, type CycleRow, type ProposalRow, type TerritoryRow } from "./budget.js";

type Db = Kysely<Database> | Transaction<Database>;

/** A cycle by id (any phase; a malformed id finds nothing without a query). */
export async function findCycle(db: Db, id: string): Promise<CycleRow | undefined> {
  if (!BUDGET_ID.test(id)) return undefined;
  return db.selectFrom("budget_cycles").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The territories taking part in a cycle, in code order. */
export function territoriesOf(db: Db, cycleId: string): Promise<TerritoryRow[]> {
  return db
    .selectFrom("budget_territories")
    .selectAll()
    .where("cycle_id", "=", cycleId)
    .orderBy("code")
    .execute();
}

/** A proposal of a cycle by id. */
export async function findProposal(
  db: Db,
  cycleId: string,
  id: string,
): Promise<ProposalRow | undefined> {
  if (!BUDGET_ID.test(id)) return undefined;
  return db
    .selectFrom("budget_proposals")
    .selectAll()
    .where("id", "=", id)
    .where("cycle_id", "=", cycleId)
    .executeTakeFirst();
}

/** A proposal by its support link's token. */
export async function proposalByToken(db: Db, token: string): Promise<ProposalRow | undefined> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
  return db
    .selectFrom("budget_proposals")
    .selectAll()
    .where("support_token", "=", token)
    .executeTakeFirst();
}

export interface ProposalFilter {
  territory?: string | undefined;
  category?: string | undefined;
  status?: string | undefined;
}

/** The public proposals of a cycle (never drafts), by number. */
export function publicProposals(
  db: Db,
  cycleId: string,
  f: ProposalFilter = {},
): Promise<ProposalRow[]> {
  let q = db
    .selectFrom("budget_proposals")
    .selectAll()
    .where("cycle_id", "=", cycleId)
    .where("status", "!=", "draft");
  if (f.territory) q = q.where("territory_code", "=", f.territory);
  if (f.category) q = q.where("category", "=", f.category);
  if (f.status) q = q.where("status", "=", f.status);
  return q.orderBy("number").orderBy("id").limit(1000).execute();
}

/** A person's own proposals (drafts too), newest first. */
export function proposalsByAuthor(db: Db, accountId: string, limit = 50): Promise<ProposalRow[]> {
  return db
    .selectFrom("budget_proposals")
    .selectAll()
    .where("author_id", "=", accountId)
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Short words that say nothing about what a proposal is ("на", "и", "the" …). */
const STOP = new Set([
  "на",
  "в",
  "во",
  "и",
  "по",
  "для",
  "с",
  "со",
  "у",
  "к",
  "от",
  "до",
  "из",
  "за",
  "о",
  "об",
  "және",
  "мен",
  "пен",
  "бен",
  "үшін",
  "the",
  "and",
  "of",
  "for",
  "in",
  "on",
  "at",
  "a",
  "an",
]);

/** The words of a title that count for similarity: lower case, letters and digits, 3+ long. */
export function titleWords(title: string): Set<string> {
  return new Set(
    title
      .toLocaleLowerCase("ru")
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 3 && !STOP.has(w)),
  );
}

/**
 * Proposals of the same cycle and territory that may be about the same thing, shown before
 * submitting: public ones (not drafts, not this one) of the same category, or sharing at least
 * one word of three letters or more in the title (case ignored). Those sharing more words come
 * first, then by number; at most ten.
 */
export async function similarProposals(
  db: Db,
  p: Pick<ProposalRow, "id" | "cycle_id" | "territory_code" | "category" | "title">,
): Promise<ProposalRow[]> {
  const rows = await db
    .selectFrom("budget_proposals")
    .selectAll()
    .where("cycle_id", "=", p.cycle_id)
    .where("territory_code", "=", p.territory_code)
    .where("status", "!=", "draft")
    .where("id", "!=", p.id)
    .limit(2000)
    .execute();
  const mine = titleWords(p.title);
  return rows
    .map((r) => ({ r, common: [...titleWords(r.title)].filter((w) => mine.has(w)).length }))
    .filter((x) => x.common > 0 || x.r.category === p.category)
    .sort((a, b) => b.common - a.common || (a.r.number ?? 0) - (b.r.number ?? 0))
    .slice(0, 10)
    .map((x) => x.r);
}
