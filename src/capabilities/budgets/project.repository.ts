import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.js";
import type {
  BudgetProjectNewsTable,
  BudgetProjectStagesTable,
  BudgetProjectsTable,
} from "./budgets.table.js";
import { inOrder } from "./project-status.js";

type Db = Kysely<Database> | Transaction<Database>;

export type ProjectRow = BudgetProjectsTable;
export type StageRow = BudgetProjectStagesTable;
export type NewsRow = BudgetProjectNewsTable;

/** A project in a list: its row with the cycle's titles and its territory's names. */
export interface ListedProject extends ProjectRow {
  cycle_year: number;
  cycle_title_kk: string;
  cycle_title_ru: string;
  cycle_title_en: string | null;
  territory_kk: string | null;
  territory_ru: string | null;
  territory_en: string | null;
}

/** What a list of projects may be narrowed to (each optional). */
export interface ProjectFilter {
  cycleId?: string | undefined;
  territory?: string | undefined;
  category?: string | undefined;
  status?: string | undefined;
  agencyIds?: string[] | undefined;
}

/** One project, or undefined. */
export function findProject(db: Db, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom("budget_projects").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Projects with their cycle and territory names, newest cycle first, then by title. */
export async function listProjects(db: Db, f: ProjectFilter = {}): Promise<ListedProject[]> {
  let q = db
    .selectFrom("budget_projects as p")
    .innerJoin("budget_cycles as c", "c.id", "p.cycle_id")
    .leftJoin("budget_territories as tr", (j) =>
      j.onRef("tr.cycle_id", "=", "p.cycle_id").onRef("tr.code", "=", "p.territory_code"),
    )
    .selectAll("p")
    .select([
      "c.year as cycle_year",
      "c.title_kk as cycle_title_kk",
      "c.title_ru as cycle_title_ru",
      "c.title_en as cycle_title_en",
      "tr.name_kk as territory_kk",
      "tr.name_ru as territory_ru",
      "tr.name_en as territory_en",
    ]);
  if (f.cycleId) q = q.where("p.cycle_id", "=", f.cycleId);
  if (f.territory) q = q.where("p.territory_code", "=", f.territory);
  if (f.category) q = q.where("p.category", "=", f.category);
  if (f.status) q = q.where("p.status", "=", f.status);
  if (f.agencyIds) {
    if (f.agencyIds.length === 0) return [];
    q = q.where("p.agency_id", "in", f.agencyIds);
  }
  return (await q
    .orderBy("c.year", "desc")
    .orderBy("p.title")
    .orderBy("p.id")
    .limit(500)
    .execute()) as ListedProject[];
}

/** The stages of these projects, by project, in their fixed order. */
export async function stagesOf(db: Db, ids: string[]): Promise<Map<string, StageRow[]>> {
  const out = new Map<string, StageRow[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("budget_project_stages")
    .selectAll()
    .where("project_id", "in", ids)
    .execute();
  for (const id of ids) out.set(id, inOrder(rows.filter((r) => r.project_id === id)));
  return out;
}

/** A project's news, newest first. */
export function newsOf(db: Db, projectId: string): Promise<NewsRow[]> {
  return db
    .selectFrom("budget_project_news")
    .selectAll()
    .where("project_id", "=", projectId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** Whether this person follows the project. */
export async function isFollowing(db: Db, projectId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("budget_followers")
    .select("account_id")
    .where("project_id", "=", projectId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The accounts following a project. */
export async function followersOf(db: Db, projectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("budget_followers")
    .select("account_id")
    .where("project_id", "=", projectId)
    .execute();
  return rows.map((r) => r.account_id);
}

/** The cycles that have projects (for the list's filter), newest first. */
export function cyclesWithProjects(db: Db) {
  return db
    .selectFrom("budget_cycles as c")
    .select(["c.id", "c.year", "c.title_kk", "c.title_ru", "c.title_en", "c.agency_id"])
    .where((eb) =>
      eb.exists(
        eb.selectFrom("budget_projects as p").select("p.id").whereRef("p.cycle_id", "=", "c.id"),
      ),
    )
    .orderBy("c.year", "desc")
    .orderBy("c.id")
    .execute();
}

/** The territories of the cycles that have projects (code and names, each code once). */
export async function projectTerritories(db: Db, cycleId?: string) {
  let q = db
    .selectFrom("budget_territories as tr")
    .select(["tr.code", "tr.name_kk", "tr.name_ru", "tr.name_en"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("budget_projects as p")
          .select("p.id")
          .whereRef("p.cycle_id", "=", "tr.cycle_id")
          .whereRef("p.territory_code", "=", "tr.code"),
      ),
    );
  if (cycleId) q = q.where("tr.cycle_id", "=", cycleId);
  const rows = await q.orderBy("tr.code").execute();
  const seen = new Set<string>();
  return rows.filter((r) => {
    if (seen.has(r.code)) return false;
    seen.add(r.code);
    return true;
  });
}

/** A cycle's body and titles, or undefined. */
export function cycleOf(db: Db, id: string) {
  return db
    .selectFrom("budget_cycles")
    .select(["id", "agency_id", "year", "title_kk", "title_ru", "title_en"])
    .where("id", "=", id)
    .executeTakeFirst();
}
