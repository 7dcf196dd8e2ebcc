import { compare } from "../../../../kernel/calendar/index.js";
import type { Locale, Translate } from "../../../../kernel/i18n.js";
import { formatDate, formatDatePhrase } from "../../../../web/format.js";
import type { NearestTerm } from "../../nearest-term.js";
import { Tag } from "./components.js";

/**
 * The inbox's "nearest term" cell: what is to be done by when («Направить по компетенции до
 * 10 декабря 2026 г.»), red when the term has passed, yellow when it ends within `soon`, and
 * the registration day under it.
 */
export function NearestTermCell({
  t,
  locale,
  term,
  soon,
  registeredOn,
}: {
  t: Translate;
  locale: Locale;
  term: NearestTerm | null;
  soon: string;
  registeredOn: string;
}) {
  return (
    <>
      {term ? (
        <>
          {t(`appeals.staff.nearest.phrase.${term.kind}`, {
            by: formatDatePhrase(term.on, locale, "until"),
          })}{" "}
          {term.overdue ? (
            <Tag colour="red">{t("appeals.staff.due.overdue")}</Tag>
          ) : compare(term.on, soon) <= 0 ? (
            <Tag colour="yellow">{t("appeals.staff.due.soon")}</Tag>
          ) : null}
        </>
      ) : (
        t("appeals.staff.nearest.none")
      )}
      <br />
      <span class="govuk-hint govuk-!-margin-bottom-0">
        {t("appeals.staff.field.registered")}: {formatDate(registeredOn, locale, "medium")}
      </span>
    </>
  );
}
