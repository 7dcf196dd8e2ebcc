import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import {
  Input,
  Paragraphs,
  Radios,
  ResponsiveTable,
  TextArea,
} from "../../../web/components/kit.js";
import { SuccessBanner } from "../../../web/components/notices.js";
import { FOLLOW_UP_KINDS, type MeetingRow, type Texts, titles } from "../meeting.js";
import type { registrationsWithNames } from "../meeting.repository.js";
import { Localised, MeetingFacts } from "./details.js";
import { MeetingTable } from "./list-view.js";
import { FollowUp } from "./meeting-view.js";
import type { MeetingPageData, QuestionRow } from "./page-data.js";

type Registrant = Awaited<ReturnType<typeof registrationsWithNames>>[number];

/** The body's list of its meetings, and the way to announce one. */
export function OfficeListPage({
  t,
  locale,
  rows,
  agencies,
  canAnnounce,
}: {
  t: Translate;
  locale: Locale;
  rows: MeetingRow[];
  agencies: Map<string, Texts>;
  canAnnounce: boolean;
}) {
  return (
    <>
      <h1 class="govuk-heading-l">{t("meetings.office.title")}</h1>
      {canAnnounce ? (
        <a href="/office/meetings/new" class="govuk-button">
          {t("meetings.office.announce")}
        </a>
      ) : null}
      {rows.length > 0 ? (
        <MeetingTable
          id="meetings"
          t={t}
          locale={locale}
          caption={t("meetings.office.caption")}
          rows={rows}
          agencies={agencies}
          href={(m) => `/office/meetings/${m.id}`}
        />
      ) : (
        <p class="govuk-body">{t("meetings.office.none")}</p>
      )}
    </>
  );
}

/** What the office page shows besides the meeting: what was just done, or what went wrong. */
export interface OfficeState {
  done?: string | undefined;
  issues?: FieldIssue[];
  conflict?: string | undefined;
  values?: Record<string, string>;
}

function Registrants({ t, rows }: { t: Translate; rows: Registrant[] }) {
  if (rows.length === 0) return <p class="govuk-body">{t("meetings.office.no_registrants")}</p>;
  let waiting = 0;
  const position = new Map(
    rows.map((r) => [r.id, r.status === "confirmed" ? 0 : ++waiting] as const),
  );
  return (
    <ResponsiveTable
      id="registrants"
      caption={t("meetings.office.registrants_caption")}
      captionClass="govuk-table__caption--s"
      mode="stack"
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        {
          key: "person",
          header: t("meetings.office.person"),
          cell: (r) => `${r.surname} ${r.given_name}`,
        },
        {
          key: "standing",
          header: t("meetings.office.standing"),
          cell: (r) =>
            r.status === "confirmed"
              ? t("meetings.office.confirmed")
              : t("meetings.office.waiting", { position: position.get(r.id) ?? 0 }),
        },
      ]}
    />
  );
}

function Moderation({
  t,
  csrf,
  q,
  base,
  issues,
}: {
  t: Translate;
  csrf: string;
  q: QuestionRow;
  base: string;
  issues: FieldIssue[];
}) {
  return (
    <Form action={`${base}/questions/${q.id}/moderate`} csrf={csrf}>
      <Radios
        t={t}
        id={`decision-${q.id}`}
        name="decision"
        legend={t("meetings.moderate.decision")}
        issues={issues}
        value=""
        inline
        items={[
          { value: "approve", label: t("meetings.moderate.approve") },
          { value: "reject", label: t("meetings.moderate.reject") },
        ]}
      />
      <TextArea
        t={t}
        id={`reason-${q.id}`}
        name="reason"
        label={t("meetings.moderate.reason")}
        hint={t("meetings.moderate.reason_hint")}
        issues={issues}
        value=""
        rows={2}
      />
      <SubmitButton>{t("meetings.moderate.submit")}</SubmitButton>
    </Form>
  );
}

function Questions({
  t,
  csrf,
  data,
  all,
  issues,
}: {
  t: Translate;
  csrf: string;
  data: MeetingPageData;
  all: QuestionRow[];
  issues: FieldIssue[];
}) {
  const base = `/office/meetings/${data.meeting.id}`;
  const canModerate = data.viewer?.canModerate ?? false;
  const canManage = data.viewer?.canManage ?? false;
  const shown = all.filter((q) => q.status === "approved" || canModerate);
  if (shown.length === 0) return <p class="govuk-body">{t("meetings.questions.none")}</p>;
  return (
    <ul class="govuk-list">
      {shown.map((q) => (
        <li key={q.id} class="govuk-!-margin-bottom-6">
          <h3 class="govuk-heading-s">
            {t(`meetings.question_kind.${q.kind}`)} — {t(`meetings.question_status.${q.status}`)}
          </h3>
          <Paragraphs text={q.text} />
          {q.status === "rejected" && q.moderation_reason ? (
            <p class="govuk-body-s">
              {t("meetings.moderate.reason")}: {q.moderation_reason}
            </p>
          ) : null}
          {q.status === "pending" && canModerate ? (
            <Moderation t={t} csrf={csrf} q={q} base={base} issues={issues} />
          ) : null}
          {q.answer ? (
            <div class="govuk-inset-text">
              <Paragraphs text={q.answer} />
            </div>
          ) : null}
          {q.status === "approved" && canManage ? (
            <Form action={`${base}/questions/${q.id}/answer`} csrf={csrf}>
              <TextArea
                t={t}
                id={`answer-${q.id}`}
                name="answer"
                label={t("meetings.answer.label")}
                issues={issues}
                value={q.answer ?? ""}
                rows={3}
              />
              <SubmitButton secondary>{t("meetings.answer.submit")}</SubmitButton>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function OutcomeForms({
  t,
  csrf,
  data,
  state,
}: {
  t: Translate;
  csrf: string;
  data: MeetingPageData;
  state: OfficeState;
}) {
  const m = data.meeting;
  const base = `/office/meetings/${m.id}`;
  const issues = state.issues ?? [];
  const v = (k: string, fallback: string) => state.values?.[k] ?? fallback;
  if (data.phase !== "ended") return <p class="govuk-body">{t("meetings.office.outcome_after")}</p>;
  return (
    <>
      <Form action={`${base}/minutes`} csrf={csrf}>
        <TextArea
          t={t}
          id="minutes"
          label={t("meetings.outcome.minutes_label")}
          issues={issues}
          value={v("minutes", m.minutes ?? "")}
          rows={10}
        />
        <Input
          t={t}
          id="registered"
          label={t("meetings.outcome.registered")}
          issues={issues}
          value={v("registered", String(m.registered_figure ?? data.counts.confirmed))}
          width="govuk-input--width-5"
          inputmode="numeric"
        />
        <Input
          t={t}
          id="attended"
          label={t("meetings.outcome.attended")}
          issues={issues}
          value={v("attended", m.attended_figure === null ? "" : String(m.attended_figure))}
          width="govuk-input--width-5"
          inputmode="numeric"
        />
        <SubmitButton>
          {m.minutes_published_at ? t("meetings.outcome.correct") : t("meetings.outcome.publish")}
        </SubmitButton>
      </Form>
      <h2 class="govuk-heading-m">{t("meetings.outcome.decisions")}</h2>
      {data.decisions.length > 0 ? (
        <ol class="govuk-list govuk-list--number">
          {data.decisions.map((d) => (
            <li key={d.id}>
              <Paragraphs text={d.text} />
              <FollowUp t={t} d={d} />
            </li>
          ))}
        </ol>
      ) : (
        <p class="govuk-body">{t("meetings.outcome.no_decisions")}</p>
      )}
      <Form action={`${base}/decisions`} csrf={csrf}>
        <TextArea
          t={t}
          id="decisionText"
          label={t("meetings.outcome.decision_text")}
          issues={issues}
          value={v("decisionText", "")}
          rows={3}
        />
        <Radios
          t={t}
          id="followUpKind"
          legend={t("meetings.outcome.follow_up")}
          issues={issues}
          value={v("followUpKind", "")}
          items={[
            { value: "", label: t("meetings.follow_up.none") },
            ...FOLLOW_UP_KINDS.map((k) => ({ value: k, label: t(`meetings.follow_up.${k}`) })),
          ]}
        />
        <Input
          t={t}
          id="followUpRef"
          label={t("meetings.outcome.follow_up_ref")}
          hint={t("meetings.outcome.follow_up_ref_hint")}
          issues={issues}
          value={v("followUpRef", "")}
        />
        <SubmitButton secondary>{t("meetings.outcome.add_decision")}</SubmitButton>
      </Form>
    </>
  );
}

/** The body's page of one meeting: who registered, questions to moderate and answer, the outcome. */
export function OfficeMeetingPage({
  t,
  locale,
  csrf,
  data,
  registrants,
  questions,
  state,
}: {
  t: Translate;
  locale: Locale;
  csrf: string;
  data: MeetingPageData;
  registrants: Registrant[];
  questions: QuestionRow[];
  state: OfficeState;
}) {
  const m = data.meeting;
  const issues = state.issues ?? [];
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href="/office/meetings" class="govuk-back-link">
          {t("meetings.office.back")}
        </a>
        <ErrorSummary t={t} issues={issues} />
        {state.conflict ? (
          <div class="govuk-error-summary" data-module="govuk-error-summary">
            <div role="alert">
              <h2 class="govuk-error-summary__title">{t("forms.error_summary_title")}</h2>
              <div class="govuk-error-summary__body">
                <p class="govuk-body">{state.conflict}</p>
              </div>
            </div>
          </div>
        ) : null}
        <SuccessBanner
          title={t("meetings.page.done_title")}
          text={state.done ? t(`meetings.office_done.${state.done}`) : undefined}
        />
        <span class="govuk-caption-l">{t(`meetings.kind.${m.kind}`)}</span>
        <h1 class="govuk-heading-l">
          <Localised texts={titles(m)} locale={locale} />
        </h1>
        <p class="govuk-body">
          <a class="govuk-link" href={`/meetings/${m.id}`}>
            {t("meetings.office.public_page")}
          </a>
        </p>
        <MeetingFacts
          t={t}
          locale={locale}
          meeting={m}
          agency={data.agency}
          territory={data.territory}
          counts={data.counts}
          phase={data.phase}
        />
        {data.viewer?.canManage ? (
          <>
            <h2 class="govuk-heading-m">{t("meetings.office.registrants")}</h2>
            <Registrants t={t} rows={registrants} />
          </>
        ) : null}
        <h2 class="govuk-heading-m">{t("meetings.questions.title")}</h2>
        <Questions t={t} csrf={csrf} data={data} all={questions} issues={issues} />
        {data.viewer?.canManage ? (
          <>
            <h2 class="govuk-heading-m">{t("meetings.office.outcome")}</h2>
            <OutcomeForms t={t} csrf={csrf} data={data} state={state} />
          </>
        ) : null}
      </div>
    </div>
  );
}
