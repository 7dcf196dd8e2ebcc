import { LOCALE_NAMES, type Locale, type Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { attachmentSettings } from "../../../../platform/files/settings.js";
import { FieldError } from "../../../../web/components/error-summary.js";
import { Radios, Select } from "../../../../web/components/kit.js";
import { CSRF_FIELD } from "../../../../web/csrf-plugin.js";
import { formatTime } from "../../../../web/format.js";
import { OUTCOMES } from "../../appeal.js";
import { fileSize, MEDIA_LABELS } from "../citizen/shared.js";
import type { CaseData } from "./case-data.js";
import { TextareaField } from "./components.js";
import { type FormBody, hasIssue, one } from "./form.js";

/** The id of the answer form's file input (where the error summary sends the reader). */
export const ANSWER_FORM_FILE = "answer-file";

/**
 * The answer in one multipart form: outcome, legal basis, text and language, a response
 * template to insert, the files already attached (each with a box to remove it) and new files
 * to add, with two buttons: save the draft and stay, or send it for approval. Every submit
 * saves what was typed first, so the page that comes back shows it all; with JavaScript the
 * text is also saved as it is typed (assets/halyq.js, `data-autosave`).
 */
export function AnswerForm(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  data: CaseData;
  issues: FieldIssue[];
  /** What was just posted, when the page comes back with errors. */
  body: FormBody | undefined;
}) {
  const { t, locale, data, issues } = p;
  const { row } = data;
  const draft = data.answerDraft;
  const number = encodeURIComponent(row.number);
  const value = (name: "outcome" | "basis" | "text" | "language", fallback: string | null) =>
    p.body ? one(p.body, name) : ((draft ? draft[name] : fallback) ?? "");
  const f = (name: string) => ({ t, issues, name, id: `answer-${name}` });
  const languages = [...new Set(["kk", row.language])] as Locale[];
  const files = data.attachments.filter((a) => a.purpose === "answer");
  const { maxFiles, maxBytes } = attachmentSettings;
  const fileError = hasIssue(issues, "file");
  const removing = new Set(p.body ? [p.body.remove ?? []].flat() : []);
  const savedAt = draft ? formatTime(draft.saved_at, locale, data.profile.timeZone) : null;
  return (
    <form
      method="post"
      action={`/office/appeals/${number}/answer`}
      enctype="multipart/form-data"
      novalidate
      data-autosave={`/office/appeals/${number}/answer-draft`}
    >
      <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
      <p
        class="govuk-body-s"
        id="answer-saved"
        role="status"
        data-saved-text={t("appeals.staff.answer_form.saved_at", { time: "{time}" })}
      >
        {savedAt ? t("appeals.staff.answer_form.saved_at", { time: savedAt }) : ""}
      </p>
      <Radios
        {...f("outcome")}
        legend={t("appeals.staff.action.answer.outcome")}
        value={value("outcome", row.answer_outcome)}
        items={OUTCOMES.map((o) => ({ value: o, label: t(`appeals.outcome.${o}`) }))}
        small={false}
      />
      <TextareaField
        {...f("basis")}
        label={t("appeals.staff.action.answer.basis")}
        hint={t("appeals.staff.action.answer.basis_hint")}
        value={value("basis", row.answer_basis)}
        rows={2}
        maxLength={2000}
      />
      {data.answerTemplates.length > 0 ? (
        <div class="govuk-!-margin-bottom-6">
          <Select
            {...f("template")}
            label={t("appeals.staff.answer_form.template")}
            hint={t("appeals.staff.answer_form.template_hint")}
            value={p.body ? one(p.body, "template") : ""}
            items={[
              { value: "", label: t("appeals.staff.choose") },
              ...data.answerTemplates.map((x) => ({ value: x.id, label: x.title })),
            ]}
          />
          <button
            type="submit"
            name="intent"
            value="insert"
            class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          >
            {t("appeals.staff.answer_form.insert")}
          </button>
        </div>
      ) : null}
      <TextareaField
        {...f("text")}
        label={t("appeals.staff.action.answer.text")}
        hint={t("appeals.staff.action.answer.text_hint")}
        value={value("text", row.answer_text)}
        rows={10}
        maxLength={20000}
      />
      <Radios
        {...f("language")}
        legend={t("appeals.staff.action.answer.language")}
        hint={t("appeals.staff.action.answer.language_hint")}
        value={value("language", row.answer_language ?? row.language)}
        small
        items={languages.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))}
      />
      <h3 class="govuk-heading-s" id="answer-files-title">
        {t("appeals.staff.answer_files.title")}
      </h3>
      <p class="govuk-body">{t("appeals.staff.answer_files.lead")}</p>
      {files.length === 0 ? (
        <p class="govuk-body">{t("appeals.staff.answer_files.none")}</p>
      ) : (
        <fieldset class="govuk-fieldset" aria-describedby="answer-remove-hint">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
            {t("appeals.staff.answer_form.attached")}
          </legend>
          <div id="answer-remove-hint" class="govuk-hint">
            {t("appeals.staff.answer_form.remove_hint")}
          </div>
          <ul class="govuk-list">
            {files.map((x) => (
              <li key={x.id}>
                <a
                  class="govuk-link"
                  href={`/appeals/${number}/attachments/${encodeURIComponent(x.id)}`}
                >
                  {x.fileName}
                </a>{" "}
                <span class="govuk-body-s">
                  ({MEDIA_LABELS[x.mediaType] ?? x.mediaType}, {fileSize(x.size, t)})
                </span>
                <div
                  class="govuk-checkboxes govuk-checkboxes--small"
                  data-module="govuk-checkboxes"
                >
                  <div class="govuk-checkboxes__item">
                    <input
                      class="govuk-checkboxes__input"
                      id={`answer-remove-${x.id}`}
                      name="remove"
                      type="checkbox"
                      value={x.id}
                      checked={removing.has(x.id)}
                    />
                    <label
                      class="govuk-label govuk-checkboxes__label"
                      for={`answer-remove-${x.id}`}
                    >
                      {t("appeals.staff.answer_files.remove")}
                      <span class="govuk-visually-hidden"> {x.fileName}</span>
                    </label>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {files.length >= maxFiles ? (
        <p class="govuk-body">{t("appeals.staff.answer_files.full", { max: maxFiles })}</p>
      ) : (
        <div class={`govuk-form-group${fileError ? " govuk-form-group--error" : ""}`}>
          <label class="govuk-label govuk-label--s" for={ANSWER_FORM_FILE}>
            {t("appeals.staff.answer_form.add_files")}
          </label>
          <div id={`${ANSWER_FORM_FILE}-hint`} class="govuk-hint">
            {t("appeals.staff.answer_form.files_hint", {
              max: maxFiles,
              size: Math.round(maxBytes / (1024 * 1024)),
            })}
          </div>
          <FieldError t={t} issues={issues} field="file" id={`${ANSWER_FORM_FILE}-error`} />
          <input
            class={`govuk-file-upload${fileError ? " govuk-file-upload--error" : ""}`}
            id={ANSWER_FORM_FILE}
            name="file"
            type="file"
            multiple
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            aria-describedby={`${ANSWER_FORM_FILE}-hint${fileError ? ` ${ANSWER_FORM_FILE}-error` : ""}`}
          />
        </div>
      )}
      <div class="govuk-button-group">
        <button
          type="submit"
          name="intent"
          value="save"
          class="govuk-button govuk-button--secondary"
        >
          {t("appeals.staff.answer_form.save")}
        </button>
        <button
          type="submit"
          name="intent"
          value="send"
          class="govuk-button"
          data-prevent-double-click="true"
        >
          {t("appeals.staff.action.answer.submit")}
        </button>
      </div>
    </form>
  );
}
