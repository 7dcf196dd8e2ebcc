import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import {
  ErrorSummary,
  FileUpload,
  InLang,
  Input,
  ResponsiveTable,
  Select,
  StatusTag,
  SuccessBanner,
  SummaryList,
  type TagColour,
  TextArea,
} from "../../../web/components/kit.js";
import { LocationPicker } from "../../../web/components/map.js";
import { formatNumber } from "../../../web/format.js";
import type { CycleRow, ProposalRow, TerritoryRow } from "../budget.js";
import {
  MAX_ADDRESS,
  MAX_DESCRIPTION,
  MAX_TITLE,
  type Organisation,
} from "../commands/proposals.js";
import { type BudgetFileRow, fileHref } from "../files.js";

/** A cycle's title in the page's language (Kazakh or Russian when there is no English one). */
export function cycleTitle(c: CycleRow, locale: Locale): { text: string; lang: string } {
  if (locale === "kk") return { text: c.title_kk, lang: "kk" };
  if (locale === "en" && c.title_en) return { text: c.title_en, lang: "en" };
  return { text: c.title_ru, lang: "ru" };
}

export function territoryName(ts: TerritoryRow[], code: string, locale: Locale): string {
  const t = ts.find((x) => x.code === code);
  if (!t) return code;
  return locale === "kk" ? t.name_kk : locale === "ru" ? t.name_ru : t.name_en;
}

export const tenge = (t: Translate, n: number, locale: Locale) =>
  t("budgets.tenge", { amount: formatNumber(n, locale) });

const STATUS_COLOUR: Record<string, TagColour> = {
  draft: "grey",
  collecting: "yellow",
  submitted: "blue",
  admitted: "green",
  rejected: "red",
  merged: "purple",
};

export function ProposalStatus({ t, status }: { t: Translate; status: string }) {
  return (
    <StatusTag colour={STATUS_COLOUR[status]}>{t(`budgets.proposal_status.${status}`)}</StatusTag>
  );
}

function Heading({ caption, title }: { caption: { text: string; lang: string }; title: string }) {
  return (
    <>
      <span class="govuk-caption-l" lang={caption.lang}>
        {caption.text}
      </span>
      <h1 class="govuk-heading-l halyq-break">{title}</h1>
    </>
  );
}

/** Why the person cannot propose (or support): said before anything is typed. */
export function RefusalPage(p: {
  t: Translate;
  heading: string;
  reason: string;
  back: { href: string; text: string };
}) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">{p.heading}</h1>
        <div class="govuk-inset-text" id="refusal">
          {p.reason}
        </div>
        <p class="govuk-body">
          <a class="govuk-link" href={p.back.href}>
            {p.back.text}
          </a>
        </p>
      </div>
    </div>
  );
}

export interface FormValues {
  title: string;
  description: string;
  category: string;
  territory: string;
  address: string;
  lat: number | undefined;
  lon: number | undefined;
  cost: string;
  organisationId: string;
}

/** The proposal form (new or a draft): multipart, works without JavaScript. */
export function ProposalFormPage(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  action: string;
  cycle: CycleRow;
  territories: TerritoryRow[];
  categories: string[];
  organisations: Organisation[];
  values: FormValues;
  files: BudgetFileRow[];
  draftId: string | null;
  saved: boolean;
  closes: Record<string, string>;
  issues: FieldIssue[];
}) {
  const { t, locale, values } = p;
  const none = { value: "", label: t("budgets.proposals.form.choose") };
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        {p.saved ? (
          <SuccessBanner
            title={t("budgets.proposals.form.saved")}
            text={t("budgets.proposals.form.saved_text")}
          />
        ) : null}
        <ErrorSummary t={t} issues={p.issues} fieldIds={{ location: "address" }} />
        <Heading
          caption={cycleTitle(p.cycle, locale)}
          title={t(
            p.draftId ? "budgets.proposals.form.edit_title" : "budgets.proposals.form.title",
          )}
        />
        <p class="govuk-body">{t("budgets.proposals.form.intro", p.closes)}</p>
        <form
          method="post"
          action={p.action}
          enctype="multipart/form-data"
          novalidate
          id="proposal-form"
        >
          <input type="hidden" name="_csrf" value={p.csrf} />
          {p.organisations.length > 0 ? (
            <Select
              t={t}
              id="organisationId"
              label={t("budgets.proposals.form.on_behalf")}
              hint={t("budgets.proposals.form.on_behalf_hint")}
              value={values.organisationId}
              issues={p.issues}
              items={[
                { value: "", label: t("budgets.proposals.form.myself") },
                ...p.organisations.map((o) => ({ value: o.id, label: o.name })),
              ]}
            />
          ) : null}
          <Select
            t={t}
            id="territory"
            label={t("budgets.proposals.field.territory")}
            value={values.territory}
            issues={p.issues}
            items={[
              none,
              ...p.territories.map((x) => ({
                value: x.code,
                label: territoryName(p.territories, x.code, locale),
              })),
            ]}
          />
          <Select
            t={t}
            id="category"
            label={t("budgets.proposals.field.category")}
            value={values.category}
            issues={p.issues}
            items={[
              none,
              ...p.categories.map((c) => ({ value: c, label: t(`budgets.category.${c}`) })),
            ]}
          />
          <Input
            t={t}
            id="title"
            label={t("budgets.proposals.field.title")}
            hint={t("budgets.proposals.form.title_hint")}
            value={values.title}
            issues={p.issues}
            maxLength={MAX_TITLE}
            spellcheck
          />
          <TextArea
            t={t}
            id="description"
            name="description"
            label={t("budgets.proposals.field.description")}
            hint={t("budgets.proposals.form.description_hint")}
            value={values.description}
            issues={p.issues}
            maxLength={MAX_DESCRIPTION}
            rows={8}
            locale={locale}
          />
          <Input
            t={t}
            id="address"
            label={t("budgets.proposals.field.address")}
            hint={t("budgets.proposals.form.address_hint")}
            value={values.address}
            issues={p.issues}
            maxLength={MAX_ADDRESS}
          />
          <LocationPicker t={t} issues={p.issues} lat={values.lat} lon={values.lon} />
          <Input
            t={t}
            id="cost"
            label={t("budgets.proposals.field.cost")}
            hint={t("budgets.proposals.form.cost_hint")}
            value={values.cost}
            issues={p.issues}
            inputmode="numeric"
            width="govuk-input--width-10"
          />
          <h2 class="govuk-heading-m">{t("budgets.proposals.form.files")}</h2>
          <p class="govuk-body">{t("budgets.proposals.form.files_hint")}</p>
          <FileUpload
            t={t}
            id="sketch"
            label={t("budgets.proposals.field.sketch")}
            hint={t("budgets.proposals.form.sketch_hint")}
            issues={p.issues}
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          />
          <FileUpload
            t={t}
            id="estimate"
            label={t("budgets.proposals.field.estimate")}
            hint={t("budgets.proposals.form.estimate_hint")}
            issues={p.issues}
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          />
          <FileUpload
            t={t}
            id="photo"
            label={t("budgets.proposals.field.photo")}
            hint={t("budgets.proposals.form.photo_hint")}
            issues={p.issues}
            accept=".jpg,.jpeg,.png,image/jpeg,image/png"
            multiple
          />
          <FileUpload
            t={t}
            id="presentation"
            label={t("budgets.proposals.field.presentation")}
            hint={t("budgets.proposals.form.presentation_hint")}
            issues={p.issues}
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          />
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button" name="action" value="submit">
              {t("budgets.proposals.form.continue")}
            </button>
            <button
              type="submit"
              class="govuk-button govuk-button--secondary"
              name="action"
              value="save"
            >
              {t("budgets.proposals.form.save")}
            </button>
          </div>
        </form>
        {p.draftId && p.files.length > 0 ? (
          <>
            <h2 class="govuk-heading-m">{t("budgets.proposals.form.attached")}</h2>
            <ul class="govuk-list" id="attached">
              {p.files.map((f) => (
                <li key={f.id} class="halyq-break">
                  <form
                    method="post"
                    action={`/budgets/${p.cycle.id}/proposals/${p.draftId}/files/${f.id}/remove`}
                    novalidate
                  >
                    <input type="hidden" name="_csrf" value={p.csrf} />
                    {t(`budgets.proposals.field.${f.kind}`)}:{" "}
                    <a class="govuk-link" href={fileHref(f)}>
                      {f.file_name}
                    </a>{" "}
                    <button
                      type="submit"
                      class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    >
                      {t("budgets.proposals.form.remove")}
                      <span class="govuk-visually-hidden"> {f.file_name}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}

/** Before submitting: what is missing, or similar proposals and the button. */
export function SubmitCheckPage(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  cycle: CycleRow;
  territories: TerritoryRow[];
  draft: ProposalRow;
  missing: FieldIssue[];
  similar: ProposalRow[];
  supportRequired: number;
}) {
  const { t, locale, draft } = p;
  const base = `/budgets/${p.cycle.id}/proposals/${draft.id}`;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <Heading caption={cycleTitle(p.cycle, locale)} title={t("budgets.proposals.check.title")} />
        <p class="govuk-body-l halyq-break">
          <InLang lang={draft.language} page={locale}>
            {draft.title || t("budgets.proposals.untitled")}
          </InLang>
        </p>
        {p.missing.length > 0 ? (
          <div class="govuk-error-summary" data-module="govuk-error-summary" id="missing">
            <div role="alert">
              <h2 class="govuk-error-summary__title">{t("budgets.proposals.check.missing")}</h2>
              <div class="govuk-error-summary__body">
                <ul class="govuk-list govuk-error-summary__list">
                  {p.missing.map((i) => (
                    <li key={i.field}>
                      <a href={`${base}/edit#${i.field}`}>{t(i.key)}</a>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          </div>
        ) : null}
        <h2 class="govuk-heading-m">{t("budgets.proposals.check.similar")}</h2>
        <p class="govuk-body">{t("budgets.proposals.check.similar_hint")}</p>
        {p.similar.length === 0 ? (
          <p class="govuk-body" id="similar-none">
            {t("budgets.proposals.check.similar_none")}
          </p>
        ) : (
          <ul class="govuk-list govuk-list--bullet" id="similar">
            {p.similar.map((s) => (
              <li key={s.id} class="halyq-break">
                <a class="govuk-link" href={`/budgets/${p.cycle.id}/proposals/${s.id}`}>
                  №{s.number}{" "}
                  <InLang lang={s.language} page={locale}>
                    {s.title}
                  </InLang>
                </a>{" "}
                ({t(`budgets.category.${s.category}`)})
              </li>
            ))}
          </ul>
        )}
        {p.missing.length === 0 ? (
          <form method="post" action={`${base}/submit`} novalidate>
            <input type="hidden" name="_csrf" value={p.csrf} />
            {p.supportRequired > 0 && draft.author_kind === "person" ? (
              <p class="govuk-inset-text">
                {t("budgets.proposals.check.support_needed", { count: p.supportRequired })}
              </p>
            ) : null}
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button" data-prevent-double-click="true">
                {t("budgets.proposals.check.submit")}
              </button>
              <a class="govuk-link" href={`${base}/edit`}>
                {t("budgets.proposals.check.back")}
              </a>
            </div>
          </form>
        ) : (
          <p class="govuk-body">
            <a class="govuk-link" href={`${base}/edit`}>
              {t("budgets.proposals.check.back")}
            </a>
          </p>
        )}
      </div>
    </div>
  );
}

export interface ListFilter {
  territory: string;
  category: string;
  status: string;
}

/** The public list of a cycle's proposals, with filters. */
export function ProposalListPage(p: {
  t: Translate;
  locale: Locale;
  cycle: CycleRow;
  territories: TerritoryRow[];
  categories: string[];
  rows: ProposalRow[];
  filter: ListFilter;
  mayPropose: boolean;
}) {
  const { t, locale } = p;
  const all = { value: "", label: t("budgets.proposals.list.all") };
  return (
    <>
      <Heading caption={cycleTitle(p.cycle, locale)} title={t("budgets.proposals.list.title")} />
      {p.mayPropose ? (
        <p class="govuk-body">
          <a class="govuk-button" href={`/budgets/${p.cycle.id}/proposals/new`}>
            {t("budgets.proposals.list.new")}
          </a>
        </p>
      ) : null}
      <form method="get" action={`/budgets/${p.cycle.id}/proposals`} class="halyq-filters">
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third">
            <Select
              t={t}
              id="territory"
              label={t("budgets.proposals.field.territory")}
              value={p.filter.territory}
              issues={[]}
              items={[
                all,
                ...p.territories.map((x) => ({
                  value: x.code,
                  label: territoryName(p.territories, x.code, locale),
                })),
              ]}
            />
          </div>
          <div class="govuk-grid-column-one-third">
            <Select
              t={t}
              id="category"
              label={t("budgets.proposals.field.category")}
              value={p.filter.category}
              issues={[]}
              items={[
                all,
                ...p.categories.map((c) => ({ value: c, label: t(`budgets.category.${c}`) })),
              ]}
            />
          </div>
          <div class="govuk-grid-column-one-third">
            <Select
              t={t}
              id="status"
              label={t("budgets.proposals.field.status")}
              value={p.filter.status}
              issues={[]}
              items={[
                all,
                ...["collecting", "submitted", "admitted", "rejected", "merged"].map((s) => ({
                  value: s,
                  label: t(`budgets.proposal_status.${s}`),
                })),
              ]}
            />
          </div>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t("budgets.proposals.list.filter")}
        </button>
      </form>
      <ResponsiveTable
        id="proposals"
        caption={t("budgets.proposals.list.caption", { count: p.rows.length })}
        mode="stack"
        rows={p.rows}
        rowKey={(r) => r.id}
        empty={t("budgets.proposals.list.empty")}
        columns={[
          { key: "number", header: "№", cell: (r) => String(r.number ?? "") },
          {
            key: "title",
            header: t("budgets.proposals.field.title"),
            cell: (r) => (
              <a class="govuk-link halyq-break" href={`/budgets/${p.cycle.id}/proposals/${r.id}`}>
                <InLang lang={r.language} page={locale}>
                  {r.title}
                </InLang>
              </a>
            ),
          },
          {
            key: "territory",
            header: t("budgets.proposals.field.territory"),
            cell: (r) => territoryName(p.territories, r.territory_code, locale),
          },
          {
            key: "category",
            header: t("budgets.proposals.field.category"),
            cell: (r) => t(`budgets.category.${r.category}`),
          },
          {
            key: "cost",
            header: t("budgets.proposals.field.cost"),
            numeric: true,
            cell: (r) => tenge(t, r.cost_estimate, locale),
          },
          {
            key: "status",
            header: t("budgets.proposals.field.status"),
            cell: (r) => (
              <>
                <ProposalStatus t={t} status={r.status} />
                {r.decision_reason ? (
                  <span class="govuk-body-s govuk-!-display-block">
                    {t(`budgets.reason.${r.decision_reason}`)}
                  </span>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </>
  );
}

/** One proposal's public page (the author also sees their draft here). */
export function ProposalPage(p: {
  t: Translate;
  locale: Locale;
  cycle: CycleRow;
  territories: TerritoryRow[];
  proposal: ProposalRow;
  files: BudgetFileRow[];
  mergedInto: ProposalRow | null;
  isAuthor: boolean;
  supportUrl: string | null;
  supportRequired: number;
  phaseOpen: boolean;
  resultsPublished: boolean;
  notice: string | null;
}) {
  const { t, locale, proposal: r } = p;
  const base = `/budgets/${p.cycle.id}/proposals/${r.id}`;
  const photos = p.files.filter((f) => f.kind === "photo");
  const docs = p.files.filter((f) => f.kind !== "photo");
  const author =
    r.author_kind === "organisation" && r.organisation_name
      ? r.organisation_name
      : t("budgets.proposals.page.resident_of", {
          territory: territoryName(p.territories, r.territory_code, locale),
        });
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        {p.notice ? <SuccessBanner title={p.notice} text={undefined} /> : null}
        <span class="govuk-caption-l" lang={cycleTitle(p.cycle, locale).lang}>
          {cycleTitle(p.cycle, locale).text}
        </span>
        <h1 class="govuk-heading-l halyq-break">
          {r.number !== null ? `№${r.number}. ` : ""}
          <InLang lang={r.language} page={locale}>
            {r.title || t("budgets.proposals.untitled")}
          </InLang>
        </h1>
        <p class="govuk-body">
          <ProposalStatus t={t} status={r.status} />
        </p>
        {r.status === "draft" && p.isAuthor ? (
          <div class="govuk-inset-text">
            {t("budgets.proposals.page.draft_note")}{" "}
            <a class="govuk-link" href={`${base}/edit`}>
              {t("budgets.proposals.page.finish")}
            </a>
          </div>
        ) : null}
        {r.status === "collecting" ? (
          <div class="govuk-inset-text" id="support">
            <p class="govuk-body">
              {t("budgets.proposals.page.support_count", {
                count: r.supports_count,
                required: p.supportRequired,
              })}
            </p>
            {!p.phaseOpen ? (
              <p class="govuk-body">{t("budgets.proposals.page.support_ended")}</p>
            ) : p.isAuthor && p.supportUrl ? (
              <p class="govuk-body halyq-break">
                {t("budgets.proposals.page.share")}{" "}
                <a class="govuk-link" href={p.supportUrl} id="support-link">
                  {p.supportUrl}
                </a>
              </p>
            ) : null}
          </div>
        ) : null}
        <SummaryList
          id="details"
          rows={[
            {
              label: t("budgets.proposals.field.territory"),
              value: territoryName(p.territories, r.territory_code, locale),
            },
            {
              label: t("budgets.proposals.field.category"),
              value: r.category ? t(`budgets.category.${r.category}`) : "—",
            },
            { label: t("budgets.proposals.page.author"), value: author },
            {
              label: t("budgets.proposals.field.address"),
              value: (
                <span class="halyq-break">
                  {r.address ? (
                    <InLang lang={r.language} page={locale}>
                      {r.address}
                    </InLang>
                  ) : null}
                  {r.lat !== null && r.lng !== null ? (
                    <span class="govuk-!-display-block">
                      {t("budgets.proposals.page.point", {
                        lat: String(r.lat),
                        lon: String(r.lng),
                      })}
                    </span>
                  ) : null}
                </span>
              ),
            },
            {
              label: t("budgets.proposals.field.cost"),
              value: tenge(t, r.cost_estimate, locale),
            },
            ...(r.status !== "draft" && r.status !== "collecting" && r.supports_count > 0
              ? [{ label: t("budgets.proposals.page.supports"), value: String(r.supports_count) }]
              : []),
          ]}
        />
        <h2 class="govuk-heading-m">{t("budgets.proposals.field.description")}</h2>
        <div class="halyq-break" lang={r.language === locale ? undefined : r.language}>
          {r.description
            .split(/\r?\n\s*\r?\n/)
            .filter((x) => x.trim() !== "")
            .map((x, i) => (
              <p key={i} class="govuk-body">
                {x.trim()}
              </p>
            ))}
        </div>
        {r.decision ? (
          <>
            <h2 class="govuk-heading-m" id="decision">
              {t("budgets.proposals.page.decision")}
            </h2>
            <SummaryList
              rows={[
                {
                  label: t("budgets.proposals.page.decision"),
                  value: t(`budgets.proposal_status.${r.decision}`),
                },
                ...(r.decision_reason
                  ? [
                      {
                        label: t("budgets.proposals.page.reason"),
                        value: t(`budgets.reason.${r.decision_reason}`),
                      },
                    ]
                  : []),
                ...(r.decision_text
                  ? [
                      {
                        label: t("budgets.proposals.page.decision_text"),
                        value: <span class="halyq-break">{r.decision_text}</span>,
                      },
                    ]
                  : []),
                ...(r.council_cost !== null
                  ? [
                      {
                        label: t("budgets.proposals.page.council_cost"),
                        value: tenge(t, r.council_cost, locale),
                      },
                    ]
                  : []),
                ...(p.mergedInto
                  ? [
                      {
                        label: t("budgets.proposals.page.merged_into"),
                        value: (
                          <a
                            class="govuk-link halyq-break"
                            href={`/budgets/${p.cycle.id}/proposals/${p.mergedInto.id}`}
                          >
                            №{p.mergedInto.number}{" "}
                            <InLang lang={p.mergedInto.language} page={locale}>
                              {p.mergedInto.title}
                            </InLang>
                          </a>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </>
        ) : null}
        {p.resultsPublished && r.votes !== null ? (
          <>
            <h2 class="govuk-heading-m" id="results">
              {t("budgets.proposals.page.results")}
            </h2>
            <p class="govuk-body">
              {t("budgets.proposals.page.votes", { count: r.votes })}{" "}
              <StatusTag colour={r.winner ? "green" : "grey"}>
                {t(r.winner ? "budgets.proposals.page.won" : "budgets.proposals.page.not_won")}
              </StatusTag>
            </p>
          </>
        ) : null}
        {photos.length > 0 ? (
          <>
            <h2 class="govuk-heading-m">{t("budgets.proposals.page.photos")}</h2>
            <ul class="govuk-list halyq-photos">
              {photos.map((f, i) => (
                <li key={f.id}>
                  <img
                    src={fileHref(f)}
                    alt={t("budgets.proposals.page.photo_alt", { n: i + 1 })}
                    class="halyq-photo"
                    loading="lazy"
                  />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {docs.length > 0 ? (
          <>
            <h2 class="govuk-heading-m">{t("budgets.proposals.page.documents")}</h2>
            <ul class="govuk-list" id="documents">
              {docs.map((f) => (
                <li key={f.id} class="halyq-break">
                  {t(`budgets.proposals.field.${f.kind}`)}:{" "}
                  <a class="govuk-link" href={fileHref(f)}>
                    {f.file_name}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p class="govuk-body">
          <a class="govuk-link" href={`/budgets/${p.cycle.id}/proposals`}>
            {t("budgets.proposals.page.all")}
          </a>
        </p>
      </div>
    </div>
  );
}

/** The page a support link opens. */
export function SupportPage(p: {
  t: Translate;
  locale: Locale;
  csrf: string | null;
  cycle: CycleRow;
  territories: TerritoryRow[];
  proposal: ProposalRow;
  required: number;
  refusal: string | null;
  supported: boolean;
  signIn: string | null;
}) {
  const { t, locale, proposal: r } = p;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        {p.supported ? (
          <SuccessBanner title={t("budgets.proposals.support.done")} text={undefined} />
        ) : null}
        <Heading
          caption={cycleTitle(p.cycle, locale)}
          title={t("budgets.proposals.support.title")}
        />
        <p class="govuk-body-l halyq-break">
          <a class="govuk-link" href={`/budgets/${p.cycle.id}/proposals/${r.id}`}>
            №{r.number}{" "}
            <InLang lang={r.language} page={locale}>
              {r.title}
            </InLang>
          </a>
        </p>
        <p class="govuk-body">
          {territoryName(p.territories, r.territory_code, locale)} ·{" "}
          {t(`budgets.category.${r.category}`)}
        </p>
        <p class="govuk-body" id="support-count">
          {t("budgets.proposals.page.support_count", {
            count: r.supports_count,
            required: p.required,
          })}
        </p>
        {p.signIn ? (
          <p class="govuk-body">
            <a class="govuk-button" href={p.signIn}>
              {t("budgets.proposals.support.sign_in")}
            </a>
          </p>
        ) : p.refusal ? (
          <div class="govuk-inset-text" id="refusal">
            {p.refusal}
          </div>
        ) : p.csrf ? (
          <form method="post" action={`/budgets/support/${r.support_token}`} novalidate>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <p class="govuk-body">{t("budgets.proposals.support.explain")}</p>
            <button type="submit" class="govuk-button" data-prevent-double-click="true">
              {t("budgets.proposals.support.button")}
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
