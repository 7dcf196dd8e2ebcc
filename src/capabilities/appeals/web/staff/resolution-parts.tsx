import type { Locale, Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { FieldError } from "../../../../web/components/error-summary.js";
import { Checkboxes } from "../../../../web/components/kit.js";
import { formatDate } from "../../../../web/format.js";
import type { CaseData } from "./case-data.js";
import { DateField, Paragraphs, SummaryList, Tag, TextareaField } from "./components.js";
import { dateField, type FormBody, hasIssue } from "./form.js";
import type { ResolutionData } from "./resolution-data.js";
import { formatDateTime } from "./scope.js";

const k = (key: string) => `appeals.resolution.${key}`;

/**
 * Every value a form sent under `name` (checkboxes send one per ticked box; their names end in
 * `[]`, the HTML convention for a field that repeats).
 */
export function many(body: FormBody | undefined, name: string): string[] {
  const v = body?.[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The resolution in force and whether the appeal is on control, for the case page. */
export function ResolutionSummary(p: {
  t: Translate;
  locale: Locale;
  timeZone: string;
  resolution: ResolutionData;
  onControlAt: string | null;
}) {
  const { t, locale } = p;
  const r = p.resolution.current;
  if (!r && !p.onControlAt) return null;
  return (
    <section id="resolution" aria-labelledby="resolution-title">
      <h2 class="govuk-heading-m" id="resolution-title">
        {t(k("title"))}
        {p.onControlAt ? (
          <>
            {" "}
            <Tag colour="red">{t(k("on_control"))}</Tag>
          </>
        ) : null}
      </h2>
      {r ? (
        <SummaryList
          rows={[
            { key: t(k("executor")), value: r.executor },
            { key: t(k("co_executors")), value: r.coExecutors.join(", ") },
            {
              key: t(k("control_on")),
              value: r.controlOn ? formatDate(r.controlOn, locale, "long") : null,
            },
            { key: t(k("instruction")), value: r.instruction },
            {
              key: t(k("author")),
              value: t(k("author_at"), {
                name: r.author,
                at: formatDateTime(r.createdAt, locale, p.timeZone),
              }),
            },
            {
              key: t(k("superseded")),
              value: p.resolution.superseded > 0 ? String(p.resolution.superseded) : null,
            },
          ]}
        />
      ) : null}
    </section>
  );
}

interface FieldsProps {
  t: Translate;
  locale: Locale;
  data: CaseData;
  issues: FieldIssue[];
  body: FormBody | undefined;
}

/** The resolution form: executor by department, co-executors, control date, instruction. */
export function ResolutionFields(p: FieldsProps & { resolution: ResolutionData }) {
  const { t, locale, data, issues, body } = p;
  const current = p.resolution.current;
  const executorId = body ? String(body.executorId ?? "") : (data.row.executor_id ?? "");
  const coIds = body ? many(body, "coExecutorIds[]") : (current?.coExecutorIds ?? []);
  const error = hasIssue(issues, "executorId");
  const label = (person: { name: string; position: string | null }) =>
    person.position ? `${person.name}, ${person.position}` : person.name;
  const people = p.resolution.staff.flatMap((g) =>
    g.people.map((person) => ({ ...person, department: g.department })),
  );
  return (
    <>
      <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
        <label class="govuk-label govuk-label--s" for="assign-executorId">
          {t(k("executor"))}
        </label>
        <FieldError t={t} issues={issues} field="executorId" id="assign-executorId-error" />
        <select
          class={`govuk-select${error ? " govuk-select--error" : ""}`}
          id="assign-executorId"
          name="executorId"
          aria-describedby={error ? "assign-executorId-error" : undefined}
        >
          <option value="">{t("appeals.staff.choose")}</option>
          {p.resolution.staff.map((g) => (
            <optgroup key={g.department ?? ""} label={g.department ?? t(k("no_department"))}>
              {g.people.map((person) => (
                <option key={person.id} value={person.id} selected={person.id === executorId}>
                  {label(person)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <Checkboxes
        t={t}
        id="assign-coExecutorIds"
        name="coExecutorIds[]"
        issueField="coExecutorIds"
        legend={t(k("co_executors"))}
        hint={t(k("co_executors_hint"))}
        issues={issues}
        values={coIds}
        items={people.map((person) => ({
          value: person.id,
          label: person.name,
          hint:
            [person.position, person.department].filter((v): v is string => !!v).join(", ") ||
            undefined,
        }))}
      />
      <DateField
        t={t}
        name="controlOn"
        id="assign-controlOn"
        label={t(k("control_on"))}
        hint={t(k("control_on_hint"), { due: formatDate(data.row.due_on, locale, "long") })}
        issues={issues}
        value={body ? dateField(body, "controlOn") : (current?.controlOn ?? undefined)}
      />
      <TextareaField
        t={t}
        name="instruction"
        id="assign-instruction"
        label={t(k("instruction"))}
        hint={t(k("instruction_hint"))}
        issues={issues}
        value={body ? String(body.instruction ?? "") : ""}
        rows={3}
        maxLength={2000}
      />
    </>
  );
}

/** A working note by the executor, a co-executor or the head. */
export function NoteFields(p: FieldsProps) {
  return (
    <TextareaField
      t={p.t}
      name="text"
      id="note-text"
      label={p.t(k("note"))}
      hint={p.t(k("note_hint"))}
      issues={p.issues}
      value={p.body ? String(p.body.text ?? "") : ""}
      rows={3}
      maxLength={2000}
    />
  );
}

/** Forwarding a complaint: the body's position and the materials that go with it. */
export function ForwardFields(p: FieldsProps) {
  const { t, data, issues, body } = p;
  const files = data.attachments;
  return (
    <>
      <TextareaField
        t={t}
        name="position"
        id="forward-position"
        label={t("appeals.complaint_handling.position")}
        hint={t("appeals.complaint_handling.position_hint")}
        issues={issues}
        value={body ? String(body.position ?? "") : ""}
        rows={6}
        maxLength={10000}
      />
      {files.length > 0 ? (
        <Checkboxes
          t={t}
          id="forward-materials"
          name="materials[]"
          issueField="materials"
          legend={t("appeals.complaint_handling.materials")}
          hint={t("appeals.complaint_handling.materials_hint")}
          issues={issues}
          values={body ? many(body, "materials[]") : files.map((f) => f.id)}
          items={files.map((f) => ({ value: f.id, label: f.fileName }))}
        />
      ) : (
        <p class="govuk-body">{t("appeals.complaint_handling.no_materials")}</p>
      )}
    </>
  );
}

/** Satisfying a complaint in the complainant's favour, by the body whose act is complained of. */
export function SatisfyFields(p: FieldsProps) {
  const { t, locale, data, issues, body } = p;
  return (
    <>
      <p class="govuk-body">
        {t("appeals.complaint_handling.satisfy_lead", {
          date: formatDate(data.row.due_on, locale, "long"),
        })}
      </p>
      <TextareaField
        t={t}
        name="text"
        id="satisfy-text"
        label={t("appeals.complaint_handling.decision")}
        hint={t("appeals.complaint_handling.decision_hint")}
        issues={issues}
        value={body ? String(body.text ?? "") : ""}
        rows={8}
        maxLength={20000}
      />
      <TextareaField
        t={t}
        name="basis"
        id="satisfy-basis"
        label={t("appeals.staff.action.answer.basis")}
        hint={t("appeals.staff.action.answer.basis_hint")}
        issues={issues}
        value={body ? String(body.basis ?? "") : ""}
        rows={2}
        maxLength={2000}
      />
    </>
  );
}

/** A forwarded complaint, at the higher body: the position of the body complained about. */
export function ComplaintPosition(p: { t: Translate; text: string | null }) {
  if (!p.text) return null;
  return (
    <>
      <h2 class="govuk-heading-m">{p.t("appeals.complaint_handling.position_received")}</h2>
      <Paragraphs text={p.text} />
    </>
  );
}
