import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { type FieldProps, Form, SubmitButton, TextField } from "../../../web/components/fields.js";
import { Checkboxes, type Choice, Select } from "../../../web/components/kit.js";
import {
  AGENCY_KINDS,
  AGENCY_LEVELS,
  type Agency,
  type Category,
  treeOrder,
} from "../../agencies/index.js";
import type { AgencyFormValues } from "../agency-form.js";
import { Breadcrumbs, Column, NoticeBanner, StatusTag } from "./components.js";

interface ViewProps {
  t: Translate;
  locale: Locale;
}

/** Every body, active or not, in the hierarchy's order, each linking to its edit page. */
export function AgencyListPage({
  t,
  locale,
  agencies,
  notice,
}: ViewProps & { agencies: Agency[]; notice: string | undefined }) {
  return (
    <Column wide>
      <Breadcrumbs t={t} trail={[]} />
      <NoticeBanner t={t} text={notice} />
      <h1 class="govuk-heading-l">{t("admin.agencies.title")}</h1>
      <p class="govuk-body">{t("admin.agencies.lead")}</p>
      <a href="/admin/agencies/new" class="govuk-button" data-module="govuk-button">
        {t("admin.agencies.add")}
      </a>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">
          {t("admin.agencies.count", { count: agencies.length })}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t("admin.agencies.name")}
            </th>
            <th scope="col" class="govuk-table__header">
              {t("admin.agencies.kind")}
            </th>
            <th scope="col" class="govuk-table__header">
              {t("admin.agencies.status")}
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {treeOrder(agencies, locale).map(({ agency }) => (
            <tr key={agency.id} class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/admin/agencies/${agency.slug}/edit`}>
                  {agency.names[locale]}
                </a>
              </td>
              <td class="govuk-table__cell">{t(`agencies.kind.${agency.kind}`)}</td>
              <td class="govuk-table__cell">
                <StatusTag t={t} active={agency.active} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Column>
  );
}

/** What the body form needs: the values, their problems, and the lists to choose from. */
export interface AgencyFormProps extends ViewProps {
  csrf: string;
  issues: FieldIssue[];
  values: AgencyFormValues;
  agencies: Agency[];
  categories: Category[];
  jurisdictions: string[];
  /** The body being edited; absent on the "new" page. */
  agency?: Agency;
  notice?: string | undefined;
}

function bodyOptions(t: Translate, locale: Locale, agencies: Agency[], self?: Agency): Choice[] {
  return [
    { value: "", label: t("admin.agencies.none") },
    ...treeOrder(agencies, locale)
      .filter(({ agency }) => agency.id !== self?.id)
      .map(({ agency }) => ({
        value: agency.id,
        label: agency.active
          ? agency.names[locale]
          : `${agency.names[locale]} (${t("admin.status.inactive")})`,
      })),
  ];
}

/** The one form for a body's details, contacts and competences (new and edit). */
export function AgencyFormPage(p: AgencyFormProps) {
  const { t, locale, issues, values, agency } = p;
  const f = values.fields;
  const field = (name: keyof AgencyFormValues["fields"], extra: Partial<FieldProps> = {}) => (
    <TextField
      t={t}
      issues={issues}
      name={name}
      label={t(`admin.field.${name}`)}
      value={f[name]}
      {...extra}
    />
  );
  const action = agency ? `/admin/agencies/${agency.slug}/edit` : "/admin/agencies/new";
  const title = agency ? t("admin.agencies.edit_title") : t("admin.agencies.new_title");
  return (
    <Column>
      <Breadcrumbs t={t} trail={[{ href: "/admin/agencies", label: t("admin.agencies.title") }]} />
      <ErrorSummary t={t} issues={issues} />
      <NoticeBanner t={t} text={p.notice} />
      {agency ? <span class="govuk-caption-l">{agency.names[locale]}</span> : null}
      <h1 class="govuk-heading-l">{title}</h1>
      {agency ? (
        <p class="govuk-body">
          <StatusTag t={t} active={agency.active} />{" "}
          <a class="govuk-link" href={`/agencies/${agency.slug}`}>
            {t("admin.agencies.public_page")}
          </a>
        </p>
      ) : null}
      <Form action={action} csrf={p.csrf}>
        <h2 class="govuk-heading-m">{t("admin.agencies.section_identity")}</h2>
        {field("slug", {
          hint: t("admin.field.slug_hint"),
          width: "govuk-input--width-30",
          spellcheck: false,
          maxLength: 80,
        })}
        {field("name_kk", { maxLength: 300 })}
        {field("name_ru", { maxLength: 300 })}
        {field("name_en", { maxLength: 300, hint: t("admin.languages.en_optional") })}
        <Select
          t={t}
          issues={issues}
          id="kind"
          label={t("admin.field.kind")}
          value={f.kind}
          items={[
            { value: "", label: t("admin.choose") },
            ...AGENCY_KINDS.map((k) => ({ value: k, label: t(`agencies.kind.${k}`) })),
          ]}
        />
        <Select
          t={t}
          issues={issues}
          id="level"
          label={t("admin.field.level")}
          value={f.level}
          items={[
            { value: "", label: t("admin.choose") },
            ...AGENCY_LEVELS.map((l) => ({ value: l, label: t(`agencies.level.${l}`) })),
          ]}
        />
        <Select
          t={t}
          issues={issues}
          id="parent"
          label={t("admin.field.parent")}
          hint={t("admin.field.parent_hint")}
          value={f.parent}
          items={bodyOptions(t, locale, p.agencies, agency)}
        />
        <Select
          t={t}
          issues={issues}
          id="higher_body"
          label={t("admin.field.higher_body")}
          hint={t("admin.field.higher_body_hint")}
          value={f.higher_body}
          items={bodyOptions(t, locale, p.agencies, agency)}
        />
        <Select
          t={t}
          issues={issues}
          id="jurisdiction"
          label={t("admin.field.jurisdiction")}
          value={f.jurisdiction}
          items={p.jurisdictions.map((j) => ({
            value: j,
            label: t(`calendar.jurisdiction.${j}`),
          }))}
        />
        {field("territory_code", {
          hint: t("admin.field.territory_code_hint"),
          inputmode: "numeric",
          width: "govuk-input--width-10",
          maxLength: 9,
        })}
        <h2 class="govuk-heading-m">{t("admin.agencies.section_contacts")}</h2>
        <p class="govuk-body">{t("admin.agencies.address_lead")}</p>
        {field("address_kk", { maxLength: 300 })}
        {field("address_ru", { maxLength: 300 })}
        {field("address_en", { maxLength: 300, hint: t("admin.languages.en_optional") })}
        {field("phone", { type: "tel", width: "govuk-input--width-20" })}
        {field("email", { type: "email", spellcheck: false })}
        {field("website", { hint: t("admin.field.website_hint"), spellcheck: false })}
        <p class="govuk-body">{t("admin.agencies.hours_lead")}</p>
        {field("hours_kk", { maxLength: 300 })}
        {field("hours_ru", { maxLength: 300 })}
        {field("hours_en", { maxLength: 300, hint: t("admin.languages.en_optional") })}
        <p class="govuk-body">{t("admin.agencies.head_lead")}</p>
        {field("head_kk", { maxLength: 300, spellcheck: false })}
        {field("head_ru", { maxLength: 300, spellcheck: false })}
        {field("head_en", {
          maxLength: 300,
          spellcheck: false,
          hint: t("admin.languages.en_optional"),
        })}
        <h2 class="govuk-heading-m">{t("admin.agencies.section_competences")}</h2>
        <Checkboxes
          t={t}
          issues={issues}
          id="categories"
          legend={t("admin.field.categories")}
          hint={t("admin.field.categories_hint")}
          values={values.categories}
          items={p.categories.map((c) => ({ value: c.id, label: c.names[locale] }))}
        />
        <SubmitButton>{agency ? t("admin.save") : t("admin.agencies.create")}</SubmitButton>
      </Form>
      {agency ? <ActiveForm t={t} csrf={p.csrf} agency={agency} /> : null}
    </Column>
  );
}

function ActiveForm({ t, csrf, agency }: { t: Translate; csrf: string; agency: Agency }) {
  const verb = agency.active ? "deactivate" : "reactivate";
  return (
    <>
      <h2 class="govuk-heading-m">{t(`admin.agencies.${verb}_heading`)}</h2>
      <p class="govuk-body">{t(`admin.agencies.${verb}_lead`)}</p>
      <Form action={`/admin/agencies/${agency.slug}/${verb}`} csrf={csrf}>
        <SubmitButton warning={agency.active} secondary={!agency.active}>
          {t(`admin.agencies.${verb}`)}
        </SubmitButton>
      </Form>
    </>
  );
}
