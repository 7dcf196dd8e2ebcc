import { isPlainDate } from "../../../kernel/calendar/index.js";
import type { Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { FieldError } from "../../../web/components/error-summary.js";

/**
 * The start and end of a period as date inputs: the browser offers its date picker in the
 * reader's language and sends `YYYY-MM-DD`; a browser without one shows a text box that takes
 * the same. A date that is not real comes back empty, with the error beside it.
 */
export function PeriodDateFields({
  t,
  issues,
  values,
}: {
  t: Translate;
  issues: FieldIssue[];
  values: { from: string; to: string };
}) {
  return (
    <div class="govuk-grid-row">
      {(["from", "to"] as const).map((field) => {
        const issue = issues.find((i) => i.field === field);
        const value = values[field].trim();
        return (
          <div class="govuk-grid-column-one-quarter" key={field}>
            <div class={`govuk-form-group${issue ? " govuk-form-group--error" : ""}`}>
              <label class="govuk-label" for={field}>
                {t(`statistics.participation.${field}`)}
              </label>
              <FieldError t={t} issues={issues} field={field} id={`${field}-error`} />
              <input
                class={`govuk-input govuk-input--width-10${issue ? " govuk-input--error" : ""}`}
                id={field}
                name={field}
                type="date"
                value={isPlainDate(value) ? value : undefined}
                {...(issue ? { "aria-describedby": `${field}-error` } : {})}
              />
            </div>
          </div>
        );
      })}
    </div>
  );
}
