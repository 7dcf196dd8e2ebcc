import type { Principal } from "../../../../kernel/permissions.js";
import type { InboxFilter } from "../../appeal.repository.js";
import type { InboxStage } from "../../tasks/stages.js";
import type { InboxParams } from "./inbox-query.js";
import { defaultScope, mayBeAssigned } from "./inbox-scope.js";
import { dueFilter, type termContext } from "./inbox-terms.js";

/**
 * The inbox's filters for a person as the database takes them (no page): the inbox and the
 * register export read the same rows for the same query string.
 */
export function inboxFilter(
  principal: Principal,
  agencyId: string,
  params: InboxParams,
  terms: ReturnType<typeof termContext>,
  /** May read applicants' personal data: if not, a search never matches an applicant's name. */
  personal: boolean,
  /** Whose appeals "mine" means today: the person and those they substitute for (actingFor). */
  actingFor: readonly string[],
): { filter: InboxFilter; mineOnly: boolean; stage: InboxStage } {
  const scope = params.scope || defaultScope(principal, agencyId);
  const mineOnly = scope === "mine" && mayBeAssigned(principal, agencyId);
  // Closed appeals are one tab away; a chosen status shows every stage.
  const stage: InboxStage = params.stage || (params.status ? "all" : "open");
  const filter: InboxFilter = {
    today: terms.today,
    stage,
    sort: params.sort,
    ...(mineOnly ? { openFirst: true } : {}),
    ...(params.status ? { status: params.status } : {}),
    ...(params.kind ? { kind: params.kind } : {}),
    ...(params.channel ? { channel: params.channel } : {}),
    ...(mineOnly
      ? { executorIds: actingFor }
      : params.executor
        ? { executorId: params.executor }
        : {}),
    ...dueFilter(params.due, terms),
    ...(params.q ? { q: params.q } : {}),
    ...(personal ? {} : { subjectOnly: true }),
  };
  return { filter, mineOnly, stage };
}
