import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { SubmitButton } from "../../../web/components/fields.js";
import { FileUpload, Input } from "../../../web/components/form-fields.js";
import { SummaryList } from "../../../web/components/summary.js";
import { CSRF_FIELD } from "../../../web/csrf-plugin.js";
import { formatDateTime } from "../../../web/format.js";

/** One checked document, as the page shows it. */
export interface CheckedDocument {
  number: string;
  signature: "valid" | "invalid" | "unsigned";
  demo: boolean;
  bodyName: string;
  signerName: string;
  signerPosition: string;
  /** The language the letter (and so the position printed on it) is written in. */
  language: string;
  signedAt: string;
  /** The signer's body's time zone, for `signedAt`. */
  timeZone: string;
  /** The appeal it answers. */
  subjectRef: string;
  kind: string;
  certificate: { subject: string; serial: string } | null;
}

export interface VerifyPageProps {
  t: Translate;
  locale: Locale;
  csrf: string;
  timeZone: string;
  number: string;
  issues: FieldIssue[];
  /** The outcome of a check; undefined before any, null for a document this service did not issue. */
  result: CheckedDocument | null | undefined;
}

function Result({
  t,
  locale,
  timeZone,
  result,
}: Omit<VerifyPageProps, "csrf" | "number" | "issues">) {
  if (result === undefined) return null;
  if (result === null) {
    return (
      <div class="govuk-inset-text" role="status" id="verify-result">
        <h2 class="govuk-heading-m">{t("documents.verify.unknown_title")}</h2>
        <p class="govuk-body">{t("documents.verify.unknown_text")}</p>
      </div>
    );
  }
  const heading = t(`documents.verify.${result.signature}_title`);
  return (
    <div role="status" id="verify-result" data-signature={result.signature}>
      {result.signature === "valid" ? (
        <div class="govuk-panel govuk-panel--confirmation govuk-!-text-align-left">
          <h2 class="govuk-panel__title govuk-!-font-size-27">{heading}</h2>
          <div class="govuk-panel__body govuk-!-font-size-19">
            {t("documents.verify.valid_text", { number: result.number })}
          </div>
        </div>
      ) : (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">{t("documents.verify.warning")}</span>
            <h2 class="govuk-heading-m govuk-!-margin-bottom-1">{heading}</h2>
            <p class="govuk-body govuk-!-margin-bottom-0">
              {t(`documents.verify.${result.signature}_text`)}
            </p>
          </div>
        </div>
      )}
      {result.demo ? (
        <p class="govuk-body govuk-!-font-weight-bold">{t("documents.verify.demo")}</p>
      ) : null}
      <SummaryList
        rows={[
          { label: t("documents.verify.number"), value: result.number },
          { label: t("documents.verify.kind"), value: t(`documents.kind.${result.kind}`) },
          { label: t("documents.verify.appeal"), value: result.subjectRef },
          { label: t("documents.verify.body"), value: result.bodyName },
          { label: t("documents.verify.signer"), value: result.signerName },
          {
            label: t("documents.verify.position"),
            value:
              result.language === locale ? (
                result.signerPosition
              ) : (
                <span lang={result.language}>{result.signerPosition}</span>
              ),
          },
          {
            label: t(
              result.signature === "unsigned"
                ? "documents.verify.approved_at"
                : "documents.verify.signed_at",
            ),
            value: formatDateTime(result.signedAt, locale, timeZone),
          },
          ...(result.certificate
            ? [
                {
                  label: t("documents.verify.certificate"),
                  value: (
                    <>
                      {result.certificate.subject}
                      <br />
                      <span class="govuk-body-s">
                        {t("documents.verify.serial")}{" "}
                        <span class="halyq-code">{result.certificate.serial}</span>
                      </span>
                    </>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

/**
 * The public verification page: anyone holding a letter enters its outgoing number (the QR
 * code fills it in) or uploads the PDF, and reads who signed it, for which body, when, and
 * whether the signature holds. Both forms work without scripts.
 */
export function VerifyPage(p: VerifyPageProps) {
  const { t } = p;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary t={t} issues={p.issues} />
        <h1 class="govuk-heading-l">{t("documents.verify.title")}</h1>
        <p class="govuk-body">{t("documents.verify.lead")}</p>
        <Result t={t} locale={p.locale} timeZone={p.timeZone} result={p.result} />
        <form method="get" action="/verify" novalidate>
          <Input
            t={t}
            id="number"
            label={t("documents.verify.number_label")}
            hint={t("documents.verify.number_hint")}
            issues={p.issues}
            value={p.number}
            width="govuk-input--width-20"
            spellcheck={false}
            maxLength={80}
          />
          <SubmitButton>{t("documents.verify.check_number")}</SubmitButton>
        </form>
        <h2 class="govuk-heading-m">{t("documents.verify.upload_title")}</h2>
        <form method="post" action="/verify" enctype="multipart/form-data" novalidate>
          <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
          <FileUpload
            t={t}
            id="file"
            label={t("documents.verify.file_label")}
            hint={t("documents.verify.file_hint")}
            issues={p.issues}
            accept=".pdf,application/pdf"
          />
          <SubmitButton secondary>{t("documents.verify.check_file")}</SubmitButton>
        </form>
        <h2 class="govuk-heading-m">{t("documents.verify.openssl_title")}</h2>
        <p class="govuk-body">{t("documents.verify.openssl_text")}</p>
        <p class="govuk-body">
          <code class="halyq-code">
            openssl cms -verify -binary -inform DER -in letter.p7s -content letter.pdf -CAfile
            body-ca.pem -purpose any
          </code>
        </p>
      </div>
    </div>
  );
}
