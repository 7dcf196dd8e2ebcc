import { randomUUID } from "node:crypto";
import type { TestApp } from "../support/app.js";

type StageDates = {
  planned_start?: string | null;
  planned_end?: string | null;
  actual_start?: string | null;
  actual_end?: string | null;
};

/**
 * Publishes a cycle's results as the close would: the ballots counted in the cycle and in each
 * territory, and each proposal's votes, place and whether it won.
 */
export async function publishResults(
  t: TestApp,
  cycleId: string,
  o: {
    voters: Record<string, number>;
    proposals: { id: string; votes: number; rank: number; winner: boolean }[];
  },
): Promise<void> {
  const db = t.ctx.db.kysely;
  const total = Object.values(o.voters).reduce((s, n) => s + n, 0);
  await db
    .updateTable("budget_cycles")
    .set({ voters_count: total, results_published_at: t.clock.now().toISOString() })
    .where("id", "=", cycleId)
    .execute();
  for (const [code, n] of Object.entries(o.voters))
    await db
      .updateTable("budget_territories")
      .set({ voters_count: n })
      .where("cycle_id", "=", cycleId)
      .where("code", "=", code)
      .execute();
  await setVotes(t, o.proposals);
}

/** Writes proposals' votes, places and winners (as if counted), published or not. */
export async function setVotes(
  t: TestApp,
  proposals: { id: string; votes: number; rank: number; winner: boolean }[],
): Promise<void> {
  for (const p of proposals)
    await t.ctx.db.kysely
      .updateTable("budget_proposals")
      .set({ votes: p.votes, rank: p.rank, winner: p.winner ? 1 : 0 })
      .where("id", "=", p.id)
      .execute();
}

/** A winner's project with its money and stages, written straight into the tables. */
export async function makeProject(
  t: TestApp,
  cycleId: string,
  proposalId: string,
  o: {
    agencyId?: string;
    territory: string;
    title?: string;
    status?: "planned" | "in_progress" | "completed";
    contractor?: string | null;
    allocated: number;
    contracted?: number | null;
    spent?: number | null;
    percent?: number;
    stages?: Partial<Record<"procurement" | "contract" | "works" | "acceptance", StageDates>>;
  },
): Promise<string> {
  const id = randomUUID();
  const iso = t.clock.now().toISOString();
  const db = t.ctx.db.kysely;
  await db
    .insertInto("budget_projects")
    .values({
      id,
      cycle_id: cycleId,
      proposal_id: proposalId,
      agency_id: o.agencyId ?? "ag-baikonur-akimat",
      territory_code: o.territory,
      category: "playgrounds_sports",
      title: o.title ?? "Детская площадка",
      language: "ru",
      address: "Астана, ул. Кенесары, 40",
      lat: 51.1605,
      lng: 71.4704,
      status: o.status ?? "in_progress",
      contractor: o.contractor === undefined ? "ТОО «Құрылыс»" : o.contractor,
      amount_allocated: o.allocated,
      amount_contracted: o.contracted ?? null,
      amount_spent: o.spent ?? null,
      percent: o.percent ?? 0,
      created_at: iso,
      updated_at: iso,
    })
    .execute();
  for (const [stage, d] of Object.entries(o.stages ?? {}))
    await db
      .insertInto("budget_project_stages")
      .values({
        project_id: id,
        stage,
        planned_start: d.planned_start ?? null,
        planned_end: d.planned_end ?? null,
        actual_start: d.actual_start ?? null,
        actual_end: d.actual_end ?? null,
        updated_at: iso,
      })
      .execute();
  return id;
}
