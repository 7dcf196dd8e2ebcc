import type { Translate } from "../../kernel/i18n.js";
import type { FieldIssue } from "../../kernel/result.js";

/**
 * GOV.UK error summary: shown above a form, each problem linking to its field. `fieldIds`
 * maps a field name to the id of the input to focus (e.g. a date's day input).
 */
export function ErrorSummary({
  t,
  issues,
  fieldIds = {},
}: {
  t: Translate;
  issues: FieldIssue[];
  fieldIds?: Record<string, string>;
}) {
  if (issues.length === 0) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{t("forms.error_summary_title")}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {issues.map((i) => (
              <li key={`${i.field}-${i.key}`}>
                <a href={`#${fieldIds[i.field] ?? i.field}`}>{t(i.key, i.params)}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** The message for one field, or null when the field is fine. */
export function FieldError({
  t,
  issues,
  field,
  id,
}: {
  t: Translate;
  issues: FieldIssue[];
  field: string;
  id: string;
}) {
  const issue = issues.find((i) => i.field === field);
  if (!issue) return null;
  return (
    <p id={id} class="govuk-error-message">
      <span class="govuk-visually-hidden">{t("forms.error_prefix")}</span>{" "}
      {t(issue.key, issue.params)}
    </p>
  );
}
