import type { ComponentChildren } from "preact";
import type { Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { ErrorSummary } from "../../../../web/components/error-summary.js";
import {
  Form,
  Radios,
  Select,
  SubmitButton,
  type TableColumn,
} from "../../../../web/components/kit.js";
import { TextareaField } from "./components.js";

/** The steps the inbox can take on several appeals at once. */
export const BULK_ACTIONS = ["assign", "control_on", "control_off", "categorise"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** What the bulk form offers: the body's executors and topics. */
export interface BulkOptions {
  agencyId: string;
  executors: { id: string; name: string }[];
  categories: { id: string; name: string }[];
}

const k = (key: string) => `appeals.bulk.${key}`;

/** The inbox table with a box on each row and, under it, what to do with the ticked appeals. */
export function BulkForm(p: {
  t: Translate;
  csrf: string;
  options: BulkOptions;
  children: ComponentChildren;
}) {
  const { t, options } = p;
  const choose = { value: "", label: t("appeals.staff.choose") };
  return (
    <Form action="/office/appeals/bulk" csrf={p.csrf}>
      <input type="hidden" name="agency" value={options.agencyId} />
      {p.children}
      <div class="govuk-inset-text" id="bulk">
        <h2 class="govuk-heading-m">{t(k("title"))}</h2>
        <p class="govuk-body">{t(k("lead"))}</p>
        <Radios
          t={t}
          id="bulk-action"
          name="action"
          legend={t(k("action"))}
          issues={[]}
          value=""
          items={BULK_ACTIONS.map((a) => ({ value: a, label: t(k(`action_${a}`)) }))}
        />
        <Select
          t={t}
          id="bulk-executorId"
          name="executorId"
          label={t(k("executor"))}
          hint={t(k("executor_hint"))}
          issues={[]}
          value=""
          items={[choose, ...options.executors.map((e) => ({ value: e.id, label: e.name }))]}
        />
        <TextareaField
          t={t}
          name="instruction"
          id="bulk-instruction"
          label={t("appeals.resolution.instruction")}
          issues={[]}
          value=""
          rows={2}
          maxLength={2000}
        />
        <Select
          t={t}
          id="bulk-categoryId"
          name="categoryId"
          label={t(k("category"))}
          hint={t(k("category_hint"))}
          issues={[]}
          value=""
          items={[choose, ...options.categories.map((c) => ({ value: c.id, label: c.name }))]}
        />
        <SubmitButton>{t(k("submit"))}</SubmitButton>
      </div>
    </Form>
  );
}

/** The box on one row of the inbox, labelled with the appeal's number for screen readers. */
export function BulkBox({ t, number }: { t: Translate; number: string }) {
  const id = `bulk-${number}`;
  return (
    <div class="govuk-checkboxes govuk-checkboxes--small">
      <div class="govuk-checkboxes__item">
        <input
          class="govuk-checkboxes__input"
          id={id}
          name="numbers[]"
          type="checkbox"
          value={number}
        />
        <label class="govuk-label govuk-checkboxes__label" for={id}>
          <span class="govuk-visually-hidden">{t(k("select"), { number })}</span>
        </label>
      </div>
    </div>
  );
}

/** One appeal's outcome in a bulk step. */
export interface BulkOutcome {
  number: string;
  done: boolean;
  why: string | null;
}

/** What a bulk step did and refused, appeal by appeal, or why nothing was tried. */
export function BulkResultPage(p: {
  t: Translate;
  issues: FieldIssue[];
  outcomes: BulkOutcome[];
  back: string;
}) {
  const { t } = p;
  const done = p.outcomes.filter((o) => o.done);
  const refused = p.outcomes.filter((o) => !o.done);
  return (
    <>
      <ErrorSummary t={t} issues={p.issues} fieldIds={{}} />
      <h1 class="govuk-heading-l">{t(k("result_title"))}</h1>
      {p.issues.length === 0 ? (
        <>
          <h2 class="govuk-heading-m">{t(k("done"), { count: done.length })}</h2>
          {done.length > 0 ? (
            <ul class="govuk-list govuk-list--bullet" id="bulk-done">
              {done.map((o) => (
                <li key={o.number}>
                  <a class="govuk-link" href={`/office/appeals/${encodeURIComponent(o.number)}`}>
                    {o.number}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          <h2 class="govuk-heading-m">{t(k("refused"), { count: refused.length })}</h2>
          {refused.length > 0 ? (
            <ul class="govuk-list govuk-list--bullet" id="bulk-refused">
              {refused.map((o) => (
                <li key={o.number}>
                  <span class="halyq-code">{o.number}</span>: {o.why}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href={p.back}>
          {t(k("back"))}
        </a>
      </p>
    </>
  );
}

/** The inbox table inside the bulk form when the person may take bulk steps; as it is otherwise. */
export function Bulk(p: {
  t: Translate;
  bulk: { csrf: string; options: BulkOptions } | null;
  children: ComponentChildren;
}) {
  if (!p.bulk) return <>{p.children}</>;
  return (
    <BulkForm t={p.t} csrf={p.bulk.csrf} options={p.bulk.options}>
      {p.children}
    </BulkForm>
  );
}

/** The inbox's first column, a box per row, when bulk steps are offered. */
export function bulkColumn(
  t: Translate,
  bulk: { csrf: string; options: BulkOptions } | null,
): TableColumn<{ number: string }>[] {
  if (!bulk) return [];
  return [
    {
      key: "select",
      header: t("appeals.bulk.column"),
      cell: (r) => <BulkBox t={t} number={r.number} />,
    },
  ];
}
