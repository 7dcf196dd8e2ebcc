import type { ComponentChildren } from "preact";
import type { Locale, Translate } from "../../../../kernel/i18n.js";
import { ResponsiveTable, Select } from "../../../../web/components/kit.js";
import { APPEAL_KINDS, APPEAL_STATUSES, CHANNELS } from "../../appeal.js";
import type { AppealRow } from "../../appeal.repository.js";
import type { NearestTerm } from "../../nearest-term.js";
import type { InboxStage } from "../../tasks/stages.js";
import { Bulk, type BulkOptions, bulkColumn } from "./bulk.js";
import { InputField, type Option, Tag } from "./components.js";
import { HiddenApplicant } from "./hidden-applicant.js";
import { INBOX_PAGE_SIZE, INBOX_SORTS, type InboxParams, inboxHref } from "./inbox-query.js";
import { InboxScope } from "./inbox-scope.js";
import { InboxTabs } from "./inbox-tabs.js";
import { NearestTermCell } from "./nearest-term-cell.js";
import { Pagination } from "./pagination.js";
import { RegisterExportLinks } from "./register-export-links.js";
import type { BodyRef } from "./scope.js";
import { staffStatus } from "./wording.js";

export interface InboxPageProps {
  t: Translate;
  locale: Locale;
  /** Every body whose inbox this person may open; a picker when there are several. */
  bodies: BodyRef[];
  body: BodyRef;
  params: InboxParams;
  rows: AppealRow[];
  /** Each row's nearest open term of any kind, by appeal id. */
  terms: Map<string, NearestTerm | null>;
  total: number;
  /** There are more than `total` (counting stops at a cap). */
  totalCapped: boolean;
  overdue: number;
  executors: { id: string; name: string }[];
  names: Map<string, string>;
  today: string;
  soon: string;
  /** How many working days ahead "due soon" looks (STAFF_TASKS_DUE_DAYS). */
  soonDays: number;
  canRegister: boolean;
  /** May download the current view as the registration journal. */
  canExport?: boolean;
  /** May read applicants' names; without it the inbox shows only the kind of applicant. */
  personalData?: boolean;
  /** Whose appeals are shown, for someone appeals may be assigned to; null: the switch is not offered. */
  scope: "mine" | "all" | null;
  /** The tab by stage in force. */
  stage: InboxStage;
  /** The person's saved filters and the form that saves these (saved-views.tsx). */
  savedViews?: ComponentChildren;
  /** Appeals (by id) in this person's own list as a co-executor rather than the executor. */
  coExecuted?: ReadonlySet<string>;
  /** Bulk steps on ticked rows, for someone who may take them (the head); null: no boxes. */
  bulk?: { csrf: string; options: BulkOptions } | null;
}

/** A body's appeals: filters and search as a GET form, the table, counts and pages. */
export function InboxPage(p: InboxPageProps) {
  const { t, locale, params } = p;
  const pages = Math.max(1, Math.ceil(p.total / INBOX_PAGE_SIZE));
  const any: Option = { value: "", label: t("appeals.staff.inbox.any") };
  const opts = (list: readonly string[], prefix: string): Option[] => [
    any,
    ...list.map((v) => ({
      value: v,
      label: prefix === "appeals.status" ? staffStatus(t, v) : t(`${prefix}.${v}`),
    })),
  ];
  return (
    <>
      <span class="govuk-caption-l">{p.body.name}</span>
      <h1 class="govuk-heading-l">{t("appeals.staff.inbox.title")}</h1>
      {p.canRegister ? (
        <p class="govuk-body">
          <a
            class="govuk-link"
            href={
              p.bodies.length > 1
                ? `/office/appeals/new?agency=${p.body.id}`
                : "/office/appeals/new"
            }
          >
            {t("appeals.staff.inbox.register_link")}
          </a>
        </p>
      ) : null}
      {p.scope ? <InboxScope t={t} params={params} scope={p.scope} /> : null}
      <InboxTabs t={t} params={params} stage={p.stage} />
      <form method="get" action="/office/appeals" novalidate>
        {p.scope ? <input type="hidden" name="scope" value={p.scope} /> : null}
        {params.stage ? <input type="hidden" name="stage" value={params.stage} /> : null}
        <div class="govuk-grid-row">
          {p.bodies.length > 1 ? (
            <div class="govuk-grid-column-one-third">
              <Select
                t={t}
                issues={[]}
                name="agency"
                id="agency"
                label={t("appeals.staff.inbox.body")}
                value={p.body.id}
                items={p.bodies.map((b) => ({ value: b.id, label: b.name }))}
              />
            </div>
          ) : null}
          <div class="govuk-grid-column-one-third">
            <InputField
              t={t}
              issues={[]}
              name="q"
              id="q"
              type="search"
              label={t("appeals.staff.inbox.search")}
              hint={t(
                p.personalData
                  ? "appeals.staff.inbox.search_hint"
                  : "appeals.staff.personal_data.search_hint",
              )}
              value={params.q}
              maxLength={200}
            />
          </div>
          <div class="govuk-grid-column-one-third">
            <Select
              t={t}
              issues={[]}
              name="status"
              id="status"
              label={t("appeals.staff.field.status")}
              value={params.status}
              items={opts(APPEAL_STATUSES, "appeals.status")}
            />
          </div>
        </div>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-quarter">
            <Select
              t={t}
              issues={[]}
              name="kind"
              id="kind"
              label={t("appeals.staff.field.kind")}
              value={params.kind}
              items={opts(APPEAL_KINDS, "appeals.kind")}
            />
          </div>
          <div class="govuk-grid-column-one-quarter">
            <Select
              t={t}
              issues={[]}
              name="channel"
              id="channel"
              label={t("appeals.staff.field.channel")}
              value={params.channel}
              items={opts(CHANNELS, "appeals.channel")}
            />
          </div>
          {p.scope === "mine" ? null : (
            <div class="govuk-grid-column-one-quarter">
              <Select
                t={t}
                issues={[]}
                name="executor"
                id="executor"
                label={t("appeals.staff.field.executor")}
                value={params.executor}
                items={[any, ...p.executors.map((e) => ({ value: e.id, label: e.name }))]}
              />
            </div>
          )}
          <div class="govuk-grid-column-one-quarter">
            <Select
              t={t}
              issues={[]}
              name="due"
              id="due"
              label={t("appeals.staff.inbox.due")}
              value={params.due}
              items={[
                any,
                { value: "overdue", label: t("appeals.staff.due.overdue") },
                { value: "soon", label: t("appeals.staff.nearest.soon", { days: p.soonDays }) },
                { value: "within_5", label: t("appeals.staff.nearest.due_within_5") },
                { value: "within_10", label: t("appeals.staff.nearest.due_within_10") },
              ]}
            />
          </div>
        </div>
        <div class="govuk-grid-row">
          {/* Two thirds: the longest order, in Kazakh or Russian, is not cut at 1280 px. */}
          <div class="govuk-grid-column-two-thirds">
            <Select
              t={t}
              issues={[]}
              name="sort"
              id="sort"
              label={t("appeals.staff.inbox.sort")}
              value={params.sort}
              items={INBOX_SORTS.map((s) => ({
                value: s,
                label: t(`appeals.staff.inbox.sort_${s}`),
              }))}
            />
          </div>
        </div>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button">
            {t("appeals.staff.inbox.apply")}
          </button>
          <a
            class="govuk-link"
            href={p.bodies.length > 1 ? `/office/appeals?agency=${p.body.id}` : "/office/appeals"}
          >
            {t("appeals.staff.inbox.clear")}
          </a>
        </div>
      </form>
      <p class="govuk-body" id="inbox-counts">
        {t(p.totalCapped ? "appeals.staff.inbox.total_capped" : "appeals.staff.inbox.total", {
          count: p.total,
        })}{" "}
        {p.overdue > 0 ? (
          <Tag colour="red">{t("appeals.staff.inbox.overdue_count", { count: p.overdue })}</Tag>
        ) : (
          t("appeals.staff.inbox.overdue_none")
        )}
      </p>
      {p.canExport && p.rows.length > 0 ? <RegisterExportLinks t={t} params={params} /> : null}
      {p.rows.length === 0 ? (
        <p class="govuk-body">{t("appeals.staff.inbox.empty")}</p>
      ) : (
        <Bulk t={t} bulk={p.bulk ?? null}>
          <ResponsiveTable
            id="inbox"
            caption={t("appeals.staff.inbox.caption", { page: params.page, pages })}
            captionClass="govuk-table__caption--s"
            mode="stack"
            rows={p.rows}
            rowKey={(r) => r.id}
            columns={[
              ...bulkColumn(t, p.bulk ?? null),
              {
                key: "number",
                header: t("appeals.staff.field.number"),
                cell: (r) => (
                  <>
                    <a
                      class="govuk-link halyq-nowrap"
                      href={`/office/appeals/${encodeURIComponent(r.number)}`}
                    >
                      {r.number}
                    </a>
                    {Number(r.crime_report) === 1 ? (
                      <>
                        {" "}
                        <Tag colour="red">{t("appeals.staff.crime.tag")}</Tag>
                      </>
                    ) : null}
                  </>
                ),
              },
              {
                key: "subject",
                header: t("appeals.staff.field.subject"),
                cell: (r) => (
                  <>
                    {r.subject}
                    <br />
                    <span class="govuk-hint govuk-!-margin-bottom-0">
                      {t(`appeals.kind.${r.kind}`)}, {t(`appeals.channel.${r.channel}`)}
                    </span>
                  </>
                ),
              },
              {
                key: "applicant",
                header: t("appeals.staff.field.applicant"),
                cell: (r) =>
                  p.personalData ? (
                    (r.applicant_name ?? t("appeals.staff.anonymous"))
                  ) : (
                    <HiddenApplicant t={t} type={r.applicant_type} />
                  ),
              },
              {
                key: "due",
                header: t("appeals.staff.nearest.column"),
                cell: (r) => (
                  <NearestTermCell
                    t={t}
                    locale={locale}
                    term={p.terms.get(r.id) ?? null}
                    soon={p.soon}
                    registeredOn={r.registered_on}
                  />
                ),
              },
              {
                key: "status",
                header: t("appeals.staff.field.status"),
                cell: (r) => (
                  <>
                    {staffStatus(t, r.status)}
                    {r.executor_id ? (
                      <>
                        <br />
                        <span class="govuk-hint govuk-!-margin-bottom-0">
                          {t("appeals.staff.field.executor")}: {p.names.get(r.executor_id) ?? ""}
                        </span>
                      </>
                    ) : null}
                    {p.coExecuted?.has(r.id) ? (
                      <>
                        <br />
                        <strong class="govuk-tag govuk-tag--grey">
                          {t("appeals.staff.inbox.co_executor")}
                        </strong>
                      </>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        </Bulk>
      )}
      <Pagination t={t} page={params.page} pages={pages} href={(n) => inboxHref(params, n)} />
      {p.savedViews}
    </>
  );
}
