import type { Translate } from "../../../../kernel/i18n.js";
import type { Principal } from "../../../../kernel/permissions.js";
import { type InboxParams, inboxHref } from "./inbox-query.js";

/**
 * Whose appeals the inbox shows by default: an executor who neither registers nor heads in the
 * body opens on those assigned to them (nearest term first); registrars and heads on the body's.
 */
export function defaultScope(principal: Principal, agencyId: string): "mine" | "all" {
  const holds = (role: string) =>
    principal.grants.some(
      (g) => g.role === role && (g.agencyId === agencyId || g.agencyId === null),
    );
  return holds("executor") && !holds("registrar") && !holds("head") ? "mine" : "all";
}

/** Whether appeals may be assigned to this person in the body (executors and heads). */
export function mayBeAssigned(principal: Principal, agencyId: string): boolean {
  return principal.grants.some(
    (g) => (g.role === "executor" || g.role === "head") && g.agencyId === agencyId,
  );
}

/** The switch between "assigned to me" and all of the body's appeals: two links, the current one marked. */
export function InboxScope({
  t,
  params,
  scope,
}: {
  t: Translate;
  params: InboxParams;
  scope: "mine" | "all";
}) {
  const item = (s: "mine" | "all") => {
    const label = t(`appeals.staff.inbox_scope.${s}`);
    return (
      <li key={s}>
        {s === scope ? (
          <a class="govuk-link" href={inboxHref({ ...params, scope: s }, 1)} aria-current="page">
            <strong>{label}</strong>
          </a>
        ) : (
          <a class="govuk-link" href={inboxHref({ ...params, scope: s, executor: "" }, 1)}>
            {label}
          </a>
        )}
      </li>
    );
  };
  return (
    <nav aria-label={t("appeals.staff.inbox_scope.label")} class="halyq-inbox-scope">
      <ul class="govuk-list halyq-inline-list">
        {item("mine")}
        {item("all")}
      </ul>
    </nav>
  );
}
