import type { Locale, Translate } from "../../kernel/i18n.js";
import type { FieldIssue } from "../../kernel/result.js";
import { ErrorSummary } from "./error-summary.js";
import { Form } from "./fields.js";
import { TextArea } from "./form-fields.js";

/**
 * The confirmation step before an action that cannot be undone from the page (resetting a
 * second factor, disabling an account, revoking a key): what it is done to, what will happen,
 * and the reason (required), which the action records. Posting the form takes the action.
 */
export function ConfirmAction(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  action: string;
  /** What the action is done to, e.g. a person's name. */
  caption: string;
  title: string;
  /** What will happen, one sentence each. */
  consequences: string[];
  reasonLabel: string;
  reasonHint: string;
  reason: string;
  reasonMax: number;
  submit: string;
  cancel: { href: string; label: string };
  issues: FieldIssue[];
}) {
  const { t } = p;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary t={t} issues={p.issues} />
        <span class="govuk-caption-l">{p.caption}</span>
        <h1 class="govuk-heading-l">{p.title}</h1>
        <ul class="govuk-list govuk-list--bullet">
          {p.consequences.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <Form action={p.action} csrf={p.csrf}>
          <TextArea
            t={t}
            id="reason"
            label={p.reasonLabel}
            hint={p.reasonHint}
            issues={p.issues}
            value={p.reason}
            rows={3}
            maxLength={p.reasonMax}
            locale={p.locale}
            labelSize="m"
          />
          <div class="govuk-button-group">
            <button
              type="submit"
              class="govuk-button govuk-button--warning"
              data-prevent-double-click="true"
            >
              {p.submit}
            </button>
            <a class="govuk-link" href={p.cancel.href}>
              {p.cancel.label}
            </a>
          </div>
        </Form>
      </div>
    </div>
  );
}
