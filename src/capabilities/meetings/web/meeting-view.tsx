import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { isSafeHttpsUrl } from "../../../kernel/safe-url.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { Paragraphs, Radios, Select, SummaryRow, TextArea } from "../../../web/components/kit.js";
import { SuccessBanner } from "../../../web/components/notices.js";
import { APPEAL_NUMBER, agendas, pick, titles } from "../meeting.js";
import { Localised, MeetingFacts } from "./details.js";
import type { DecisionRow, MeetingPageData, QuestionRow } from "./page-data.js";

/** What the page shows besides the meeting: what was just done, or what went wrong. */
export interface MeetingPageState {
  done?: string | undefined;
  issues?: FieldIssue[];
  conflict?: string | undefined;
  values?: { territory?: string; questionKind?: string; questionText?: string };
}

/** The follow-up of a decision as a link: an appeal's public page, or a checked https address. */
export function FollowUp({ t, d }: { t: Translate; d: DecisionRow }) {
  if (!d.follow_up_kind || !d.follow_up_ref) return null;
  let href: string | null = null;
  if (d.follow_up_kind === "appeal" && APPEAL_NUMBER.test(d.follow_up_ref))
    href = `/appeals/public/${encodeURIComponent(d.follow_up_ref)}`;
  else if (d.follow_up_kind !== "appeal" && isSafeHttpsUrl(d.follow_up_ref)) href = d.follow_up_ref;
  if (!href) return null;
  return (
    <p class="govuk-body-s">
      {t(`meetings.follow_up.${d.follow_up_kind}`)}:{" "}
      <a
        class="govuk-link"
        href={href}
        rel={href.startsWith("/") ? undefined : "noopener noreferrer nofollow"}
      >
        {d.follow_up_kind === "appeal" ? d.follow_up_ref : href}
      </a>
    </p>
  );
}

export function QuestionList({ t, questions }: { t: Translate; questions: QuestionRow[] }) {
  if (questions.length === 0) return <p class="govuk-body">{t("meetings.questions.none")}</p>;
  return (
    <ul class="govuk-list">
      {questions.map((q) => (
        <li key={q.id} class="govuk-!-margin-bottom-6">
          <strong class="govuk-tag govuk-tag--grey">{t(`meetings.question_kind.${q.kind}`)}</strong>
          <Paragraphs text={q.text} />
          {q.answer ? (
            <div class="govuk-inset-text">
              <h3 class="govuk-heading-s">{t("meetings.questions.answer")}</h3>
              <Paragraphs text={q.answer} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Registration({
  t,
  locale,
  data,
  csrf,
  state,
}: {
  t: Translate;
  locale: Locale;
  data: MeetingPageData;
  csrf: string | null;
  state: MeetingPageState;
}) {
  const { meeting, viewer } = data;
  const issues = state.issues ?? [];
  const base = `/meetings/${meeting.id}`;
  if (data.phase !== "upcoming") return <p class="govuk-body">{t("meetings.register.closed")}</p>;
  if (!viewer)
    return (
      <p class="govuk-body">
        <a class="govuk-link" href={`/login?next=${encodeURIComponent(base)}`}>
          {t("meetings.register.sign_in")}
        </a>
      </p>
    );
  if (viewer.kind !== "citizen")
    return <p class="govuk-body">{t("meetings.register.citizens_only")}</p>;
  if (viewer.standing && csrf) {
    return (
      <>
        <div class="govuk-inset-text">
          {viewer.standing.status === "confirmed"
            ? t("meetings.register.you_confirmed")
            : t("meetings.register.you_waiting", { position: viewer.standing.position ?? 0 })}
        </div>
        <p class="govuk-body">
          <a class="govuk-link" href={`${base}/calendar.ics`} download="meeting.ics">
            {t("meetings.register.calendar")}
          </a>
        </p>
        <Form action={`${base}/cancel`} csrf={csrf}>
          <SubmitButton secondary>{t("meetings.register.cancel")}</SubmitButton>
        </Form>
      </>
    );
  }
  if (!viewer.eligible) return <p class="govuk-body">{t("meetings.register.not_delegate")}</p>;
  if (!csrf) return null;
  const full = data.counts.confirmed >= meeting.capacity;
  return (
    <Form action={`${base}/register`} csrf={csrf}>
      {full ? <p class="govuk-body">{t("meetings.register.full")}</p> : null}
      {meeting.eligibility === "residents" ? (
        <>
          <p class="govuk-body">{t("meetings.register.declare_note")}</p>
          <Select
            t={t}
            id="territory"
            label={t("meetings.register.territory")}
            hint={t("meetings.register.territory_hint")}
            issues={issues}
            value={state.values?.territory ?? ""}
            items={[
              { value: "", label: t("meetings.register.territory_choose") },
              ...data.territories.map((k) => ({
                value: k.code,
                label: t("meetings.territory.area", { name: pick(k.names, locale).text }),
              })),
            ]}
          />
        </>
      ) : null}
      <SubmitButton>
        {full ? t("meetings.register.join_waiting") : t("meetings.register.submit")}
      </SubmitButton>
    </Form>
  );
}

function AskForm({
  t,
  data,
  csrf,
  state,
}: {
  t: Translate;
  data: MeetingPageData;
  csrf: string | null;
  state: MeetingPageState;
}) {
  if (data.phase !== "upcoming") return null;
  const base = `/meetings/${data.meeting.id}`;
  if (!data.viewer)
    return (
      <p class="govuk-body">
        <a class="govuk-link" href={`/login?next=${encodeURIComponent(base)}`}>
          {t("meetings.questions.sign_in")}
        </a>
      </p>
    );
  if (data.viewer.kind !== "citizen" || !csrf) return null;
  const issues = state.issues ?? [];
  return (
    <>
      <h3 class="govuk-heading-s">{t("meetings.questions.ask_title")}</h3>
      <p class="govuk-body">{t("meetings.questions.moderated")}</p>
      <Form action={`${base}/questions`} csrf={csrf}>
        <Radios
          t={t}
          id="questionKind"
          legend={t("meetings.questions.kind")}
          issues={issues}
          value={state.values?.questionKind ?? "question"}
          inline
          items={[
            { value: "question", label: t("meetings.question_kind.question") },
            { value: "position", label: t("meetings.question_kind.position") },
          ]}
        />
        <TextArea
          t={t}
          id="questionText"
          label={t("meetings.questions.text")}
          hint={t("meetings.questions.text_hint")}
          issues={issues}
          value={state.values?.questionText ?? ""}
        />
        <SubmitButton>{t("meetings.questions.submit")}</SubmitButton>
      </Form>
    </>
  );
}

function Outcome({ t, data }: { t: Translate; data: MeetingPageData }) {
  const m = data.meeting;
  if (data.phase !== "ended") return null;
  return (
    <>
      <h2 class="govuk-heading-m">{t("meetings.outcome.minutes")}</h2>
      {m.minutes ? (
        <Paragraphs text={m.minutes} />
      ) : (
        <p class="govuk-body">{t("meetings.outcome.no_minutes")}</p>
      )}
      {m.registered_figure !== null && m.attended_figure !== null ? (
        <>
          <h2 class="govuk-heading-m">{t("meetings.outcome.attendance")}</h2>
          <dl class="govuk-summary-list">
            <SummaryRow label={t("meetings.outcome.registered")}>
              {String(m.registered_figure)}
            </SummaryRow>
            <SummaryRow label={t("meetings.outcome.attended")}>
              {String(m.attended_figure)}
            </SummaryRow>
          </dl>
        </>
      ) : null}
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
    </>
  );
}

/** A meeting's public page: facts, agenda, registration, questions and, afterwards, the outcome. */
export function MeetingPage({
  t,
  locale,
  data,
  csrf,
  state,
}: {
  t: Translate;
  locale: Locale;
  data: MeetingPageData;
  csrf: string | null;
  state: MeetingPageState;
}) {
  const m = data.meeting;
  const agenda = pick(agendas(m), locale);
  const issues = state.issues ?? [];
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href="/meetings" class="govuk-back-link">
          {t("meetings.page.back")}
        </a>
        <ErrorSummary t={t} issues={issues} fieldIds={{ territory: "territory" }} />
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
          text={state.done ? t(`meetings.done.${state.done}`) : undefined}
        />
        <span class="govuk-caption-l">{t(`meetings.kind.${m.kind}`)}</span>
        <h1 class="govuk-heading-l">
          <Localised texts={titles(m)} locale={locale} />
        </h1>
        {data.viewer?.canManage || data.viewer?.canModerate ? (
          <p class="govuk-body">
            <a class="govuk-link" href={`/office/meetings/${m.id}`}>
              {t("meetings.page.office_link")}
            </a>
          </p>
        ) : null}
        <MeetingFacts
          t={t}
          locale={locale}
          meeting={m}
          agency={data.agency}
          territory={data.territory}
          counts={data.counts}
          phase={data.phase}
        />
        <h2 class="govuk-heading-m">{t("meetings.page.agenda")}</h2>
        <Paragraphs text={agenda.text} lang={agenda.lang === locale ? undefined : agenda.lang} />
        <h2 class="govuk-heading-m">{t("meetings.page.registration")}</h2>
        <Registration t={t} locale={locale} data={data} csrf={csrf} state={state} />
        <Outcome t={t} data={data} />
        <h2 class="govuk-heading-m">{t("meetings.questions.title")}</h2>
        <QuestionList t={t} questions={data.questions} />
        <AskForm t={t} data={data} csrf={csrf} state={state} />
      </div>
    </div>
  );
}
