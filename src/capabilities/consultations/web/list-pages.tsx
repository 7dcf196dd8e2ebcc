import type { Locale, Translate } from "../../../kernel/i18n.js";
import { ResponsiveTable } from "../../../web/components/kit.js";
import { formatDate } from "../../../web/format.js";
import {
  CONSULTATION_STATUSES,
  type ConsultationStatus,
  consultationStatus,
  HIDE_REASONS,
} from "../consultation.js";
import type { DraftListRow } from "../consultation.repository.js";
import { StatusTag } from "./shared.js";

/** Drafts as a table: title, body, window, status, comments. */
export function DraftTable({
  id = "drafts",
  t,
  locale,
  rows,
  agencies,
  today,
  caption,
  href,
}: {
  /** The table's id, unique on the page. */
  id?: string;
  t: Translate;
  locale: Locale;
  rows: DraftListRow[];
  agencies: Map<string, string>;
  today: string;
  caption: string;
  href: (id: string) => string;
}) {
  return (
    <ResponsiveTable
      id={id}
      caption={caption}
      captionClass="govuk-table__caption--s"
      mode="stack"
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        {
          key: "draft",
          header: t("consultations.list.draft"),
          cell: (r) => (
            <>
              <a class="govuk-link" href={href(r.id)}>
                {r[`title_${locale}`]}
              </a>
              <br />
              <span class="govuk-body-s">
                {t(`consultations.type.${r.type}`)} · {agencies.get(r.agency_id) ?? ""}
              </span>
            </>
          ),
        },
        {
          key: "closes",
          header: t("consultations.list.closes"),
          cell: (r) => formatDate(r.closes_on, locale, "long"),
        },
        {
          key: "status",
          header: t("consultations.list.status"),
          cell: (r) => <StatusTag t={t} status={consultationStatus(r, today)} />,
        },
        {
          key: "comments",
          header: t("consultations.list.comments"),
          numeric: true,
          cell: (r) => r.comment_count,
        },
      ]}
    />
  );
}

/** The public list: tabs by status (as plain links, so it works without scripts), then the table. */
export function ListPage({
  t,
  locale,
  status,
  rows,
  total,
  agencies,
  today,
}: {
  t: Translate;
  locale: Locale;
  status: ConsultationStatus;
  rows: DraftListRow[];
  total: number;
  agencies: Map<string, string>;
  today: string;
}) {
  return (
    <>
      <h1 class="govuk-heading-l">{t("consultations.list.title")}</h1>
      <p class="govuk-body">{t("consultations.list.lead")}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/consultations/rules">
          {t("consultations.rules.link")}
        </a>{" "}
        ·{" "}
        <a class="govuk-link" href="/consultations/feed.atom" type="application/atom+xml">
          {t("consultations.list.feed")}
        </a>
      </p>
      <nav aria-label={t("consultations.list.filter")}>
        <ul class="govuk-list halyq-inline-list">
          {CONSULTATION_STATUSES.map((s) => (
            <li key={s}>
              {s === status ? (
                <strong aria-current="page">{t(`consultations.list.tab.${s}`)}</strong>
              ) : (
                <a class="govuk-link" href={`/consultations?status=${s}`}>
                  {t(`consultations.list.tab.${s}`)}
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {rows.length > 0 ? (
        <DraftTable
          t={t}
          locale={locale}
          rows={rows}
          agencies={agencies}
          today={today}
          caption={t("consultations.list.count", { count: total })}
          href={(id) => `/consultations/${id}`}
        />
      ) : (
        <p class="govuk-body">{t(`consultations.list.empty.${status}`)}</p>
      )}
    </>
  );
}

/** The published rules of moderation, with the closed list of reasons a comment may be hidden for. */
export function RulesPage({ t }: { t: Translate }) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href="/consultations" class="govuk-back-link">
          {t("consultations.list.back")}
        </a>
        <h1 class="govuk-heading-l">{t("consultations.rules.title")}</h1>
        <p class="govuk-body">{t("consultations.rules.lead")}</p>
        <p class="govuk-body">{t("consultations.rules.window")}</p>
        <h2 class="govuk-heading-m">{t("consultations.rules.reasons_title")}</h2>
        <ul class="govuk-list govuk-list--bullet">
          {HIDE_REASONS.map((r) => (
            <li key={r}>
              <strong>{t(`consultations.hide_reason.${r}`)}</strong>:{" "}
              {t(`consultations.rules.reason.${r}`)}
            </li>
          ))}
        </ul>
        <h2 class="govuk-heading-m">{t("consultations.rules.kept_title")}</h2>
        <p class="govuk-body">{t("consultations.rules.kept")}</p>
        <h2 class="govuk-heading-m">{t("consultations.rules.answers_title")}</h2>
        <p class="govuk-body">{t("consultations.rules.answers")}</p>
      </div>
    </div>
  );
}
