import type { Translate } from "../../../../kernel/i18n.js";
import { type InboxParams, inboxHref } from "./inbox-query.js";

/** The current view's address as a download of the registration journal. */
export function registerHref(params: InboxParams, format: "xlsx" | "csv"): string {
  return inboxHref(params, 1).replace("/office/appeals", `/office/appeals/register.${format}`);
}

/** «Выгрузить журнал в Excel» and «…в CSV», carrying the inbox's current filters. */
export function RegisterExportLinks({ t, params }: { t: Translate; params: InboxParams }) {
  return (
    <div class="govuk-!-margin-bottom-4" id="register-export">
      <ul class="govuk-list halyq-inline-list govuk-!-margin-bottom-1">
        <li>
          <a class="govuk-link" href={registerHref(params, "xlsx")} download>
            {t("appeals.staff.register_export.xlsx")}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={registerHref(params, "csv")} download>
            {t("appeals.staff.register_export.csv")}
          </a>
        </li>
      </ul>
      <p class="govuk-hint govuk-!-margin-bottom-0">{t("appeals.staff.register_export.hint")}</p>
    </div>
  );
}
