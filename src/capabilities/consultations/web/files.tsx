import type { Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { attachmentSettings } from "../../../platform/files/settings.js";
import { SubmitButton } from "../../../web/components/fields.js";
import { CSRF_FIELD } from "../../../web/csrf-plugin.js";
import type { ConsultationFileRow } from "../files/files.repository.js";
import { FILE_FIELD } from "../files/uploads.js";

const MEDIA_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
};

/** "1.5 MB" or "12 KB", in the reader's language. */
export function fileSize(t: Translate, bytes: number): string {
  return bytes >= 1024 * 1024
    ? t("consultations.files.size_mb", { n: Math.round((bytes / 1048576) * 10) / 10 })
    : t("consultations.files.size_kb", { n: Math.max(1, Math.round(bytes / 1024)) });
}

/** Where a file of a draft is downloaded from (public, like the draft). */
export const fileUrl = (consultationId: string, fileId: string) =>
  `/consultations/${consultationId}/files/${fileId}`;

/** The files of a version: a download link each, with its type and size. */
export function FileLinks({
  t,
  consultationId,
  files,
  remove,
}: {
  t: Translate;
  consultationId: string;
  files: ConsultationFileRow[];
  /** Set on the office page while files may be removed: a button after each. */
  remove?: { csrf: string };
}) {
  return (
    <ul class="govuk-list">
      {files.map((f) => (
        <li key={f.id}>
          <a class="govuk-link" href={fileUrl(consultationId, f.id)} download>
            {f.file_name}
          </a>{" "}
          <span class="govuk-body-s">
            ({MEDIA_LABELS[f.media_type] ?? f.media_type}, {fileSize(t, Number(f.size))})
          </span>
          {remove ? (
            <form
              method="post"
              action={`/office/consultations/${consultationId}/files/${f.id}/remove`}
            >
              <input type="hidden" name={CSRF_FIELD} value={remove.csrf} />
              <button
                type="submit"
                class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
              >
                {t("consultations.files.remove")}
                <span class="govuk-visually-hidden"> {f.file_name}</span>
              </button>
            </form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The file input of an upload form, with its hint (types, limits) and error. */
export function FileInput({
  t,
  id = FILE_FIELD,
  issues,
  label,
}: {
  t: Translate;
  id?: string;
  issues: FieldIssue[];
  label: string;
}) {
  const error = issues.find((i) => i.field === FILE_FIELD);
  const { maxFiles, maxBytes } = attachmentSettings;
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--s" for={id}>
        {label}
      </label>
      <div id={`${id}-hint`} class="govuk-hint">
        {t("consultations.files.hint", { max: maxFiles, size: Math.round(maxBytes / 1048576) })}
      </div>
      {error ? (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{t("forms.error_prefix")}</span>{" "}
          {t(error.key, error.params)}
        </p>
      ) : null}
      <input
        class={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`}
        id={id}
        name={FILE_FIELD}
        type="file"
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
    </div>
  );
}

/** The id of the office page's upload input (the error summary links to it). */
export const OFFICE_FILE_INPUT = "draft-file";

/**
 * The files section of the office page of a draft: the list, and while the window is open
 * (and the person may manage the draft) a remove button on each and a one-file upload form.
 */
export function OfficeFiles(p: {
  t: Translate;
  csrf: string;
  consultationId: string;
  files: ConsultationFileRow[];
  editable: boolean;
  /** The person manages the draft but its window is not open: say why nothing can change. */
  locked: boolean;
  issues: FieldIssue[];
}) {
  const { t } = p;
  const full = p.files.length >= attachmentSettings.maxFiles;
  return (
    <section id="files" aria-labelledby="files-title">
      <h2 class="govuk-heading-m" id="files-title">
        {t("consultations.files.title")}
      </h2>
      {p.files.length === 0 ? (
        <p class="govuk-body">{t("consultations.files.none")}</p>
      ) : (
        <FileLinks
          t={t}
          consultationId={p.consultationId}
          files={p.files}
          {...(p.editable ? { remove: { csrf: p.csrf } } : {})}
        />
      )}
      {p.editable && full ? (
        <p class="govuk-body">
          {t("consultations.files.full", { max: attachmentSettings.maxFiles })}
        </p>
      ) : null}
      {p.editable && !full ? (
        <form
          method="post"
          action={`/office/consultations/${p.consultationId}/files`}
          enctype="multipart/form-data"
          novalidate
        >
          <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
          <FileInput
            t={t}
            id={OFFICE_FILE_INPUT}
            issues={p.issues}
            label={t("consultations.files.add_label")}
          />
          <SubmitButton secondary>{t("consultations.files.add")}</SubmitButton>
        </form>
      ) : null}
      {p.locked ? <p class="govuk-body-s">{t("consultations.files.locked")}</p> : null}
    </section>
  );
}
