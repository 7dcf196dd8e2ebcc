import type { Locale, Translate } from "../../../../kernel/i18n.js";
import { ResponsiveTable } from "../../../../web/components/kit.js";
import { formatDate } from "../../../../web/format.js";
import type { AppealRow } from "../../appeal.repository.js";
import type { Draft } from "./draft.js";
import { StatusTag } from "./shared.js";

/** "/appeals" for someone not signed in: what an appeal is and how to start, nothing personal. */
export function AppealsIntroPage({ t }: { t: Translate }) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">{t("appeals.citizen.intro.title")}</h1>
        <p class="govuk-body-l">{t("appeals.citizen.intro.lead")}</p>
        <p class="govuk-body">{t("appeals.citizen.intro.terms")}</p>
        <p class="govuk-body">{t("appeals.citizen.intro.account")}</p>
        <a class="govuk-button govuk-button--start" href="/login?next=%2Fappeals%2Fnew">
          {t("appeals.citizen.intro.sign_in")}
        </a>
        <p class="govuk-body">
          {t("appeals.citizen.intro.no_account")}{" "}
          <a class="govuk-link" href="/register">
            {t("appeals.citizen.intro.register")}
          </a>
        </p>
        <h2 class="govuk-heading-m">{t("appeals.citizen.intro.public_title")}</h2>
        <p class="govuk-body">
          <a class="govuk-link" href="/appeals/public">
            {t("appeals.citizen.intro.public_link")}
          </a>
        </p>
      </div>
    </div>
  );
}

/**
 * A table of appeals: number, subject, body, status and term. On a narrow screen each appeal
 * is a block of its own (the page never scrolls sideways); the number never breaks.
 */
export function AppealTable({
  t,
  locale,
  rows,
  agencies,
  caption,
  href,
}: {
  t: Translate;
  locale: Locale;
  rows: AppealRow[];
  agencies: Map<string, string>;
  caption: string;
  href: (number: string) => string;
}) {
  return (
    <ResponsiveTable
      id="appeals"
      caption={caption}
      mode="stack"
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        {
          key: "number",
          header: t("appeals.citizen.appeal.number"),
          cell: (r) => (
            <a class="govuk-link halyq-nowrap" href={href(r.number)}>
              {r.number}
            </a>
          ),
        },
        {
          key: "subject",
          header: t("appeals.citizen.mine.subject"),
          cell: (r) => (
            <>
              {r.subject}
              <br />
              <span class="govuk-hint">{t(`appeals.kind.${r.kind}`)}</span>
            </>
          ),
        },
        {
          key: "agency",
          header: t("appeals.citizen.appeal.agency"),
          cell: (r) => agencies.get(r.agency_id) ?? "",
        },
        {
          key: "status",
          header: t("appeals.citizen.appeal.status"),
          cell: (r) => <StatusTag t={t} status={r.status} />,
        },
        {
          key: "due",
          header: t("appeals.citizen.appeal.due"),
          cell: (r) => formatDate(r.due_on, locale, "medium"),
        },
      ]}
    />
  );
}

/** "My appeals": the person's and their organisations' appeals, and unfinished filings. */
export function MyAppealsPage(p: {
  t: Translate;
  locale: Locale;
  rows: AppealRow[];
  agencies: Map<string, string>;
  drafts: Draft[];
  canFile: boolean;
}) {
  const { t } = p;
  return (
    <>
      <h1 class="govuk-heading-l">{t("appeals.citizen.mine.title")}</h1>
      {p.canFile ? (
        <a class="govuk-button" href="/appeals/new">
          {t("appeals.citizen.mine.start")}
        </a>
      ) : null}
      {p.drafts.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">{t("appeals.citizen.mine.drafts")}</h2>
          <ul class="govuk-list">
            {p.drafts.map((d) => (
              <li key={d.id}>
                <a class="govuk-link" href={`/appeals/new/${d.id}/check`}>
                  {d.data.subject || t("appeals.citizen.mine.untitled")}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.rows.length > 0 ? (
        <AppealTable
          t={t}
          locale={p.locale}
          rows={p.rows}
          agencies={p.agencies}
          caption={t("appeals.citizen.mine.list")}
          href={(n) => `/appeals/${encodeURIComponent(n)}`}
        />
      ) : (
        <>
          <p class="govuk-body">{t("appeals.citizen.mine.empty")}</p>
          {p.canFile ? (
            <p class="govuk-body">
              <a class="govuk-link" href="/appeals/new">
                {t("appeals.citizen.mine.empty_start")}
              </a>
            </p>
          ) : null}
        </>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href="/appeals/public">
          {t("appeals.citizen.intro.public_link")}
        </a>
      </p>
    </>
  );
}
