import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Paragraphs, ResponsiveTable, SummaryRow, TextArea } from "../../../web/components/kit.js";
import { SuccessBanner } from "../../../web/components/notices.js";
import { langOf } from "../../../web/text-language.js";
import { milestones, type PetitionRow } from "../petition.js";
import type { CommentView } from "../petition.repository.js";
import { ActionForm, day, type Names, plainDay, StatusTag, Timeline, Title } from "./components.js";

/** The term the body is working to: admissibility, then consideration. */
const dueOf = (p: PetitionRow) =>
  p.status === "admissibility"
    ? p.admissibility_due_on
    : p.status === "consideration"
      ? p.consideration_due_on
      : null;

/** The moderation queue: admissibility checks with their terms, then petitions in progress. */
export function OfficeQueuePage({
  t,
  locale,
  rows,
  agencies,
  today,
  pendingComments,
}: {
  t: Translate;
  locale: Locale;
  rows: PetitionRow[];
  agencies: Map<string, Names>;
  today: string;
  pendingComments: Map<string, number>;
}) {
  return (
    <>
      <h1 class="govuk-heading-l">{t("petitions.office.title")}</h1>
      {rows.length === 0 ? (
        <p class="govuk-body">{t("petitions.office.none")}</p>
      ) : (
        <ResponsiveTable
          id="petition-queue"
          caption={t("petitions.office.queue")}
          mode="stack"
          rows={rows}
          rowKey={(p) => p.id}
          columns={[
            {
              key: "petition",
              header: t("petitions.list.petition"),
              cell: (p) => (
                <>
                  <a class="govuk-link" href={`/office/petitions/${p.number}`}>
                    <Title p={p} locale={locale} />
                  </a>
                  <br />
                  <span class="govuk-body-s">{p.number}</span>
                </>
              ),
            },
            {
              key: "body",
              header: t("petitions.list.body"),
              cell: (p) => agencies.get(p.agency_id)?.[locale] ?? "",
            },
            {
              key: "status",
              header: t("petitions.list.status"),
              cell: (p) => <StatusTag t={t} status={p.status} />,
            },
            {
              key: "due",
              header: t("petitions.office.due"),
              cell: (p) => {
                const due = dueOf(p);
                return (
                  <>
                    {due ? plainDay(due, locale) : "—"}
                    {due !== null && due < today ? (
                      <>
                        {" "}
                        <strong class="govuk-tag govuk-tag--red">
                          {t("petitions.office.late")}
                        </strong>
                      </>
                    ) : null}
                  </>
                );
              },
            },
            {
              key: "comments",
              header: t("petitions.office.pending_comments"),
              numeric: true,
              cell: (p) => pendingComments.get(p.id) ?? 0,
            },
          ]}
        />
      )}
    </>
  );
}

export interface OfficeCaseState {
  done?: string;
  issues?: FieldIssue[];
  conflict?: string;
  values?: Record<string, string>;
}

/** One petition for its body: the text, and the actions the state allows. */
export function OfficeCasePage({
  t,
  locale,
  csrf,
  petition,
  agency,
  coInitiators,
  signatures,
  comments,
  topics,
  can,
  state,
}: {
  t: Translate;
  locale: Locale;
  csrf: string;
  petition: PetitionRow;
  agency: Names | undefined;
  coInitiators: number;
  signatures: number;
  comments: CommentView[];
  topics: string[];
  can: { review: boolean; decide: boolean; moderate: boolean };
  state: OfficeCaseState;
}) {
  const p = petition;
  const issues = state.issues ?? [];
  const base = `/office/petitions/${p.number}`;
  const values = state.values ?? {};
  const reasonError = issues.some((i) => i.field === "reason");
  return (
    <>
      <SuccessBanner
        title={t("petitions.done.title")}
        text={state.done ? t(`petitions.done.${state.done}`) : undefined}
      />
      <ErrorSummary t={t} issues={issues} fieldIds={{ reason: `reason-${topics[0] ?? "other"}` }} />
      {state.conflict ? (
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">{t("petitions.conflict.title")}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{state.conflict}</p>
            </div>
          </div>
        </div>
      ) : null}
      <span class="govuk-caption-l">{p.number}</span>
      <h1 class="govuk-heading-l">
        <Title p={p} locale={locale} />
      </h1>
      <p class="govuk-body">
        <StatusTag t={t} status={p.status} />
      </p>
      <dl class="govuk-summary-list">
        <SummaryRow label={t("petitions.page.body")}>{agency?.[locale] ?? ""}</SummaryRow>
        <SummaryRow label={t("petitions.office.co_initiators")}>{String(coInitiators)}</SummaryRow>
        {p.admissibility_due_on ? (
          <SummaryRow label={t("petitions.page.admissibility_due")}>
            {plainDay(p.admissibility_due_on, locale)}
          </SummaryRow>
        ) : null}
        {p.threshold !== null ? (
          <SummaryRow label={t("petitions.page.threshold")}>
            {`${signatures} / ${Number(p.threshold)}`}
          </SummaryRow>
        ) : null}
        {p.consideration_due_on ? (
          <SummaryRow label={t("petitions.page.consideration_due")}>
            {plainDay(p.consideration_due_on, locale)}
          </SummaryRow>
        ) : null}
      </dl>
      <h2 class="govuk-heading-m">{t("petitions.page.summary")}</h2>
      <Paragraphs text={p.summary} lang={p.language === locale ? undefined : p.language} />
      <h2 class="govuk-heading-m">{t("petitions.page.proposal")}</h2>
      <Paragraphs text={p.proposal} lang={p.language === locale ? undefined : p.language} />

      {p.status === "admissibility" && can.review ? (
        <section aria-labelledby="admissibility-heading">
          <h2 class="govuk-heading-m" id="admissibility-heading">
            {t("petitions.office.admissibility")}
          </h2>
          <ActionForm action={`${base}/admit`} csrf={csrf} label={t("petitions.office.admit")} />
          <ActionForm
            action={`${base}/refuse`}
            csrf={csrf}
            label={t("petitions.office.refuse")}
            warning
          >
            <div class={`govuk-form-group${reasonError ? " govuk-form-group--error" : ""}`}>
              <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                  {t("petitions.office.reason")}
                </legend>
                {reasonError ? (
                  <p id="reason-error" class="govuk-error-message">
                    <span class="govuk-visually-hidden">{t("forms.error_prefix")}</span>{" "}
                    {t("petitions.validation.reason")}
                  </p>
                ) : null}
                <div class="govuk-radios govuk-radios--small">
                  {[...topics, "other"].map((k) => (
                    <div key={k} class="govuk-radios__item">
                      <input
                        class="govuk-radios__input"
                        id={`reason-${k}`}
                        name="reason"
                        type="radio"
                        value={k}
                        checked={values.reason === k}
                      />
                      <label class="govuk-label govuk-radios__label" for={`reason-${k}`}>
                        {k === "other" ? t("petitions.office.other") : t(`petitions.topic.${k}`)}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            <TextArea
              t={t}
              id="reasonText"
              label={t("petitions.office.reason_text")}
              value={values.reasonText ?? ""}
              issues={issues}
              rows={3}
            />
          </ActionForm>
        </section>
      ) : null}

      {p.status === "consideration" && can.decide ? (
        <section aria-labelledby="decision-heading">
          <h2 class="govuk-heading-m" id="decision-heading">
            {t("petitions.office.consideration")}
          </h2>
          <ActionForm
            action={`${base}/draft-decision`}
            csrf={csrf}
            label={t("petitions.office.publish_draft")}
            secondary={p.draft_decision !== null}
          >
            <TextArea
              t={t}
              id="draftText"
              label={t("petitions.page.draft_decision")}
              value={values.draftText ?? p.draft_decision ?? ""}
              issues={issues}
              rows={6}
            />
          </ActionForm>
          {p.draft_decision_published_at ? (
            <ActionForm
              action={`${base}/decision`}
              csrf={csrf}
              label={t("petitions.office.publish_decision")}
            >
              <TextArea
                t={t}
                id="decisionText"
                label={t("petitions.page.decision")}
                value={values.decisionText ?? ""}
                issues={issues}
                rows={6}
              />
            </ActionForm>
          ) : (
            <p class="govuk-body">{t("petitions.office.draft_first")}</p>
          )}
        </section>
      ) : null}

      {p.draft_decision ? (
        <section aria-labelledby="comments-heading">
          <h2 class="govuk-heading-m" id="comments-heading">
            {t("petitions.page.comments")}
          </h2>
          {comments.length === 0 ? (
            <p class="govuk-body">{t("petitions.page.no_comments")}</p>
          ) : (
            <ul class="govuk-list">
              {comments.map((c) => (
                <li key={c.id}>
                  <p class="govuk-body govuk-!-margin-bottom-1">
                    <strong>
                      {c.given_name} {c.surname.slice(0, 1)}.
                    </strong>{" "}
                    <span class="govuk-body-s">{day(c.created_at, locale)}</span>{" "}
                    <strong class="govuk-tag govuk-tag--grey">
                      {t(`petitions.comment_status.${c.status}`)}
                    </strong>
                  </p>
                  <p class="govuk-body" lang={langOf(c.text, locale)}>
                    {c.text}
                  </p>
                  {c.status === "pending" && can.moderate ? (
                    <div class="govuk-button-group">
                      <ActionForm
                        action={`${base}/comments/${c.id}`}
                        csrf={csrf}
                        label={t("petitions.office.approve")}
                      >
                        <input type="hidden" name="decision" value="approved" />
                      </ActionForm>
                      <ActionForm
                        action={`${base}/comments/${c.id}`}
                        csrf={csrf}
                        label={t("petitions.office.reject")}
                        secondary
                      >
                        <input type="hidden" name="decision" value="rejected" />
                      </ActionForm>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <h2 class="govuk-heading-m">{t("petitions.page.milestones")}</h2>
      <Timeline t={t} locale={locale} items={milestones(p)} />
      <p class="govuk-body">
        <a class="govuk-link" href={`/petitions/${p.number}`}>
          {t("petitions.office.public_page")}
        </a>{" "}
        ·{" "}
        <a class="govuk-link" href="/office/petitions">
          {t("petitions.office.back")}
        </a>
      </p>
    </>
  );
}
