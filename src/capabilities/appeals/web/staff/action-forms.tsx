import type { Locale, Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { Form, SubmitButton } from "../../../../web/components/fields.js";
import { Radios, Select } from "../../../../web/components/kit.js";
import { formatDate } from "../../../../web/format.js";
import { AnswerForm } from "./answer-form.js";
import { returnReasons, type StaffAction, terminateReasons } from "./case-actions.js";
import type { CaseData } from "./case-data.js";
import { DateField, type Option, TextareaField } from "./components.js";
import { dateField, type FormBody, one } from "./form.js";
import { ForwardFields, NoteFields, ResolutionFields, SatisfyFields } from "./resolution-parts.js";

/** A form that failed, shown again with what was typed and what is wrong. */
export interface FailedForm {
  action: StaffAction;
  issues: FieldIssue[];
  body: FormBody;
}

interface FormsProps {
  t: Translate;
  locale: Locale;
  csrf: string;
  data: CaseData;
  actions: StaffAction[];
  failed: FailedForm | null;
}

const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
const key = (action: StaffAction) => action.replace("-", "_");

/** Each step this person may take now, as its own form folded in a GOV.UK details element. */
export function ActionForms(p: FormsProps) {
  const { t } = p;
  if (p.actions.length === 0) {
    return <p class="govuk-body">{t("appeals.staff.case.no_actions")}</p>;
  }
  return (
    <>
      {p.actions.map((action) => {
        const failed = p.failed?.action === action ? p.failed : null;
        return (
          <details
            key={action}
            class="govuk-details"
            id={`action-${action}`}
            open={failed !== null || (action === "answer" && p.data.answerDraft !== null)}
          >
            <summary class="govuk-details__summary">
              <span class="govuk-details__summary-text">
                {t(`appeals.staff.action.${key(action)}.title`)}
              </span>
            </summary>
            <div class="govuk-details__text">
              {action === "answer" ? (
                <AnswerForm
                  t={t}
                  locale={p.locale}
                  csrf={p.csrf}
                  data={p.data}
                  issues={failed?.issues ?? []}
                  body={failed?.body}
                />
              ) : (
                <Form
                  action={`/office/appeals/${encodeURIComponent(p.data.row.number)}/${action}`}
                  csrf={p.csrf}
                >
                  <ActionFields {...p} action={action} failed={failed} />
                </Form>
              )}
            </div>
          </details>
        );
      })}
    </>
  );
}

function ActionFields(p: FormsProps & { action: StaffAction; failed: FailedForm | null }) {
  const { t, locale, action, data } = p;
  const { row } = data;
  const issues = p.failed?.issues ?? [];
  const body = p.failed?.body;
  const value = (name: string, fallback = "") => (body ? one(body, name) : fallback);
  const f = (name: string) => ({ t, issues, name, id: `${action}-${name}` });
  const choose: Option = { value: "", label: t("appeals.staff.choose") };
  const rp = { t, locale, data, issues, body };
  const lead = (k: string, params?: Record<string, string | number>) => (
    <p class="govuk-body">{t(`appeals.staff.action.${key(action)}.${k}`, params)}</p>
  );
  const submit = (warning = false) => (
    <SubmitButton warning={warning}>{t(`appeals.staff.action.${key(action)}.submit`)}</SubmitButton>
  );
  switch (action) {
    case "assign":
      return (
        <>
          <ResolutionFields {...rp} resolution={data.resolution} />
          {submit()}
        </>
      );
    case "note":
      return (
        <>
          <NoteFields {...rp} />
          {submit()}
        </>
      );
    case "satisfy":
      return (
        <>
          <SatisfyFields {...rp} />
          {submit()}
        </>
      );
    case "answer":
      // The answer has a form of its own, with its files (answer-form.tsx).
      return null;
    case "approve":
      return (
        <>
          {lead("lead")}
          {submit()}
        </>
      );
    case "send-back":
      return (
        <>
          <TextareaField
            {...f("reason")}
            label={t("appeals.staff.action.send_back.reason")}
            value={value("reason")}
            rows={3}
            maxLength={2000}
          />
          {submit()}
        </>
      );
    case "request-correction":
      return (
        <>
          <TextareaField
            {...f("note")}
            label={t("appeals.staff.action.request_correction.note")}
            hint={t("appeals.staff.action.request_correction.note_hint")}
            value={value("note")}
            rows={3}
            maxLength={2000}
          />
          <DateField
            {...f("until")}
            field="until"
            label={t("appeals.staff.action.request_correction.until")}
            hint={t("appeals.staff.action.request_correction.until_hint", {
              date: formatDate(data.terms.correctionDefault, locale, "long"),
            })}
            value={body ? dateField(body, "until") : data.terms.correctionDefault}
          />
          {submit()}
        </>
      );
    case "extend":
      return (
        <>
          {lead("lead", {
            due: formatDate(row.due_on, locale, "long"),
            limit: formatDate(data.terms.extensionLimit, locale, "long"),
          })}
          <DateField
            {...f("until")}
            label={t("appeals.staff.action.extend.until")}
            hint={t("appeals.staff.action.extend.until_hint", {
              limit: formatDate(data.terms.extensionLimit, locale, "long"),
            })}
            value={body ? dateField(body, "until") : undefined}
          />
          <TextareaField
            {...f("reason")}
            label={t("appeals.staff.action.extend.reason")}
            hint={t("appeals.staff.action.extend.reason_hint")}
            value={value("reason")}
            rows={4}
            maxLength={2000}
          />
          {submit()}
        </>
      );
    case "redirect":
      return (
        <>
          {lead("lead", { date: formatDate(data.terms.redirectBy, locale, "long") })}
          <Select
            {...f("agencyId")}
            label={t("appeals.staff.action.redirect.agency")}
            value={value("agencyId")}
            items={[choose, ...data.otherBodies.map((b) => ({ value: b.id, label: b.name }))]}
          />
          <TextareaField
            {...f("reason")}
            label={t("appeals.staff.action.redirect.reason")}
            value={value("reason")}
            rows={3}
            maxLength={2000}
          />
          <TextareaField
            {...f("part")}
            label={t("appeals.staff.action.redirect.part")}
            hint={t("appeals.staff.action.redirect.part_hint")}
            value={value("part")}
            rows={5}
            maxLength={20000}
          />
          {submit()}
        </>
      );
    case "forward":
      return (
        <>
          {lead("lead", {
            body: data.higherBody?.name ?? "",
            days: data.profile.complaint.decide.days,
          })}
          <ForwardFields {...rp} />
          {submit()}
        </>
      );
    case "return":
    case "terminate": {
      const reasons = action === "return" ? returnReasons(row, data.today) : terminateReasons(row);
      return (
        <>
          {lead("lead", { date: formatDate(data.terms.closeBy, locale, "long") })}
          <Radios
            {...f("reason")}
            legend={t("appeals.staff.reason")}
            value={value("reason")}
            items={reasons.map((r) => ({
              value: r,
              label: capitalised(t(`appeals.reason.${r}`)),
            }))}
            small={false}
          />
          <TextareaField
            {...f("note")}
            label={t("appeals.staff.note")}
            hint={t("appeals.staff.note_hint")}
            value={value("note")}
            rows={3}
            maxLength={2000}
          />
          {submit(true)}
        </>
      );
    }
  }
}
