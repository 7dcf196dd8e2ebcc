import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { Paragraphs, SummaryRow, TextArea } from "../../../web/components/kit.js";
import { SuccessBanner } from "../../../web/components/notices.js";
import { ReportButton } from "../../../web/components/report-button.js";
import { formatDate } from "../../../web/format.js";
import { langOf } from "../../../web/text-language.js";
import { COMMENT_MAX, type ConsultationStatus, inLanguage } from "../consultation.js";
import type {
  CommentWithVotes,
  ConsultationRow,
  ParagraphRow,
  VersionRow,
} from "../consultation.repository.js";
import type { ConsultationFileRow } from "../files/files.repository.js";
import { FileLinks } from "./files.js";
import { Lines, StatusTag, windowText } from "./shared.js";

/** Who is reading the draft page, and what they may do on it. */
export interface Reader {
  csrf: string;
  accountId: string;
  canComment: boolean;
  canVote: boolean;
  /** May report a comment to the moderator (see the moderation queue). */
  canReport?: boolean;
  subscribed: boolean;
  votes: Map<string, number>;
}

/** The outcome of the last thing tried on the page. */
export interface DraftPageState {
  notice?: string | undefined;
  /** A comment that was refused: which form, what was wrong, what was typed. */
  failed?: { form: string; issues: FieldIssue[]; text: string };
  conflict?: string;
}

export interface DraftPageProps {
  t: Translate;
  locale: Locale;
  consultation: ConsultationRow;
  version: VersionRow;
  agency: string;
  status: ConsultationStatus;
  paragraphs: ParagraphRow[];
  comments: CommentWithVotes[];
  hasReport: boolean;
  /** The files published with the current version. */
  files: ConsultationFileRow[];
  reader: Reader | null;
  path: string;
  state: DraftPageState;
}

/** The form id of the comment form of a paragraph ("whole" for the draft as a whole). */
export const formId = (paragraph: number | null) =>
  paragraph === null ? "comment-whole" : `comment-${paragraph}`;

function CommentItem({
  t,
  locale,
  c,
  p,
}: {
  t: Translate;
  locale: Locale;
  c: CommentWithVotes;
  p: DraftPageProps;
}) {
  const hidden = c.hidden_at !== null;
  const reader = p.reader;
  const mine = reader?.votes.get(c.id) ?? 0;
  const canVote =
    !hidden && p.status === "open" && reader?.canVote === true && c.author_id !== reader.accountId;
  return (
    <li class="halyq-comment" id={`c-${c.id}`}>
      <p class="govuk-body-s govuk-!-margin-bottom-1">
        <strong>{c.author_name}</strong>, {formatDate(c.created_on, locale, "long")}
      </p>
      {hidden ? (
        <p class="govuk-body govuk-!-font-style-italic">
          {t("consultations.comment.hidden", {
            reason: t(`consultations.hide_reason.${c.hidden_reason}`),
          })}
        </p>
      ) : (
        <p class="govuk-body" lang={langOf(c.body, locale)}>
          <Lines text={c.body} />
        </p>
      )}
      {hidden ? null : (
        <p class="govuk-body-s">
          {t("consultations.comment.votes", { agree: c.agree, disagree: c.disagree })}
        </p>
      )}
      {!hidden && reader?.canReport && c.author_id !== reader.accountId ? (
        <ReportButton
          t={t}
          csrf={reader.csrf}
          kind="comment"
          id={c.id}
          returnTo={`${p.path}#c-${c.id}`}
        />
      ) : null}
      {canVote && reader ? (
        <form
          method="post"
          action={`/consultations/${p.consultation.id}/comments/${c.id}/vote`}
          class="govuk-button-group"
        >
          <input type="hidden" name="_csrf" value={reader.csrf} />
          {mine === 1 ? (
            <button
              type="submit"
              name="value"
              value="none"
              class="govuk-button govuk-button--secondary"
            >
              {t("consultations.comment.withdraw_agree")}
            </button>
          ) : (
            <button
              type="submit"
              name="value"
              value="agree"
              class="govuk-button govuk-button--secondary"
            >
              {t("consultations.comment.agree")}
            </button>
          )}
          {mine === -1 ? (
            <button
              type="submit"
              name="value"
              value="none"
              class="govuk-button govuk-button--secondary"
            >
              {t("consultations.comment.withdraw_disagree")}
            </button>
          ) : (
            <button
              type="submit"
              name="value"
              value="disagree"
              class="govuk-button govuk-button--secondary"
            >
              {t("consultations.comment.disagree")}
            </button>
          )}
        </form>
      ) : null}
    </li>
  );
}

function CommentForm({
  t,
  p,
  paragraph,
}: {
  t: Translate;
  p: DraftPageProps;
  paragraph: number | null;
}) {
  if (p.status !== "open") return null;
  const id = formId(paragraph);
  const summary =
    paragraph === null
      ? t("consultations.comment.on_whole")
      : t("consultations.comment.on_paragraph", { n: paragraph });
  if (!p.reader) {
    return (
      <p class="govuk-body">
        <a class="govuk-link" href={`/login?next=${encodeURIComponent(p.path)}`}>
          {t("consultations.comment.sign_in", { what: summary })}
        </a>
      </p>
    );
  }
  if (!p.reader.canComment) return null;
  const failed = p.state.failed?.form === id ? p.state.failed : undefined;
  return (
    <details class="govuk-details" open={failed !== undefined}>
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">{summary}</span>
      </summary>
      <div class="govuk-details__text">
        <Form action={`/consultations/${p.consultation.id}/comments`} csrf={p.reader.csrf}>
          {paragraph === null ? null : (
            <input type="hidden" name="paragraph" value={String(paragraph)} />
          )}
          <input type="hidden" name="form" value={id} />
          <TextArea
            t={t}
            id={id}
            name="text"
            label={t("consultations.comment.label")}
            hint={t("consultations.comment.hint")}
            issues={failed?.issues ?? []}
            issueField="text"
            value={failed?.text ?? ""}
            maxLength={COMMENT_MAX}
            locale={p.locale}
          />
          <SubmitButton>{t("consultations.comment.submit")}</SubmitButton>
        </Form>
      </div>
    </details>
  );
}

function CommentList({
  t,
  p,
  paragraph,
  headingId,
}: {
  t: Translate;
  p: DraftPageProps;
  paragraph: number | null;
  headingId: string;
}) {
  const list = p.comments.filter((c) => c.paragraph_number === paragraph);
  const Heading = paragraph === null ? "h3" : "h4";
  return (
    <>
      <Heading class="govuk-heading-s" id={headingId}>
        {t("consultations.comment.count", { count: list.length })}
      </Heading>
      {list.length > 0 ? (
        <ul class="govuk-list halyq-comments">
          {list.map((c) => (
            <CommentItem key={c.id} t={t} locale={p.locale} c={c} p={p} />
          ))}
        </ul>
      ) : null}
      <CommentForm t={t} p={p} paragraph={paragraph} />
    </>
  );
}

/** A draft under discussion: its numbered paragraphs, each with its comments and a comment form. */
export function DraftPage(p: DraftPageProps) {
  const { t, locale, consultation: c, version: v } = p;
  const failedIssues = p.state.failed?.issues ?? [];
  const failedForm = p.state.failed?.form ?? "";
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href="/consultations" class="govuk-back-link">
          {t("consultations.list.back")}
        </a>
        <SuccessBanner title={t("consultations.notice_title")} text={p.state.notice} />
        <ErrorSummary
          t={t}
          issues={failedIssues}
          fieldIds={{ text: failedForm, paragraph: failedForm }}
        />
        {p.state.conflict ? (
          <div class="govuk-error-summary" data-module="govuk-error-summary">
            <div role="alert">
              <h2 class="govuk-error-summary__title">{t("consultations.conflict.title")}</h2>
              <div class="govuk-error-summary__body">
                <p class="govuk-body">{p.state.conflict}</p>
              </div>
            </div>
          </div>
        ) : null}
        <span class="govuk-caption-l">{t(`consultations.type.${c.type}`)}</span>
        <h1 class="govuk-heading-l">{c[`title_${locale}`]}</h1>
        <p class="govuk-body">
          <StatusTag t={t} status={p.status} />
        </p>
        <dl class="govuk-summary-list">
          <SummaryRow label={t("consultations.draft.agency")}>{p.agency}</SummaryRow>
          <SummaryRow label={t("consultations.draft.version")}>{String(v.number)}</SummaryRow>
          <SummaryRow label={t("consultations.draft.window")}>
            {windowText(t, locale, v)}
          </SummaryRow>
          <SummaryRow label={t("consultations.draft.comments")}>
            {String(p.comments.length)}
          </SummaryRow>
        </dl>
        {p.status === "open" ? null : (
          <div class="govuk-inset-text">
            {t("consultations.draft.closed_notice", {
              date: formatDate(v.closes_on, locale, "long"),
            })}
          </div>
        )}
        <h2 class="govuk-heading-m">{t("consultations.draft.summary")}</h2>
        <Paragraphs text={c[`summary_${locale}`]} />
        {p.files.length > 0 ? (
          <section id="files" aria-labelledby="files-title">
            <h2 class="govuk-heading-m" id="files-title">
              {t("consultations.files.title")}
            </h2>
            <FileLinks t={t} consultationId={c.id} files={p.files} />
          </section>
        ) : null}
        <ul class="govuk-list">
          {p.hasReport ? (
            <li>
              <a class="govuk-link" href={`/consultations/${c.id}/report`}>
                {t("consultations.draft.report_link")}
              </a>
            </li>
          ) : null}
          {v.number > 1 ? (
            <li>
              <a class="govuk-link" href={`/consultations/${c.id}/changes/${v.number}`}>
                {t("consultations.draft.changes_link", { n: v.number - 1 })}
              </a>
            </li>
          ) : null}
          <li>
            <a class="govuk-link" href="/consultations/rules">
              {t("consultations.rules.link")}
            </a>
          </li>
        </ul>
        {p.reader ? (
          <Form
            action={`/consultations/${c.id}/subscription${p.reader.subscribed ? "/delete" : ""}`}
            csrf={p.reader.csrf}
          >
            <p class="govuk-body">
              {t(
                p.reader.subscribed
                  ? "consultations.subscription.on"
                  : "consultations.subscription.offer",
              )}
            </p>
            <SubmitButton secondary>
              {t(
                p.reader.subscribed
                  ? "consultations.subscription.unsubscribe"
                  : "consultations.subscription.subscribe",
              )}
            </SubmitButton>
          </Form>
        ) : null}
        <h2 class="govuk-heading-m">{t("consultations.draft.text")}</h2>
        {p.paragraphs.map((para) => {
          const { text, lang } = inLanguage(para, locale);
          return (
            <section
              key={para.id}
              id={`p-${para.number}`}
              class="halyq-paragraph"
              aria-labelledby={`p-${para.number}-title`}
            >
              <h3 class="govuk-heading-s" id={`p-${para.number}-title`}>
                {t("consultations.draft.paragraph", { n: para.number })}
              </h3>
              <Paragraphs text={text} lang={lang === locale ? undefined : lang} />
              <CommentList
                t={t}
                p={p}
                paragraph={para.number}
                headingId={`p-${para.number}-comments`}
              />
            </section>
          );
        })}
        <section id="whole" aria-labelledby="whole-title">
          <h2 class="govuk-heading-m" id="whole-title">
            {t("consultations.draft.whole")}
          </h2>
          <CommentList t={t} p={p} paragraph={null} headingId="whole-comments" />
        </section>
      </div>
    </div>
  );
}
