import type { Translate } from "../../kernel/i18n.js";
import { CSRF_FIELD } from "../csrf-plugin.js";

/**
 * "Report to the moderator" under something a person wrote (a comment, a question): a small
 * form posting to the moderation queue, which knows the item by its kind and id and sends the
 * reporter back to `returnTo`.
 */
export function ReportButton(p: {
  t: Translate;
  csrf: string;
  kind: string;
  id: string;
  returnTo: string;
}) {
  return (
    <form method="post" action="/moderation/report" class="halyq-report">
      <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
      <input type="hidden" name="kind" value={p.kind} />
      <input type="hidden" name="id" value={p.id} />
      <input type="hidden" name="return" value={p.returnTo} />
      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2">
        {p.t("moderation.report.button")}
      </button>
    </form>
  );
}
