import type { Locale, Translate } from "../../../kernel/i18n.js";
import { formatEventTime } from "../../../web/format-time.js";
import { type MeetingRow, type Texts, titles } from "../meeting.js";
import { Localised } from "./details.js";

/** A table of meetings: title (linked), kind, body, time. */
export function MeetingTable({
  t,
  locale,
  caption,
  rows,
  agencies,
  href,
}: {
  t: Translate;
  locale: Locale;
  caption: string;
  rows: MeetingRow[];
  agencies: Map<string, Texts>;
  href: (m: MeetingRow) => string;
}) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            {t("meetings.list.meeting")}
          </th>
          <th scope="col" class="govuk-table__header">
            {t("meetings.list.kind")}
          </th>
          <th scope="col" class="govuk-table__header">
            {t("meetings.list.body")}
          </th>
          <th scope="col" class="govuk-table__header">
            {t("meetings.list.when")}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((m) => {
          const agency = agencies.get(m.agency_id);
          return (
            <tr key={m.id} class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href(m)}>
                  <Localised texts={titles(m)} locale={locale} />
                </a>
              </td>
              <td class="govuk-table__cell">{t(`meetings.kind.${m.kind}`)}</td>
              <td class="govuk-table__cell">
                {agency ? <Localised texts={agency} locale={locale} /> : null}
              </td>
              <td class="govuk-table__cell">{formatEventTime(m, locale)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The public list: upcoming meetings first, then past ones, and the feed. */
export function MeetingsListPage({
  t,
  locale,
  upcoming,
  past,
  agencies,
}: {
  t: Translate;
  locale: Locale;
  upcoming: MeetingRow[];
  past: MeetingRow[];
  agencies: Map<string, Texts>;
}) {
  const href = (m: MeetingRow) => `/meetings/${m.id}`;
  return (
    <>
      <h1 class="govuk-heading-l">{t("meetings.list.title")}</h1>
      <p class="govuk-body">{t("meetings.list.lead")}</p>
      {upcoming.length > 0 ? (
        <MeetingTable
          t={t}
          locale={locale}
          caption={t("meetings.list.upcoming")}
          rows={upcoming}
          agencies={agencies}
          href={href}
        />
      ) : (
        <>
          <h2 class="govuk-heading-m">{t("meetings.list.upcoming")}</h2>
          <p class="govuk-body">{t("meetings.list.none_upcoming")}</p>
        </>
      )}
      {past.length > 0 ? (
        <MeetingTable
          t={t}
          locale={locale}
          caption={t("meetings.list.past")}
          rows={past}
          agencies={agencies}
          href={href}
        />
      ) : (
        <>
          <h2 class="govuk-heading-m">{t("meetings.list.past")}</h2>
          <p class="govuk-body">{t("meetings.list.none_past")}</p>
        </>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href="/meetings/feed.atom" type="application/atom+xml">
          {t("meetings.list.feed")}
        </a>
      </p>
    </>
  );
}
