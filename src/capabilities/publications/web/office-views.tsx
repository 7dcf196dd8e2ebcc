import { LOCALE_NAMES, type Locale, type Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { Input, Select, TextArea } from "../../../web/components/form-fields.js";
import { StatusTag, SummaryRow, type TagColour } from "../../../web/components/kit.js";
import { SuccessBanner } from "../../../web/components/notices.js";
import {
  draftBodies,
  draftTitles,
  isLive,
  LANGS,
  LIMITS,
  type PublicationRow,
  pick,
} from "../publication.js";
import { BodyText } from "./body-text.js";
import { type AgencyCard, FreshnessTag, type SectionEntry, When } from "./public-views.js";

/** What a staff member may do with one publication, as the policy says. */
export interface OfficeAbilities {
  write: boolean;
  approve: boolean;
  unpublish: boolean;
}

function StateTag({ t, row }: { t: Translate; row: PublicationRow }) {
  const colour: Record<string, TagColour> = {
    draft: "grey",
    submitted: "blue",
    returned: "red",
    approved: "green",
  };
  return <StatusTag colour={colour[row.state]}>{t(`publications.state.${row.state}`)}</StatusTag>;
}

function kindLabel(t: Translate, row: PublicationRow): string {
  return row.kind === "information" && row.section
    ? `${t("publications.kind.information")}: ${t(`publications.section.${row.section}`)}`
    : t(`publications.kind.${row.kind}`);
}

function PublicationTable({
  t,
  locale,
  zone,
  caption,
  rows,
  agencies,
  showAgency,
}: {
  t: Translate;
  locale: Locale;
  zone: string;
  caption: string;
  rows: PublicationRow[];
  agencies: Map<string, AgencyCard>;
  showAgency: boolean;
}) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            {t("publications.office.heading_title")}
          </th>
          <th scope="col" class="govuk-table__header">
            {t("publications.office.kind")}
          </th>
          {showAgency ? (
            <th scope="col" class="govuk-table__header">
              {t("publications.office.body")}
            </th>
          ) : null}
          <th scope="col" class="govuk-table__header">
            {t("publications.office.state")}
          </th>
          <th scope="col" class="govuk-table__header">
            {t("publications.last_updated")}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((r) => {
          const title = pick(draftTitles(r), locale);
          return (
            <tr key={r.id} class="govuk-table__row">
              <td class="govuk-table__cell">
                <a
                  class="govuk-link"
                  href={`/office/publications/${r.id}`}
                  lang={title.lang === locale ? undefined : title.lang}
                >
                  {title.text}
                </a>
              </td>
              <td class="govuk-table__cell">{kindLabel(t, r)}</td>
              {showAgency ? (
                <td class="govuk-table__cell">{agencies.get(r.agency_id)?.names[locale] ?? ""}</td>
              ) : null}
              <td class="govuk-table__cell">
                <StateTag t={t} row={r} />{" "}
                {isLive(r) ? (
                  <strong class="govuk-tag govuk-tag--turquoise">
                    {t("publications.office.live")}
                  </strong>
                ) : null}
              </td>
              <td class="govuk-table__cell">
                {r.updated_at ? <When iso={r.updated_at} locale={locale} zone={zone} /> : "—"}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export interface BodyFreshness {
  agencyId: string;
  agency: AgencyCard;
  entries: SectionEntry[];
}

/** The body's publications: what awaits approval, what is out of date, and everything. */
export function OfficeListPage(p: {
  t: Translate;
  locale: Locale;
  zone: string;
  rows: PublicationRow[];
  agencies: Map<string, AgencyCard>;
  freshness: BodyFreshness[];
  months: number;
}) {
  const { t, locale } = p;
  const many = p.agencies.size > 1;
  const waiting = p.rows.filter((r) => r.state === "submitted");
  const others = p.rows.filter((r) => r.state !== "submitted");
  return (
    <>
      <h1 class="govuk-heading-l">{t("publications.office.title")}</h1>
      <div class="govuk-button-group">
        <a href="/office/publications/new?kind=news" class="govuk-button">
          {t("publications.office.new_news")}
        </a>
        <a
          href="/office/publications/new?kind=information"
          class="govuk-button govuk-button--secondary"
        >
          {t("publications.office.new_information")}
        </a>
      </div>
      {waiting.length > 0 ? (
        <PublicationTable
          t={t}
          locale={locale}
          zone={p.zone}
          caption={t("publications.office.waiting")}
          rows={waiting}
          agencies={p.agencies}
          showAgency={many}
        />
      ) : null}
      <h2 class="govuk-heading-m">{t("publications.office.freshness_title")}</h2>
      <p class="govuk-body">{t("publications.office.freshness_lead", { months: p.months })}</p>
      {p.freshness.map((b) => {
        const due = b.entries.filter((e) => e.freshness !== "fresh");
        return (
          <div key={b.agencyId}>
            {many ? <h3 class="govuk-heading-s">{b.agency.names[locale]}</h3> : null}
            {due.length === 0 ? (
              <p class="govuk-body">{t("publications.office.all_fresh")}</p>
            ) : (
              <ul class="govuk-list">
                {due.map((e) => (
                  <li key={e.section}>
                    <FreshnessTag t={t} freshness={e.freshness} />{" "}
                    {e.row ? (
                      <a class="govuk-link" href={`/office/publications/${e.row.id}`}>
                        {t(`publications.section.${e.section}`)}
                      </a>
                    ) : (
                      <a
                        class="govuk-link"
                        href={`/office/publications/new?kind=information&agencyId=${encodeURIComponent(b.agencyId)}&section=${e.section}`}
                      >
                        {t(`publications.section.${e.section}`)}
                      </a>
                    )}
                    {e.row?.updated_at ? (
                      <>
                        {" "}
                        ({t("publications.last_updated")}:{" "}
                        <When iso={e.row.updated_at} locale={locale} zone={p.zone} />)
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
      {others.length > 0 ? (
        <PublicationTable
          t={t}
          locale={locale}
          zone={p.zone}
          caption={t("publications.office.all")}
          rows={others}
          agencies={p.agencies}
          showAgency={many}
        />
      ) : (
        <p class="govuk-body">{t("publications.office.none")}</p>
      )}
    </>
  );
}

export type FormValues = Record<string, string>;

/** Writing a news item or information page: a title and body in each language used. */
export function EditPage(p: {
  t: Translate;
  csrf: string;
  action: string;
  heading: string;
  kind: "news" | "information";
  bodies: { id: string; name: string }[] | null;
  sections: string[] | null;
  values: FormValues;
  issues: FieldIssue[];
}) {
  const { t, values, issues } = p;
  return (
    <>
      <ErrorSummary t={t} issues={issues} />
      <h1 class="govuk-heading-l">{p.heading}</h1>
      <Form action={p.action} csrf={p.csrf}>
        {p.bodies ? (
          <>
            <input type="hidden" name="kind" value={p.kind} />
            {p.bodies.length === 1 ? (
              <input type="hidden" name="agencyId" value={p.bodies[0]?.id ?? ""} />
            ) : (
              <Select
                t={t}
                id="agencyId"
                label={t("publications.office.body")}
                issues={issues}
                value={values.agencyId ?? ""}
                items={p.bodies.map((b) => ({ value: b.id, label: b.name }))}
              />
            )}
          </>
        ) : null}
        {p.sections ? (
          <Select
            t={t}
            id="section"
            label={t("publications.information.section")}
            issues={issues}
            value={values.section ?? ""}
            items={p.sections.map((s) => ({ value: s, label: t(`publications.section.${s}`) }))}
          />
        ) : null}
        <p class="govuk-body">{t("publications.form.languages_hint")}</p>
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">{t("publications.form.markup_title")}</span>
          </summary>
          <div class="govuk-details__text">
            <ul class="govuk-list govuk-list--bullet">
              <li>{t("publications.form.markup_paragraph")}</li>
              <li>{t("publications.form.markup_heading")}</li>
              <li>{t("publications.form.markup_list")}</li>
              <li>{t("publications.form.markup_link")}</li>
            </ul>
          </div>
        </details>
        {LANGS.map((l) => (
          <fieldset key={l} class="govuk-fieldset govuk-!-margin-bottom-6">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
              <span lang={l}>{LOCALE_NAMES[l]}</span>
            </legend>
            <Input
              t={t}
              id={`title-${l}`}
              label={t("publications.form.title")}
              issues={issues}
              value={values[`title-${l}`] ?? ""}
              lang={l}
            />
            <TextArea
              t={t}
              id={`body-${l}`}
              label={t("publications.form.body")}
              hint={t("publications.form.body_hint", { max: LIMITS.body })}
              issues={issues}
              value={values[`body-${l}`] ?? ""}
              rows={10}
              lang={l}
            />
          </fieldset>
        ))}
        <SubmitButton>{t("publications.form.save")}</SubmitButton>
      </Form>
    </>
  );
}

/** One publication in the office: its working copy, what is public, and the next steps. */
export function OfficePublicationPage(p: {
  t: Translate;
  locale: Locale;
  zone: string;
  csrf: string;
  row: PublicationRow;
  agency: AgencyCard;
  can: OfficeAbilities;
  notice?: string | undefined;
  issues: FieldIssue[];
  problem?: string | undefined;
  values: FormValues;
}) {
  const { t, locale, row, can, issues } = p;
  const base = `/office/publications/${row.id}`;
  const title = pick(draftTitles(row), locale);
  const bodies = draftBodies(row);
  const titles = draftTitles(row);
  const publicPath =
    row.kind === "news"
      ? `/agencies/${p.agency.slug}/news/${row.id}`
      : `/agencies/${p.agency.slug}/information/${row.section ?? ""}`;
  const summary: FieldIssue[] = p.problem
    ? [{ field: "state", key: p.problem }, ...issues]
    : issues;
  return (
    <>
      <ErrorSummary t={t} issues={summary} />
      <SuccessBanner title={t("publications.office.done_title")} text={p.notice} />
      <span class="govuk-caption-l">
        {p.agency.names[locale]} — {kindLabel(t, row)}
      </span>
      <h1 class="govuk-heading-l" lang={title.lang === locale ? undefined : title.lang}>
        {title.text}
      </h1>
      <dl class="govuk-summary-list" id="state">
        <SummaryRow label={t("publications.office.state")}>
          <StateTag t={t} row={row} />
        </SummaryRow>
        <SummaryRow label={t("publications.office.public")}>
          {isLive(row) ? (
            <a class="govuk-link" href={publicPath}>
              {t("publications.office.live")}
            </a>
          ) : row.unpublished_at ? (
            t("publications.office.unpublished")
          ) : (
            t("publications.office.not_yet")
          )}
        </SummaryRow>
        {row.updated_at ? (
          <SummaryRow label={t("publications.last_updated")}>
            <When iso={row.updated_at} locale={locale} zone={p.zone} />
          </SummaryRow>
        ) : null}
        {row.state === "returned" && row.return_reason ? (
          <SummaryRow label={t("publications.office.return_reason")}>
            {row.return_reason}
          </SummaryRow>
        ) : null}
      </dl>
      <h2 class="govuk-heading-m">{t("publications.office.working_copy")}</h2>
      {LANGS.filter((l) => titles[l]).map((l) => (
        <section key={l} class="govuk-!-margin-bottom-6" aria-labelledby={`copy-${l}`}>
          <h3 class="govuk-heading-s" id={`copy-${l}`}>
            <span lang={l}>{LOCALE_NAMES[l]}</span>
          </h3>
          <p class="govuk-body govuk-!-font-weight-bold" lang={l}>
            {titles[l]}
          </p>
          <BodyText text={bodies[l] ?? ""} lang={l} />
        </section>
      ))}
      {can.write && ["draft", "returned", "approved"].includes(row.state) ? (
        <p class="govuk-body">
          <a class="govuk-button govuk-button--secondary" href={`${base}/edit`}>
            {t("publications.office.edit")}
          </a>
        </p>
      ) : null}
      {can.write && (row.state === "draft" || row.state === "returned") ? (
        <Form action={`${base}/submit`} csrf={p.csrf}>
          <SubmitButton>{t("publications.office.submit")}</SubmitButton>
        </Form>
      ) : null}
      {row.state === "submitted" && can.approve ? (
        <>
          <Form action={`${base}/approve`} csrf={p.csrf}>
            <SubmitButton>{t("publications.office.approve")}</SubmitButton>
          </Form>
          <Form action={`${base}/return`} csrf={p.csrf}>
            <TextArea
              t={t}
              id="reason"
              label={t("publications.office.return_reason")}
              issues={issues}
              value={p.values.reason ?? ""}
              rows={3}
            />
            <SubmitButton secondary>{t("publications.office.return")}</SubmitButton>
          </Form>
        </>
      ) : null}
      {row.state === "submitted" && !can.approve ? (
        <p class="govuk-body">{t("publications.office.awaiting_other")}</p>
      ) : null}
      {isLive(row) && can.unpublish ? (
        <Form action={`${base}/unpublish`} csrf={p.csrf}>
          <TextArea
            t={t}
            id="unpublish-reason"
            name="reason"
            label={t("publications.office.unpublish_reason")}
            issues={issues}
            value=""
            rows={2}
          />
          <SubmitButton warning>{t("publications.office.unpublish")}</SubmitButton>
        </Form>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href="/office/publications">
          {t("publications.office.back")}
        </a>
      </p>
    </>
  );
}
