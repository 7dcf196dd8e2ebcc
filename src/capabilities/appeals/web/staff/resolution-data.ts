import type { Locale } from "../../../../kernel/i18n.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { departmentsOf, inLocale, staffDirectory } from "../../../identity/index.js";
import type { AppealRow } from "../../appeal.repository.js";
import { resolutionsOf } from "../../resolutions.js";
import { personNames } from "./scope.js";

/** A resolution as the case page shows it: people named, dates as recorded. */
export interface ResolutionView {
  author: string;
  executor: string;
  coExecutors: string[];
  coExecutorIds: string[];
  controlOn: string | null;
  instruction: string | null;
  createdAt: string;
}

/** The people an appeal may be assigned to, by department (those without one last). */
export interface DepartmentGroup {
  department: string | null;
  people: { id: string; name: string; position: string | null }[];
}

/** What the case page needs about resolutions: the one in force, how many went before, the staff. */
export interface ResolutionData {
  current: ResolutionView | null;
  superseded: number;
  staff: DepartmentGroup[];
}

/** Reads the appeal's resolutions and the body's executors grouped by department. */
export async function loadResolutionData(
  ctx: AppContext,
  row: AppealRow,
  locale: Locale,
): Promise<ResolutionData> {
  const db = ctx.db.kysely;
  const [resolutions, directory, departments] = await Promise.all([
    resolutionsOf(db, row.id),
    staffDirectory(db, row.agency_id, ["executor", "head"], locale),
    departmentsOf(db, row.agency_id),
  ]);
  const current = resolutions.find((r) => r.supersededAt === null) ?? null;
  const names = await personNames(
    db,
    current ? [current.authorId, current.executorId, ...current.coExecutorIds] : [],
  );
  const groups: DepartmentGroup[] = departments.map((d) => ({
    department: inLocale(d.names, locale),
    people: directory
      .filter((p) => p.departmentId === d.id)
      .map((p) => ({ id: p.id, name: p.name, position: p.position })),
  }));
  const loose = directory.filter(
    (p) => p.departmentId === null || !departments.some((d) => d.id === p.departmentId),
  );
  if (loose.length > 0) {
    groups.push({
      department: null,
      people: loose.map((p) => ({ id: p.id, name: p.name, position: p.position })),
    });
  }
  const name = (id: string) => names.get(id) ?? "";
  return {
    current: current
      ? {
          author: name(current.authorId),
          executor: name(current.executorId),
          coExecutors: current.coExecutorIds.map(name),
          coExecutorIds: current.coExecutorIds,
          controlOn: current.controlOn,
          instruction: current.instruction,
          createdAt: current.createdAt,
        }
      : null,
    superseded: resolutions.filter((r) => r.supersededAt !== null).length,
    staff: groups.filter((g) => g.people.length > 0),
  };
}
