import type { ComponentChildren } from "preact";
import type { Locale, Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { ErrorSummary } from "../../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../../web/components/fields.js";
import { Radios, SummaryRow, TextArea } from "../../../../web/components/kit.js";
import { SuccessBanner } from "../../../../web/components/notices.js";
import { formatDate, formatInstantDate } from "../../../../web/format.js";
import { RESOLVED } from "../../appeal.js";
import type { AppealRow } from "../../appeal.repository.js";
import type { AttachmentRow } from "../../attachments/attachment.repository.js";
import { type LetterItem, OutgoingLetters } from "../staff/letters.js";
import {
  type AgencyCard,
  FileList,
  formatDateTime,
  otherLang,
  Paragraphs,
  StatusTag,
} from "./shared.js";
import { type Joined, JoinedNotice } from "./slip-view.js";
import type { TimelineStep } from "./timeline.js";

/** What the applicant may do now; each form shows only when its step is open. */
export interface AppealChoices {
  rate: boolean;
  complain: boolean;
  withdraw: boolean;
  correct: boolean;
  publish: boolean;
  /** Last day to complain, when a complaint is possible. */
  complainUntil: string | null;
}

export interface AppealPageProps {
  t: Translate;
  locale: Locale;
  csrf: string;
  row: AppealRow;
  timeZone: string;
  agency: AgencyCard | undefined;
  /** The earlier appeal this one was joined to as a duplicate, or null. */
  joined?: Joined | null;
  files: AttachmentRow[];
  answerFiles: AttachmentRow[];
  /** The body's letters to the applicant (the signed answer, notices); empty for anyone else. */
  letters?: LetterItem[];
  timeline: TimelineStep[];
  related: { number: string; label: string }[];
  choices: AppealChoices;
  issues: FieldIssue[];
  /** Why the step just tried could not be taken (a 409), with params for the message. */
  problem?: { key: string; params?: Record<string, string> };
  notice?: string;
  values: Record<string, string>;
  /** What other capabilities offer the applicant once the answer is read (e.g. the portal survey). */
  afterAnswer?: ComponentChildren;
}

/** One appeal as its applicant (or the body's staff) sees it, with the applicant's next steps. */
export function AppealPage(p: AppealPageProps) {
  const { t, locale, row, choices } = p;
  const n = encodeURIComponent(row.number);
  const date = (d: string) => formatDate(d, locale, "long");
  const problems: FieldIssue[] = p.problem
    ? [
        {
          field: "status",
          key: p.problem.key,
          ...(p.problem.params ? { params: p.problem.params } : {}),
        },
        ...p.issues,
      ]
    : p.issues;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary
          t={t}
          issues={problems}
          fieldIds={{ "rate-score": "rate-score", "rate-resolved": "rate-resolved" }}
        />
        <SuccessBanner title={t("appeals.citizen.notice")} text={p.notice} />
        <span class="govuk-caption-l">
          {t("appeals.citizen.appeal.caption", { number: row.number })}
        </span>
        <h1 class="govuk-heading-l">{row.subject}</h1>
        <p class="govuk-body" id="status">
          <StatusTag t={t} status={row.status} />
        </p>
        {p.joined ? <JoinedNotice t={t} locale={locale} joined={p.joined} /> : null}
        {row.deemed_refused_at ? (
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">{t("appeals.citizen.warning")}</span>
              {t("appeals.citizen.appeal.deemed_refused", { date: date(row.due_on) })}
            </strong>
          </div>
        ) : null}
        <dl class="govuk-summary-list">
          <SummaryRow label={t("appeals.citizen.appeal.number")}>{row.number}</SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.kind")}>
            {t(`appeals.kind.${row.kind}`)} ({t(`appeals.procedure.${row.procedure}`)})
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.agency")}>
            {p.agency?.name ?? "—"}
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.received")}>
            {formatDateTime(row.received_at, locale, p.timeZone)}
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.registered_on")}>
            {date(row.registered_on)}
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.due")}>
            {date(p.joined?.dueOn ?? row.due_on)}
            {row.extended_at ? (
              <>
                <br />
                <span class="govuk-hint">
                  {t("appeals.citizen.appeal.extended", {
                    from: date(row.original_due_on),
                    reason: row.extension_reason ?? "",
                  })}
                </span>
              </>
            ) : null}
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.channel")}>
            {t(`appeals.channel.${row.channel}`)}
          </SummaryRow>
          {row.closed_at && row.close_reason && row.status !== "answered" ? (
            <SummaryRow label={t("appeals.citizen.appeal.closed")}>
              {formatInstantDate(row.closed_at, locale, p.timeZone)}:{" "}
              {t(`appeals.reason.${row.close_reason}`)}
              {row.close_note ? (
                <>
                  <br />
                  {row.close_note}
                </>
              ) : null}
            </SummaryRow>
          ) : null}
        </dl>

        {choices.correct && row.correction_note ? (
          <section aria-labelledby="correct-title">
            <h2 class="govuk-heading-m" id="correct-title">
              {t("appeals.citizen.correct.title")}
            </h2>
            <div class="govuk-inset-text">
              <p class="govuk-body">{row.correction_note}</p>
              {row.correction_due_on ? (
                <p class="govuk-body">
                  {t("appeals.citizen.correct.until", { date: date(row.correction_due_on) })}
                </p>
              ) : null}
            </div>
            <Form action={`/appeals/${n}/correct`} csrf={p.csrf}>
              <TextArea
                t={t}
                id="correct-text"
                name="text"
                label={t("appeals.citizen.correct.label")}
                value={p.values["correct-text"] ?? ""}
                issues={p.issues}
                maxLength={20_000}
                locale={locale}
              />
              <SubmitButton>{t("appeals.citizen.correct.submit")}</SubmitButton>
            </Form>
          </section>
        ) : null}

        {row.status === "answered" && row.answer_text ? (
          <section aria-labelledby="answer-title">
            <h2 class="govuk-heading-m" id="answer-title">
              {t("appeals.citizen.answer.title")}
            </h2>
            <dl class="govuk-summary-list">
              <SummaryRow label={t("appeals.citizen.answer.outcome")}>
                {t(`appeals.outcome.${row.answer_outcome}`)}
              </SummaryRow>
              {row.answered_at ? (
                <SummaryRow label={t("appeals.citizen.answer.date")}>
                  {formatDateTime(row.answered_at, locale, p.timeZone)}
                </SummaryRow>
              ) : null}
              {row.answer_basis ? (
                <SummaryRow label={t("appeals.citizen.answer.basis")}>
                  {row.answer_basis}
                </SummaryRow>
              ) : null}
            </dl>
            <Paragraphs
              text={row.answer_text}
              lang={otherLang(row.answer_language ?? row.language, locale)}
            />
            {p.answerFiles.length > 0 ? (
              <>
                <h3 class="govuk-heading-s">{t("appeals.citizen.answer.files")}</h3>
                <FileList t={t} number={row.number} files={p.answerFiles} />
              </>
            ) : null}
            {row.rated_at ? (
              <p class="govuk-body">
                {t("appeals.citizen.rate.given", {
                  score: String(row.rating_score ?? ""),
                  resolved: t(`appeals.resolved.${row.rating_resolved}`),
                })}
              </p>
            ) : null}
            {p.afterAnswer}
          </section>
        ) : null}

        {p.letters && p.letters.length > 0 ? (
          <OutgoingLetters
            t={t}
            locale={locale}
            timeZone={p.timeZone}
            appealNumber={row.number}
            letters={p.letters}
            byPost={false}
            forApplicant
          />
        ) : null}

        {choices.rate ? (
          <section aria-labelledby="rate-title">
            <h2 class="govuk-heading-m" id="rate-title">
              {t("appeals.citizen.rate.title")}
            </h2>
            <Form action={`/appeals/${n}/rate`} csrf={p.csrf}>
              <Radios
                t={t}
                id="rate-score"
                name="score"
                legend={t("appeals.citizen.rate.score")}
                hint={t("appeals.citizen.rate.score_hint")}
                inline
                value={p.values["rate-score"] ?? ""}
                issues={p.issues}
                items={["1", "2", "3", "4", "5"].map((s) => ({ value: s, label: s }))}
                small={false}
              />
              <Radios
                t={t}
                id="rate-resolved"
                name="resolved"
                legend={t("appeals.citizen.rate.resolved")}
                inline
                value={p.values["rate-resolved"] ?? ""}
                issues={p.issues}
                items={RESOLVED.map((r) => ({ value: r, label: t(`appeals.resolved.${r}`) }))}
                small={false}
              />
              <TextArea
                t={t}
                id="rate-comment"
                name="comment"
                label={t("appeals.citizen.rate.comment")}
                value={p.values["rate-comment"] ?? ""}
                issues={p.issues}
                maxLength={2000}
                rows={3}
                locale={locale}
              />
              <SubmitButton>{t("appeals.citizen.rate.submit")}</SubmitButton>
            </Form>
          </section>
        ) : null}

        {choices.complain ? (
          <section aria-labelledby="complain-title">
            <h2 class="govuk-heading-m" id="complain-title">
              {t("appeals.citizen.complain.title")}
            </h2>
            <p class="govuk-body">
              {row.status === "answered"
                ? t("appeals.citizen.complain.lead_answer")
                : t("appeals.citizen.complain.lead_silence")}{" "}
              {choices.complainUntil
                ? t("appeals.citizen.complain.until", { date: date(choices.complainUntil) })
                : null}
            </p>
            <Form action={`/appeals/${n}/complain`} csrf={p.csrf}>
              <TextArea
                t={t}
                id="complain-text"
                name="text"
                label={t("appeals.citizen.complain.label")}
                hint={t("appeals.citizen.complain.hint")}
                value={p.values["complain-text"] ?? ""}
                issues={p.issues}
                maxLength={20_000}
                locale={locale}
              />
              <SubmitButton>{t("appeals.citizen.complain.submit")}</SubmitButton>
            </Form>
          </section>
        ) : null}

        {p.agency ? (
          <section aria-labelledby="contacts-title">
            <h2 class="govuk-heading-m" id="contacts-title">
              {t("appeals.citizen.appeal.contacts")}
            </h2>
            <p class="govuk-body">{p.agency.name}</p>
            <ul class="govuk-list">
              {p.agency.phone ? (
                <li>
                  {t("appeals.citizen.appeal.phone")}:{" "}
                  <a class="govuk-link" href={`tel:${p.agency.phone.replace(/[^\d+]/g, "")}`}>
                    {p.agency.phone.replace(/ /g, "\u00a0").replace(/-/g, "\u2011")}
                  </a>
                </li>
              ) : null}
              {p.agency.email ? (
                <li>
                  {t("appeals.citizen.appeal.email")}:{" "}
                  <a class="govuk-link" href={`mailto:${p.agency.email}`}>
                    {p.agency.email}
                  </a>
                </li>
              ) : null}
              {p.agency.address ? (
                <li>
                  {t("appeals.citizen.appeal.address")}: {p.agency.address}
                </li>
              ) : null}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="text-title">
          <h2 class="govuk-heading-m" id="text-title">
            {t("appeals.citizen.appeal.text")}
          </h2>
          <Paragraphs text={row.body} lang={otherLang(row.language, locale)} />
          {row.address ? (
            <p class="govuk-body">
              {t("appeals.citizen.appeal.place")}: {row.address}
            </p>
          ) : null}
          {p.files.length > 0 ? (
            <>
              <h3 class="govuk-heading-s">{t("appeals.citizen.appeal.files")}</h3>
              <FileList t={t} number={row.number} files={p.files} />
            </>
          ) : null}
        </section>

        {p.related.length > 0 ? (
          <section aria-labelledby="related-title">
            <h2 class="govuk-heading-m" id="related-title">
              {t("appeals.citizen.appeal.related")}
            </h2>
            <ul class="govuk-list">
              {p.related.map((r) => (
                <li key={r.number}>
                  {r.label}:{" "}
                  <a class="govuk-link" href={`/appeals/${encodeURIComponent(r.number)}`}>
                    {r.number}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="timeline-title">
          <h2 class="govuk-heading-m" id="timeline-title">
            {t("appeals.citizen.appeal.timeline")}
          </h2>
          <ol class="govuk-list">
            {p.timeline.map((s, i) => (
              <li key={i} class="govuk-!-margin-bottom-3">
                <span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                  {formatDateTime(s.at, locale, p.timeZone)}
                </span>
                <strong>{t(s.key, s.params)}</strong>
                {s.reason ? (
                  <span class="govuk-!-display-block">
                    {"code" in s.reason ? t(`appeals.reason.${s.reason.code}`) : s.reason.text}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </section>

        {choices.publish || choices.withdraw ? (
          <section aria-labelledby="manage-title">
            <h2 class="govuk-heading-m" id="manage-title">
              {t("appeals.citizen.appeal.manage")}
            </h2>
            {choices.publish ? (
              <Form action={`/appeals/${n}/publish`} csrf={p.csrf}>
                <input
                  type="hidden"
                  name="public"
                  value={Number(row.public) === 1 ? "no" : "yes"}
                />
                <p class="govuk-body">
                  {Number(row.public) === 1
                    ? t("appeals.citizen.publish.is_public")
                    : t("appeals.citizen.publish.is_private")}
                </p>
                <SubmitButton secondary>
                  {Number(row.public) === 1
                    ? t("appeals.citizen.publish.make_private")
                    : t("appeals.citizen.publish.make_public")}
                </SubmitButton>
              </Form>
            ) : null}
            {choices.withdraw ? (
              <p class="govuk-body">
                <a class="govuk-link" href={`/appeals/${n}/withdraw`}>
                  {t("appeals.citizen.withdraw.link")}
                </a>
              </p>
            ) : null}
          </section>
        ) : null}

        <p class="govuk-body">
          <a class="govuk-link" href={`/appeals/${n}/slip`}>
            {t("appeals.citizen.appeal.slip_link")}
          </a>
        </p>
        <p class="govuk-body-s">
          {t("appeals.citizen.appeal.hash")} <code class="halyq-code">{row.registration_hash}</code>
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href="/appeals">
            {t("appeals.citizen.mine.back")}
          </a>
        </p>
      </div>
    </div>
  );
}

/** A clear warning before the one step that cannot be undone. */
export function WithdrawPage(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  row: AppealRow;
  issues: FieldIssue[];
  reason: string;
}) {
  const { t, row, locale } = p;
  const n = encodeURIComponent(row.number);
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href={`/appeals/${n}`} class="govuk-back-link">
          {t("appeals.citizen.back")}
        </a>
        <ErrorSummary t={t} issues={p.issues} />
        <span class="govuk-caption-l">
          {t("appeals.citizen.appeal.caption", { number: row.number })}
        </span>
        <h1 class="govuk-heading-l">{t("appeals.citizen.withdraw.title")}</h1>
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">{t("appeals.citizen.warning")}</span>
            {t("appeals.citizen.withdraw.warning")}
          </strong>
        </div>
        <Form action={`/appeals/${n}/withdraw`} csrf={p.csrf}>
          <TextArea
            t={t}
            id="withdraw-reason"
            name="reason"
            label={t("appeals.citizen.withdraw.reason")}
            value={p.reason}
            issues={p.issues}
            maxLength={2000}
            rows={3}
            locale={locale}
          />
          <div class="govuk-button-group">
            <SubmitButton warning>{t("appeals.citizen.withdraw.submit")}</SubmitButton>
            <a class="govuk-link" href={`/appeals/${n}`}>
              {t("appeals.citizen.withdraw.cancel")}
            </a>
          </div>
        </Form>
      </div>
    </div>
  );
}
