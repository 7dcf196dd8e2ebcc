import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { Input, Radios, Select, SummaryRow, TextArea } from "../../../web/components/kit.js";
import { SuccessBanner } from "../../../web/components/notices.js";
import { CSRF_FIELD } from "../../../web/csrf-plugin.js";
import { formatDate } from "../../../web/format.js";
import { langOf } from "../../../web/text-language.js";
import {
  ANSWERS,
  type ConsultationStatus,
  DRAFT_TYPES,
  HIDE_REASONS,
  inLanguage,
} from "../consultation.js";
import type {
  CommentWithVotes,
  ConsultationRow,
  DraftListRow,
  ParagraphRow,
  VersionRow,
} from "../consultation.repository.js";
import type { ConsultationFileRow } from "../files/files.repository.js";
import { FileInput, OFFICE_FILE_INPUT, OfficeFiles } from "./files.js";
import { DraftTable } from "./list-pages.js";
import { Lines, StatusTag, windowText } from "./shared.js";

const LANGS = ["kk", "ru", "en"] as const;

/** The drafts of the bodies a staff member works for, with a way to publish a new one. */
export function OfficeListPage({
  t,
  locale,
  rows,
  agencies,
  today,
  canPublish,
}: {
  t: Translate;
  locale: Locale;
  rows: DraftListRow[];
  agencies: Map<string, string>;
  today: string;
  canPublish: boolean;
}) {
  return (
    <>
      <h1 class="govuk-heading-l">{t("consultations.office.title")}</h1>
      {canPublish ? (
        <a href="/office/consultations/new" class="govuk-button">
          {t("consultations.office.new")}
        </a>
      ) : null}
      {rows.length > 0 ? (
        <DraftTable
          t={t}
          locale={locale}
          rows={rows}
          agencies={agencies}
          today={today}
          caption={t("consultations.list.count", { count: rows.length })}
          href={(id) => `/office/consultations/${id}`}
        />
      ) : (
        <p class="govuk-body">{t("consultations.office.empty")}</p>
      )}
    </>
  );
}

/** The form to publish a draft (or, with `version`, a new version of one). */
export function DraftForm({
  t,
  csrf,
  values,
  issues,
  bodies,
  version,
}: {
  t: Translate;
  csrf: string;
  values: Record<string, string>;
  issues: FieldIssue[];
  bodies: { id: string; name: string }[];
  /** Set for a new version: the draft and its title; only the text and a note are asked. */
  version?: { id: string; title: string; number: number };
}) {
  const v = (k: string) => values[k] ?? "";
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a
          href={version ? `/office/consultations/${version.id}` : "/office/consultations"}
          class="govuk-back-link"
        >
          {t("consultations.office.back")}
        </a>
        <ErrorSummary t={t} issues={issues} />
        {version ? <span class="govuk-caption-l">{version.title}</span> : null}
        <h1 class="govuk-heading-l">
          {version
            ? t("consultations.office.version_title", { n: version.number })
            : t("consultations.office.new")}
        </h1>
        <form
          method="post"
          action={
            version ? `/office/consultations/${version.id}/versions` : "/office/consultations"
          }
          enctype="multipart/form-data"
          novalidate
        >
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          {version ? null : (
            <>
              {bodies.length > 1 ? (
                <Select
                  t={t}
                  id="agencyId"
                  name="agencyId"
                  label={t("consultations.office.body")}
                  issues={issues}
                  value={v("agencyId")}
                  items={bodies.map((b) => ({ value: b.id, label: b.name }))}
                />
              ) : (
                <input type="hidden" name="agencyId" value={bodies[0]?.id ?? ""} />
              )}
              <Radios
                t={t}
                id="type"
                name="type"
                legend={t("consultations.office.type")}
                hint={t("consultations.office.type_hint")}
                issues={issues}
                value={v("type")}
                items={DRAFT_TYPES.map((d) => ({ value: d, label: t(`consultations.type.${d}`) }))}
              />
              {LANGS.map((l) => (
                <Input
                  key={`title_${l}`}
                  t={t}
                  id={`title_${l}`}
                  name={`title_${l}`}
                  label={t(`consultations.office.title_in.${l}`)}
                  hint={l === "en" ? t("consultations.languages.en_optional") : undefined}
                  issues={issues}
                  value={v(`title_${l}`)}
                  lang={l}
                />
              ))}
              {LANGS.map((l) => (
                <TextArea
                  key={`summary_${l}`}
                  t={t}
                  id={`summary_${l}`}
                  name={`summary_${l}`}
                  label={t(`consultations.office.summary_in.${l}`)}
                  hint={l === "en" ? t("consultations.languages.en_optional") : undefined}
                  issues={issues}
                  value={v(`summary_${l}`)}
                  rows={3}
                  lang={l}
                />
              ))}
            </>
          )}
          {LANGS.map((l) => (
            <TextArea
              key={`text_${l}`}
              t={t}
              id={`text_${l}`}
              name={`text_${l}`}
              label={t(`consultations.office.text_in.${l}`)}
              hint={t("consultations.office.text_hint")}
              issues={issues}
              value={v(`text_${l}`)}
              rows={12}
              lang={l}
            />
          ))}
          {version ? (
            <TextArea
              t={t}
              id="note"
              name="note"
              label={t("consultations.office.note")}
              issues={issues}
              value={v("note")}
              rows={3}
            />
          ) : null}
          <FileInput
            t={t}
            issues={issues}
            label={t(version ? "consultations.files.version_label" : "consultations.files.label")}
          />
          <SubmitButton>
            {t(version ? "consultations.office.publish_version" : "consultations.office.publish")}
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}

/** A form on the staff draft page that failed, so it can be shown again with its errors. */
export interface FailedAction {
  commentId: string;
  action: "answer" | "hide";
  issues: FieldIssue[];
  values: Record<string, string>;
}

function StaffComment({
  t,
  locale,
  c,
  csrf,
  canManage,
  canModerate,
  reported,
  failed,
  draftId,
}: {
  t: Translate;
  locale: Locale;
  c: CommentWithVotes;
  csrf: string;
  canManage: boolean;
  canModerate: boolean;
  reported: boolean;
  failed: FailedAction | undefined;
  draftId: string;
}) {
  const hidden = c.hidden_at !== null;
  const mine = failed?.commentId === c.id ? failed : undefined;
  const answerIssues = mine?.action === "answer" ? mine.issues : [];
  const hideIssues = mine?.action === "hide" ? mine.issues : [];
  const key = c.id.slice(0, 8);
  return (
    <li id={`c-${c.id}`} class="halyq-comment">
      <p class="govuk-body-s govuk-!-margin-bottom-1">
        <strong>
          {c.paragraph_number === null
            ? t("consultations.report.whole")
            : t("consultations.draft.paragraph", { n: c.paragraph_number })}
        </strong>{" "}
        · {c.author_name}, {formatDate(c.created_on, locale, "long")} ·{" "}
        {t("consultations.comment.votes", { agree: c.agree, disagree: c.disagree })}
      </p>
      <p class="govuk-body" lang={langOf(c.body, locale)}>
        <Lines text={c.body} />
      </p>
      {hidden ? (
        <p class="govuk-body">
          <strong class="govuk-tag govuk-tag--red">
            {t("consultations.comment.hidden", {
              reason: t(`consultations.hide_reason.${c.hidden_reason}`),
            })}
          </strong>
        </p>
      ) : null}
      {c.answer ? (
        <div class="govuk-inset-text">
          <strong>{t(`consultations.answer.${c.answer}`)}</strong>
          <br />
          <Lines text={c.answer_reason ?? ""} />
        </div>
      ) : null}
      {canManage && !hidden && !reported ? (
        <details class="govuk-details" open={mine?.action === "answer"}>
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">
              {t(c.answer ? "consultations.office.change_answer" : "consultations.office.answer")}
            </span>
          </summary>
          <div class="govuk-details__text">
            <Form action={`/office/consultations/${draftId}/comments/${c.id}/answer`} csrf={csrf}>
              <Radios
                t={t}
                id={`answer-${key}`}
                name="answer"
                issueField="answer"
                legend={t("consultations.office.answer_label")}
                issues={answerIssues}
                value={mine?.values.answer ?? c.answer ?? ""}
                items={ANSWERS.map((a) => ({ value: a, label: t(`consultations.answer.${a}`) }))}
              />
              <TextArea
                t={t}
                id={`reason-${key}`}
                name="reason"
                issueField="reason"
                label={t("consultations.office.reason")}
                issues={answerIssues}
                value={mine?.values.reason ?? c.answer_reason ?? ""}
                rows={4}
              />
              <SubmitButton>{t("consultations.office.save_answer")}</SubmitButton>
            </Form>
          </div>
        </details>
      ) : null}
      {canModerate && !hidden ? (
        <details class="govuk-details" open={mine?.action === "hide"}>
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">{t("consultations.office.hide")}</span>
          </summary>
          <div class="govuk-details__text">
            <Form action={`/office/consultations/${draftId}/comments/${c.id}/hide`} csrf={csrf}>
              <Radios
                t={t}
                id={`hide-${key}`}
                name="reason"
                issueField="reason"
                legend={t("consultations.office.hide_reason")}
                issues={hideIssues}
                value={mine?.values.reason ?? ""}
                items={HIDE_REASONS.map((r) => ({
                  value: r,
                  label: t(`consultations.hide_reason.${r}`),
                }))}
              />
              <SubmitButton warning>{t("consultations.office.hide_submit")}</SubmitButton>
            </Form>
          </div>
        </details>
      ) : null}
    </li>
  );
}

/** The staff page of a draft: answers and moderation of each comment, the report, new versions. */
export function OfficeDraftPage(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  consultation: ConsultationRow;
  version: VersionRow;
  status: ConsultationStatus;
  agency: string;
  paragraphs: ParagraphRow[];
  comments: CommentWithVotes[];
  canManage: boolean;
  canModerate: boolean;
  notice: string | undefined;
  conflict: string | undefined;
  failed: FailedAction | undefined;
  files: ConsultationFileRow[];
  fileIssues: FieldIssue[];
}) {
  const { t, locale, consultation: c, version: v } = p;
  const unanswered = p.comments.filter((k) => k.hidden_at === null && k.answer === null).length;
  const reported = v.report_published_at !== null;
  return (
    <>
      <a href="/office/consultations" class="govuk-back-link">
        {t("consultations.office.back")}
      </a>
      <SuccessBanner title={t("consultations.notice_title")} text={p.notice} />
      <ErrorSummary t={t} issues={p.fileIssues} fieldIds={{ file: OFFICE_FILE_INPUT }} />
      <ErrorSummary
        t={t}
        issues={p.failed?.issues ?? []}
        fieldIds={
          p.failed
            ? p.failed.action === "answer"
              ? {
                  answer: `answer-${p.failed.commentId.slice(0, 8)}`,
                  reason: `reason-${p.failed.commentId.slice(0, 8)}`,
                }
              : { reason: `hide-${p.failed.commentId.slice(0, 8)}` }
            : {}
        }
      />
      {p.conflict ? (
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">{t("consultations.conflict.title")}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{p.conflict}</p>
            </div>
          </div>
        </div>
      ) : null}
      <span class="govuk-caption-l">{p.agency}</span>
      <h1 class="govuk-heading-l">{c[`title_${locale}`]}</h1>
      <p class="govuk-body">
        <StatusTag t={t} status={p.status} />
      </p>
      <dl class="govuk-summary-list">
        <SummaryRow label={t("consultations.office.type")}>
          {t(`consultations.type.${c.type}`)}
        </SummaryRow>
        <SummaryRow label={t("consultations.draft.version")}>{String(v.number)}</SummaryRow>
        <SummaryRow label={t("consultations.draft.window")}>{windowText(t, locale, v)}</SummaryRow>
        <SummaryRow label={t("consultations.draft.comments")}>
          {String(p.comments.length)}
        </SummaryRow>
        <SummaryRow label={t("consultations.office.unanswered")}>{String(unanswered)}</SummaryRow>
      </dl>
      <p class="govuk-body">
        <a class="govuk-link" href={`/consultations/${c.id}`}>
          {t("consultations.office.public_page")}
        </a>
      </p>
      {p.canManage && p.status === "closed" ? (
        <Form action={`/office/consultations/${c.id}/report`} csrf={p.csrf}>
          <h2 class="govuk-heading-m">{t("consultations.office.report_title")}</h2>
          <p class="govuk-body">
            {unanswered > 0
              ? t("consultations.office.report_blocked", { n: unanswered })
              : t("consultations.office.report_ready")}
          </p>
          <SubmitButton>{t("consultations.office.publish_report")}</SubmitButton>
        </Form>
      ) : null}
      {p.canManage && reported ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/consultations/${c.id}/report`}>
            {t("consultations.draft.report_link")}
          </a>
          {" · "}
          <a class="govuk-link" href={`/office/consultations/${c.id}/versions/new`}>
            {t("consultations.office.new_version")}
          </a>
        </p>
      ) : null}
      <OfficeFiles
        t={t}
        csrf={p.csrf}
        consultationId={c.id}
        files={p.files}
        editable={p.canManage && p.status === "open"}
        locked={p.canManage && p.status !== "open"}
        issues={p.fileIssues}
      />
      <h2 class="govuk-heading-m">{t("consultations.office.comments_title")}</h2>
      {p.comments.length === 0 ? (
        <p class="govuk-body">{t("consultations.office.no_comments")}</p>
      ) : (
        <ul class="govuk-list">
          {p.comments.map((k) => (
            <StaffComment
              key={k.id}
              t={t}
              locale={locale}
              c={k}
              csrf={p.csrf}
              canManage={p.canManage}
              canModerate={p.canModerate}
              reported={reported}
              failed={p.failed}
              draftId={c.id}
            />
          ))}
        </ul>
      )}
      <h2 class="govuk-heading-m">{t("consultations.draft.text")}</h2>
      <ol class="govuk-list govuk-list--number">
        {p.paragraphs.map((para) => {
          const { text, lang } = inLanguage(para, locale);
          return (
            <li key={para.id} lang={lang === locale ? undefined : lang}>
              <Lines text={text} />
            </li>
          );
        })}
      </ol>
    </>
  );
}
