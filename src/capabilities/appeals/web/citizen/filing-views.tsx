import type { Locale, Translate } from "../../../../kernel/i18n.js";
import { LOCALE_NAMES, LOCALES } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { attachmentSettings } from "../../../../platform/files/settings.js";
import { ErrorSummary } from "../../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../../web/components/fields.js";
import { Radios, Select, SummaryRow, TextArea } from "../../../../web/components/kit.js";
import { LocationPicker } from "../../../../web/components/map.js";
import { SuccessBanner } from "../../../../web/components/notices.js";
import { CSRF_FIELD } from "../../../../web/csrf-plugin.js";
import { APPEAL_KINDS, procedureOf } from "../../appeal.js";
import type { AppealRow } from "../../appeal.repository.js";
import type { DraftData } from "./draft.js";
import { Checkbox, CountedInput } from "./form-parts.js";
import { fileSize, MEDIA_LABELS, StatusTag } from "./shared.js";

export const MAX_SUBJECT = 200;
export const MAX_TEXT = 20_000;
export const MAX_ADDRESS = 300;

const base = (draftId: string) => `/appeals/new/${draftId}`;

function Heading({ t, children }: { t: Translate; children: string }) {
  return (
    <>
      <span class="govuk-caption-l">{t("appeals.citizen.new.caption")}</span>
      <h1 class="govuk-heading-l">{children}</h1>
    </>
  );
}

function BackLink({ href, t }: { href: string; t: Translate }) {
  return (
    <a href={href} class="govuk-back-link">
      {t("appeals.citizen.back")}
    </a>
  );
}

/** Step 1: what kind of appeal, and for whom. */
export function KindPage(p: {
  t: Translate;
  csrf: string;
  action: string;
  back: string;
  values: { kind: string; organisationId: string };
  organisations: { id: string; name: string; bin: string }[];
  issues: FieldIssue[];
}) {
  const { t } = p;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href={p.back} t={t} />
        <ErrorSummary t={t} issues={p.issues} />
        <span class="govuk-caption-l">{t("appeals.citizen.new.caption")}</span>
        <h1 class="govuk-heading-l">{t("appeals.citizen.new.kind_title")}</h1>
        <Form action={p.action} csrf={p.csrf}>
          <Radios
            t={t}
            id="kind"
            name="kind"
            legend={t("appeals.citizen.check.kind")}
            hint={t("appeals.citizen.new.kind_hint")}
            value={p.values.kind}
            issues={p.issues}
            items={APPEAL_KINDS.map((k) => ({
              value: k,
              label: t(`appeals.kind.${k}`),
              hint: `${t(`appeals.citizen.kind_hint.${k}`)} ${t(`appeals.citizen.procedure_hint.${procedureOf(k)}`)}`,
            }))}
            small={false}
          />
          {p.organisations.length > 0 ? (
            <Radios
              t={t}
              id="organisationId"
              name="organisationId"
              legend={t("appeals.citizen.new.on_behalf")}
              value={p.values.organisationId}
              issues={p.issues}
              items={[
                { value: "", label: t("appeals.citizen.new.myself") },
                ...p.organisations.map((o) => ({
                  value: o.id,
                  label: o.name,
                  hint: t("appeals.citizen.new.bin", { bin: o.bin }),
                })),
              ]}
              small={false}
            />
          ) : null}
          <SubmitButton>{t("appeals.citizen.continue")}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}

/** Step 2: the body, or a topic (and district) from which Halyq proposes the competent one. */
export function WherePage(p: {
  t: Translate;
  csrf: string;
  draftId: string;
  values: { agencyId: string; categoryId: string; districtCode: string };
  agencies: { value: string; label: string }[];
  categories: { value: string; label: string }[];
  districts: { value: string; label: string }[];
  issues: FieldIssue[];
}) {
  const { t } = p;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href={`${base(p.draftId)}/kind`} t={t} />
        <ErrorSummary t={t} issues={p.issues} />
        <Heading t={t}>{t("appeals.citizen.new.where_title")}</Heading>
        <p class="govuk-body">{t("appeals.citizen.new.where_lead")}</p>
        <Form action={`${base(p.draftId)}/where`} csrf={p.csrf}>
          <Select
            t={t}
            id="agencyId"
            label={t("appeals.citizen.new.agency")}
            hint={t("appeals.citizen.new.agency_hint")}
            items={[{ value: "", label: t("appeals.citizen.new.agency_none") }, ...p.agencies]}
            value={p.values.agencyId}
            issues={p.issues}
          />
          <p class="govuk-body govuk-!-font-weight-bold">{t("appeals.citizen.new.or")}</p>
          <Select
            t={t}
            id="categoryId"
            label={t("appeals.citizen.new.category")}
            hint={t("appeals.citizen.new.category_hint")}
            items={[{ value: "", label: t("appeals.citizen.new.category_none") }, ...p.categories]}
            value={p.values.categoryId}
            issues={p.issues}
          />
          <Select
            t={t}
            id="districtCode"
            label={t("appeals.citizen.new.district")}
            hint={t("appeals.citizen.new.district_hint")}
            items={[{ value: "", label: t("appeals.citizen.new.district_none") }, ...p.districts]}
            value={p.values.districtCode}
            issues={p.issues}
          />
          <SubmitButton>{t("appeals.citizen.continue")}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}

/** Step 3: the substance, the language, and the two choices that change how it is handled. */
export function DetailsPage(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  draftId: string;
  values: DraftData;
  proposal: { agency: string; category: string | null; byTopic: boolean } | null;
  issues: FieldIssue[];
}) {
  const { t, values } = p;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href={`${base(p.draftId)}/where`} t={t} />
        <ErrorSummary t={t} issues={p.issues} fieldIds={{ language: "language" }} />
        <Heading t={t}>{t("appeals.citizen.new.details_title")}</Heading>
        {p.proposal ? (
          <div class="govuk-inset-text">
            {p.proposal.byTopic
              ? t("appeals.citizen.new.proposed", {
                  agency: p.proposal.agency,
                  category: p.proposal.category ?? "",
                })
              : t("appeals.citizen.new.addressed", { agency: p.proposal.agency })}{" "}
            <a class="govuk-link" href={`${base(p.draftId)}/where`}>
              {t("appeals.citizen.change")}
              <span class="govuk-visually-hidden"> {t("appeals.citizen.check.agency")}</span>
            </a>
          </div>
        ) : null}
        <Form action={`${base(p.draftId)}/details`} csrf={p.csrf}>
          <CountedInput
            t={t}
            locale={p.locale}
            issues={p.issues}
            id="subject"
            label={t("appeals.citizen.new.subject")}
            hint={t("appeals.citizen.new.subject_hint")}
            value={values.subject ?? ""}
            maxLength={MAX_SUBJECT}
          />
          <TextArea
            t={t}
            id="text"
            name="text"
            label={t("appeals.citizen.new.text")}
            hint={t("appeals.citizen.new.text_hint")}
            value={values.text ?? ""}
            issues={p.issues}
            maxLength={MAX_TEXT}
            rows={10}
            locale={p.locale}
          />
          <Radios
            t={t}
            id="language"
            name="language"
            legend={t("appeals.citizen.new.language")}
            hint={t("appeals.citizen.new.language_hint")}
            value={values.language ?? ""}
            issues={p.issues}
            inline
            items={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
            small={false}
          />
          <CountedInput
            t={t}
            locale={p.locale}
            issues={p.issues}
            id="address"
            label={t("appeals.citizen.new.address")}
            hint={t("appeals.citizen.new.address_hint")}
            value={values.address ?? ""}
            maxLength={MAX_ADDRESS}
          />
          <LocationPicker t={t} issues={p.issues} lat={values.lat} lon={values.lon} />
          <div class="govuk-form-group">
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                {t("appeals.citizen.new.options")}
              </legend>
              <div class="govuk-checkboxes" data-module="govuk-checkboxes">
                <Checkbox
                  id="public"
                  name="public"
                  label={t("appeals.citizen.new.public")}
                  hint={t("appeals.citizen.new.public_hint")}
                  checked={values.public === true}
                />
                <Checkbox
                  id="crimeReport"
                  name="crimeReport"
                  label={t("appeals.citizen.new.crime")}
                  hint={t("appeals.citizen.new.crime_hint")}
                  checked={values.crimeReport === true}
                />
              </div>
            </fieldset>
          </div>
          <SubmitButton>{t("appeals.citizen.continue")}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}

/** Between steps 3 and 4: the person's own similar appeals, to follow one instead of filing again. */
export function SimilarPage(p: {
  t: Translate;
  draftId: string;
  appeals: AppealRow[];
  agencies: Map<string, string>;
}) {
  const { t } = p;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href={`${base(p.draftId)}/details`} t={t} />
        <Heading t={t}>{t("appeals.citizen.similar.title")}</Heading>
        <p class="govuk-body">{t("appeals.citizen.similar.lead")}</p>
        <ul class="govuk-list govuk-list--spaced">
          {p.appeals.map((a) => (
            <li key={a.id}>
              <a class="govuk-link" href={`/appeals/${encodeURIComponent(a.number)}`}>
                {a.subject}
              </a>{" "}
              <StatusTag t={t} status={a.status} />
              <br />
              <span class="govuk-hint">
                {a.number} · {p.agencies.get(a.agency_id) ?? ""}
              </span>
            </li>
          ))}
        </ul>
        <p class="govuk-body">{t("appeals.citizen.similar.new_arguments")}</p>
        <a class="govuk-button" href={`${base(p.draftId)}/files`}>
          {t("appeals.citizen.similar.continue")}
        </a>
      </div>
    </div>
  );
}

/** Step 4: files, one upload at a time (works without scripts), each removable. */
export function FilesPage(p: {
  t: Translate;
  csrf: string;
  draftId: string;
  files: { id: string; file_name: string; media_type: string; size: number }[];
  issues: FieldIssue[];
  notice?: string;
}) {
  const { t } = p;
  const { maxFiles, maxBytes } = attachmentSettings;
  const full = p.files.length >= maxFiles;
  const error = p.issues.some((i) => i.field === "file");
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href={`${base(p.draftId)}/details`} t={t} />
        <ErrorSummary t={t} issues={p.issues} />
        <SuccessBanner title={t("appeals.citizen.notice")} text={p.notice} />
        <Heading t={t}>{t("appeals.citizen.files.title")}</Heading>
        <p class="govuk-body">{t("appeals.citizen.files.lead")}</p>
        {p.files.length > 0 ? (
          <dl class="govuk-summary-list">
            {p.files.map((f) => (
              <div key={f.id} class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{f.file_name}</dt>
                <dd class="govuk-summary-list__value">
                  {MEDIA_LABELS[f.media_type] ?? f.media_type}, {fileSize(Number(f.size), t)}
                </dd>
                <dd class="govuk-summary-list__actions">
                  <form
                    method="post"
                    action={`${base(p.draftId)}/files/${f.id}/remove`}
                    class="halyq-inline-form"
                  >
                    <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
                    <button
                      type="submit"
                      class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    >
                      {t("appeals.citizen.files.remove")}
                      <span class="govuk-visually-hidden"> {f.file_name}</span>
                    </button>
                  </form>
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p class="govuk-body">{t("appeals.citizen.files.none")}</p>
        )}
        {full ? (
          <p class="govuk-body">{t("appeals.citizen.files.full", { max: maxFiles })}</p>
        ) : null}
        {/* One form: "Continue" sends a chosen file too, so a file is never left behind. */}
        <form
          method="post"
          action={`${base(p.draftId)}/files`}
          enctype="multipart/form-data"
          novalidate
        >
          <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
          {full ? null : (
            <>
              <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
                <label class="govuk-label govuk-label--s" for="file">
                  {t("appeals.citizen.files.upload_label")}
                </label>
                <div id="file-hint" class="govuk-hint">
                  {t("appeals.citizen.files.hint", {
                    max: maxFiles,
                    size: Math.round(maxBytes / (1024 * 1024)),
                  })}
                </div>
                {error ? (
                  <p id="file-error" class="govuk-error-message">
                    <span class="govuk-visually-hidden">{t("forms.error_prefix")}</span>{" "}
                    {p.issues
                      .filter((i) => i.field === "file")
                      .map((i) => t(i.key, i.params))
                      .join(" ")}
                  </p>
                ) : null}
                <input
                  class={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`}
                  id="file"
                  name="file"
                  type="file"
                  accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                  aria-describedby={`file-hint${error ? " file-error" : ""}`}
                />
              </div>
              <button
                type="submit"
                name="action"
                value="upload"
                class="govuk-button govuk-button--secondary"
                data-module="govuk-button"
              >
                {t("appeals.citizen.files.upload")}
              </button>
            </>
          )}
          <div class="govuk-button-group">
            <button
              type="submit"
              name="action"
              value="continue"
              class="govuk-button"
              data-module="govuk-button"
            >
              {t("appeals.citizen.continue")}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

/** Step 5: everything on one page with links to change it, then the one button that files. */
export function CheckPage(p: {
  t: Translate;
  csrf: string;
  draftId: string;
  values: DraftData;
  organisation: string | null;
  agency: string | null;
  category: string | null;
  district: string | null;
  files: { id: string; file_name: string }[];
  issues: FieldIssue[];
  /**
   * What looks like personal data in the subject, text or address of an appeal marked public,
   * named in the reader's language; null when there is none (or the appeal is not public).
   */
  personalData: string | null;
}) {
  const { t, values, draftId } = p;
  const change = (step: string, visuallyHidden: string) => ({
    href: `${base(draftId)}/${step}`,
    text: t("appeals.citizen.change"),
    visuallyHidden,
  });
  const yesNo = (v: boolean | undefined) => t(v ? "appeals.citizen.yes" : "appeals.citizen.no");
  const steps: Record<string, string> = {
    kind: "kind",
    organisationId: "kind",
    agencyId: "where",
    categoryId: "where",
    districtCode: "where",
    attachments: "files",
  };
  const linked = p.issues.map((i) => ({ ...i, field: `change-${steps[i.field] ?? "details"}` }));
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href={`${base(draftId)}/files`} t={t} />
        <ErrorSummary t={t} issues={linked} />
        <Heading t={t}>{t("appeals.citizen.check.title")}</Heading>
        <h2 class="govuk-heading-m">{t("appeals.citizen.check.about")}</h2>
        <dl class="govuk-summary-list govuk-!-margin-bottom-9">
          <SummaryRow
            label={t("appeals.citizen.check.kind")}
            action={change("kind", t("appeals.citizen.check.kind"))}
          >
            {values.kind ? t(`appeals.kind.${values.kind}`) : "—"}
          </SummaryRow>
          <SummaryRow
            label={t("appeals.citizen.check.on_behalf")}
            action={change("kind", t("appeals.citizen.check.on_behalf"))}
          >
            {p.organisation ?? t("appeals.citizen.new.myself")}
          </SummaryRow>
          <SummaryRow
            label={t("appeals.citizen.check.agency")}
            action={change("where", t("appeals.citizen.check.agency"))}
          >
            {p.agency ?? "—"}
            {p.category ? (
              <>
                <br />
                <span class="govuk-hint">
                  {t("appeals.citizen.check.topic", { category: p.category })}
                  {p.district ? ` · ${p.district}` : ""}
                </span>
              </>
            ) : null}
          </SummaryRow>
        </dl>
        <h2 class="govuk-heading-m">{t("appeals.citizen.check.content")}</h2>
        <dl class="govuk-summary-list govuk-!-margin-bottom-9">
          <SummaryRow
            label={t("appeals.citizen.new.subject")}
            action={change("details", t("appeals.citizen.new.subject"))}
          >
            {values.subject || "—"}
          </SummaryRow>
          <SummaryRow
            label={t("appeals.citizen.new.text")}
            action={change("details", t("appeals.citizen.new.text"))}
          >
            {values.text || "—"}
          </SummaryRow>
          <SummaryRow
            label={t("appeals.citizen.new.language")}
            action={change("details", t("appeals.citizen.new.language"))}
          >
            {values.language && (LOCALES as readonly string[]).includes(values.language)
              ? LOCALE_NAMES[values.language as Locale]
              : "—"}
          </SummaryRow>
          <SummaryRow
            label={t("appeals.citizen.new.address")}
            action={change("details", t("appeals.citizen.new.address"))}
          >
            {values.address || "—"}
            {values.lat !== undefined && values.lon !== undefined ? (
              <>
                <br />
                <span class="govuk-hint">
                  {t("map.chosen", { lat: String(values.lat), lon: String(values.lon) })}
                </span>
              </>
            ) : null}
          </SummaryRow>
          <SummaryRow
            label={t("appeals.citizen.check.public")}
            action={change("details", t("appeals.citizen.check.public"))}
          >
            {yesNo(values.public)}
          </SummaryRow>
          <SummaryRow
            label={t("appeals.citizen.check.crime")}
            action={change("details", t("appeals.citizen.check.crime"))}
          >
            {yesNo(values.crimeReport)}
          </SummaryRow>
          <SummaryRow
            label={t("appeals.citizen.check.files")}
            action={change("files", t("appeals.citizen.check.files"))}
          >
            {p.files.length > 0 ? (
              <ul class="govuk-list">
                {p.files.map((f) => (
                  <li key={f.id}>{f.file_name}</li>
                ))}
              </ul>
            ) : (
              t("appeals.citizen.files.none")
            )}
          </SummaryRow>
        </dl>
        {/* Error summary links land on these: each names the step to change. */}
        <ul class="govuk-list">
          {[...new Set(linked.map((i) => i.field))].map((id) => (
            <li key={id}>
              <a class="govuk-link" id={id} href={`${base(draftId)}/${id.slice("change-".length)}`}>
                {t(`appeals.citizen.check.go_${id.slice("change-".length)}`)}
              </a>
            </li>
          ))}
        </ul>
        <h2 class="govuk-heading-m">{t("appeals.citizen.check.send_title")}</h2>
        {p.personalData ? (
          <>
            <div class="govuk-warning-text" id="personal-data">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">{t("appeals.citizen.check.warning")}</span>
                {t("appeals.citizen.check.personal_data", { found: p.personalData })}
              </strong>
            </div>
            <p class="govuk-body">{t("appeals.citizen.check.personal_data_hidden")}</p>
            <p class="govuk-body">
              <a class="govuk-link" href={`${base(draftId)}/details`}>
                {t("appeals.citizen.check.personal_data_edit")}
              </a>
            </p>
            <p class="govuk-body">{t("appeals.citizen.check.declaration")}</p>
            <Form action={`${base(draftId)}/check`} csrf={p.csrf}>
              <input type="hidden" name="personalData" value="private" />
              <SubmitButton>{t("appeals.citizen.check.send_private")}</SubmitButton>
            </Form>
            <Form action={`${base(draftId)}/check`} csrf={p.csrf}>
              <input type="hidden" name="personalData" value="acknowledged" />
              <SubmitButton secondary>{t("appeals.citizen.check.send_public_anyway")}</SubmitButton>
            </Form>
          </>
        ) : (
          <>
            <p class="govuk-body">{t("appeals.citizen.check.declaration")}</p>
            <Form action={`${base(draftId)}/check`} csrf={p.csrf}>
              <SubmitButton>{t("appeals.citizen.check.send")}</SubmitButton>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
