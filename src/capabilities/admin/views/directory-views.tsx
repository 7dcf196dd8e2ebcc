import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import {
  DateInput,
  dateParts,
  Form,
  Input,
  ResponsiveTable,
  Select,
  SubmitButton,
} from "../../../web/components/kit.js";
import { formatDate } from "../../../web/format.js";
import type { Department, DirectoryEntry, SubstitutionRow } from "../../identity/index.js";
import { inLocale } from "../../identity/index.js";
import { type FormBody, one } from "../form.js";
import { Breadcrumbs, Column, NoticeBanner } from "./components.js";

/** A directory form that failed, shown again with what was typed. */
export interface DirectoryForm {
  form: "department" | "position" | "substitution" | "cancel";
  issues: FieldIssue[];
  body: FormBody;
}

const k = (key: string) => `admin.directory.${key}`;

/** A body's departments, its staff with their positions, and who substitutes for whom. */
export function DirectoryPage(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  agency: { id: string; name: string };
  bodies: { id: string; name: string }[];
  departments: Department[];
  staff: DirectoryEntry[];
  substitutions: SubstitutionRow[];
  failed: DirectoryForm | null;
  done: string | null;
}) {
  const { t, locale, failed } = p;
  const issuesOf = (form: DirectoryForm["form"]) => (failed?.form === form ? failed.issues : []);
  const typed = (form: DirectoryForm["form"], name: string) =>
    failed?.form === form ? one(failed.body, name) : "";
  const depName = (id: string | null) => {
    const d = p.departments.find((x) => x.id === id);
    return d ? (inLocale(d.names, locale) ?? "") : "";
  };
  const person = (id: string) => p.staff.find((s) => s.id === id)?.name ?? "";
  const choose = { value: "", label: t("appeals.staff.choose") };
  const people = [choose, ...p.staff.map((s) => ({ value: s.id, label: s.name }))];
  const agencyField = <input type="hidden" name="agency" value={p.agency.id} />;
  const ids: Record<string, string> = {
    nameKk: "dep-nameKk",
    nameRu: "dep-nameRu",
    nameEn: "dep-nameEn",
    accountId: "pos-accountId",
    departmentId: "pos-departmentId",
    titleKk: "pos-titleKk",
    titleRu: "pos-titleRu",
    titleEn: "pos-titleEn",
    absentId: "sub-absentId",
    substituteId: "sub-substituteId",
    from: "sub-from",
    until: "sub-until",
  };
  return (
    <>
      <Breadcrumbs t={t} trail={[{ href: "/admin/directory", label: t(k("title")) }]} />
      <ErrorSummary t={t} issues={failed?.issues ?? []} fieldIds={ids} />
      <NoticeBanner t={t} text={p.done ? t(k(`done_${p.done}`)) : undefined} />
      <span class="govuk-caption-l">{p.agency.name}</span>
      <h1 class="govuk-heading-l">{t(k("title"))}</h1>
      {p.bodies.length > 1 ? (
        <form method="get" action="/admin/directory" novalidate>
          <Select
            t={t}
            id="agency"
            label={t(k("body"))}
            issues={[]}
            value={p.agency.id}
            items={p.bodies.map((b) => ({ value: b.id, label: b.name }))}
          />
          <SubmitButton secondary>{t(k("show"))}</SubmitButton>
        </form>
      ) : null}

      <Column wide>
        <ResponsiveTable
          id="directory-staff"
          caption={t(k("staff"))}
          mode="stack"
          rows={p.staff}
          rowKey={(s) => s.id}
          empty={t(k("no_staff"))}
          columns={[
            { key: "name", header: t(k("person")), cell: (s) => s.name, rowHeader: true },
            { key: "department", header: t(k("department")), cell: (s) => depName(s.departmentId) },
            { key: "position", header: t(k("position")), cell: (s) => s.position ?? "" },
          ]}
        />
      </Column>

      <Column>
        <h2 class="govuk-heading-m">{t(k("set_position"))}</h2>
        <Form action="/admin/directory/positions" csrf={p.csrf}>
          {agencyField}
          <Select
            t={t}
            id="pos-accountId"
            name="accountId"
            issueField="accountId"
            label={t(k("person"))}
            issues={issuesOf("position")}
            value={typed("position", "accountId")}
            items={people}
          />
          <Select
            t={t}
            id="pos-departmentId"
            name="departmentId"
            issueField="departmentId"
            label={t(k("department"))}
            issues={issuesOf("position")}
            value={typed("position", "departmentId")}
            items={[
              { value: "", label: t(k("no_department")) },
              ...p.departments.map((d) => ({
                value: d.id,
                label: inLocale(d.names, locale) ?? "",
              })),
            ]}
          />
          {(["titleKk", "titleRu", "titleEn"] as const).map((f) => (
            <Input
              key={f}
              t={t}
              id={ids[f] ?? f}
              name={f}
              issueField={f}
              label={t(k(`position_${f.slice(-2).toLowerCase()}`))}
              issues={issuesOf("position")}
              value={typed("position", f)}
              lang={f.slice(-2).toLowerCase()}
            />
          ))}
          <SubmitButton>{t(k("save"))}</SubmitButton>
        </Form>

        <h2 class="govuk-heading-m">{t(k("departments"))}</h2>
        {p.departments.length > 0 ? (
          <ul class="govuk-list govuk-list--bullet">
            {p.departments.map((d) => (
              <li key={d.id}>{inLocale(d.names, locale)}</li>
            ))}
          </ul>
        ) : (
          <p class="govuk-body">{t(k("no_departments"))}</p>
        )}
        <Form action="/admin/directory/departments" csrf={p.csrf}>
          {agencyField}
          {(["nameKk", "nameRu", "nameEn"] as const).map((f) => (
            <Input
              key={f}
              t={t}
              id={ids[f] ?? f}
              name={f}
              issueField={f}
              label={t(k(`name_${f.slice(-2).toLowerCase()}`))}
              issues={issuesOf("department")}
              value={typed("department", f)}
              lang={f.slice(-2).toLowerCase()}
            />
          ))}
          <SubmitButton>{t(k("add_department"))}</SubmitButton>
        </Form>

        <h2 class="govuk-heading-m">{t(k("substitutions"))}</h2>
        <p class="govuk-body">{t(k("substitutions_lead"))}</p>
        {p.substitutions.length > 0 ? (
          <ul class="govuk-list govuk-list--spaced" id="substitutions">
            {p.substitutions.map((s) => (
              <li key={s.id}>
                {t(k("substitution_line"), {
                  substitute: person(s.substituteId),
                  absent: person(s.absentId),
                  from: formatDate(s.from, locale, "long"),
                  until: formatDate(s.until, locale, "long"),
                })}
                <Form action="/admin/directory/substitutions/cancel" csrf={p.csrf}>
                  {agencyField}
                  <input type="hidden" name="id" value={s.id} />
                  <SubmitButton secondary>{t(k("cancel"))}</SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p class="govuk-body">{t(k("no_substitutions"))}</p>
        )}
        <Form action="/admin/directory/substitutions" csrf={p.csrf}>
          {agencyField}
          <Select
            t={t}
            id="sub-absentId"
            name="absentId"
            issueField="absentId"
            label={t(k("absent"))}
            issues={issuesOf("substitution")}
            value={typed("substitution", "absentId")}
            items={people}
          />
          <Select
            t={t}
            id="sub-substituteId"
            name="substituteId"
            issueField="substituteId"
            label={t(k("substitute"))}
            issues={issuesOf("substitution")}
            value={typed("substitution", "substituteId")}
            items={people}
          />
          {(["from", "until"] as const).map((f) => (
            <DateInput
              key={f}
              t={t}
              id={ids[f] ?? f}
              name={f}
              issueField={f}
              legend={t(k(f))}
              issues={issuesOf("substitution")}
              value={
                failed?.form === "substitution"
                  ? dateParts(failed.body, f)
                  : { day: "", month: "", year: "" }
              }
            />
          ))}
          <SubmitButton>{t(k("add_substitution"))}</SubmitButton>
        </Form>
      </Column>
    </>
  );
}
