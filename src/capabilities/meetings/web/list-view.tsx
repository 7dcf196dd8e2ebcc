import type { Locale, Translate } from "../../../kernel/i18n.js";
import { ResponsiveTable } from "../../../web/components/kit.js";
import { formatEventTime } from "../../../web/format-time.js";
import { type MeetingRow, type Texts, titles } from "../meeting.js";
import { Localised } from "./details.js";

/** A table of meetings: title (linked), kind, body, time. */
export function MeetingTable({
  id,
  t,
  locale,
  caption,
  rows,
  agencies,
  href,
}: {
  /** The table's id, unique on the page. */
  id: string;
  t: Translate;
  locale: Locale;
  caption: string;
  rows: MeetingRow[];
  agencies: Map<string, Texts>;
  href: (m: MeetingRow) => string;
}) {
  return (
    <ResponsiveTable
      id={id}
      caption={caption}
      mode="stack"
      rows={rows}
      rowKey={(m) => m.id}
      columns={[
        {
          key: "meeting",
          header: t("meetings.list.meeting"),
          cell: (m) => (
            <a class="govuk-link" href={href(m)}>
              <Localised texts={titles(m)} locale={locale} />
            </a>
          ),
        },
        { key: "kind", header: t("meetings.list.kind"), cell: (m) => t(`meetings.kind.${m.kind}`) },
        {
          key: "body",
          header: t("meetings.list.body"),
          cell: (m) => {
            const agency = agencies.get(m.agency_id);
            return agency ? <Localised texts={agency} locale={locale} /> : null;
          },
        },
        { key: "when", header: t("meetings.list.when"), cell: (m) => formatEventTime(m, locale) },
      ]}
    />
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
          id="upcoming"
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
          id="past"
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
