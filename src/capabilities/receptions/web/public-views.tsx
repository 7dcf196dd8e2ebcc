import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { isSafeHttpsUrl } from "../../../kernel/safe-url.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { Paragraphs, Radios, Select, TextArea } from "../../../web/components/form-fields.js";
import { ResponsiveTable, SummaryRow } from "../../../web/components/kit.js";
import { SuccessBanner } from "../../../web/components/notices.js";
import { formatDate } from "../../../web/format.js";
import type { BookingRow, SlotView } from "../reception.repository.js";
import { instantIn, nameIn, personName, StatusTag, slotTime } from "./common.js";

type Names = { name_kk: string; name_ru: string; name_en: string };

export function ReceptionIndexPage(p: {
  t: Translate;
  locale: Locale;
  bodies: (Names & { slug: string; free: number | string; next: string })[];
  zone: string;
}) {
  const { t, locale } = p;
  return (
    <>
      <h1 class="govuk-heading-l">{t("receptions.index.title")}</h1>
      <p class="govuk-body">{t("receptions.index.intro")}</p>
      {p.bodies.length === 0 ? (
        <p class="govuk-body">{t("receptions.index.none")}</p>
      ) : (
        <ResponsiveTable
          id="receiving-bodies"
          caption={t("receptions.index.caption")}
          mode="stack"
          rows={p.bodies}
          rowKey={(b) => b.slug}
          columns={[
            {
              key: "body",
              header: t("receptions.index.body"),
              cell: (b) => (
                <a class="govuk-link" href={`/agencies/${b.slug}/reception`}>
                  {nameIn(b, locale)}
                </a>
              ),
            },
            {
              key: "free",
              header: t("receptions.index.free"),
              numeric: true,
              cell: (b) => Number(b.free),
            },
            {
              key: "next",
              header: t("receptions.index.next"),
              cell: (b) => instantIn(b.next, p.zone, locale),
            },
          ]}
        />
      )}
      <p class="govuk-body">
        <a class="govuk-link" href="/reception/mine">
          {t("receptions.mine.title")}
        </a>
      </p>
    </>
  );
}

/** Where a reception takes place: the place, and the video link (https only) as a link. */
export function Where({
  t,
  s,
}: {
  t: Translate;
  s: { place: string | null; online_url: string | null };
}) {
  return (
    <>
      {s.place ? <span>{s.place}</span> : null}
      {s.place && s.online_url ? <br /> : null}
      {s.online_url && isSafeHttpsUrl(s.online_url) ? (
        <a class="govuk-link" href={s.online_url} rel="noopener noreferrer nofollow">
          {t("receptions.video_link")}
        </a>
      ) : null}
    </>
  );
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(
  locale: Locale | "key",
  timeZone: string,
  what: "key" | "day" | "time",
): Intl.DateTimeFormat {
  const id = `${locale}|${timeZone}|${what}`;
  let f = dayFormats.get(id);
  if (!f) {
    f =
      what === "key"
        ? new Intl.DateTimeFormat("en-CA", {
            timeZone,
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
          })
        : new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
            timeZone,
            ...(what === "day"
              ? { weekday: "long", day: "numeric", month: "long" }
              : { hour: "2-digit", minute: "2-digit" }),
          });
    dayFormats.set(id, f);
  }
  return f;
}

/** The calendar day (YYYY-MM-DD) a slot starts on, in the body's zone. */
export function slotDay(s: { starts_at: string; time_zone: string }): string {
  return dayFormat("key", s.time_zone, "key").format(new Date(s.starts_at));
}

const dayLabel = (s: SlotView, locale: Locale) =>
  dayFormat(locale, s.time_zone, "day").format(new Date(s.starts_at));
const timeLabel = (s: SlotView, locale: Locale) =>
  `${dayFormat(locale, s.time_zone, "time").format(new Date(s.starts_at))}–${dayFormat(locale, s.time_zone, "time").format(new Date(s.ends_at))}`;

/** The official and day a person chose on a body's reception page (from its address). */
export interface ReceptionChoice {
  /** Both empty when nothing was chosen. */
  official: string;
  day: string;
}

/**
 * A body's personal reception: for each official, what they take and where they receive
 * (once), the days with free times, and, for the day chosen, its times. Days and times are
 * plain links, so choosing works without JavaScript and the page stays short on a phone.
 */
export function AgencyReceptionPage(p: {
  t: Translate;
  locale: Locale;
  agency: Names & { slug: string };
  slots: SlotView[];
  topics: Map<string, string>;
  choice: ReceptionChoice;
}) {
  const { t, locale } = p;
  const byOfficial = new Map<string, SlotView[]>();
  for (const s of p.slots)
    byOfficial.set(s.official_id, [...(byOfficial.get(s.official_id) ?? []), s]);
  const base = `/agencies/${p.agency.slug}/reception`;
  return (
    <>
      <span class="govuk-caption-l">{nameIn(p.agency, locale)}</span>
      <h1 class="govuk-heading-l">{t("receptions.agency.title")}</h1>
      <p class="govuk-body">{t("receptions.agency.intro")}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}/queue`}>
          {t("receptions.queue.link")}
        </a>
      </p>
      {byOfficial.size === 0 ? <p class="govuk-body">{t("receptions.agency.none")}</p> : null}
      {[...byOfficial.values()].map((slots) => {
        const first = slots[0] as SlotView;
        const topics: string[] = JSON.parse(first.topics);
        const days = new Map<string, SlotView[]>();
        for (const s of slots) {
          const d = slotDay(s);
          days.set(d, [...(days.get(d) ?? []), s]);
        }
        // The day asked for with this official, else their first day with free times.
        const chosenDay =
          p.choice.official === first.official_id && days.has(p.choice.day)
            ? p.choice.day
            : ([...days.keys()][0] as string);
        const chosen = days.get(chosenDay);
        // Where they receive: each distinct place (or video link) once, not per time.
        const places = new Map<string, SlotView>();
        for (const s of chosen ?? slots) places.set(`${s.place ?? ""}|${s.online_url ?? ""}`, s);
        const name = personName(first);
        return (
          <section
            key={first.official_id}
            class="govuk-!-margin-bottom-8"
            aria-labelledby={`official-${first.official_id}`}
          >
            <h2 class="govuk-heading-m" id={`official-${first.official_id}`}>
              {name}
            </h2>
            <dl class="govuk-summary-list">
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{t("receptions.agency.topics")}</dt>
                <dd class="govuk-summary-list__value">
                  {topics.map((id) => p.topics.get(id) ?? id).join(", ")}
                </dd>
              </div>
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{t("receptions.where")}</dt>
                <dd class="govuk-summary-list__value" data-testid="where">
                  {[...places.values()].map((s, i) => (
                    <p
                      key={`${s.place}|${s.online_url}`}
                      class={`govuk-body${i === places.size - 1 ? " govuk-!-margin-bottom-0" : ""}`}
                    >
                      <Where t={t} s={s} />
                    </p>
                  ))}
                </dd>
              </div>
            </dl>
            <h3 class="govuk-heading-s">{t("receptions.agency.choose_day", { name })}</h3>
            <ul class="govuk-list" data-testid="days">
              {[...days.entries()].map(([d, list]) => {
                const current = d === chosenDay;
                return (
                  <li key={d}>
                    <a
                      class="govuk-link"
                      href={`${base}?${new URLSearchParams({ official: first.official_id, day: d })}#times-${first.official_id}`}
                      aria-current={current ? "true" : undefined}
                    >
                      {current ? (
                        <strong>{dayLabel(list[0] as SlotView, locale)}</strong>
                      ) : (
                        dayLabel(list[0] as SlotView, locale)
                      )}
                    </a>{" "}
                    <span class="govuk-body-s">
                      {t("receptions.agency.free_count", { count: list.length })}
                    </span>
                  </li>
                );
              })}
            </ul>
            {chosen ? (
              <div id={`times-${first.official_id}`} data-testid="times">
                <h3 class="govuk-heading-s">
                  {t("receptions.agency.choose_time", {
                    day: dayLabel(chosen[0] as SlotView, locale),
                  })}
                </h3>
                <ul class="govuk-list halyq-inline-list">
                  {chosen.map((s) => (
                    <li key={s.id}>
                      <a
                        class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
                        href={`/reception/slots/${s.id}`}
                        aria-label={t("receptions.agency.book_at", {
                          time: timeLabel(s, locale),
                          day: dayLabel(s, locale),
                          name,
                        })}
                      >
                        {timeLabel(s, locale)}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>
        );
      })}
    </>
  );
}

export interface SlotPageState {
  issues?: FieldIssue[];
  conflict?: string;
  values?: { question?: string; topicId?: string; redirectConsent?: boolean };
}

export function SlotPage(p: {
  t: Translate;
  locale: Locale;
  slot: SlotView;
  agency: Names & { slug: string };
  topics: { value: string; label: string }[];
  viewer: "citizen" | "staff" | null;
  csrf: string | null;
  state: SlotPageState;
}) {
  const { t, locale, slot } = p;
  const issues = p.state.issues ?? [];
  const v = p.state.values ?? {};
  return (
    <>
      <ErrorSummary t={t} issues={issues} fieldIds={{ topicId: "topicId" }} />
      {p.state.conflict ? (
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">{t("receptions.conflict.title")}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{p.state.conflict}</p>
            </div>
          </div>
        </div>
      ) : null}
      <span class="govuk-caption-l">{nameIn(p.agency, locale)}</span>
      <h1 class="govuk-heading-l">{t("receptions.slot.title")}</h1>
      <dl class="govuk-summary-list">
        <SummaryRow label={t("receptions.official")}>{personName(slot)}</SummaryRow>
        <SummaryRow label={t("receptions.when")}>{slotTime(slot, locale)}</SummaryRow>
        <SummaryRow label={t("receptions.where")}>
          <Where t={t} s={slot} />
        </SummaryRow>
      </dl>
      {slot.booking_id ? (
        <p class="govuk-body">{t("receptions.slot.taken")}</p>
      ) : p.viewer === "citizen" && p.csrf ? (
        <Form action={`/reception/slots/${slot.id}/book`} csrf={p.csrf}>
          <TextArea
            t={t}
            id="question"
            label={t("receptions.slot.question")}
            hint={t("receptions.slot.question_hint")}
            value={v.question ?? ""}
            issues={issues}
            rows={4}
          />
          <Select
            t={t}
            id="topicId"
            label={t("receptions.slot.topic")}
            value={v.topicId ?? ""}
            items={[{ value: "", label: t("receptions.slot.topic_none") }, ...p.topics]}
            issues={issues}
          />
          <div class="govuk-form-group">
            <div class="govuk-checkboxes govuk-checkboxes--small">
              <div class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id="redirectConsent"
                  name="redirectConsent"
                  type="checkbox"
                  value="yes"
                  checked={v.redirectConsent === true}
                  aria-describedby="redirectConsent-hint"
                />
                <label class="govuk-label govuk-checkboxes__label" for="redirectConsent">
                  {t("receptions.slot.consent")}
                </label>
                <div id="redirectConsent-hint" class="govuk-hint govuk-checkboxes__hint">
                  {t("receptions.slot.consent_hint")}
                </div>
              </div>
            </div>
          </div>
          <SubmitButton>{t("receptions.slot.submit")}</SubmitButton>
        </Form>
      ) : p.viewer === "staff" ? (
        <p class="govuk-body">{t("receptions.slot.staff")}</p>
      ) : (
        <p class="govuk-body">
          <a
            class="govuk-link"
            href={`/login?next=${encodeURIComponent(`/reception/slots/${slot.id}`)}`}
          >
            {t("receptions.slot.sign_in")}
          </a>
        </p>
      )}
    </>
  );
}

export interface BookingPageState {
  done?: string | undefined;
  issues?: FieldIssue[];
  conflict?: string;
  values?: { answer?: string; slotId?: string };
}

export function BookingDetails(p: {
  t: Translate;
  locale: Locale;
  booking: BookingRow;
  slot: SlotView | undefined;
  agency: Names;
  official: string;
  topic: string | null;
  advice: (Names & { slug: string }) | undefined;
  refusalText?: boolean;
  /** Shown on the office's page: the appeal links to its case there. */
  office?: boolean;
}) {
  const { t, locale, booking: b } = p;
  return (
    <dl class="govuk-summary-list">
      <SummaryRow label={t("receptions.booking.status")}>
        <StatusTag t={t} status={b.status} />
      </SummaryRow>
      <SummaryRow label={t("receptions.body")}>{nameIn(p.agency, locale)}</SummaryRow>
      <SummaryRow label={t("receptions.official")}>{p.official}</SummaryRow>
      {b.ticket_no !== null ? (
        <SummaryRow label={t("receptions.ticket")}>{String(b.ticket_no)}</SummaryRow>
      ) : null}
      <SummaryRow label={t("receptions.when")}>
        {p.slot ? slotTime(p.slot, locale) : formatDate(b.day, locale, "long")}
      </SummaryRow>
      {p.slot ? (
        <SummaryRow label={t("receptions.where")}>
          <Where t={t} s={p.slot} />
        </SummaryRow>
      ) : null}
      <SummaryRow label={t("receptions.booking.question")}>
        <Paragraphs text={b.question} />
      </SummaryRow>
      {p.topic ? <SummaryRow label={t("receptions.slot.topic")}>{p.topic}</SummaryRow> : null}
      {b.kind === "booking" ? (
        <SummaryRow label={t("receptions.booking.consent")}>
          {t(b.redirect_consent === 1 ? "receptions.yes" : "receptions.no")}
        </SummaryRow>
      ) : null}
      {p.advice ? (
        <SummaryRow
          label={t(
            b.status === "redirected"
              ? "receptions.booking.redirected_to"
              : "receptions.booking.advised",
          )}
        >
          <a class="govuk-link" href={`/agencies/${p.advice.slug}/reception`}>
            {nameIn(p.advice, locale)}
          </a>
          {b.advice_note ? <Paragraphs text={b.advice_note} /> : null}
        </SummaryRow>
      ) : null}
      {b.outcome_note && b.status !== "refused" ? (
        <SummaryRow label={t("receptions.booking.note")}>
          <Paragraphs text={b.outcome_note} />
        </SummaryRow>
      ) : null}
      {b.status === "refused" ? (
        <SummaryRow label={t("receptions.booking.refusal")}>
          {t(`receptions.refusal.${b.refusal_reason}`)}
          {b.outcome_note ? <Paragraphs text={b.outcome_note} /> : null}
        </SummaryRow>
      ) : null}
      {b.appeal_number ? (
        <SummaryRow label={t("receptions.booking.appeal")}>
          <a
            class="govuk-link"
            href={`${p.office ? "/office" : ""}/appeals/${encodeURIComponent(b.appeal_number)}`}
          >
            {p.office
              ? t("receptions.office_desk.open_case", { number: b.appeal_number })
              : b.appeal_number}
          </a>
        </SummaryRow>
      ) : null}
    </dl>
  );
}

export function BookingPage(p: {
  t: Translate;
  locale: Locale;
  details: Parameters<typeof BookingDetails>[0];
  appealDue: string | null;
  moveTo: SlotView[];
  future: boolean;
  csrf: string;
  state: BookingPageState;
}) {
  const { t, locale } = p;
  const b = p.details.booking;
  const issues = p.state.issues ?? [];
  const v = p.state.values ?? {};
  return (
    <>
      <SuccessBanner
        title={t("receptions.done.title")}
        text={p.state.done ? t(`receptions.done.${p.state.done}`) : undefined}
      />
      <ErrorSummary t={t} issues={issues} />
      {p.state.conflict ? (
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">{t("receptions.conflict.title")}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{p.state.conflict}</p>
            </div>
          </div>
        </div>
      ) : null}
      <h1 class="govuk-heading-l">{t("receptions.booking.title")}</h1>
      <BookingDetails {...p.details} />
      {p.appealDue ? (
        <div class="govuk-inset-text">
          {t("receptions.booking.appeal_due", { due: p.appealDue })}
        </div>
      ) : null}
      {b.clarification_question ? (
        <section class="govuk-!-margin-bottom-6">
          <h2 class="govuk-heading-m">{t("receptions.clarify.title")}</h2>
          <Paragraphs text={b.clarification_question} />
          {b.clarification_answer ? (
            <div class="govuk-inset-text">
              <Paragraphs text={b.clarification_answer} />
            </div>
          ) : b.status === "booked" ? (
            <Form action={`/reception/bookings/${b.id}/answer`} csrf={p.csrf}>
              <TextArea
                t={t}
                id="answer"
                label={t("receptions.clarify.answer")}
                value={v.answer ?? ""}
                issues={issues}
                rows={4}
              />
              <SubmitButton>{t("receptions.clarify.send")}</SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}
      {b.status === "booked" && p.future ? (
        <>
          {p.moveTo.length > 0 ? (
            <section class="govuk-!-margin-bottom-6">
              <h2 class="govuk-heading-m">{t("receptions.move.title")}</h2>
              <Form action={`/reception/bookings/${b.id}/move`} csrf={p.csrf}>
                <Radios
                  t={t}
                  id="slotId"
                  legend={t("receptions.move.legend")}
                  value={v.slotId ?? ""}
                  items={p.moveTo.map((s) => ({
                    value: s.id,
                    label: `${slotTime(s, locale)} — ${personName(s)}`,
                  }))}
                  issues={issues}
                />
                <SubmitButton secondary>{t("receptions.move.submit")}</SubmitButton>
              </Form>
            </section>
          ) : null}
          <section>
            <h2 class="govuk-heading-m">{t("receptions.cancel.title")}</h2>
            <Form action={`/reception/bookings/${b.id}/cancel`} csrf={p.csrf}>
              <SubmitButton warning>{t("receptions.cancel.submit")}</SubmitButton>
            </Form>
          </section>
        </>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href="/reception/mine">
          {t("receptions.mine.title")}
        </a>
      </p>
    </>
  );
}

export function MyReceptionsPage(p: {
  t: Translate;
  locale: Locale;
  rows: { booking: BookingRow; when: string; body: string }[];
}) {
  const { t } = p;
  return (
    <>
      <h1 class="govuk-heading-l">{t("receptions.mine.title")}</h1>
      {p.rows.length === 0 ? (
        <p class="govuk-body">{t("receptions.mine.none")}</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">
            {t("receptions.mine.title")}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t("receptions.when")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("receptions.body")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("receptions.booking.status")}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {p.rows.map((r) => (
              <tr key={r.booking.id} class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/reception/bookings/${r.booking.id}`}>
                    {r.when}
                  </a>
                </td>
                <td class="govuk-table__cell">{r.body}</td>
                <td class="govuk-table__cell">
                  <StatusTag t={t} status={r.booking.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href="/reception">
          {t("receptions.index.title")}
        </a>
      </p>
    </>
  );
}

export function QueuePage(p: {
  t: Translate;
  locale: Locale;
  agency: Names;
  day: string;
  dayText: string;
  tickets: {
    id: string;
    ticket_no: number | null;
    status: string;
    official_id: string;
    surname: string;
    given_name: string;
  }[];
}) {
  const { t, locale } = p;
  const byOfficial = new Map<string, typeof p.tickets>();
  for (const x of p.tickets)
    byOfficial.set(x.official_id, [...(byOfficial.get(x.official_id) ?? []), x]);
  return (
    <>
      <span class="govuk-caption-l">{nameIn(p.agency, locale)}</span>
      <h1 class="govuk-heading-l">{t("receptions.queue.title")}</h1>
      <p class="govuk-body">{p.dayText}</p>
      {byOfficial.size === 0 ? <p class="govuk-body">{t("receptions.queue.none")}</p> : null}
      {[...byOfficial.values()].map((rows) => {
        const first = rows[0] as (typeof rows)[number];
        const next = rows.find((r) => r.status === "waiting");
        return (
          <section key={first.official_id}>
            <h2 class="govuk-heading-m">{personName(first)}</h2>
            <p class="govuk-body-l" aria-live="polite">
              {next
                ? t("receptions.queue.next", { ticket: String(next.ticket_no) })
                : t("receptions.queue.nobody")}
            </p>
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-table__caption--s">
                {t("receptions.queue.caption", { name: personName(first) })}
              </caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                    {t("receptions.ticket")}
                  </th>
                  <th scope="col" class="govuk-table__header">
                    {t("receptions.booking.status")}
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {rows.map((r) => (
                  <tr key={r.id} class="govuk-table__row">
                    <td class="govuk-table__cell govuk-table__cell--numeric">
                      {String(r.ticket_no)}
                    </td>
                    <td class="govuk-table__cell">
                      {t(
                        r.status === "waiting"
                          ? "receptions.queue.waiting"
                          : "receptions.queue.seen",
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}
