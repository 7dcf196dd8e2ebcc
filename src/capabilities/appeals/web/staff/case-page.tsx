import { isLocale, LOCALE_NAMES, type Locale, type Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { ErrorSummary } from "../../../../web/components/error-summary.js";
import { SuccessBanner } from "../../../../web/components/notices.js";
import { formatDate } from "../../../../web/format.js";
import { CardSection } from "../../desk/card-view.js";
import { ActionForms, type FailedForm } from "./action-forms.js";
import { ANSWER_FILE_INPUT, AnswerFiles } from "./answer-files.js";
import { fieldId, type StaffAction } from "./case-actions.js";
import type { CaseData } from "./case-data.js";
import { Paragraphs, SummaryList, Tag } from "./components.js";
import { DueTag, dueState } from "./due-tag.js";
import { type LetterItem, OutgoingLetters } from "./letters.js";
import { reasonText } from "./reasons.js";
import { ComplaintPosition, ResolutionSummary } from "./resolution-parts.js";
import { formatDateTime } from "./scope.js";
import { staffStatus } from "./wording.js";

export interface CasePageProps {
  t: Translate;
  locale: Locale;
  csrf: string;
  data: CaseData;
  actions: StaffAction[];
  failed: FailedForm | null;
  /** Why the step just tried is not possible in the appeal's current state (a 409). */
  conflict: string | null;
  notice: string | undefined;
  /** Whether this person may add and remove the answer's files now, and what a failed upload got wrong. */
  answerFiles: { editable: boolean; issues: FieldIssue[] };
  /** The appeal's outgoing letters, and whether they go by post (no e-mail to send them to). */
  letters?: { items: LetterItem[]; byPost: boolean; keyWarning?: "none" | "broken" | undefined };
}

/** Events the timeline names; any other is shown by its code. */
const EVENTS = new Set([
  "registered",
  "assign",
  "redirect",
  "forward",
  "request-correction",
  "correct",
  "return",
  "terminate",
  "extend",
  "answer",
  "approve",
  "send-back",
  "withdraw",
  "rate",
  "complain",
  "publish",
  "reminded",
  "escalated",
  "deemed_refused",
  "note",
  "control",
  "categorise",
  "satisfy",
]);

const language = (l: string) => (isLocale(l) ? LOCALE_NAMES[l] : l);

/** Everything staff need about one appeal, then the forms for the steps they may take now. */
export function CasePage(p: CasePageProps) {
  const { t, locale, data } = p;
  const { row, profile } = data;
  const tz = profile.timeZone;
  const date = (d: string | null) => (d ? formatDate(d, locale) : null);
  const fileIssues = p.answerFiles.issues;
  const issues: FieldIssue[] = p.failed?.issues ?? fileIssues;
  const fieldIds = p.failed
    ? Object.fromEntries(
        issues.map((i) => [i.field, fieldId(p.failed?.action ?? "assign", i.field)]),
      )
    : { file: ANSWER_FILE_INPUT };
  const term = (days: number, unit: string) => t(`appeals.staff.term.${unit}`, { days });
  const consideration = profile.consideration[row.kind as keyof typeof profile.consideration];
  // A complaint against this body: its term is the one for forwarding it (or satisfying it).
  const complaintHere =
    row.kind === "complaint" &&
    row.complaint_of_id !== null &&
    row.procedure !== "complaint_review";
  return (
    <>
      <SuccessBanner title={t("appeals.staff.done.title")} text={p.notice} />
      <ErrorSummary t={t} issues={issues} fieldIds={fieldIds} />
      {p.conflict ? (
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">{t("appeals.staff.conflict.title")}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{p.conflict}</p>
            </div>
          </div>
        </div>
      ) : null}
      <span class="govuk-caption-l">{data.agencyName}</span>
      <h1 class="govuk-heading-l">{t("appeals.staff.case.title", { number: row.number })}</h1>
      <p class="govuk-body">
        <Tag colour="blue">{staffStatus(t, row.status)}</Tag>{" "}
        <DueTag t={t} state={dueState(row, data.today, data.soon)} />
      </p>
      {Number(row.crime_report) === 1 ? (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">{t("appeals.staff.crime.warning_prefix")}</span>
            {t("appeals.staff.crime.warning")}
          </strong>
        </div>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href="/office/appeals">
          {t("appeals.staff.case.back")}
        </a>
      </p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h2 class="govuk-heading-m">{t("appeals.staff.case.appeal")}</h2>
          <SummaryList
            rows={[
              { key: t("appeals.staff.field.subject"), value: row.subject },
              { key: t("appeals.staff.field.kind"), value: t(`appeals.kind.${row.kind}`) },
              {
                key: t("appeals.staff.field.procedure"),
                value: t(`appeals.procedure.${row.procedure}`),
              },
              {
                key: t("appeals.staff.field.channel"),
                value: t(`appeals.channel.${row.channel}`),
              },
              { key: t("appeals.staff.field.category"), value: data.category },
              { key: t("appeals.staff.field.language"), value: language(row.language) },
              { key: t("appeals.staff.field.address"), value: row.address },
              {
                key: t("map.point"),
                value: row.lat !== null && row.lon !== null ? `${row.lat}, ${row.lon}` : null,
              },
              {
                key: t("appeals.staff.field.received"),
                value: formatDateTime(row.received_at, locale, tz),
              },
              { key: t("appeals.staff.field.registered"), value: date(row.registered_on) },
              {
                key: t("appeals.staff.field.registered_by"),
                value:
                  data.registeredByName ??
                  t(
                    `appeals.staff.registered_by.${row.registered_by_label === "transfer" ? "transfer" : "online"}`,
                  ),
              },
              { key: t("appeals.staff.field.executor"), value: data.executorName },
              {
                key: t("appeals.staff.field.public"),
                value: Number(row.public) === 1 ? t("appeals.staff.yes") : t("appeals.staff.no"),
              },
            ]}
          />
          <ResolutionSummary
            t={t}
            locale={locale}
            timeZone={tz}
            resolution={data.resolution}
            onControlAt={row.on_control_at}
          />
          <h2 class="govuk-heading-m">{t("appeals.staff.case.text")}</h2>
          <Paragraphs text={row.body} lang={row.language === locale ? undefined : row.language} />
          <ComplaintPosition t={t} text={row.complaint_position} />

          <h2 class="govuk-heading-m">{t("appeals.staff.case.applicant")}</h2>
          <SummaryList
            rows={[
              {
                key: t("appeals.staff.field.applicant_type"),
                value: t(`appeals.staff.applicant_type.${row.applicant_type}`),
              },
              {
                key: t("appeals.staff.field.applicant"),
                value: row.applicant_name ?? t("appeals.staff.anonymous"),
              },
              { key: t("appeals.staff.field.iin"), value: row.applicant_iin },
              { key: t("appeals.staff.field.bin"), value: row.applicant_bin },
              { key: t("appeals.staff.field.postal_address"), value: row.applicant_address },
              { key: t("appeals.staff.field.email"), value: row.applicant_email },
              { key: t("appeals.staff.field.phone"), value: row.applicant_phone },
              {
                key: t("appeals.staff.field.has_account"),
                value: row.applicant_account_id ? t("appeals.staff.yes") : t("appeals.staff.no"),
              },
              {
                key: t("appeals.staff.field.notify_language"),
                value: language(row.applicant_language),
              },
            ]}
          />
          <CardSection
            t={t}
            locale={locale}
            row={row}
            view={data.deskCard}
            canLink={data.deskCard.canLink}
          />

          <h2 class="govuk-heading-m">{t("appeals.staff.case.terms")}</h2>
          <SummaryList
            rows={[
              {
                key: complaintHere
                  ? t("appeals.complaint_handling.forward_due")
                  : t("appeals.staff.field.due"),
                value: (
                  <>
                    {date(row.due_on)} <DueTag t={t} state={dueState(row, data.today, data.soon)} />
                  </>
                ),
              },
              {
                key: t("appeals.staff.field.original_due"),
                value: date(row.original_due_on),
                hide: row.original_due_on === row.due_on,
              },
              {
                key: t("appeals.staff.field.consideration"),
                value: consideration ? term(consideration.days, consideration.unit) : null,
                hide: row.procedure === "complaint_review" || complaintHere,
              },
              {
                key: t("appeals.staff.field.complaint_decide"),
                value: term(profile.complaint.decide.days, profile.complaint.decide.unit),
                hide: row.procedure !== "complaint_review",
              },
              { key: t("appeals.staff.field.redirect_by"), value: date(data.terms.redirectBy) },
              { key: t("appeals.staff.field.close_by"), value: date(data.terms.closeBy) },
              {
                key: t("appeals.staff.field.extension"),
                value: row.extended_at
                  ? t("appeals.staff.case.extended", {
                      at: formatDateTime(row.extended_at, locale, tz),
                      reason: row.extension_reason ?? "",
                    })
                  : null,
              },
              {
                key: t("appeals.staff.field.correction"),
                value: row.correction_due_on
                  ? t("appeals.staff.case.correction", {
                      note: row.correction_note ?? "",
                      until: formatDate(row.correction_due_on, locale, "long"),
                    })
                  : null,
              },
              {
                key: t("appeals.staff.field.deemed_refused"),
                value: row.deemed_refused_at
                  ? formatDateTime(row.deemed_refused_at, locale, tz)
                  : null,
              },
            ]}
          />

          {row.answer_text ? (
            <>
              <h2 class="govuk-heading-m">
                {row.status === "answered"
                  ? t("appeals.staff.case.answer")
                  : t("appeals.staff.case.draft")}
              </h2>
              <SummaryList
                rows={[
                  {
                    key: t("appeals.staff.field.outcome"),
                    value: row.answer_outcome ? t(`appeals.outcome.${row.answer_outcome}`) : null,
                  },
                  { key: t("appeals.staff.field.basis"), value: row.answer_basis },
                  {
                    key: t("appeals.staff.field.answer_language"),
                    value: row.answer_language ? language(row.answer_language) : null,
                  },
                  {
                    key: t("appeals.staff.field.answered"),
                    value: row.answered_at ? formatDateTime(row.answered_at, locale, tz) : null,
                  },
                ]}
              />
              <Paragraphs
                text={row.answer_text}
                lang={
                  (row.answer_language ?? row.language) === locale
                    ? undefined
                    : (row.answer_language ?? row.language)
                }
              />
            </>
          ) : null}

          {row.closed_at && row.close_reason && row.status !== "answered" ? (
            <>
              <h2 class="govuk-heading-m">{t("appeals.staff.case.closed")}</h2>
              <SummaryList
                rows={[
                  {
                    key: t("appeals.staff.field.closed_at"),
                    value: formatDateTime(row.closed_at, locale, tz),
                  },
                  {
                    key: t("appeals.staff.reason"),
                    value: reasonText(t, row.close_reason),
                  },
                  { key: t("appeals.staff.note"), value: row.close_note },
                ]}
              />
            </>
          ) : null}

          {row.rated_at ? (
            <>
              <h2 class="govuk-heading-m">{t("appeals.staff.case.rating")}</h2>
              <SummaryList
                rows={[
                  { key: t("appeals.staff.field.score"), value: String(row.rating_score ?? "") },
                  {
                    key: t("appeals.staff.field.resolved"),
                    value: row.rating_resolved
                      ? t(`appeals.resolved.${row.rating_resolved}`)
                      : null,
                  },
                  { key: t("appeals.staff.field.comment"), value: row.rating_comment },
                ]}
              />
            </>
          ) : null}

          <h2 class="govuk-heading-m">{t("appeals.staff.case.attachments")}</h2>
          {data.attachments.length === 0 ? (
            <p class="govuk-body">{t("appeals.staff.case.no_attachments")}</p>
          ) : (
            <ul class="govuk-list">
              {data.attachments.map((a) => (
                <li key={a.id}>
                  <a
                    class="govuk-link"
                    href={`/appeals/${encodeURIComponent(row.number)}/attachments/${encodeURIComponent(a.id)}`}
                  >
                    {a.fileName}
                  </a>{" "}
                  <span class="govuk-body-s">
                    {t("appeals.staff.case.attachment_meta", {
                      size: Math.max(1, Math.round(a.size / 1024)),
                      purpose: t(
                        `appeals.staff.attachment_purpose.${a.purpose === "answer" ? "answer" : "appeal"}`,
                      ),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )}

          {p.letters ? (
            <OutgoingLetters
              t={t}
              locale={locale}
              timeZone={tz}
              appealNumber={row.number}
              letters={p.letters.items}
              byPost={p.letters.byPost}
              keyWarning={p.letters.keyWarning}
            />
          ) : null}

          {data.related.length > 0 ? (
            <>
              <h2 class="govuk-heading-m">{t("appeals.staff.case.related")}</h2>
              <ul class="govuk-list">
                {data.related.map((r) => (
                  <li key={r.number}>
                    {t(`appeals.staff.relation.${r.relation}`)}:{" "}
                    {r.visible ? (
                      <a
                        class="govuk-link"
                        href={`/office/appeals/${encodeURIComponent(r.number)}`}
                      >
                        {r.number}
                      </a>
                    ) : (
                      <span class="halyq-code">{r.number}</span>
                    )}{" "}
                    — {r.agency}, {staffStatus(t, r.status)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          <h2 class="govuk-heading-m">{t("appeals.staff.case.timeline")}</h2>
          <ol class="govuk-list govuk-list--spaced">
            {data.timeline.map((e) => {
              const code = e.action.replace(/^appeal\./, "");
              return (
                <li key={`${e.at}-${e.action}`}>
                  <strong>
                    {EVENTS.has(code)
                      ? t(`appeals.staff.event.${code.replace("-", "_")}`)
                      : t("appeals.staff.event.other", { code })}
                  </strong>
                  <br />
                  <span class="govuk-body-s">
                    {formatDateTime(e.at, locale, tz)} —{" "}
                    {e.actor ?? t("appeals.staff.event.system")}
                    {e.to && e.to !== e.from ? ` — ${staffStatus(t, e.to)}` : ""}
                    {e.created ? ` — ${e.created}` : ""}
                  </span>
                  {e.reason ? (
                    <>
                      <br />
                      <span class="govuk-body-s">
                        {t(
                          code === "assign"
                            ? "appeals.resolution.instruction"
                            : code === "note"
                              ? "appeals.resolution.note"
                              : "appeals.staff.reason",
                        )}
                        : {reasonText(t, e.reason)}
                      </span>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ol>
          <p class="govuk-body-s">
            {t("appeals.staff.case.registration_hash")}{" "}
            <span class="halyq-code">{row.registration_hash}</span>
          </p>
        </div>
        <div class="govuk-grid-column-one-third">
          <h2 class="govuk-heading-m">{t("appeals.staff.case.actions")}</h2>
          {p.actions.length > 0 || !p.answerFiles.editable ? (
            <ActionForms
              t={t}
              locale={locale}
              csrf={p.csrf}
              data={data}
              actions={p.actions}
              failed={p.failed}
            />
          ) : null}
          {p.answerFiles.editable && !p.actions.includes("answer") ? (
            <AnswerFiles t={t} csrf={p.csrf} data={data} issues={fileIssues} />
          ) : null}
        </div>
      </div>
    </>
  );
}
