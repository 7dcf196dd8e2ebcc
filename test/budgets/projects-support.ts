import { randomUUID } from "node:crypto";
import type { TestApp } from "../support/app.js";
import { BAIKONUR, BAIKONUR_TERRITORY, makeProposal } from "./support.js";

export interface StageDatesFixture {
  planned_start?: string | null;
  planned_end?: string | null;
  actual_start?: string | null;
  actual_end?: string | null;
}

/**
 * A winner in implementation written straight into the tables, as the results job leaves it:
 * its proposal (admitted, by `authorId`), the project row (planned, nothing spent) and its four
 * stages with the planned dates given (none unless told). Returns the project's id.
 */
export async function makeProject(
  t: TestApp,
  cycleId: string,
  o: {
    authorId: string;
    agencyId?: string;
    territory?: string;
    category?: string;
    title?: string;
    status?: "planned" | "in_progress" | "completed";
    lat?: number | null;
    lng?: number | null;
    stages?: Partial<
      Record<"procurement" | "contract" | "works" | "acceptance", StageDatesFixture>
    >;
  },
): Promise<string> {
  const territory = o.territory ?? BAIKONUR_TERRITORY;
  const category = o.category ?? "playgrounds_sports";
  const title = o.title ?? `Детская площадка ${randomUUID().slice(0, 6)}`;
  const proposalId = await makeProposal(t, cycleId, {
    authorId: o.authorId,
    territory,
    category,
    title,
  });
  const id = randomUUID();
  const iso = t.clock.now().toISOString();
  const db = t.ctx.db.kysely;
  await db
    .insertInto("budget_projects")
    .values({
      id,
      cycle_id: cycleId,
      proposal_id: proposalId,
      agency_id: o.agencyId ?? BAIKONUR,
      territory_code: territory,
      category,
      title,
      language: "ru",
      address: "Астана, ул. Кенесары, 40",
      lat: o.lat === undefined ? 51.1605 : o.lat,
      lng: o.lng === undefined ? 71.4704 : o.lng,
      status: o.status ?? "planned",
      contractor: null,
      amount_allocated: 20_000_000,
      amount_contracted: null,
      amount_spent: null,
      percent: 0,
      created_at: iso,
      updated_at: iso,
    })
    .execute();
  for (const stage of ["procurement", "contract", "works", "acceptance"] as const) {
    const s = o.stages?.[stage] ?? {};
    await db
      .insertInto("budget_project_stages")
      .values({
        project_id: id,
        stage,
        planned_start: s.planned_start ?? null,
        planned_end: s.planned_end ?? null,
        actual_start: s.actual_start ?? null,
        actual_end: s.actual_end ?? null,
        updated_at: iso,
      })
      .execute();
  }
  return id;
}

/** The form of the stages as the office page posts it, every field empty unless given. */
export function stagesForm(given: Partial<Record<string, string>> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const stage of ["procurement", "contract", "works", "acceptance"])
    for (const f of ["plannedStart", "plannedEnd", "actualStart", "actualEnd"])
      out[`${stage}-${f}`] = given[`${stage}-${f}`] ?? "";
  return out;
}

/** Gives an account a confirmed address that wants mail, in `language`. */
export async function wantsMail(t: TestApp, accountId: string, language: "kk" | "ru" | "en") {
  await t.ctx.db.kysely
    .updateTable("accounts")
    .set({
      email_confirmed_at: t.clock.now().toISOString(),
      notify_email: 1,
      language,
    })
    .where("id", "=", accountId)
    .execute();
}
