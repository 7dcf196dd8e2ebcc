import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { DateInput, Input, Radios, Select, TextArea } from "../../../web/components/form-fields.js";
import { Checkboxes, ResponsiveTable } from "../../../web/components/kit.js";
import { SuccessBanner } from "../../../web/components/notices.js";
import { RECEPTION_APPEAL_KINDS, REFUSAL_REASONS } from "../reception.js";
import type { BookingRow } from "../reception.repository.js";
import { nameIn, StatusTag } from "./common.js";
import { BookingDetails } from "./public-views.js";

type Names = { name_kk: string; name_ru: string; name_en: string };

function Conflict({ t, text }: { t: Translate; text: string | undefined }) {
  if (!text) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{t("receptions.conflict.title")}</h2>
        <div class="govuk-error-summary__body">
          <p class="govuk-body">{text}</p>
        </div>
      </div>
    </div>
  );
}

export interface OfficeState {
  done?: string | undefined;
  form?: "schedule" | "ticket";
  issues?: FieldIssue[];
  conflict?: string;
  values?: Record<string, string | string[]>;
}

const str = (v: Record<string, string | string[]> | undefined, k: string) => {
  const x = v?.[k];
  return typeof x === "string" ? x : "";
};

export function OfficePage(p: {
  t: Translate;
  locale: Locale;
  agency: Names & { id: string; slug: string };
  canSchedule: boolean;
  officials: { id: string; name: string }[];
  topics: { value: string; label: string }[];
  rows: { booking: BookingRow; when: string; official: string; person: string }[];
  csrf: string;
  state: OfficeState;
}) {
  const { t, locale, state } = p;
  const issuesOf = (form: OfficeState["form"]) => (state.form === form ? (state.issues ?? []) : []);
  const sIssues = issuesOf("schedule");
  const tIssues = issuesOf("ticket");
  const v = state.values;
  const q = `?agency=${encodeURIComponent(p.agency.id)}`;
  return (
    <>
      <SuccessBanner
        title={t("receptions.done.title")}
        text={
          state.done ? t(`receptions.done.${state.done}`, { ticket: str(v, "ticket") }) : undefined
        }
      />
      <ErrorSummary t={t} issues={state.issues ?? []} fieldIds={{ firstDay: "firstDay" }} />
      <Conflict t={t} text={state.conflict} />
      <span class="govuk-caption-l">{nameIn(p.agency, locale)}</span>
      <h1 class="govuk-heading-l">{t("receptions.office.title")}</h1>
      <p class="govuk-body">
        <a class="govuk-link" href={`/agencies/${p.agency.slug}/reception`}>
          {t("receptions.office.public_page")}
        </a>{" "}
        ·{" "}
        <a class="govuk-link" href={`/agencies/${p.agency.slug}/reception/queue`}>
          {t("receptions.queue.link")}
        </a>{" "}
        ·{" "}
        <a
          class="govuk-link"
          href={`/office/reception/journal?agency=${encodeURIComponent(p.agency.id)}`}
        >
          {t("receptions.office_desk.journal_link")}
        </a>
      </p>
      <h2 class="govuk-heading-m">{t("receptions.office.bookings")}</h2>
      {p.rows.length === 0 ? (
        <p class="govuk-body">{t("receptions.office.no_bookings")}</p>
      ) : (
        <ResponsiveTable
          id="bookings"
          caption={t("receptions.office.bookings")}
          captionHidden
          mode="stack"
          rows={p.rows}
          rowKey={(r) => r.booking.id}
          columns={[
            {
              key: "when",
              header: t("receptions.when"),
              cell: (r) => (
                <a class="govuk-link" href={`/office/reception/bookings/${r.booking.id}`}>
                  {r.when}
                </a>
              ),
            },
            { key: "official", header: t("receptions.official"), cell: (r) => r.official },
            { key: "person", header: t("receptions.office.person"), cell: (r) => r.person },
            {
              key: "status",
              header: t("receptions.booking.status"),
              cell: (r) => <StatusTag t={t} status={r.booking.status} />,
            },
          ]}
        />
      )}

      <h2 class="govuk-heading-m">{t("receptions.ticket_form.title")}</h2>
      <p class="govuk-body">{t("receptions.ticket_form.intro")}</p>
      <Form action={`/office/reception/tickets${q}`} csrf={p.csrf}>
        <Select
          t={t}
          id="officialId"
          label={t("receptions.official")}
          value={str(v, "officialId")}
          items={p.officials.map((o) => ({ value: o.id, label: o.name }))}
          issues={tIssues}
        />
        <Input
          t={t}
          id="visitorName"
          label={t("receptions.ticket_form.name")}
          value={str(v, "visitorName")}
          issues={tIssues}
          autocomplete="off"
        />
        <Input
          t={t}
          id="visitorContact"
          label={t("receptions.ticket_form.contact")}
          hint={t("receptions.ticket_form.contact_hint")}
          value={str(v, "visitorContact")}
          issues={tIssues}
        />
        <TextArea
          t={t}
          id="ticketQuestion"
          name="question"
          label={t("receptions.office_desk.visitor_question")}
          value={str(v, "question")}
          issues={tIssues.map((i) =>
            i.field === "question" ? { ...i, field: "ticketQuestion" } : i,
          )}
          rows={3}
        />
        <SubmitButton>{t("receptions.ticket_form.submit")}</SubmitButton>
      </Form>

      {p.canSchedule ? (
        <>
          <h2 class="govuk-heading-m">{t("receptions.schedule.title")}</h2>
          <p class="govuk-body">{t("receptions.schedule.intro")}</p>
          <Form action={`/office/reception/schedules${q}`} csrf={p.csrf}>
            <DateInput
              t={t}
              id="firstDay"
              legend={t("receptions.schedule.first_day")}
              hint={t("receptions.schedule.first_day_hint")}
              value={{
                day: str(v, "firstDay-day"),
                month: str(v, "firstDay-month"),
                year: str(v, "firstDay-year"),
              }}
              issues={sIssues}
            />
            <Input
              t={t}
              id="weeks"
              label={t("receptions.schedule.weeks")}
              hint={t("receptions.schedule.weeks_hint")}
              value={str(v, "weeks") || "4"}
              issues={sIssues}
              width="govuk-input--width-2"
              inputmode="numeric"
            />
            <Input
              t={t}
              id="startTime"
              label={t("receptions.schedule.start")}
              hint={t("receptions.schedule.time_hint")}
              value={str(v, "startTime")}
              issues={sIssues}
              width="govuk-input--width-5"
            />
            <Input
              t={t}
              id="endTime"
              label={t("receptions.schedule.end")}
              hint={t("receptions.schedule.time_hint")}
              value={str(v, "endTime")}
              issues={sIssues}
              width="govuk-input--width-5"
            />
            <Input
              t={t}
              id="slotMinutes"
              label={t("receptions.schedule.slot")}
              hint={t("receptions.schedule.slot_hint")}
              value={str(v, "slotMinutes") || "20"}
              issues={sIssues}
              width="govuk-input--width-3"
              inputmode="numeric"
            />
            <Input
              t={t}
              id="place"
              label={t("receptions.schedule.place")}
              value={str(v, "place")}
              issues={sIssues}
            />
            <Input
              t={t}
              id="onlineUrl"
              type="url"
              label={t("receptions.schedule.online")}
              hint={t("receptions.schedule.online_hint")}
              value={str(v, "onlineUrl")}
              issues={sIssues}
            />
            <Checkboxes
              t={t}
              id="topics"
              name="topics[]"
              legend={t("receptions.schedule.topics")}
              items={p.topics}
              values={
                Array.isArray(v?.topics)
                  ? (v?.topics as string[])
                  : str(v, "topics")
                    ? [str(v, "topics")]
                    : []
              }
              issues={sIssues}
            />
            <SubmitButton>{t("receptions.schedule.submit")}</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}

export interface OfficeBookingState {
  done?: string | undefined;
  issues?: FieldIssue[];
  conflict?: string;
  values?: Record<string, string>;
}

export function OfficeBookingPage(p: {
  t: Translate;
  locale: Locale;
  details: Parameters<typeof BookingDetails>[0];
  person: string;
  agencies: (Names & { id: string })[];
  csrf: string;
  state: OfficeBookingState;
}) {
  const { t, locale, state } = p;
  const b = p.details.booking;
  const issues = state.issues ?? [];
  const v = state.values ?? {};
  const open = b.status === "booked" || b.status === "waiting";
  return (
    <>
      <SuccessBanner
        title={t("receptions.done.title")}
        text={state.done ? t(`receptions.done.${state.done}`) : undefined}
      />
      <ErrorSummary t={t} issues={issues} />
      <Conflict t={t} text={state.conflict} />
      <span class="govuk-caption-l">{p.person}</span>
      <h1 class="govuk-heading-l">{t("receptions.office.booking_title")}</h1>
      <BookingDetails {...p.details} office />
      <ul class="govuk-list">
        {b.status === "booked" || b.status === "waiting" ? (
          <li>
            <a
              class="govuk-link"
              href={`/office/reception/bookings/${encodeURIComponent(b.id)}/ticket`}
            >
              {t("receptions.office_desk.print_ticket")}
            </a>
          </li>
        ) : null}
        {b.appeal_number ? (
          <li>
            <a
              class="govuk-link"
              href={`/office/appeals/${encodeURIComponent(b.appeal_number)}/slip`}
            >
              {t("receptions.office_desk.slip")}
            </a>
          </li>
        ) : null}
      </ul>
      {b.clarification_question ? (
        <section class="govuk-!-margin-bottom-6">
          <h2 class="govuk-heading-m">{t("receptions.clarify.title")}</h2>
          <p class="govuk-body">{b.clarification_question}</p>
          <p class="govuk-body">
            {b.clarification_answer
              ? `${t("receptions.clarify.answered")}: ${b.clarification_answer}`
              : t("receptions.clarify.awaiting")}
          </p>
        </section>
      ) : null}
      {open ? (
        <>
          <section class="govuk-!-margin-bottom-6">
            <h2 class="govuk-heading-m">{t("receptions.outcome.title")}</h2>
            <Form action={`/office/reception/bookings/${b.id}/outcome`} csrf={p.csrf}>
              <Radios
                t={t}
                id="outcome"
                legend={t("receptions.outcome.legend")}
                value={v.outcome ?? ""}
                items={(["resolved", "appeal", "no_show", "refused"] as const).map((o) => ({
                  value: o,
                  label: t(`receptions.outcome.${o}`),
                  hint: t(`receptions.outcome.${o}_hint`),
                }))}
                issues={issues}
              />
              <Select
                t={t}
                id="appealKind"
                label={t("receptions.outcome.appeal_kind")}
                hint={t("receptions.outcome.appeal_kind_hint")}
                value={v.appealKind ?? "statement"}
                items={RECEPTION_APPEAL_KINDS.map((k) => ({
                  value: k,
                  label: t(`appeals.kind.${k}`),
                }))}
                issues={issues}
              />
              <Select
                t={t}
                id="refusalReason"
                label={t("receptions.outcome.refusal_reason")}
                hint={t("receptions.outcome.refusal_reason_hint")}
                value={v.refusalReason ?? ""}
                items={[
                  { value: "", label: t("receptions.outcome.refusal_none") },
                  ...REFUSAL_REASONS.map((r) => ({
                    value: r,
                    label: t(`receptions.refusal.${r}`),
                  })),
                ]}
                issues={issues}
              />
              <TextArea
                t={t}
                id="note"
                label={t("receptions.outcome.note")}
                hint={t("receptions.outcome.note_hint")}
                value={v.note ?? ""}
                issues={issues}
                rows={4}
              />
              <SubmitButton>{t("receptions.outcome.submit")}</SubmitButton>
            </Form>
          </section>
          {b.status === "booked" && b.account_id ? (
            <>
              <section class="govuk-!-margin-bottom-6">
                <h2 class="govuk-heading-m">{t("receptions.clarify.ask_title")}</h2>
                <Form action={`/office/reception/bookings/${b.id}/clarify`} csrf={p.csrf}>
                  <TextArea
                    t={t}
                    id="clarification"
                    label={t("receptions.clarify.question")}
                    value={v.clarification ?? ""}
                    issues={issues}
                    rows={3}
                  />
                  <SubmitButton secondary>{t("receptions.clarify.ask")}</SubmitButton>
                </Form>
              </section>
              <section class="govuk-!-margin-bottom-6">
                <h2 class="govuk-heading-m">{t("receptions.redirect.title")}</h2>
                <p class="govuk-body">
                  {t(
                    b.redirect_consent === 1
                      ? "receptions.redirect.with_consent"
                      : "receptions.redirect.without_consent",
                  )}
                </p>
                <Form action={`/office/reception/bookings/${b.id}/redirect`} csrf={p.csrf}>
                  <Select
                    t={t}
                    id="redirectAgency"
                    label={t("receptions.redirect.body")}
                    value={v.redirectAgency ?? ""}
                    items={[
                      { value: "", label: t("receptions.redirect.choose") },
                      ...p.agencies.map((a) => ({ value: a.id, label: nameIn(a, locale) })),
                    ]}
                    issues={issues}
                  />
                  <TextArea
                    t={t}
                    id="redirectNote"
                    label={t("receptions.redirect.note")}
                    value={v.redirectNote ?? ""}
                    issues={issues}
                    rows={3}
                  />
                  <SubmitButton secondary>{t("receptions.redirect.submit")}</SubmitButton>
                </Form>
              </section>
            </>
          ) : null}
        </>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href={`/office/reception?agency=${encodeURIComponent(b.agency_id)}`}>
          {t("receptions.office.back")}
        </a>
      </p>
    </>
  );
}
