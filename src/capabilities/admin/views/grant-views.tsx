import type { Locale, Translate } from "../../../kernel/i18n.js";
import { ROLES, type RoleGrant } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { type Choice, Select } from "../../../web/components/kit.js";
import { type Agency, treeOrder } from "../../agencies/index.js";
import { type GrantRow, SYSTEM_WIDE } from "../staff-grants.js";

interface ViewProps {
  t: Translate;
  locale: Locale;
}

/** "Head — Akimat of Astana City": one grant in words. */
function grantLabel(t: Translate, locale: Locale, g: RoleGrant, agencies: Map<string, Agency>) {
  const where =
    g.agencyId === null
      ? t("admin.staff.system_wide")
      : (agencies.get(g.agencyId)?.names[locale] ?? g.agencyId);
  return `${t(`admin.role.${g.role}`)} — ${where}`;
}

/** A person's roles as a list, each with its body. */
export function GrantList(p: ViewProps & { grants: RoleGrant[]; agencies: Map<string, Agency> }) {
  if (p.grants.length === 0) return <>{p.t("admin.staff.no_roles")}</>;
  return (
    <ul class="govuk-list govuk-!-margin-bottom-0">
      {p.grants.map((g) => (
        <li key={`${g.role}|${g.agencyId ?? ""}`}>{grantLabel(p.t, p.locale, g, p.agencies)}</li>
      ))}
    </ul>
  );
}

/** What the role rows need: the rows, their problems, and what may be chosen. */
export interface GrantRowsProps extends ViewProps {
  rows: GrantRow[];
  issues: FieldIssue[];
  /** Bodies in which the acting person may give roles. */
  agencies: Agency[];
  /** Whether "the whole system" is offered (system admins only). */
  systemWide: boolean;
}

/** Role rows as pairs of selects: they work without JavaScript, and spare rows add roles. */
export function GrantRows(p: GrantRowsProps) {
  const { t } = p;
  const roles: Choice[] = [
    { value: "", label: t("admin.staff.no_role") },
    ...ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) })),
  ];
  const bodies: Choice[] = [
    { value: "", label: t("admin.choose") },
    ...(p.systemWide ? [{ value: SYSTEM_WIDE, label: t("admin.staff.system_wide") }] : []),
    ...treeOrder(p.agencies, p.locale).map(({ agency }) => ({
      value: agency.id,
      label: agency.names[p.locale],
    })),
  ];
  return (
    <>
      <h2 class="govuk-heading-m">{t("admin.staff.roles")}</h2>
      <p class="govuk-body">{t("admin.staff.roles_lead")}</p>
      {p.rows.map((row, i) => (
        <fieldset key={`row-${String(i)}`} class="govuk-fieldset govuk-!-margin-bottom-4">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
            {t("admin.staff.role_row", { row: i + 1 })}
          </legend>
          <Select
            t={t}
            issues={p.issues}
            id={`role_${i}`}
            label={t("admin.field.role")}
            value={row.role}
            items={roles}
          />
          <Select
            t={t}
            issues={p.issues}
            id={`body_${i}`}
            label={t("admin.field.body")}
            value={row.body}
            items={bodies}
          />
        </fieldset>
      ))}
    </>
  );
}
