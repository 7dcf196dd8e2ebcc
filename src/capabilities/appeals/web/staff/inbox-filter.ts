import type { Principal } from "../../../../kernel/permissions.js";
import type { InboxFilter } from "../../appeal.repository.js";
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
): { filter: InboxFilter; mineOnly: boolean } {
  const scope = params.scope || defaultScope(principal, agencyId);
  const mineOnly = scope === "mine" && mayBeAssigned(principal, agencyId);
  const filter: InboxFilter = {
    today: terms.today,
    sort: params.sort,
    ...(mineOnly ? { openFirst: true } : {}),
    ...(params.status ? { status: params.status } : {}),
    ...(params.kind ? { kind: params.kind } : {}),
    ...(params.channel ? { channel: params.channel } : {}),
    ...(mineOnly
      ? { executorId: principal.accountId }
      : params.executor
        ? { executorId: params.executor }
        : {}),
    ...dueFilter(params.due, terms),
    ...(params.q ? { q: params.q } : {}),
    ...(personal ? {} : { subjectOnly: true }),
  };
  return { filter, mineOnly };
}
