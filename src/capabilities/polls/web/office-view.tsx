import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import {
  ErrorSummary,
  FieldError,
  Form,
  Input,
  Select,
  SubmitButton,
  TextArea,
} from "../../../web/components/kit.js";
import type { DraftInput } from "../commands/manage-poll.js";
import { type PollPhase, type PollRow, pick, type Texts, titles } from "../poll.js";
import type { TextRow } from "../poll.repository.js";
import type { PollResults } from "../results.js";
import { formatTime, PhaseTag, PollTable } from "./public-view.js";
import { Localised, ResultsSection } from "./results-view.js";

const LANGS = ["kk", "ru", "en"] as const;
/** The draft form: what the poll asks, of whom, and when. */
export function DraftForm({
  t,
  locale,
  csrf,
  action,
  values,
  issues,
  bodies,
  territories,
}: {
  t: Translate;
  locale: Locale;
  csrf: string;
  action: string;
  values: DraftInput;
  issues: FieldIssue[];
  bodies: { id: string; names: Texts }[] | null;
  territories: { code: string; names: Texts }[];
}) {
  const liveError = issues.some((i) => i.field === "liveResults");
  return (
    <Form action={action} csrf={csrf}>
      {bodies ? (
        <Select
          t={t}
          issues={issues}
          id="agencyId"
          label={t("polls.form.body")}
          value={values.agencyId}
          items={bodies.map((b) => ({ value: b.id, label: pick(b.names, locale).text }))}
        />
      ) : null}
      <Select
        t={t}
        issues={issues}
        id="kind"
        label={t("polls.form.kind")}
        hint={t("polls.form.kind_hint")}
        value={values.kind}
        items={["survey", "vote", "referendum"].map((k) => ({
          value: k,
          label: t(`polls.kind.${k}`),
        }))}
      />
      {LANGS.map((l) => (
        <Input
          key={`title-${l}`}
          t={t}
          issues={issues}
          id={`title-${l}`}
          label={t(`polls.form.title_in.${l}`)}
          value={values.title[l] ?? ""}
          lang={l}
        />
      ))}
      {LANGS.map((l) => (
        <TextArea
          key={`description-${l}`}
          t={t}
          issues={issues}
          id={`description-${l}`}
          label={t(`polls.form.description_in.${l}`)}
          value={values.description[l] ?? ""}
          lang={l}
        />
      ))}
      <Select
        t={t}
        issues={issues}
        id="eligibility"
        label={t("polls.form.eligibility")}
        hint={t("polls.form.eligibility_hint")}
        value={values.eligibility}
        items={["everyone", "territory"].map((e) => ({
          value: e,
          label: t(`polls.eligibility.${e}`),
        }))}
      />
      <Select
        t={t}
        issues={issues}
        id="territoryCode"
        label={t("polls.form.territory")}
        value={values.territoryCode}
        items={[
          { value: "", label: t("polls.form.territory_none") },
          ...territories.map((x) => ({
            value: x.code,
            label: `${pick(x.names, locale).text} (${x.code})`,
          })),
        ]}
      />
      <Input
        t={t}
        issues={issues}
        id="eligibleCount"
        label={t("polls.form.eligible_count")}
        hint={t("polls.form.eligible_count_hint")}
        value={values.eligibleCount}
        width="govuk-input--width-10"
      />
      <Input
        t={t}
        issues={issues}
        id="opensAt"
        // The browser's own date-and-time picker; the kit's Input passes the type through.
        type={"datetime-local" as "text"}
        label={t("polls.form.opens")}
        hint={t("polls.form.time_hint")}
        value={values.opensAt}
        width="govuk-input--width-20"
      />
      <Input
        t={t}
        issues={issues}
        id="closesAt"
        // The browser's own date-and-time picker; the kit's Input passes the type through.
        type={"datetime-local" as "text"}
        label={t("polls.form.closes")}
        hint={t("polls.form.time_hint")}
        value={values.closesAt}
        width="govuk-input--width-20"
      />
      <div class={`govuk-form-group${liveError ? " govuk-form-group--error" : ""}`}>
        <FieldError t={t} issues={issues} field="liveResults" id="liveResults-error" />
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div class="govuk-checkboxes__item">
            <input
              class="govuk-checkboxes__input"
              id="liveResults"
              name="liveResults"
              type="checkbox"
              value="1"
              checked={values.liveResults}
              aria-describedby={`liveResults-hint${liveError ? " liveResults-error" : ""}`}
            />
            <label class="govuk-label govuk-checkboxes__label" for="liveResults">
              {t("polls.form.live_results")}
            </label>
            <div id="liveResults-hint" class="govuk-hint govuk-checkboxes__hint">
              {t("polls.form.live_results_hint")}
            </div>
          </div>
        </div>
      </div>
      {values.questions.map((q, i) => {
        const n = i + 1;
        return (
          <fieldset key={n} class="govuk-fieldset govuk-!-margin-bottom-6">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
              {t("polls.form.question", { n })}
            </legend>
            <Select
              t={t}
              issues={issues}
              id={`q${n}-kind`}
              label={t("polls.form.question_kind")}
              value={q.kind}
              items={["single", "multiple", "scale", "text"].map((k) => ({
                value: k,
                label: t(`polls.question_kind.${k}`),
              }))}
            />
            {LANGS.map((l) => (
              <Input
                key={`q${n}-text-${l}`}
                t={t}
                issues={issues}
                id={`q${n}-text-${l}`}
                label={t(`polls.form.question_text_in.${l}`)}
                value={q.text[l] ?? ""}
                lang={l}
              />
            ))}
            {LANGS.map((l) => (
              <TextArea
                key={`q${n}-options-${l}`}
                t={t}
                issues={issues}
                id={`q${n}-options-${l}`}
                label={t(`polls.form.options_in.${l}`)}
                hint={t("polls.form.options_hint")}
                value={q.options[l] ?? ""}
                lang={l}
              />
            ))}
            <Select
              t={t}
              issues={issues}
              id={`q${n}-scale`}
              label={t("polls.form.scale")}
              value={q.scaleMax}
              items={[
                { value: "5", label: "1–5" },
                { value: "10", label: "1–10" },
              ]}
            />
          </fieldset>
        );
      })}
      <SubmitButton>{t("polls.form.save")}</SubmitButton>
    </Form>
  );
}

export function NewPollPage(p: Parameters<typeof DraftForm>[0]) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary t={p.t} issues={p.issues} />
        <h1 class="govuk-heading-xl">{p.t("polls.office.new_title")}</h1>
        <DraftForm {...p} />
      </div>
    </div>
  );
}

export function OfficeListPage({
  t,
  locale,
  rows,
  agencies,
  phases,
  canCreate,
}: {
  t: Translate;
  locale: Locale;
  rows: PollRow[];
  agencies: Map<string, Texts>;
  phases: Map<string, PollPhase>;
  canCreate: boolean;
}) {
  return (
    <>
      <h1 class="govuk-heading-xl">{t("polls.office.title")}</h1>
      {canCreate ? (
        <p class="govuk-body">
          <a class="govuk-button" href="/office/polls/new">
            {t("polls.office.create")}
          </a>
        </p>
      ) : null}
      <PollTable
        t={t}
        locale={locale}
        caption={t("polls.office.polls")}
        rows={rows}
        agencies={agencies}
        phases={phases}
        href={(p) => `/office/polls/${p.id}`}
      />
    </>
  );
}

/** One poll for its body: the draft form, life-cycle buttons, free texts to moderate, results. */
export function OfficePollPage({
  t,
  locale,
  csrf,
  poll,
  phase,
  draft,
  territories,
  pending,
  results,
  canManage,
  canModerate,
  done,
  problem,
}: {
  t: Translate;
  locale: Locale;
  csrf: string;
  poll: PollRow;
  phase: PollPhase;
  draft: { values: DraftInput; issues: FieldIssue[] } | null;
  territories: { code: string; names: Texts }[];
  pending: TextRow[];
  results: PollResults | null;
  canManage: boolean;
  canModerate: boolean;
  done: string | undefined;
  problem: string | undefined;
}) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        {draft ? <ErrorSummary t={t} issues={draft.issues} /> : null}
        {problem ? (
          <div class="govuk-error-summary" data-module="govuk-error-summary">
            <div role="alert">
              <h2 class="govuk-error-summary__title">{t("polls.office.problem")}</h2>
              <div class="govuk-error-summary__body">
                <p class="govuk-body">{problem}</p>
              </div>
            </div>
          </div>
        ) : null}
        {done ? (
          <div
            class="govuk-notification-banner govuk-notification-banner--success"
            role="alert"
            aria-labelledby="done-title"
            data-module="govuk-notification-banner"
          >
            <div class="govuk-notification-banner__header">
              <h2 class="govuk-notification-banner__title" id="done-title">
                {t("polls.office.done_title")}
              </h2>
            </div>
            <div class="govuk-notification-banner__content">
              <p class="govuk-notification-banner__heading">{t(`polls.office.done.${done}`)}</p>
            </div>
          </div>
        ) : null}
        <span class="govuk-caption-l">{t(`polls.kind.${poll.kind}`)}</span>
        <h1 class="govuk-heading-xl">
          <Localised texts={titles(poll)} locale={locale} />
        </h1>
        <p class="govuk-body">
          <PhaseTag t={t} phase={phase} />{" "}
          {phase !== "draft" ? (
            <a class="govuk-link" href={`/polls/${poll.id}`}>
              {t("polls.office.public_page")}
            </a>
          ) : null}
        </p>
        <p class="govuk-body">
          {t("polls.page.opens")}: {formatTime(poll.opens_at, locale)}. {t("polls.page.closes")}:{" "}
          {formatTime(poll.closes_at, locale)}.
        </p>
        {canManage && phase === "draft" ? (
          <>
            <Form action={`/office/polls/${poll.id}/schedule`} csrf={csrf}>
              <p class="govuk-body">{t("polls.office.schedule_hint")}</p>
              <SubmitButton>{t("polls.office.schedule")}</SubmitButton>
            </Form>
            <h2 class="govuk-heading-l">{t("polls.office.edit")}</h2>
            {draft ? (
              <DraftForm
                t={t}
                locale={locale}
                csrf={csrf}
                action={`/office/polls/${poll.id}`}
                values={draft.values}
                issues={draft.issues}
                bodies={null}
                territories={territories}
              />
            ) : null}
          </>
        ) : null}
        {canManage && (phase === "open" || phase === "scheduled") ? (
          <Form action={`/office/polls/${poll.id}/close`} csrf={csrf}>
            <p class="govuk-body">{t("polls.office.close_hint")}</p>
            <SubmitButton warning>{t("polls.office.close")}</SubmitButton>
          </Form>
        ) : null}
        {canModerate && phase !== "draft" ? (
          <section aria-labelledby="moderation-title">
            <h2 class="govuk-heading-l" id="moderation-title">
              {t("polls.office.moderation")}
            </h2>
            {pending.length === 0 ? (
              <p class="govuk-body">{t("polls.office.nothing_pending")}</p>
            ) : (
              pending.map((x, i) => (
                <div key={x.id} class="govuk-inset-text">
                  <p class="govuk-body" id={`text-${i}`}>
                    {x.body}
                  </p>
                  <Form action={`/office/polls/${poll.id}/texts/${x.id}`} csrf={csrf}>
                    <div class="govuk-button-group">
                      <button
                        type="submit"
                        name="decision"
                        value="approved"
                        class="govuk-button"
                        aria-describedby={`text-${i}`}
                      >
                        {t("polls.office.approve")}
                      </button>
                      <button
                        type="submit"
                        name="decision"
                        value="rejected"
                        class="govuk-button govuk-button--secondary"
                        aria-describedby={`text-${i}`}
                      >
                        {t("polls.office.reject")}
                      </button>
                    </div>
                  </Form>
                </div>
              ))
            )}
          </section>
        ) : null}
        {results ? <ResultsSection t={t} locale={locale} r={results} pollId={poll.id} /> : null}
        <p class="govuk-body">
          <a class="govuk-link" href="/office/polls">
            {t("polls.office.back")}
          </a>
        </p>
      </div>
    </div>
  );
}
