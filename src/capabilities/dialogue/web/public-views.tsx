import type { Locale, Translate } from "../../../kernel/i18n.js";
import { redactPersonalData } from "../../../platform/privacy/redact.js";
import { Paragraphs, ResponsiveTable, SummaryRow } from "../../../web/components/kit.js";
import { ReportButton } from "../../../web/components/report-button.js";
import { formatDate } from "../../../web/format.js";
import { langOf } from "../../../web/text-language.js";
import type { DialogueBody, QuestionRow } from "../question.repository.js";
import { bodyName, bodyPath, questionPath, StatusTag } from "./components.js";

/** A body's figures on the index: public questions answered and waiting, the median time. */
export interface BodyFigures {
  body: DialogueBody;
  answered: number;
  unanswered: number;
  medianDays: number | null;
}

const days = (t: Translate, n: number | null) =>
  n === null ? t("dialogue.none") : t("dialogue.working_days", { count: n });

/** Every body with an open dialogue, with how it answers. */
export function IndexPage({
  t,
  locale,
  rows,
}: {
  t: Translate;
  locale: Locale;
  rows: BodyFigures[];
}) {
  return (
    <>
      <h1 class="govuk-heading-l">{t("dialogue.index.title")}</h1>
      <p class="govuk-body">{t("dialogue.index.lead")}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/dialogue/mine">
          {t("dialogue.mine.title")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">{t("dialogue.index.empty")}</p>
      ) : (
        <ResponsiveTable
          id="bodies"
          caption={t("dialogue.index.caption")}
          rows={rows}
          rowKey={(r) => r.body.id}
          columns={[
            {
              key: "body",
              header: t("dialogue.index.body"),
              rowHeader: true,
              cell: (r) => (
                <a class="govuk-link" href={bodyPath(r.body)}>
                  {bodyName(r.body, locale)}
                </a>
              ),
            },
            {
              key: "answered",
              header: t("dialogue.index.answered"),
              numeric: true,
              cell: (r) => r.answered,
            },
            {
              key: "unanswered",
              header: t("dialogue.index.unanswered"),
              numeric: true,
              cell: (r) => r.unanswered,
            },
            {
              key: "median",
              header: t("dialogue.index.median"),
              numeric: true,
              cell: (r) => days(t, r.medianDays),
            },
          ]}
        />
      )}
    </>
  );
}

/** A question in a list: its subject as a link and the facts a reader compares. */
function QuestionItem({
  t,
  locale,
  body,
  row,
  asker,
  waited,
}: {
  t: Translate;
  locale: Locale;
  body: DialogueBody;
  row: QuestionRow;
  asker: string;
  waited: number;
}) {
  const date = (d: string) => formatDate(d, locale, "long");
  return (
    <li class="govuk-!-margin-bottom-6">
      <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
        <a
          class="govuk-link"
          href={questionPath(body, row.id)}
          lang={langOf(row.published_subject ?? row.subject, locale)}
        >
          {redactPersonalData(row.published_subject ?? row.subject)}
        </a>
      </h3>
      <p class="govuk-body-s govuk-!-margin-bottom-1">
        {t("dialogue.asked_by", { name: asker, date: date(row.asked_on) })}
      </p>
      <p class="govuk-body-s govuk-!-margin-bottom-0">
        {row.status === "answered" && row.answered_on ? (
          t("dialogue.answered_after", {
            date: date(row.answered_on),
            days: t("dialogue.working_days", { count: waited }),
          })
        ) : (
          <strong>
            {t("dialogue.waiting", { days: t("dialogue.working_days", { count: waited }) })}
          </strong>
        )}
        {" · "}
        {t("dialogue.supporters", { count: row.supporters })}
      </p>
    </li>
  );
}

export interface BodyPageProps {
  t: Translate;
  locale: Locale;
  body: DialogueBody;
  heads: string[];
  unanswered: QuestionRow[];
  answered: QuestionRow[];
  answeredTotal: number;
  medianDays: number | null;
  askers: Map<string, string>;
  waited: (row: QuestionRow) => number;
  /** The signed-in person's own questions here that are not public (null for anyone else). */
  own: QuestionRow[] | null;
}

/** A body's open dialogue: its head, the questions waiting (oldest first) and those answered. */
export function BodyPage(p: BodyPageProps) {
  const { t, locale, body } = p;
  const item = (row: QuestionRow) => (
    <QuestionItem
      key={row.id}
      t={t}
      locale={locale}
      body={body}
      row={row}
      asker={p.askers.get(row.asker_account_id) ?? ""}
      waited={p.waited(row)}
    />
  );
  return (
    <>
      <a href="/dialogue" class="govuk-back-link">
        {t("dialogue.index.title")}
      </a>
      <span class="govuk-caption-l">{t("dialogue.index.title")}</span>
      <h1 class="govuk-heading-l">{bodyName(body, locale)}</h1>
      {p.heads.length > 0 ? (
        <>
          <dl class="govuk-summary-list">
            <SummaryRow label={t("dialogue.body.head", { count: p.heads.length })}>
              {p.heads.join(", ")}
            </SummaryRow>
            <SummaryRow label={t("dialogue.body.counts")}>
              {t("dialogue.body.counts_value", {
                answered: p.answeredTotal,
                unanswered: p.unanswered.length,
              })}
            </SummaryRow>
            <SummaryRow label={t("dialogue.index.median")}>{days(t, p.medianDays)}</SummaryRow>
          </dl>
          <p class="govuk-body">{t("dialogue.body.lead")}</p>
          <a class="govuk-button" href={`${bodyPath(body)}/ask`}>
            {t("dialogue.body.ask")}
          </a>
        </>
      ) : (
        <p class="govuk-body">{t("dialogue.body.no_head")}</p>
      )}
      {p.own && p.own.length > 0 ? (
        <div class="govuk-inset-text">
          <h2 class="govuk-heading-s">{t("dialogue.body.own")}</h2>
          <ul class="govuk-list">
            {p.own.map((row) => (
              <li key={row.id}>
                <a class="govuk-link" href={questionPath(body, row.id)}>
                  {row.subject}
                </a>{" "}
                <StatusTag t={t} status={row.status} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <h2 class="govuk-heading-m">{t("dialogue.body.unanswered")}</h2>
      {p.unanswered.length === 0 ? (
        <p class="govuk-body">{t("dialogue.body.no_unanswered")}</p>
      ) : (
        <ol class="govuk-list">{p.unanswered.map(item)}</ol>
      )}
      <h2 class="govuk-heading-m">{t("dialogue.body.answered")}</h2>
      {p.answered.length === 0 ? (
        <p class="govuk-body">{t("dialogue.body.no_answered")}</p>
      ) : (
        <>
          {p.answered.length < p.answeredTotal ? (
            <p class="govuk-body-s">
              {t("dialogue.body.latest", { shown: p.answered.length, total: p.answeredTotal })}
            </p>
          ) : null}
          <ul class="govuk-list">{p.answered.map(item)}</ul>
        </>
      )}
    </>
  );
}

export interface QuestionPageProps {
  t: Translate;
  locale: Locale;
  csrf: string | null;
  body: DialogueBody;
  row: QuestionRow;
  asker: string;
  waited: number;
  /** Who is looking: nobody, the asker, another person who may add support, or staff. */
  viewer: "anonymous" | "asker" | "supporter" | "other";
  supported: boolean;
  notice: string | undefined;
  loginHref: string;
}

/** One question: what was asked, how long it has waited or the answer, and "I have it too". */
export function QuestionPage(p: QuestionPageProps) {
  const { t, locale, body, row } = p;
  const date = (d: string) => formatDate(d, locale, "long");
  const published = row.status === "published" || row.status === "answered";
  // The public reads the published wording, with what looks like personal data removed; the
  // asker and the moderators (a question not yet public) read their own words.
  const subject = published
    ? redactPersonalData(row.published_subject ?? row.subject)
    : row.subject;
  const text = published ? redactPersonalData(row.published_body ?? row.body) : row.body;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href={bodyPath(body)} class="govuk-back-link">
          {bodyName(body, locale)}
        </a>
        {p.notice ? (
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
              <p class="govuk-notification-banner__heading">{p.notice}</p>
            </div>
          </div>
        ) : null}
        <span class="govuk-caption-l">{bodyName(body, locale)}</span>
        <h1 class="govuk-heading-l" lang={langOf(subject, locale)}>
          {subject}
        </h1>
        <p class="govuk-body">
          <StatusTag t={t} status={row.status} />
        </p>
        {row.status === "pending" ? (
          <div class="govuk-inset-text">{t("dialogue.question.pending")}</div>
        ) : null}
        {row.status === "registered_as_appeal" && row.appeal_number ? (
          <div class="govuk-inset-text">
            {t("dialogue.register.asker_note", { number: row.appeal_number })}{" "}
            <a class="govuk-link" href={`/appeals/${encodeURIComponent(row.appeal_number)}`}>
              {t("dialogue.register.open_appeal")}
            </a>
          </div>
        ) : null}
        {row.status === "rejected" ? (
          <div class="govuk-inset-text">
            {t("dialogue.question.rejected", {
              reason: t(`dialogue.reason.${row.reject_reason ?? "offensive"}`),
            })}
          </div>
        ) : null}
        <dl class="govuk-summary-list">
          <SummaryRow label={t("dialogue.question.asked_by")}>{p.asker}</SummaryRow>
          <SummaryRow label={t("dialogue.question.asked_on")}>{date(row.asked_on)}</SummaryRow>
          {row.status === "published" ? (
            <SummaryRow label={t("dialogue.question.waiting")}>
              {t("dialogue.working_days", { count: p.waited })}
            </SummaryRow>
          ) : null}
          {published ? (
            <SummaryRow label={t("dialogue.question.supporters")}>{row.supporters}</SummaryRow>
          ) : null}
        </dl>
        <h2 class="govuk-heading-m">{t("dialogue.question.text")}</h2>
        <Paragraphs text={text} lang={langOf(text, locale)} />
        {row.status === "answered" && row.answer_body && row.answered_on ? (
          <>
            <h2 class="govuk-heading-m">{t("dialogue.question.answer")}</h2>
            <p class="govuk-body-s">
              {t("dialogue.answered_after", {
                date: date(row.answered_on),
                days: t("dialogue.working_days", { count: p.waited }),
              })}
            </p>
            <Paragraphs
              text={redactPersonalData(row.answer_body)}
              lang={langOf(redactPersonalData(row.answer_body), locale)}
            />
          </>
        ) : null}
        {published ? <SupportControl {...p} /> : null}
        {published && p.viewer === "supporter" && p.csrf ? (
          <ReportButton
            t={t}
            csrf={p.csrf}
            kind="question"
            id={row.id}
            returnTo={questionPath(body, row.id)}
          />
        ) : null}
      </div>
    </div>
  );
}

function SupportControl(p: QuestionPageProps) {
  const { t } = p;
  const action = `${questionPath(p.body, p.row.id)}/support`;
  if (p.viewer === "anonymous") {
    return (
      <p class="govuk-body">
        <a class="govuk-link" href={p.loginHref}>
          {t("dialogue.support.sign_in")}
        </a>
      </p>
    );
  }
  if (p.viewer !== "supporter" || !p.csrf) return null;
  return (
    <form method="post" action={p.supported ? `${action}/withdraw` : action} novalidate>
      <input type="hidden" name="_csrf" value={p.csrf} />
      {p.supported ? <p class="govuk-body">{t("dialogue.support.yours")}</p> : null}
      <button
        type="submit"
        class={`govuk-button${p.supported ? " govuk-button--secondary" : ""}`}
        data-prevent-double-click="true"
      >
        {p.supported ? t("dialogue.support.withdraw") : t("dialogue.support.add")}
      </button>
    </form>
  );
}

/** The questions a person has asked, wherever they stand. */
export function MinePage({
  t,
  locale,
  rows,
  bodies,
}: {
  t: Translate;
  locale: Locale;
  rows: QuestionRow[];
  bodies: Map<string, DialogueBody>;
}) {
  return (
    <>
      <h1 class="govuk-heading-l">{t("dialogue.mine.title")}</h1>
      {rows.length === 0 ? (
        <p class="govuk-body">{t("dialogue.mine.empty")}</p>
      ) : (
        <ResponsiveTable
          id="questions"
          caption={t("dialogue.mine.caption", { count: rows.length })}
          mode="stack"
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            {
              key: "subject",
              header: t("dialogue.mine.subject"),
              cell: (r) => {
                const b = bodies.get(r.agency_id);
                return b ? (
                  <a class="govuk-link" href={questionPath(b, r.id)}>
                    {r.subject}
                  </a>
                ) : (
                  r.subject
                );
              },
            },
            {
              key: "body",
              header: t("dialogue.index.body"),
              cell: (r) => {
                const b = bodies.get(r.agency_id);
                return b ? bodyName(b, locale) : "";
              },
            },
            {
              key: "asked",
              header: t("dialogue.question.asked_on"),
              cell: (r) => formatDate(r.asked_on, locale, "long"),
            },
            {
              key: "status",
              header: t("dialogue.mine.status"),
              cell: (r) => <StatusTag t={t} status={r.status} />,
            },
          ]}
        />
      )}
    </>
  );
}
