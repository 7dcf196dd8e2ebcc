import { LOCALES, type Locale, type Translate } from "../../../kernel/i18n.js";
import { AGENCY_KINDS, type Agency, type Category, treeOrder } from "../agency.js";

interface ViewProps {
  t: Translate;
  locale: Locale;
}

function AgencyLink({ agency, locale }: { agency: Agency; locale: Locale }) {
  return (
    <a class="govuk-link" href={`/agencies/${agency.slug}`}>
      {agency.names[locale]}
    </a>
  );
}

interface TreeNode {
  agency: Agency;
  children: TreeNode[];
}

function nest(agencies: Agency[], locale: Locale): TreeNode[] {
  const ordered = treeOrder(agencies, locale);
  const roots: TreeNode[] = [];
  const stack: TreeNode[] = [];
  for (const { agency, depth } of ordered) {
    const node: TreeNode = { agency, children: [] };
    stack.length = depth;
    const parent = stack[depth - 1];
    if (parent) parent.children.push(node);
    else roots.push(node);
    stack[depth] = node;
  }
  return roots;
}

function Tree({ nodes, t, locale }: ViewProps & { nodes: TreeNode[] }) {
  return (
    <ul class="halyq-tree">
      {nodes.map((n) => (
        <li key={n.agency.id}>
          <AgencyLink agency={n.agency} locale={locale} />{" "}
          <span class="govuk-body-s govuk-!-margin-0">({t(`agencies.kind.${n.agency.kind}`)})</span>
          {n.children.length > 0 ? <Tree nodes={n.children} t={t} locale={locale} /> : null}
        </li>
      ))}
    </ul>
  );
}

export interface DirectoryProps extends ViewProps {
  agencies: Agency[];
  kind: string | undefined;
  query: string;
}

/** The public directory of bodies as a hierarchy, with a filter that works without JavaScript. */
export function DirectoryPage({ t, locale, agencies, kind, query }: DirectoryProps) {
  const filtered = kind !== undefined || query !== "";
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        <h1 class="govuk-heading-l">{t("agencies.directory_title")}</h1>
        <p class="govuk-body">{t("agencies.directory_lead")}</p>
        <form method="get" action="/agencies" class="govuk-!-margin-bottom-6">
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-half">
              <div class="govuk-form-group">
                <label class="govuk-label" for="q">
                  {t("agencies.filter_query")}
                </label>
                <input
                  class="govuk-input"
                  id="q"
                  name="q"
                  type="search"
                  value={query}
                  maxLength={100}
                />
              </div>
            </div>
            <div class="govuk-grid-column-one-quarter">
              <div class="govuk-form-group">
                <label class="govuk-label" for="kind">
                  {t("agencies.filter_kind")}
                </label>
                <select class="govuk-select" id="kind" name="kind">
                  <option value="" selected={kind === undefined}>
                    {t("agencies.all_kinds")}
                  </option>
                  {AGENCY_KINDS.map((k) => (
                    <option key={k} value={k} selected={kind === k}>
                      {t(`agencies.kind.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </div>
          <button
            type="submit"
            class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          >
            {t("agencies.filter_apply")}
          </button>
        </form>
        <p class="govuk-body" role="status">
          {t("agencies.count", { count: agencies.length })}
        </p>
        {agencies.length === 0 ? (
          <p class="govuk-body">{t("agencies.none_found")}</p>
        ) : filtered ? (
          <ul class="govuk-list">
            {agencies.map((a) => (
              <li key={a.id}>
                <AgencyLink agency={a} locale={locale} />{" "}
                <span class="govuk-body-s">({t(`agencies.kind.${a.kind}`)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <Tree nodes={nest(agencies, locale)} t={t} locale={locale} />
        )}
      </div>
    </div>
  );
}

export interface AgencyPageProps extends ViewProps {
  agency: Agency;
  parent: Agency | undefined;
  higherBody: Agency | undefined;
  children: Agency[];
  categories: Category[];
  /**
   * What other capabilities show of this body (e.g. its official information and news), each
   * through the manifest's `bodySections`, so the directory names no feature.
   */
  sections?: preact.ComponentChildren;
  /** What a person can do with this body (write to it, book a reception), as buttons. */
  actions?: { href: string; text: string }[];
}

function Row({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** One body: what it is, where it sits, how to reach it and what it answers for. */
export function AgencyPage({
  t,
  locale,
  agency,
  parent,
  higherBody,
  children,
  categories,
  sections,
  actions = [],
}: AgencyPageProps) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <nav class="govuk-breadcrumbs" aria-label={t("layout.breadcrumbs")}>
          <ol class="govuk-breadcrumbs__list">
            <li class="govuk-breadcrumbs__list-item">
              <a class="govuk-breadcrumbs__link" href="/agencies">
                {t("agencies.directory_title")}
              </a>
            </li>
          </ol>
        </nav>
        <span class="govuk-caption-l">{t(`agencies.kind.${agency.kind}`)}</span>
        <h1 class="govuk-heading-l">{agency.names[locale]}</h1>
        {agency.active ? null : (
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">{t("agencies.warning")}</span>
              {t("agencies.inactive")}
            </strong>
          </div>
        )}
        {actions.length > 0 ? (
          <div class="govuk-button-group">
            {actions.map((a, i) => (
              <a
                key={a.href}
                href={a.href}
                class={`govuk-button${i > 0 ? " govuk-button--secondary" : ""}`}
              >
                {a.text}
              </a>
            ))}
          </div>
        ) : null}
        {agency.address || agency.hours || agency.head || agency.phone || agency.email ? (
          <dl class="govuk-summary-list" id="contacts">
            {agency.address ? (
              <Row label={t("agencies.field.address")}>{agency.address[locale]}</Row>
            ) : null}
            {agency.hours ? (
              <Row label={t("agencies.field.hours")}>{agency.hours[locale]}</Row>
            ) : null}
            {agency.head ? <Row label={t("agencies.field.head")}>{agency.head[locale]}</Row> : null}
            {agency.phone ? (
              <Row label={t("agencies.field.phone")}>
                <a class="govuk-link" href={`tel:${agency.phone.replace(/[^\d+]/g, "")}`}>
                  {agency.phone.replace(/ /g, "\u00a0")}
                </a>
              </Row>
            ) : null}
            {agency.email ? (
              <Row label={t("agencies.field.email")}>
                <a class="govuk-link" href={`mailto:${agency.email}`}>
                  {agency.email}
                </a>
              </Row>
            ) : null}
            {agency.website && /^https?:\/\//.test(agency.website) ? (
              <Row label={t("agencies.field.website")}>
                <a class="govuk-link" href={agency.website} rel="noopener noreferrer">
                  {agency.website}
                </a>
              </Row>
            ) : null}
          </dl>
        ) : null}
        <p class="govuk-body">
          <a class="govuk-link" href={`/agencies/${agency.slug}/participation`}>
            {t("agencies.participation_link")}
          </a>
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href={`/statistics/agencies/${agency.slug}`}>
            {t("statistics.appeals.agency_link")}
          </a>
        </p>
        {sections}
        <dl class="govuk-summary-list">
          <Row label={t("agencies.field.level")}>{t(`agencies.level.${agency.level}`)}</Row>
          {parent ? (
            <Row label={t("agencies.field.parent")}>
              <AgencyLink agency={parent} locale={locale} />
            </Row>
          ) : null}
          <Row label={t("agencies.field.higher_body")}>
            {higherBody ? (
              <AgencyLink agency={higherBody} locale={locale} />
            ) : (
              t("agencies.higher_body_none")
            )}
          </Row>
        </dl>
        <h2 class="govuk-heading-m">{t("agencies.competences")}</h2>
        {categories.length > 0 ? (
          <ul class="govuk-list govuk-list--bullet">
            {categories.map((c) => (
              <li key={c.id}>{c.names[locale]}</li>
            ))}
          </ul>
        ) : (
          <p class="govuk-body">{t("agencies.no_competences")}</p>
        )}
        {children.length > 0 ? (
          <>
            <h2 class="govuk-heading-m">{t("agencies.subordinate")}</h2>
            <ul class="govuk-list">
              {children.map((c) => (
                <li key={c.id}>
                  <AgencyLink agency={c} locale={locale} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h2 class="govuk-heading-m">{t("agencies.names_heading")}</h2>
        <dl class="govuk-summary-list govuk-summary-list--no-border">
          {LOCALES.map((l) => (
            <div key={l} class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">{t(`agencies.name_in.${l}`)}</dt>
              <dd class="govuk-summary-list__value" lang={l}>
                {agency.names[l]}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}

export interface CategoriesPageProps extends ViewProps {
  categories: { category: Category; agencies: Agency[] }[];
}

/** Which body answers for what: the basis on which appeals are routed. */
export function CategoriesPage({ t, locale, categories }: CategoriesPageProps) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        <h1 class="govuk-heading-l">{t("agencies.categories_title")}</h1>
        <p class="govuk-body">{t("agencies.categories_lead")}</p>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">
            {t("agencies.categories_title")}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t("agencies.category")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("agencies.scope_heading")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("agencies.competent_bodies")}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {categories.map(({ category, agencies }) => (
              <tr key={category.id} class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {category.names[locale]}
                </th>
                <td class="govuk-table__cell">{t(`agencies.scope.${category.scope}`)}</td>
                <td class="govuk-table__cell">
                  <ul class="govuk-list govuk-!-margin-bottom-0">
                    {agencies.map((a) => (
                      <li key={a.id}>
                        <AgencyLink agency={a} locale={locale} />
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
