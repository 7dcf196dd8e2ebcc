import type { Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { InteractionPrompt } from "../../../platform/manifest.js";
import { FieldError } from "../../../web/components/error-summary.js";
import { Form } from "../../../web/components/fields.js";
import { isContext, localPath, SURVEY_ANSWERS, type SurveyContext } from "../survey.js";

/**
 * The portal survey's one optional question, for a capability to place after a finished
 * interaction (a slip, an answer, a signature, a ballot). It posts to `/survey` with the
 * context and a local path to come back to; nothing else about the person is sent.
 */
export function SurveyPrompt({
  t,
  csrf,
  context,
  returnTo,
  issues = [],
}: {
  t: Translate;
  csrf: string;
  context: SurveyContext;
  /** Where to offer the way back after answering; a path on this site (anything else: "/"). */
  returnTo?: string;
  issues?: FieldIssue[];
}) {
  const id = `survey-${context}`;
  const error = issues.some((i) => i.field === "answer");
  return (
    <section
      class="govuk-!-margin-top-6 govuk-!-display-none-print"
      aria-labelledby={`${id}-title`}
    >
      <h2 class="govuk-heading-m" id={`${id}-title`}>
        {t("survey.prompt.title")}
      </h2>
      <Form action="/survey" csrf={csrf}>
        <input type="hidden" name="context" value={context} />
        <input type="hidden" name="return" value={localPath(returnTo)} />
        <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
          <fieldset
            class="govuk-fieldset"
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          >
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
              {t("survey.question")}
            </legend>
            <div id={`${id}-hint`} class="govuk-hint">
              {t("survey.prompt.hint")}
            </div>
            <FieldError t={t} issues={issues} field="answer" id={`${id}-error`} />
            <div class="govuk-radios govuk-radios--small">
              {SURVEY_ANSWERS.map((a) => (
                <div key={a} class="govuk-radios__item">
                  <input
                    class="govuk-radios__input"
                    id={`${id}-${a}`}
                    name="answer"
                    type="radio"
                    value={a}
                  />
                  <label class="govuk-label govuk-radios__label" for={`${id}-${a}`}>
                    {t(`survey.answer.${a}`)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <button
          type="submit"
          class="govuk-button govuk-button--secondary"
          data-prevent-double-click="true"
        >
          {t("survey.prompt.submit")}
        </button>
      </Form>
    </section>
  );
}

/**
 * The survey's slot after an interaction: its question, for the interactions it asks about
 * (its contexts); nothing after any other.
 */
export function surveyAfterInteraction(p: InteractionPrompt) {
  if (!isContext(p.interaction)) return null;
  return <SurveyPrompt t={p.t} csrf={p.csrf} context={p.interaction} returnTo={p.returnTo} />;
}
