import type { Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { attachmentSettings } from "../../../../platform/files/settings.js";
import { SubmitButton } from "../../../../web/components/fields.js";
import { CSRF_FIELD } from "../../../../web/csrf-plugin.js";
import { fileSize, MEDIA_LABELS } from "../citizen/shared.js";
import type { CaseData } from "./case-data.js";

/** The id of the answer's file input, where the error summary sends the reader. */
export const ANSWER_FILE_INPUT = "answer-file";

/**
 * The body's files for its answer while the answer can still change: each with a button to
 * remove it, then a one-file upload form (multipart, so it works without scripts).
 */
export function AnswerFiles(p: {
  t: Translate;
  csrf: string;
  data: CaseData;
  issues: FieldIssue[];
}) {
  const { t, data } = p;
  const number = encodeURIComponent(data.row.number);
  const files = data.attachments.filter((a) => a.purpose === "answer");
  const { maxFiles, maxBytes } = attachmentSettings;
  const error = p.issues.filter((i) => i.field === "file");
  return (
    <section aria-labelledby="answer-files-title" id="answer-files">
      <h3 class="govuk-heading-s" id="answer-files-title">
        {t("appeals.staff.answer_files.title")}
      </h3>
      <p class="govuk-body">{t("appeals.staff.answer_files.lead")}</p>
      {files.length === 0 ? (
        <p class="govuk-body">{t("appeals.staff.answer_files.none")}</p>
      ) : (
        <ul class="govuk-list">
          {files.map((f) => (
            <li key={f.id}>
              <a
                class="govuk-link"
                href={`/appeals/${number}/attachments/${encodeURIComponent(f.id)}`}
              >
                {f.fileName}
              </a>{" "}
              <span class="govuk-body-s">
                ({MEDIA_LABELS[f.mediaType] ?? f.mediaType}, {fileSize(f.size, t)})
              </span>
              <form
                method="post"
                action={`/office/appeals/${number}/answer-files/${encodeURIComponent(f.id)}/remove`}
              >
                <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
                <button
                  type="submit"
                  class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
                >
                  {t("appeals.staff.answer_files.remove")}
                  <span class="govuk-visually-hidden"> {f.fileName}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {files.length >= maxFiles ? (
        <p class="govuk-body">{t("appeals.staff.answer_files.full", { max: maxFiles })}</p>
      ) : (
        <form
          method="post"
          action={`/office/appeals/${number}/answer-files`}
          enctype="multipart/form-data"
          novalidate
        >
          <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
          <div class={`govuk-form-group${error.length > 0 ? " govuk-form-group--error" : ""}`}>
            <label class="govuk-label govuk-label--s" for={ANSWER_FILE_INPUT}>
              {t("appeals.staff.answer_files.upload_label")}
            </label>
            <div id={`${ANSWER_FILE_INPUT}-hint`} class="govuk-hint">
              {t("appeals.staff.answer_files.hint", {
                max: maxFiles,
                size: Math.round(maxBytes / (1024 * 1024)),
              })}
            </div>
            {error.length > 0 ? (
              <p id={`${ANSWER_FILE_INPUT}-error`} class="govuk-error-message">
                <span class="govuk-visually-hidden">{t("forms.error_prefix")}</span>{" "}
                {error.map((i) => t(i.key, i.params)).join(" ")}
              </p>
            ) : null}
            <input
              class={`govuk-file-upload${error.length > 0 ? " govuk-file-upload--error" : ""}`}
              id={ANSWER_FILE_INPUT}
              name="file"
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              aria-describedby={`${ANSWER_FILE_INPUT}-hint${error.length > 0 ? ` ${ANSWER_FILE_INPUT}-error` : ""}`}
            />
          </div>
          <SubmitButton secondary>{t("appeals.staff.answer_files.upload")}</SubmitButton>
        </form>
      )}
    </section>
  );
}
