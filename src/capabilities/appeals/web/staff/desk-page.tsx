import { LOCALE_NAMES, LOCALES, type Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { ErrorSummary } from "../../../../web/components/error-summary.js";
import { SubmitButton } from "../../../../web/components/fields.js";
import { Radios, Select } from "../../../../web/components/kit.js";
import { CSRF_FIELD } from "../../../../web/csrf-plugin.js";
import { APPEAL_KINDS, ORAL_CHANNELS, REGISTRAR_CHANNELS } from "../../appeal.js";
import { CardFields, ScanField } from "../../desk/card-fields.js";
import { CheckboxField, InputField, type Option, TextareaField } from "./components.js";
import { DESK_FIELD_IDS, type DeskValues } from "./desk-form.js";
import type { BodyRef } from "./scope.js";

export interface DeskPageProps {
  t: Translate;
  csrf: string;
  bodies: BodyRef[];
  body: BodyRef;
  categories: Option[];
  values: DeskValues;
  issues: FieldIssue[];
  /** Active bodies, for a letter forwarded by one of them. */
  allBodies: { id: string; name: string }[];
  /** The account chosen in the applicant search, shown until the appeal is registered. */
  linking: { id: string; name: string } | null;
  /** The largest scan, in MB. */
  scanMaxMb: number;
}

/** The registrar's desk: a paper, phone, video or walk-in appeal, for a person who may have no account. */
export function DeskPage(p: DeskPageProps) {
  const { t, values: v, issues } = p;
  const oral = (ORAL_CHANNELS as readonly string[]).includes(v.channel);
  const languages = LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }));
  const field = (name: keyof DeskValues) => ({ t, issues, name, id: name });
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary t={t} issues={issues} fieldIds={DESK_FIELD_IDS} />
        <span class="govuk-caption-l">{p.body.name}</span>
        <h1 class="govuk-heading-l">{t("appeals.staff.desk.title")}</h1>
        <p class="govuk-body">{t("appeals.staff.desk.lead")}</p>
        <p class="govuk-body">
          <a
            class="govuk-link"
            href={`/office/appeals/applicants?agency=${encodeURIComponent(p.body.id)}`}
          >
            {t("appeals.desk_card.find_account")}
          </a>
        </p>
        <form method="post" action="/office/appeals/new" enctype="multipart/form-data" novalidate>
          <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
          {p.bodies.length > 1 ? (
            <Select
              t={t}
              issues={issues}
              name="agency"
              id="agency"
              label={t("appeals.staff.inbox.body")}
              value={p.body.id}
              items={p.bodies.map((b) => ({ value: b.id, label: b.name }))}
            />
          ) : null}
          <h2 class="govuk-heading-m">{t("appeals.staff.desk.appeal")}</h2>
          <Radios
            {...field("channel")}
            legend={t("appeals.staff.field.channel")}
            value={v.channel}
            items={REGISTRAR_CHANNELS.map((c) => ({
              value: c,
              label: t(`appeals.channel.${c}`),
            }))}
            small={false}
          />
          <Radios
            {...field("kind")}
            legend={t("appeals.staff.field.kind")}
            value={v.kind}
            items={APPEAL_KINDS.map((k) => ({ value: k, label: t(`appeals.kind.${k}`) }))}
            small={false}
          />
          <Select
            {...field("categoryId")}
            label={t("appeals.staff.desk.topic")}
            hint={t("appeals.staff.desk.topic_hint")}
            value={v.categoryId}
            items={[{ value: "", label: t("appeals.staff.desk.no_topic") }, ...p.categories]}
          />
          <InputField
            {...field("subject")}
            label={t("appeals.staff.field.subject")}
            value={v.subject}
            maxLength={200}
          />
          <TextareaField
            {...field("text")}
            label={oral ? t("appeals.staff.desk.protocol") : t("appeals.staff.desk.text")}
            hint={t("appeals.staff.desk.text_hint")}
            value={v.text}
            rows={10}
            maxLength={20000}
          />
          <Radios
            {...field("language")}
            legend={t("appeals.staff.field.language")}
            value={v.language}
            small
            items={languages}
          />
          <CheckboxField
            name="crimeReport"
            id="crimeReport"
            label={t("appeals.staff.desk.crime")}
            hint={t("appeals.staff.desk.crime_hint")}
            checked={v.crimeReport}
          />
          <h2 class="govuk-heading-m">{t("appeals.staff.case.applicant")}</h2>
          {p.linking ? (
            <div class="govuk-inset-text">
              <input type="hidden" name="linkAccount" value={p.linking.id} />
              <p class="govuk-body">{t("appeals.desk_card.will_link", { name: p.linking.name })}</p>
              <a
                class="govuk-link"
                href={`/office/appeals/new?agency=${encodeURIComponent(p.body.id)}`}
              >
                {t("appeals.desk_card.will_link_cancel")}
              </a>
            </div>
          ) : null}
          <CheckboxField
            name="anonymous"
            id="anonymous"
            label={t("appeals.staff.desk.anonymous")}
            hint={t("appeals.staff.desk.anonymous_hint")}
            checked={v.anonymous}
          />
          <InputField
            {...field("applicantName")}
            label={t("appeals.staff.desk.name")}
            hint={t("appeals.staff.desk.name_hint")}
            value={v.applicantName}
            maxLength={300}
          />
          <InputField
            {...field("applicantIin")}
            label={t("appeals.staff.desk.iin")}
            hint={t("appeals.staff.desk.iin_hint")}
            value={v.applicantIin}
            inputmode="numeric"
            width="govuk-input--width-20"
            maxLength={12}
          />
          <InputField
            {...field("organisationName")}
            label={t("appeals.staff.desk.organisation")}
            hint={t("appeals.staff.desk.organisation_hint")}
            value={v.organisationName}
            maxLength={300}
          />
          <InputField
            {...field("applicantBin")}
            label={t("appeals.staff.desk.bin")}
            value={v.applicantBin}
            inputmode="numeric"
            width="govuk-input--width-20"
            maxLength={12}
          />
          <TextareaField
            {...field("applicantAddress")}
            field={
              issues.some((i) => i.field === "applicantContact")
                ? "applicantContact"
                : "applicantAddress"
            }
            label={t("appeals.staff.desk.postal_address")}
            hint={t("appeals.staff.desk.contact_hint")}
            value={v.applicantAddress}
            rows={2}
            maxLength={300}
          />
          <InputField
            {...field("applicantEmail")}
            type="email"
            label={t("appeals.staff.field.email")}
            value={v.applicantEmail}
            maxLength={254}
          />
          <InputField
            {...field("applicantPhone")}
            type="tel"
            label={t("appeals.staff.field.phone")}
            value={v.applicantPhone}
            width="govuk-input--width-20"
            maxLength={30}
          />
          <Radios
            {...field("applicantLanguage")}
            legend={t("appeals.staff.field.notify_language")}
            value={v.applicantLanguage}
            small
            items={languages}
          />
          <CardFields t={t} values={v} issues={issues} bodies={p.allBodies} />
          <ScanField t={t} issues={issues} maxMb={p.scanMaxMb} />
          <SubmitButton>{t("appeals.staff.desk.submit")}</SubmitButton>
        </form>
      </div>
    </div>
  );
}
