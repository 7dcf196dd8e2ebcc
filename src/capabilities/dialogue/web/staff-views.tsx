import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import {
  Input,
  Paragraphs,
  Radios,
  ResponsiveTable,
  SummaryRow,
  TextArea,
} from "../../../web/components/kit.js";
import { formatDate } from "../../../web/format.js";
import { langOf } from "../../../web/text-language.js";
import { REJECT_REASONS } from "../question.js";
import type { DialogueBody, QuestionRow } from "../question.repository.js";
import { bodyName, questionPath, StatusTag } from "./components.js";

export const officeQuestionPath = (id: string) =>
  `/office/dialogue/questions/${encodeURIComponent(id)}`;

/** A body's queues this person may work in, with how much is in each. */
export interface OfficeBody {
  body: DialogueBody;
  pending: number | null;
  unanswered: number | null;
}

export function OfficePage({
  t,
  locale,
  bodies,
}: {
  t: Translate;
  locale: Locale;
  bodies: OfficeBody[];
}) {
  return (
    <>
      <h1 class="govuk-heading-l">{t("dialogue.office.title")}</h1>
      {bodies.length === 0 ? (
        <p class="govuk-body">{t("dialogue.office.none")}</p>
      ) : (
        bodies.map((b) => (
          <section key={b.body.id} class="govuk-!-margin-bottom-6">
            <h2 class="govuk-heading-m">{bodyName(b.body, locale)}</h2>
            <ul class="govuk-list">
              {b.pending !== null ? (
                <li>
                  <a
                    class="govuk-link"
                    href={`/office/dialogue/${encodeURIComponent(b.body.id)}/moderation`}
                  >
                    {t("dialogue.office.moderation", { count: b.pending })}
                  </a>
                </li>
              ) : null}
              {b.unanswered !== null ? (
                <li>
                  <a
                    class="govuk-link"
                    href={`/office/dialogue/${encodeURIComponent(b.body.id)}/answers`}
                  >
                    {t("dialogue.office.answers", { count: b.unanswered })}
                  </a>
                </li>
              ) : null}
            </ul>
          </section>
        ))
      )}
    </>
  );
}

/** A queue: questions to moderate, or to answer, oldest first with the working days waited. */
export function QueuePage(p: {
  t: Translate;
  locale: Locale;
  body: DialogueBody;
  kind: "moderation" | "answers";
  rows: QuestionRow[];
  waited: (r: QuestionRow) => number;
}) {
  const { t, locale } = p;
  const title = t(`dialogue.office.${p.kind}_title`);
  return (
    <>
      <a href="/office/dialogue" class="govuk-back-link">
        {t("dialogue.office.title")}
      </a>
      <span class="govuk-caption-l">{bodyName(p.body, locale)}</span>
      <h1 class="govuk-heading-l">{title}</h1>
      {p.rows.length === 0 ? (
        <p class="govuk-body">{t("dialogue.office.empty")}</p>
      ) : (
        <ResponsiveTable
          id="questions"
          caption={t("dialogue.office.count", { count: p.rows.length })}
          mode="stack"
          rows={p.rows}
          rowKey={(r) => r.id}
          columns={[
            {
              key: "subject",
              header: t("dialogue.mine.subject"),
              cell: (r) => (
                <a class="govuk-link" href={officeQuestionPath(r.id)}>
                  {r.published_subject ?? r.subject}
                </a>
              ),
            },
            {
              key: "asked",
              header: t("dialogue.question.asked_on"),
              cell: (r) => formatDate(r.asked_on, locale, "long"),
            },
            {
              key: "waiting",
              header: t("dialogue.question.waiting"),
              numeric: true,
              cell: (r) => t("dialogue.working_days", { count: p.waited(r) }),
            },
            ...(p.kind === "answers"
              ? [
                  {
                    key: "supporters",
                    header: t("dialogue.question.supporters"),
                    numeric: true,
                    cell: (r: QuestionRow) => r.supporters,
                  },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}

/** What the staff question page shows after a step was tried. */
export interface StepState {
  step?: "approve" | "reject" | "answer";
  issues?: FieldIssue[];
  values?: Record<string, string>;
  conflict?: boolean;
  done?: "approve" | "reject" | "answer";
}

/** A question for the body's staff: the asker's words, and the step this person may take. */
export function StaffQuestionPage(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  body: DialogueBody;
  row: QuestionRow;
  waited: number;
  canModerate: boolean;
  canAnswer: boolean;
  /** May register the question as an appeal of the body (a moderator or head). */
  canRegister?: boolean;
  state: StepState;
}) {
  const { t, locale, row, state } = p;
  const issues = state.issues ?? [];
  const v = (name: string, fallback: string) => state.values?.[name] ?? fallback;
  const action = (step: string) => `${officeQuestionPath(row.id)}/${step}`;
  const edited =
    row.published_subject !== null &&
    (row.published_subject !== row.subject || row.published_body !== row.body);
  const queue = row.status === "pending" ? "moderation" : "answers";
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a
          href={`/office/dialogue/${encodeURIComponent(row.agency_id)}/${queue}`}
          class="govuk-back-link"
        >
          {t(`dialogue.office.${queue}_title`)}
        </a>
        <ErrorSummary t={t} issues={issues} />
        {state.conflict ? (
          <div class="govuk-error-summary" data-module="govuk-error-summary">
            <div role="alert">
              <h2 class="govuk-error-summary__title">{t("dialogue.office.conflict")}</h2>
            </div>
          </div>
        ) : null}
        {state.done ? (
          <div
            class="govuk-notification-banner govuk-notification-banner--success"
            role="alert"
            aria-labelledby="notice-title"
            data-module="govuk-notification-banner"
          >
            <div class="govuk-notification-banner__header">
              <h2 class="govuk-notification-banner__title" id="notice-title">
                {t("dialogue.done.title")}
              </h2>
            </div>
            <div class="govuk-notification-banner__content">
              <p class="govuk-notification-banner__heading">
                {t(`dialogue.office.done.${state.done}`)}
              </p>
            </div>
          </div>
        ) : null}
        <span class="govuk-caption-l">{bodyName(p.body, locale)}</span>
        <h1 class="govuk-heading-l" lang={langOf(row.subject, locale)}>
          {row.subject}
        </h1>
        <p class="govuk-body">
          <StatusTag t={t} status={row.status} />
        </p>
        <dl class="govuk-summary-list">
          <SummaryRow label={t("dialogue.question.asked_on")}>
            {formatDate(row.asked_on, locale, "long")}
          </SummaryRow>
          {row.status === "pending" || row.status === "published" ? (
            <SummaryRow label={t("dialogue.question.waiting")}>
              {t("dialogue.working_days", { count: p.waited })}
            </SummaryRow>
          ) : null}
          {row.status === "rejected" && row.reject_reason ? (
            <SummaryRow label={t("dialogue.office.reason")}>
              {t(`dialogue.reason.${row.reject_reason}`)}
            </SummaryRow>
          ) : null}
          {row.status === "registered_as_appeal" && row.appeal_number ? (
            <SummaryRow label={t("dialogue.register.appeal_number")}>
              <a
                class="govuk-link"
                href={`/office/appeals/${encodeURIComponent(row.appeal_number)}`}
              >
                {row.appeal_number}
              </a>
            </SummaryRow>
          ) : null}
          <SummaryRow label={t("dialogue.question.supporters")}>{row.supporters}</SummaryRow>
        </dl>
        {(row.status === "pending" || row.status === "published") && p.canRegister ? (
          <p class="govuk-body">
            <a class="govuk-link" href={`${officeQuestionPath(row.id)}/appeal`}>
              {t("dialogue.register.link")}
            </a>
          </p>
        ) : null}
        <h2 class="govuk-heading-m">{t("dialogue.office.original")}</h2>
        <Paragraphs text={row.body} lang={langOf(row.body, locale)} />
        {edited ? (
          <>
            <h2 class="govuk-heading-m">{t("dialogue.office.published_version")}</h2>
            <p class="govuk-body">
              <strong>{row.published_subject}</strong>
            </p>
            <Paragraphs
              text={row.published_body ?? ""}
              lang={langOf(row.published_body ?? "", locale)}
            />
          </>
        ) : null}
        {row.status === "answered" && row.answer_body ? (
          <>
            <h2 class="govuk-heading-m">{t("dialogue.question.answer")}</h2>
            <Paragraphs text={row.answer_body} lang={langOf(row.answer_body, locale)} />
          </>
        ) : null}
        {row.status === "published" || row.status === "answered" ? (
          <p class="govuk-body">
            <a class="govuk-link" href={questionPath(p.body, row.id)}>
              {t("dialogue.office.public_page")}
            </a>
          </p>
        ) : null}
        {row.status === "pending" && p.canModerate ? (
          <>
            <p class="govuk-body">
              <a class="govuk-link" href={`${officeQuestionPath(row.id)}/redirect`}>
                {t("dialogue.redirect.link")}
              </a>
            </p>
            <h2 class="govuk-heading-m">{t("dialogue.office.approve_title")}</h2>
            <Form action={action("approve")} csrf={p.csrf}>
              <Input
                t={t}
                spellcheck
                id="approve-subject"
                name="subject"
                label={t("dialogue.ask.subject")}
                hint={t("dialogue.office.edit_hint")}
                value={v("subject", row.subject)}
                issues={issues}
              />
              <TextArea
                t={t}
                id="approve-text"
                name="text"
                label={t("dialogue.office.question_text")}
                value={v("text", row.body)}
                issues={issues}
                rows={8}
              />
              <SubmitButton>{t("dialogue.office.approve")}</SubmitButton>
            </Form>
            <h2 class="govuk-heading-m">{t("dialogue.office.reject_title")}</h2>
            <Form action={action("reject")} csrf={p.csrf}>
              <Radios
                t={t}
                id="reject-reason"
                name="reason"
                legend={t("dialogue.office.reason")}
                items={REJECT_REASONS.map((r) => ({
                  value: r,
                  label: t(`dialogue.reason.${r}`),
                }))}
                value={v("reason", "")}
                issues={issues}
              />
              <SubmitButton warning>{t("dialogue.office.reject")}</SubmitButton>
            </Form>
          </>
        ) : null}
        {row.status === "published" && p.canAnswer ? (
          <>
            <h2 class="govuk-heading-m">{t("dialogue.office.answer_title")}</h2>
            <Form action={action("answer")} csrf={p.csrf}>
              <TextArea
                t={t}
                id="answer-text"
                name="text"
                label={t("dialogue.question.answer")}
                hint={t("dialogue.office.answer_hint")}
                value={v("text", "")}
                issues={issues}
                rows={10}
              />
              <SubmitButton>{t("dialogue.office.answer")}</SubmitButton>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}
