import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { DateInput, type DateParts } from "../../../web/components/form-fields.js";
import { SuccessBanner } from "../../../web/components/notices.js";
import { ResponsiveTable } from "../../../web/components/table.js";
import { StatusTag } from "./common.js";

/** One reception as the ticket and the journal show it, every date already in words. */
export interface JournalEntry {
  id: string;
  day: string;
  time: string;
  kind: string;
  visitor: string;
  official: string;
  question: string;
  status: string;
  outcome: string;
  appealNumber: string | null;
}

/**
 * The printable ticket of a walk-in or booked reception: the queue number, when, who receives
 * and where; from the print dialog only the ticket itself is printed.
 */
export function TicketPage(p: {
  t: Translate;
  agencyName: string;
  number: string | null;
  when: string;
  official: string;
  place: string;
  visitor: string;
  issued: boolean;
  bookingHref: string;
}) {
  const { t } = p;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        {p.issued ? (
          <div class="govuk-!-display-none-print">
            <SuccessBanner
              title={t("receptions.office_desk.print_ticket")}
              text={t("receptions.office_desk.ticket_issued")}
            />
          </div>
        ) : null}
        <span class="govuk-caption-l">{p.agencyName}</span>
        <h1 class="govuk-heading-l">{t("receptions.office_desk.ticket_title")}</h1>
        <div class="govuk-panel govuk-panel--confirmation">
          <h2 class="govuk-panel__title">
            {p.number
              ? t("receptions.office_desk.ticket_number")
              : t("receptions.office_desk.booking_number")}
          </h2>
          {p.number ? (
            <div class="govuk-panel__body">
              <strong>{p.number}</strong>
            </div>
          ) : null}
        </div>
        <dl class="govuk-summary-list">
          {[
            [t("receptions.office_desk.ticket_when"), p.when],
            [t("receptions.official"), p.official],
            [t("receptions.office_desk.ticket_place"), p.place],
            [t("receptions.office_desk.ticket_visitor"), p.visitor],
          ]
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div class="govuk-summary-list__row" key={k}>
                <dt class="govuk-summary-list__key">{k}</dt>
                <dd class="govuk-summary-list__value">{v}</dd>
              </div>
            ))}
        </dl>
        <p class="govuk-body">{t("receptions.office_desk.ticket_keep")}</p>
        <ul class="govuk-list govuk-!-display-none-print">
          <li>
            <a class="govuk-link" href={p.bookingHref}>
              {t("receptions.office.booking_title")}
            </a>
          </li>
          <li>
            <a class="govuk-link" href="/office/reception">
              {t("receptions.office_desk.back")}
            </a>
          </li>
        </ul>
      </div>
    </div>
  );
}

/** The reception journal: a period chosen by dates, the receptions in it, and the exports. */
export function JournalPage(p: {
  t: Translate;
  locale: Locale;
  agencyId: string;
  agencyName: string;
  from: DateParts;
  to: DateParts;
  period: string | null;
  issues: FieldIssue[];
  entries: JournalEntry[];
  exportQuery: string | null;
}) {
  const { t } = p;
  return (
    <>
      <ErrorSummary t={t} issues={p.issues} fieldIds={{}} />
      <span class="govuk-caption-l">{p.agencyName}</span>
      <h1 class="govuk-heading-l">{t("receptions.office_desk.journal.title")}</h1>
      <p class="govuk-body">{t("receptions.office_desk.journal.lead")}</p>
      <form method="get" action="/office/reception/journal" novalidate>
        <input type="hidden" name="agency" value={p.agencyId} />
        <DateInput
          t={t}
          id="from"
          legend={t("receptions.office_desk.journal.from")}
          issues={p.issues}
          value={p.from}
        />
        <DateInput
          t={t}
          id="to"
          legend={t("receptions.office_desk.journal.to")}
          issues={p.issues}
          value={p.to}
        />
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t("receptions.office_desk.journal.show")}
        </button>
      </form>
      {p.period ? (
        <>
          {p.exportQuery ? (
            <ul class="govuk-list">
              <li>
                <a
                  class="govuk-link"
                  href={`/office/reception/journal.xlsx?${p.exportQuery}`}
                  download
                >
                  {t("receptions.office_desk.journal.export_xlsx")}
                </a>
              </li>
              <li>
                <a
                  class="govuk-link"
                  href={`/office/reception/journal.csv?${p.exportQuery}`}
                  download
                >
                  {t("receptions.office_desk.journal.export_csv")}
                </a>
              </li>
            </ul>
          ) : null}
          <p class="govuk-body">
            {t("receptions.office_desk.journal.count", { count: p.entries.length })}
          </p>
          <ResponsiveTable
            id="journal"
            caption={t("receptions.office_desk.journal.caption", { period: p.period })}
            mode="stack"
            rows={p.entries}
            rowKey={(e) => e.id}
            empty={t("receptions.office_desk.journal.none")}
            columns={[
              {
                key: "day",
                header: t("receptions.office_desk.journal.day"),
                rowHeader: true,
                cell: (e) => (
                  <a
                    class="govuk-link"
                    href={`/office/reception/bookings/${encodeURIComponent(e.id)}`}
                  >
                    {e.day}
                  </a>
                ),
              },
              {
                key: "time",
                header: t("receptions.office_desk.journal.time"),
                cell: (e) => e.time,
              },
              {
                key: "kind",
                header: t("receptions.office_desk.journal.kind"),
                cell: (e) => e.kind,
              },
              {
                key: "visitor",
                header: t("receptions.office_desk.journal.visitor"),
                cell: (e) => e.visitor,
              },
              {
                key: "official",
                header: t("receptions.office_desk.journal.official"),
                cell: (e) => e.official,
              },
              {
                key: "outcome",
                header: t("receptions.office_desk.journal.outcome"),
                cell: (e) => <StatusTag t={t} status={e.status} />,
              },
              {
                key: "appeal",
                header: t("receptions.office_desk.journal.appeal"),
                cell: (e) =>
                  e.appealNumber ? (
                    <a
                      class="govuk-link"
                      href={`/office/appeals/${encodeURIComponent(e.appealNumber)}`}
                    >
                      {e.appealNumber}
                    </a>
                  ) : (
                    ""
                  ),
              },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
