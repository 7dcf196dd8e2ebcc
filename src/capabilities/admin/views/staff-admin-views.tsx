import { formatDateTime } from "../../../kernel/format/index.js";
import { LOCALE_NAMES, LOCALES, type Locale, type Translate } from "../../../kernel/i18n.js";
import type { RoleGrant } from "../../../kernel/permissions.js";
import { ErrorSummary, FieldError } from "../../../web/components/error-summary.js";
import { Form, SubmitButton, TextField } from "../../../web/components/fields.js";
import { SummaryRow } from "../../../web/components/kit.js";
import type { Agency } from "../../agencies/index.js";
import { type Account, fullName } from "../../identity/index.js";
import type { StaffFormValues } from "../staff-admin.js";
import { Breadcrumbs, Column, NoticeBanner, StatusTag } from "./components.js";
import { GrantList, GrantRows, type GrantRowsProps } from "./grant-views.js";

interface ViewProps {
  t: Translate;
  locale: Locale;
}

/** The staff the acting person may manage, with their roles, bodies and state. */
export function StaffListPage(
  p: ViewProps & { staff: Account[]; agencies: Map<string, Agency>; notice: string | undefined },
) {
  const { t } = p;
  return (
    <Column wide>
      <Breadcrumbs t={t} trail={[]} />
      <NoticeBanner t={t} text={p.notice} />
      <h1 class="govuk-heading-l">{t("admin.staff.title")}</h1>
      <p class="govuk-body">{t("admin.staff.lead")}</p>
      <a href="/admin/staff/new" class="govuk-button" data-module="govuk-button">
        {t("admin.staff.add")}
      </a>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">
          {t("admin.staff.count", { count: p.staff.length })}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t("admin.staff.name")}
            </th>
            <th scope="col" class="govuk-table__header">
              {t("admin.staff.roles")}
            </th>
            <th scope="col" class="govuk-table__header">
              {t("admin.staff.status")}
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {p.staff.map((a) => (
            <tr key={a.id} class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/admin/staff/${a.id}/edit`}>
                  {fullName(a)}
                </a>
                <br />
                <span class="govuk-body-s">{a.email}</span>
              </td>
              <td class="govuk-table__cell">
                <GrantList t={t} locale={p.locale} grants={a.grants} agencies={p.agencies} />
              </td>
              <td class="govuk-table__cell">
                <StatusTag t={t} active={a.active} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Column>
  );
}

/** A new staff member: who they are, where the invitation goes, and their roles. */
export function StaffNewPage(p: GrantRowsProps & { csrf: string; values: StaffFormValues }) {
  const { t, issues, values: v } = p;
  return (
    <Column>
      <Breadcrumbs t={t} trail={[{ href: "/admin/staff", label: t("admin.staff.title") }]} />
      <ErrorSummary t={t} issues={issues} />
      <h1 class="govuk-heading-l">{t("admin.staff.new_title")}</h1>
      <p class="govuk-body">{t("admin.staff.new_lead")}</p>
      <Form action="/admin/staff/new" csrf={p.csrf}>
        <TextField
          t={t}
          issues={issues}
          name="surname"
          label={t("admin.field.surname")}
          value={v.surname}
          spellcheck={false}
          maxLength={100}
        />
        <TextField
          t={t}
          issues={issues}
          name="given_name"
          label={t("admin.field.given_name")}
          value={v.given_name}
          spellcheck={false}
          maxLength={100}
        />
        <TextField
          t={t}
          issues={issues}
          name="patronymic"
          label={t("admin.field.patronymic")}
          hint={t("admin.field.patronymic_hint")}
          value={v.patronymic}
          spellcheck={false}
          maxLength={100}
        />
        <TextField
          t={t}
          issues={issues}
          name="email"
          type="email"
          label={t("admin.field.staff_email")}
          hint={t("admin.field.staff_email_hint")}
          value={v.email}
          spellcheck={false}
        />
        <div
          class={`govuk-form-group${issues.some((i) => i.field === "language") ? " govuk-form-group--error" : ""}`}
        >
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
              {t("admin.field.language")}
            </legend>
            <FieldError t={t} issues={issues} field="language" id="language-error" />
            <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
              {LOCALES.map((l, i) => (
                <div key={l} class="govuk-radios__item">
                  <input
                    class="govuk-radios__input"
                    id={i === 0 ? "language" : `language-${l}`}
                    name="language"
                    type="radio"
                    value={l}
                    checked={v.language === l}
                  />
                  <label
                    class="govuk-label govuk-radios__label"
                    for={i === 0 ? "language" : `language-${l}`}
                    lang={l}
                  >
                    {LOCALE_NAMES[l]}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <GrantRows {...p} />
        <SubmitButton>{t("admin.staff.create")}</SubmitButton>
      </Form>
    </Column>
  );
}

/** What a person's page needs, including which of their roles the viewer may change. */
export interface StaffEditProps extends GrantRowsProps {
  csrf: string;
  account: Account;
  /** Roles held in bodies the acting person does not administer: shown, kept, not editable. */
  otherGrants: RoleGrant[];
  allAgencies: Map<string, Agency>;
  /** Whether the acting person may deactivate the account or reset its second factor. */
  wholeAccount: boolean;
  notice: string | undefined;
  /** The account's history, oldest first: account-wide actions with the reason recorded. */
  history?: HistoryEntry[];
  timeZone?: string;
}

/** One change to an account, as its history shows it. */
export interface HistoryEntry {
  at: string;
  action: string;
  reason: string | null;
  /** Who did it, by name; null when the person did it themselves or the system did. */
  by: string | null;
}

const HISTORY_ACTIONS = new Set([
  "staff.created",
  "staff.roles_changed",
  "staff.deactivated",
  "staff.two_factor_reset",
  "account.two_factor_enabled",
  "account.password_reset",
]);

function History(p: { t: Translate; locale: Locale; entries: HistoryEntry[]; timeZone: string }) {
  const { t } = p;
  if (p.entries.length === 0) return null;
  return (
    <>
      <h2 class="govuk-heading-m" id="history">
        {t("admin.history.title")}
      </h2>
      <ol class="govuk-list halyq-history">
        {[...p.entries].reverse().map((e) => (
          <li key={`${e.at}-${e.action}`} class="govuk-!-margin-bottom-3">
            <strong>
              {t(
                `admin.history.actions.${HISTORY_ACTIONS.has(e.action) ? e.action.replace(".", "_") : "other"}`,
              )}
            </strong>
            <br />
            <span class="govuk-body-s">
              {formatDateTime(e.at, p.locale, p.timeZone)}
              {e.by ? ` · ${e.by}` : ""}
            </span>
            {e.reason ? (
              <>
                <br />
                <span class="govuk-body-s">{t("admin.history.reason", { reason: e.reason })}</span>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}

/** One person's roles, plus the account-wide actions: reset the second factor, deactivate. */
export function StaffEditPage(p: StaffEditProps) {
  const { t, account: a } = p;
  const base = `/admin/staff/${a.id}`;
  return (
    <Column>
      <Breadcrumbs t={t} trail={[{ href: "/admin/staff", label: t("admin.staff.title") }]} />
      <ErrorSummary t={t} issues={p.issues} />
      <NoticeBanner t={t} text={p.notice} />
      <span class="govuk-caption-l">{t("admin.staff.edit_caption")}</span>
      <h1 class="govuk-heading-l">{fullName(a)}</h1>
      <dl class="govuk-summary-list">
        <SummaryRow label={t("admin.field.staff_email")}>{a.email}</SummaryRow>
        <SummaryRow label={t("admin.staff.status")}>
          <StatusTag t={t} active={a.active} />
        </SummaryRow>
        <SummaryRow label={t("admin.staff.two_factor")}>
          {a.totpEnabled ? t("admin.staff.two_factor_on") : t("admin.staff.two_factor_off")}
        </SummaryRow>
        {p.otherGrants.length > 0 ? (
          <SummaryRow label={t("admin.staff.other_roles")}>
            <GrantList t={t} locale={p.locale} grants={p.otherGrants} agencies={p.allAgencies} />
          </SummaryRow>
        ) : null}
      </dl>
      <Form action={`${base}/edit`} csrf={p.csrf}>
        <GrantRows {...p} />
        <p class="govuk-body">{t("admin.staff.sessions_end")}</p>
        <SubmitButton>{t("admin.save")}</SubmitButton>
      </Form>
      {p.wholeAccount ? (
        <>
          <h2 class="govuk-heading-m">{t("admin.staff.reset_heading")}</h2>
          <p class="govuk-body">{t("admin.staff.reset_lead")}</p>
          <p class="govuk-body">
            <a class="govuk-button govuk-button--secondary" href={`${base}/reset-two-factor`}>
              {t("admin.staff.reset")}
            </a>
          </p>
          {a.active ? (
            <>
              <h2 class="govuk-heading-m" id="deactivate">
                {t("admin.staff.deactivate_heading")}
              </h2>
              <p class="govuk-body">{t("admin.staff.deactivate_lead")}</p>
              <p class="govuk-body">
                <a class="govuk-button govuk-button--warning" href={`${base}/deactivate`}>
                  {t("admin.staff.deactivate")}
                </a>
              </p>
            </>
          ) : null}
        </>
      ) : null}
      <History
        t={t}
        locale={p.locale}
        entries={p.history ?? []}
        timeZone={p.timeZone ?? "Asia/Almaty"}
      />
    </Column>
  );
}
