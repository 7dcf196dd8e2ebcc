import type { Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { FileUpload, Radios, Select } from "../../../web/components/kit.js";
import { CheckboxField, DateField, InputField } from "../web/staff/components.js";
import type { DeskValues } from "../web/staff/desk-form.js";
import { ANSWER_DELIVERIES, CORRESPONDENTS } from "./card.js";

/** The registration card's fields on the desk (the scan goes last: see ScanField). */
export function CardFields(p: {
  t: Translate;
  values: DeskValues;
  issues: FieldIssue[];
  bodies: { id: string; name: string }[];
}) {
  const { t, values: v, issues } = p;
  return (
    <>
      <h2 class="govuk-heading-m">{t("appeals.desk_card.heading")}</h2>
      <InputField
        t={t}
        issues={issues}
        name="letterNumber"
        id="letterNumber"
        label={t("appeals.desk_card.letter_number")}
        hint={t("appeals.desk_card.letter_number_hint")}
        value={v.letterNumber}
        width="govuk-input--width-20"
        maxLength={50}
      />
      <DateField
        t={t}
        issues={issues}
        name="letterDate"
        id="letterDate"
        label={t("appeals.desk_card.letter_date")}
        hint={t("appeals.desk_card.letter_date_hint")}
        value={v.letterDate}
      />
      <InputField
        t={t}
        issues={issues}
        name="sheets"
        id="sheets"
        label={t("appeals.desk_card.sheets")}
        value={v.sheets}
        inputmode="numeric"
        width="govuk-input--width-4"
        maxLength={4}
      />
      <Radios
        t={t}
        issues={issues}
        id="correspondent"
        legend={t("appeals.desk_card.correspondent")}
        value={v.correspondent}
        items={CORRESPONDENTS.map((c) => ({
          value: c,
          label: t(`appeals.desk_card.correspondent_value.${c}`),
        }))}
      />
      <Select
        t={t}
        issues={issues}
        id="correspondentAgencyId"
        label={t("appeals.desk_card.correspondent_body")}
        value={v.correspondentAgencyId}
        items={[
          { value: "", label: t("appeals.desk_card.correspondent_body_none") },
          ...p.bodies.map((b) => ({ value: b.id, label: b.name })),
        ]}
      />
      <InputField
        t={t}
        issues={issues}
        name="correspondentReference"
        id="correspondentReference"
        label={t("appeals.desk_card.correspondent_reference")}
        hint={t("appeals.desk_card.correspondent_reference_hint")}
        value={v.correspondentReference}
        maxLength={300}
      />
      <Radios
        t={t}
        issues={issues}
        id="answerDelivery"
        legend={t("appeals.desk_card.delivery")}
        value={v.answerDelivery}
        items={ANSWER_DELIVERIES.map((d) => ({
          value: d,
          label: t(`appeals.desk_card.delivery_value.${d}`),
        }))}
      />
      <CheckboxField
        name="underControl"
        id="underControl"
        label={t("appeals.desk_card.under_control")}
        hint={t("appeals.desk_card.under_control_hint")}
        checked={v.underControl}
      />
    </>
  );
}

/**
 * The letter's scan, the form's last field: a request over the size limit keeps only the
 * fields sent before the file, so everything typed is shown again with the file's error.
 */
export function ScanField(p: { t: Translate; issues: FieldIssue[]; maxMb: number }) {
  return (
    <FileUpload
      t={p.t}
      issues={p.issues}
      id="scan"
      label={p.t("appeals.desk_card.scan")}
      hint={p.t("appeals.desk_card.scan_hint", { max: p.maxMb })}
      accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
      multiple
    />
  );
}
