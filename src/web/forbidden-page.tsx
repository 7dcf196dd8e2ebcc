import type { Translate } from "../kernel/i18n.js";
import type { Principal } from "../kernel/permissions.js";
import type { NavigationItem } from "../platform/manifest.js";

/**
 * The page a person sees where they may not go: who may use it (the roles its navigation link
 * names, when it has one), why this person may not, and how to get access. The error's code
 * is not shown, only kept in an attribute for support and tests.
 */
export function ForbiddenPage({
  t,
  item,
  principal,
}: {
  t: Translate;
  /** The navigation link of the section the page belongs to, if any. */
  item: NavigationItem | undefined;
  principal: Principal | null;
}) {
  const roles = item?.roles ?? [];
  return (
    <div class="govuk-grid-row" data-error-code="FORBIDDEN">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">{t("forbidden.title")}</h1>
        {roles.length > 0 ? (
          <>
            <p class="govuk-body">{t("forbidden.for_roles")}</p>
            <ul class="govuk-list govuk-list--bullet">
              {roles.map((r) => (
                <li key={r}>{t(`role.${r}`)}</li>
              ))}
            </ul>
          </>
        ) : (
          <p class="govuk-body">{t("forbidden.for_some")}</p>
        )}
        {principal?.kind === "citizen" ? (
          <p class="govuk-body">{t("forbidden.citizen")}</p>
        ) : principal ? (
          <p class="govuk-body">{t("forbidden.staff")}</p>
        ) : null}
        <h2 class="govuk-heading-m">{t("forbidden.how_heading")}</h2>
        <p class="govuk-body">{t("forbidden.how")}</p>
        <ul class="govuk-list">
          {principal ? (
            <li>
              <a class="govuk-link" href="/account">
                {t("forbidden.account_link")}
              </a>
            </li>
          ) : null}
          <li>
            <a class="govuk-link" href="/">
              {t("error_page.home_link")}
            </a>
          </li>
        </ul>
      </div>
    </div>
  );
}
