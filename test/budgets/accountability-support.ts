import { randomUUID } from "node:crypto";
import type { TestApp } from "../support/app.js";
import {
  BAIKONUR,
  BAIKONUR_TERRITORY,
  makeCycle,
  makeProposal,
  resident,
  YESIL_AKIMAT,
  YESIL_TERRITORY,
} from "./support.js";

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

export const AUTHOR = {
  email: "aigerim.zhumabekova@example.kz",
  surname: "Жумабекова",
  given: "Айгерим",
};

/**
 * Baikonur akimat's cycle in implementation with published results (two territories, winners
 * on time, late and completed), its draft cycle, and Yesil akimat's cycle still voting with
 * counts written but not published. All proposals by one named author.
 */
export async function accountabilityScene(t: TestApp) {
  const author = await resident(t, { email: AUTHOR.email });
  await t.ctx.db.kysely
    .updateTable("accounts")
    .set({ surname: AUTHOR.surname, given_name: AUTHOR.given })
    .where("id", "=", author.accountId)
    .execute();
  const by = { authorId: author.accountId };
  const cycle = await makeCycle(t, { phase: "implementation", year: 2025 });
  const p = (o: Parameters<typeof makeProposal>[2]) => makeProposal(t, cycle, o);
  const A = await p({ ...by, title: "Площадка во дворе", cost: 30_000_000 });
  const B = await p({ ...by, title: "Освещение сквера", cost: 20_000_000 });
  const C = await p({ ...by, title: "Арык на улице", cost: 60_000_000 });
  await p({ ...by, status: "rejected", reason: "not_public_land" });
  await p({ ...by, status: "rejected", reason: "over_amount" });
  await p({ ...by, status: "draft" });
  await p({ ...by, status: "collecting" });
  const H = await p({ ...by, territory: YESIL_TERRITORY, cost: 15_000_000 });
  const K = await p({ ...by, territory: YESIL_TERRITORY, cost: 10_000_000 });
  await p({ ...by, territory: YESIL_TERRITORY, status: "merged", reason: "duplicate" });
  await publishResults(t, cycle, {
    voters: { [BAIKONUR_TERRITORY]: 300, [YESIL_TERRITORY]: 150 },
    proposals: [
      { id: A, votes: 120, rank: 1, winner: true },
      { id: B, votes: 90, rank: 2, winner: true },
      { id: C, votes: 10, rank: 3, winner: false },
      { id: H, votes: 100, rank: 1, winner: true },
      { id: K, votes: 60, rank: 2, winner: true },
    ],
  });
  // A: procurement on time, the contract past its planned end with no actual end (late).
  await makeProject(t, cycle, A, {
    territory: BAIKONUR_TERRITORY,
    allocated: 30_000_000,
    contracted: 28_000_000,
    spent: 10_000_000,
    percent: 30,
    stages: {
      procurement: { planned_end: "2025-02-01", actual_end: "2025-01-30" },
      contract: { planned_end: "2025-03-01" },
    },
  });
  // B: every stage within its dates, accepted on 10 March.
  await makeProject(t, cycle, B, {
    territory: BAIKONUR_TERRITORY,
    status: "completed",
    allocated: 20_000_000,
    contracted: 19_000_000,
    spent: 19_000_000,
    percent: 100,
    stages: {
      procurement: { planned_end: "2025-01-20", actual_end: "2025-01-20" },
      works: { planned_end: "2025-03-01", actual_end: "2025-02-25" },
      acceptance: { planned_end: "2025-03-15", actual_end: "2025-03-10" },
    },
  });
  // H: works due on 1 April, not ended yet (on time on 19 March, late from 2 April).
  await makeProject(t, cycle, H, {
    territory: YESIL_TERRITORY,
    allocated: 15_000_000,
    contractor: null,
    stages: { works: { planned_end: "2025-04-01" } },
  });
  // K: works ended after their planned end (late).
  await makeProject(t, cycle, K, {
    territory: YESIL_TERRITORY,
    allocated: 10_000_000,
    contracted: 9_000_000,
    spent: 9_500_000,
    stages: { works: { planned_end: "2025-02-01", actual_end: "2025-02-10" } },
  });
  const draft = await makeCycle(t, { phase: "draft" });
  await makeProposal(t, draft, { ...by });

  const voting = await makeCycle(t, { phase: "voting", agencyId: YESIL_AKIMAT, year: 2026 });
  const V1 = await makeProposal(t, voting, { ...by, territory: YESIL_TERRITORY });
  const V2 = await makeProposal(t, voting, { ...by, territory: YESIL_TERRITORY });
  // Counts written but not published: nothing of them may show.
  await setVotes(t, [
    { id: V1, votes: 77, rank: 1, winner: true },
    { id: V2, votes: 33, rank: 2, winner: false },
  ]);
  return { author, cycle, draft, voting, BAIKONUR };
}
