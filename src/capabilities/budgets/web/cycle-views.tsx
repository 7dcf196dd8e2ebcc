import { dateIn } from "../../../kernel/format/index.js";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import {
  Checkboxes,
  ErrorSummary,
  FieldError,
  Form,
  Input,
  Paragraphs,
  Radios,
  ResponsiveTable,
  Select,
  SubmitButton,
  SummaryList,
  SummaryRow,
  TextArea,
} from "../../../web/components/kit.js";
import { dateParams, formatDatePhrase, formatNumber } from "../../../web/format.js";
import {
  type CyclePhase,
  type CycleRow,
  categoriesOf,
  PHASE_START,
  PHASES,
  type TerritoryRow,
} from "../budget.js";
import type { CycleInput, DistrictChoice } from "../commands/cycles.js";

const LANGS = ["kk", "ru", "en"] as const;

/** A text of a cycle in the reader's language: English falls back to Russian (marked so). */
export function pickText(
  v: { kk: string; ru: string; en: string | null },
  locale: Locale,
): { text: string; lang: Locale } {
  if (locale === "en" && !v.en) return { text: v.ru, lang: "ru" };
  return { text: v[locale] ?? v.ru, lang: locale };
}

export const titleOf = (c: CycleRow, locale: Locale) =>
  pickText({ kk: c.title_kk, ru: c.title_ru, en: c.title_en }, locale);
export const rulesOf = (c: CycleRow, locale: Locale) =>
  pickText({ kk: c.rules_kk, ru: c.rules_ru, en: c.rules_en }, locale);

/** Money in whole tenge, as the reader's language writes it. */
export const money = (t: Translate, n: number, locale: Locale) =>
  t("budgets.tenge", { amount: formatNumber(n, locale) });

export const territoryName = (
  r: { name_kk: string; name_ru: string; name_en: string },
  l: Locale,
) => (l === "kk" ? r.name_kk : l === "ru" ? r.name_ru : r.name_en);

export function PhaseTag({ t, phase }: { t: Translate; phase: CyclePhase }) {
  const colour =
    phase === "proposals" || phase === "voting"
      ? "green"
      : phase === "draft"
        ? "yellow"
        : phase === "closed"
          ? "grey"
          : "blue";
  return <strong class={`govuk-tag govuk-tag--${colour}`}>{t(`budgets.phase.${phase}`)}</strong>;
}

/** A cycle's title, marked when it is in another language than the page's. */
function Title({ c, locale }: { c: CycleRow; locale: Locale }) {
  const v = titleOf(c, locale);
  return v.lang === locale ? v.text : <span lang={v.lang}>{v.text}</span>;
}

export interface ListFilter {
  phase: string;
  body: string;
}

/** The public list of announced cycles, newest first, with the filter. */
export function PublicListPage({
  t,
  locale,
  rows,
  phases,
  bodies,
  filter,
}: {
  t: Translate;
  locale: Locale;
  rows: CycleRow[];
  phases: Map<string, CyclePhase>;
  bodies: { id: string; name: string }[];
  filter: ListFilter;
}) {
  const bodyName = new Map(bodies.map((b) => [b.id, b.name]));
  return (
    <>
      <h1 class="govuk-heading-xl">{t("budgets.cycles.list.title")}</h1>
      <p class="govuk-body-l">{t("budgets.cycles.list.lead")}</p>
      <form method="get" action="/budgets" class="halyq-filter">
        <Select
          t={t}
          issues={[]}
          id="phase"
          label={t("budgets.cycles.list.phase")}
          value={filter.phase}
          items={[
            { value: "", label: t("budgets.cycles.list.any_phase") },
            ...PHASES.map((p) => ({ value: p, label: t(`budgets.phase.${p}`) })),
          ]}
        />
        <Select
          t={t}
          issues={[]}
          id="body"
          label={t("budgets.cycles.list.body")}
          value={filter.body}
          items={[
            { value: "", label: t("budgets.cycles.list.any_body") },
            ...bodies.map((b) => ({ value: b.id, label: b.name })),
          ]}
        />
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t("budgets.cycles.list.apply")}
        </button>
      </form>
      <ResponsiveTable
        id="budget-cycles"
        caption={t("budgets.cycles.list.caption")}
        mode="stack"
        rows={rows}
        rowKey={(r) => r.id}
        empty={t("budgets.cycles.list.empty")}
        columns={[
          {
            key: "title",
            header: t("budgets.cycles.list.col_title"),
            rowHeader: true,
            cell: (r) => (
              <a class="govuk-link" href={`/budgets/${r.id}`}>
                <Title c={r} locale={locale} />
              </a>
            ),
          },
          {
            key: "body",
            header: t("budgets.cycles.list.col_body"),
            cell: (r) => bodyName.get(r.agency_id) ?? "",
          },
          { key: "year", header: t("budgets.cycles.list.col_year"), cell: (r) => String(r.year) },
          {
            key: "phase",
            header: t("budgets.cycles.list.col_phase"),
            cell: (r) => <PhaseTag t={t} phase={phases.get(r.id) ?? "draft"} />,
          },
        ]}
      />
    </>
  );
}

export interface CyclePageData {
  cycle: CycleRow;
  phase: CyclePhase;
  bodyName: string;
  zone: string;
  territories: TerritoryRow[];
  council: { name: string; position: string | null }[];
  counts: { received: number; admitted: number };
}

/** What the reader may do now, by the phase. */
function NextAction({ t, locale, data }: { t: Translate; locale: Locale; data: CyclePageData }) {
  const id = data.cycle.id;
  const links: { href: string; text: string; primary?: boolean }[] = [];
  let lead: string | null = null;
  switch (data.phase) {
    case "draft":
      lead = t("budgets.cycles.page.next.draft");
      break;
    case "announcement":
      lead = t(
        "budgets.cycles.page.next.announcement",
        dateParams("date", dateIn(data.cycle.proposals_at, data.zone), locale),
      );
      break;
    case "proposals":
      links.push({
        href: `/budgets/${id}/proposals/new`,
        text: t("budgets.cycles.page.next.propose"),
        primary: true,
      });
      links.push({
        href: `/budgets/${id}/proposals`,
        text: t("budgets.cycles.page.next.proposals"),
      });
      break;
    case "review":
      lead = t("budgets.cycles.page.next.review");
      links.push({
        href: `/budgets/${id}/proposals`,
        text: t("budgets.cycles.page.next.proposals"),
      });
      break;
    case "voting":
      links.push({
        href: `/budgets/${id}/vote`,
        text: t("budgets.cycles.page.next.vote"),
        primary: true,
      });
      links.push({
        href: `/budgets/${id}/proposals`,
        text: t("budgets.cycles.page.next.proposals"),
      });
      break;
    case "results":
      links.push({
        href: `/budgets/${id}/results`,
        text: t("budgets.cycles.page.next.results"),
        primary: true,
      });
      break;
    case "implementation":
    case "closed":
      links.push({
        href: `/budgets/${id}/projects`,
        text: t("budgets.cycles.page.next.projects"),
        primary: true,
      });
      links.push({ href: `/budgets/${id}/results`, text: t("budgets.cycles.page.next.results") });
      break;
  }
  return (
    <section aria-labelledby="next-heading" class="govuk-!-margin-bottom-6">
      <h2 id="next-heading" class="govuk-heading-m">
        {t("budgets.cycles.page.next.heading")}
      </h2>
      {lead ? <p class="govuk-body">{lead}</p> : null}
      {links.length > 0 ? (
        <div class="govuk-button-group">
          {links.map((l) =>
            l.primary ? (
              <a key={l.href} href={l.href} class="govuk-button">
                {l.text}
              </a>
            ) : (
              <a key={l.href} href={l.href} class="govuk-link">
                {l.text}
              </a>
            ),
          )}
        </div>
      ) : null}
    </section>
  );
}

/** One cycle for everyone: where it stands, its rules, money, categories and council. */
export function CyclePage({
  t,
  locale,
  data,
  preview,
}: {
  t: Translate;
  locale: Locale;
  data: CyclePageData;
  preview: boolean;
}) {
  const c = data.cycle;
  const title = titleOf(c, locale);
  const rules = rulesOf(c, locale);
  const current = PHASES.indexOf(data.phase as (typeof PHASES)[number]);
  const total = data.territories.reduce((s, x) => s + x.amount, 0);
  return (
    <>
      <span class="govuk-caption-l">{data.bodyName}</span>
      <h1 class="govuk-heading-xl" lang={title.lang === locale ? undefined : title.lang}>
        {title.text}
      </h1>
      <p class="govuk-body">
        {t("budgets.cycles.page.now")} <PhaseTag t={t} phase={data.phase} />
      </p>
      {preview ? <div class="govuk-inset-text">{t("budgets.cycles.page.preview")}</div> : null}
      <NextAction t={t} locale={locale} data={data} />
      <h2 class="govuk-heading-m" id="timeline-heading">
        {t("budgets.cycles.page.timeline")}
      </h2>
      <ol class="govuk-list govuk-list--number">
        {PHASES.map((p, i) => (
          <li key={p} aria-current={i === current ? "step" : undefined}>
            {i === current ? (
              <strong>
                {t(`budgets.phase.${p}`)} —{" "}
                <time dateTime={dateIn(c[PHASE_START[p]], data.zone)}>
                  {formatDatePhrase(dateIn(c[PHASE_START[p]], data.zone), locale, "from")}
                </time>{" "}
                ({t("budgets.cycles.page.current")})
              </strong>
            ) : (
              <>
                {t(`budgets.phase.${p}`)} —{" "}
                <time dateTime={dateIn(c[PHASE_START[p]], data.zone)}>
                  {formatDatePhrase(dateIn(c[PHASE_START[p]], data.zone), locale, "from")}
                </time>
              </>
            )}
          </li>
        ))}
      </ol>
      <h2 class="govuk-heading-m">{t("budgets.cycles.page.about")}</h2>
      <SummaryList>
        <SummaryRow label={t("budgets.cycles.page.year")}>{String(c.year)}</SummaryRow>
        <SummaryRow label={t("budgets.cycles.page.rule")}>
          {t(`budgets.rule.${c.rule}`)}
          {c.rule === "approval"
            ? ` ${t("budgets.cycles.page.min_votes", { n: formatNumber(c.min_votes, locale) })}`
            : ""}
        </SummaryRow>
        <SummaryRow label={t("budgets.cycles.page.support")}>
          {c.support_required > 0
            ? t("budgets.cycles.page.support_n", { n: formatNumber(c.support_required, locale) })
            : t("budgets.cycles.page.support_none")}
        </SummaryRow>
        <SummaryRow label={t("budgets.cycles.page.received")}>
          {formatNumber(data.counts.received, locale)}
        </SummaryRow>
        <SummaryRow label={t("budgets.cycles.page.admitted")}>
          {formatNumber(data.counts.admitted, locale)}
        </SummaryRow>
      </SummaryList>
      <ResponsiveTable
        id="territories"
        caption={t("budgets.cycles.page.territories")}
        rows={data.territories}
        rowKey={(r) => r.code}
        columns={[
          {
            key: "name",
            header: t("budgets.cycles.page.territory"),
            rowHeader: true,
            cell: (r) => territoryName(r, locale),
          },
          {
            key: "amount",
            header: t("budgets.cycles.page.amount"),
            numeric: true,
            cell: (r) => money(t, r.amount, locale),
          },
        ]}
      />
      <p class="govuk-body">
        {t("budgets.cycles.page.total")} <strong>{money(t, total, locale)}</strong>
      </p>
      <h2 class="govuk-heading-m">{t("budgets.cycles.page.categories")}</h2>
      <ul class="govuk-list govuk-list--bullet">
        {categoriesOf(c).map((k) => (
          <li key={k}>{t(`budgets.category.${k}`)}</li>
        ))}
      </ul>
      <h2 class="govuk-heading-m">{t("budgets.cycles.page.rules")}</h2>
      <Paragraphs text={rules.text} lang={rules.lang === locale ? undefined : rules.lang} />
      <h2 class="govuk-heading-m">{t("budgets.cycles.page.council")}</h2>
      {data.council.length === 0 ? (
        <p class="govuk-body">{t("budgets.cycles.page.council_none")}</p>
      ) : (
        <ul class="govuk-list">
          {data.council.map((m, i) => (
            <li key={i}>
              {m.name}
              {m.position ? `, ${m.position}` : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export interface OfficeRow {
  cycle: CycleRow;
  phase: CyclePhase;
  bodyName: string;
  counts: { received: number; admitted: number };
  canManage: boolean;
  isExpert: boolean;
}

/** The body's cycles for its staff. */
export function OfficeListPage({
  t,
  locale,
  rows,
  canCreate,
  done,
}: {
  t: Translate;
  locale: Locale;
  rows: OfficeRow[];
  canCreate: boolean;
  done: string | undefined;
}) {
  return (
    <>
      {done ? (
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert">
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">
              {t(`budgets.cycles.office.done.${done}`)}
            </p>
          </div>
        </div>
      ) : null}
      <h1 class="govuk-heading-xl">{t("budgets.cycles.office.title")}</h1>
      {canCreate ? (
        <a class="govuk-button" href="/office/budgets/new">
          {t("budgets.cycles.office.new")}
        </a>
      ) : null}
      <ResponsiveTable
        id="office-cycles"
        caption={t("budgets.cycles.office.caption")}
        mode="stack"
        rows={rows}
        rowKey={(r) => r.cycle.id}
        empty={t("budgets.cycles.office.empty")}
        columns={[
          {
            key: "title",
            header: t("budgets.cycles.list.col_title"),
            rowHeader: true,
            cell: (r) => (
              <a class="govuk-link" href={`/budgets/${r.cycle.id}`}>
                <Title c={r.cycle} locale={locale} />
              </a>
            ),
          },
          { key: "body", header: t("budgets.cycles.list.col_body"), cell: (r) => r.bodyName },
          {
            key: "year",
            header: t("budgets.cycles.list.col_year"),
            cell: (r) => String(r.cycle.year),
          },
          {
            key: "phase",
            header: t("budgets.cycles.list.col_phase"),
            cell: (r) => <PhaseTag t={t} phase={r.phase} />,
          },
          {
            key: "counts",
            header: t("budgets.cycles.office.col_counts"),
            cell: (r) =>
              t("budgets.cycles.office.counts", {
                received: formatNumber(r.counts.received, locale),
                admitted: formatNumber(r.counts.admitted, locale),
              }),
          },
          {
            key: "actions",
            header: t("budgets.cycles.office.col_actions"),
            cell: (r) => (
              <ul class="govuk-list">
                {r.canManage ? (
                  <li>
                    <a class="govuk-link" href={`/office/budgets/${r.cycle.id}/edit`}>
                      {t("budgets.cycles.office.edit")}
                      <span class="govuk-visually-hidden">: {titleOf(r.cycle, locale).text}</span>
                    </a>
                  </li>
                ) : null}
                {r.isExpert ? (
                  <li>
                    <a class="govuk-link" href={`/office/budgets/${r.cycle.id}/council`}>
                      {t("budgets.cycles.office.council")}
                      <span class="govuk-visually-hidden">: {titleOf(r.cycle, locale).text}</span>
                    </a>
                  </li>
                ) : null}
              </ul>
            ),
          },
        ]}
      />
    </>
  );
}

/** The form to open or change a cycle. */
export function CycleFormPage({
  t,
  locale,
  csrf,
  action,
  heading,
  values,
  issues,
  bodies,
  districts,
  categories,
  locked,
  begun,
  territories,
}: {
  t: Translate;
  locale: Locale;
  csrf: string;
  action: string;
  heading: string;
  values: CycleInput;
  issues: FieldIssue[];
  /** The bodies to choose from (a new cycle), or null. */
  bodies: { id: string; name: string }[] | null;
  districts: DistrictChoice[];
  /** The categories the profile knows. */
  categories: string[];
  /** Voting has opened: territories, amounts, rule and categories are shown, not asked. */
  locked: boolean;
  /** Phases already begun: their dates are shown, not asked. */
  begun: Set<string>;
  territories: TerritoryRow[];
}) {
  const territoriesError = issues.some((i) => i.field === "territories");
  return (
    <>
      <ErrorSummary t={t} issues={issues} />
      <h1 class="govuk-heading-xl">{heading}</h1>
      <Form action={action} csrf={csrf}>
        {bodies ? (
          <Select
            t={t}
            issues={issues}
            id="agencyId"
            label={t("budgets.cycles.form.body")}
            value={values.agencyId}
            items={bodies.map((b) => ({ value: b.id, label: b.name }))}
          />
        ) : null}
        <Input
          t={t}
          issues={issues}
          id="year"
          label={t("budgets.cycles.form.year")}
          hint={t("budgets.cycles.form.year_hint")}
          value={values.year}
          inputmode="numeric"
          width="govuk-input--width-4"
        />
        {LANGS.map((l) => (
          <Input
            key={`title-${l}`}
            t={t}
            issues={issues}
            id={`title-${l}`}
            label={t(`budgets.cycles.form.title_${l}`)}
            value={values.title[l]}
            lang={l}
            maxLength={200}
          />
        ))}
        {LANGS.map((l) => (
          <TextArea
            key={`rules-${l}`}
            t={t}
            issues={issues}
            id={`rules-${l}`}
            label={t(`budgets.cycles.form.rules_${l}`)}
            value={values.rules[l]}
            lang={l}
          />
        ))}
        {locked ? (
          <>
            <div class="govuk-inset-text">{t("budgets.cycles.form.locked")}</div>
            <FieldError t={t} issues={issues} field="rule" id="rule-error" />
            <SummaryList>
              <SummaryRow label={t("budgets.cycles.page.rule")}>
                {t(`budgets.rule.${values.rule}`)}
              </SummaryRow>
              {territories.map((x) => (
                <SummaryRow key={x.code} label={territoryName(x, locale)}>
                  {money(t, x.amount, locale)}
                </SummaryRow>
              ))}
              <SummaryRow label={t("budgets.cycles.page.categories")}>
                {values.categories.map((k) => t(`budgets.category.${k}`)).join("; ")}
              </SummaryRow>
            </SummaryList>
          </>
        ) : (
          <>
            <Radios
              t={t}
              issues={issues}
              id="rule"
              legend={t("budgets.cycles.form.rule")}
              value={values.rule}
              items={["knapsack", "approval"].map((r) => ({
                value: r,
                label: t(`budgets.rule.${r}`),
                hint: t(`budgets.cycles.form.rule_hint_${r}`),
              }))}
            />
            <Input
              t={t}
              issues={issues}
              id="minVotes"
              label={t("budgets.cycles.form.min_votes")}
              hint={t("budgets.cycles.form.min_votes_hint")}
              value={values.minVotes}
              inputmode="numeric"
              width="govuk-input--width-5"
            />
            <Input
              t={t}
              issues={issues}
              id="supportRequired"
              label={t("budgets.cycles.form.support")}
              hint={t("budgets.cycles.form.support_hint")}
              value={values.supportRequired}
              inputmode="numeric"
              width="govuk-input--width-5"
            />
            <Checkboxes
              t={t}
              issues={issues}
              id="categories"
              name="categories[]"
              legend={t("budgets.cycles.form.categories")}
              values={values.categories}
              items={categories.map((k) => ({ value: k, label: t(`budgets.category.${k}`) }))}
            />
            <div class={`govuk-form-group${territoriesError ? " govuk-form-group--error" : ""}`}>
              <fieldset class="govuk-fieldset" aria-describedby="territories-hint">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                  {t("budgets.cycles.form.territories")}
                </legend>
                <div id="territories-hint" class="govuk-hint">
                  {t("budgets.cycles.form.territories_hint")}
                </div>
                <FieldError t={t} issues={issues} field="territories" id="territories-error" />
                {districts.map((d, i) => {
                  const boxId = i === 0 ? "territories" : `territories-${i}`;
                  const amountId = `amount-${d.code}`;
                  const amountError = issues.some((x) => x.field === amountId);
                  return (
                    <div key={d.code} class="govuk-!-margin-bottom-4">
                      <div class="govuk-checkboxes govuk-checkboxes--small">
                        <div class="govuk-checkboxes__item">
                          <input
                            class="govuk-checkboxes__input"
                            id={boxId}
                            name="territories[]"
                            type="checkbox"
                            value={d.code}
                            checked={values.territories.includes(d.code)}
                          />
                          <label class="govuk-label govuk-checkboxes__label" for={boxId}>
                            {d.names[locale]} ({d.code})
                          </label>
                        </div>
                      </div>
                      <div
                        class={`govuk-form-group govuk-!-margin-left-6 govuk-!-margin-bottom-2${amountError ? " govuk-form-group--error" : ""}`}
                      >
                        <label class="govuk-label" for={amountId}>
                          {t("budgets.cycles.form.amount", { name: d.names[locale] })}
                        </label>
                        <FieldError
                          t={t}
                          issues={issues}
                          field={amountId}
                          id={`${amountId}-error`}
                        />
                        <input
                          class={`govuk-input govuk-input--width-10${amountError ? " govuk-input--error" : ""}`}
                          id={amountId}
                          name={amountId}
                          type="text"
                          inputmode="numeric"
                          autocomplete="off"
                          spellcheck={false}
                          value={values.amounts[d.code] ?? ""}
                          aria-describedby={amountError ? `${amountId}-error` : undefined}
                        />
                      </div>
                    </div>
                  );
                })}
              </fieldset>
            </div>
          </>
        )}
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
            {t("budgets.cycles.form.dates")}
          </legend>
          <p class="govuk-hint">{t("budgets.cycles.form.dates_hint")}</p>
          {PHASES.map((p) =>
            begun.has(p) ? (
              <p key={p} class="govuk-body">
                {t(`budgets.phase.${p}`)}: {values.dates[p]} ({t("budgets.cycles.form.begun")})
              </p>
            ) : (
              <Input
                key={p}
                t={t}
                issues={issues}
                id={`date-${p}`}
                // The browser's own date picker; the kit's Input passes the type through.
                type={"date" as "text"}
                label={t("budgets.cycles.form.date", { phase: t(`budgets.phase.${p}`) })}
                value={values.dates[p]}
                width="govuk-input--width-10"
              />
            ),
          )}
        </fieldset>
        <SubmitButton>{t("budgets.cycles.form.save")}</SubmitButton>
      </Form>
    </>
  );
}
