import type { Translate } from "../../../kernel/i18n.js";
import { Column } from "./components.js";

/** The administration's front page: the sections this person may open, and what each is for. */
export function OverviewPage({
  t,
  agencies,
  open311,
  calendars = false,
}: {
  t: Translate;
  agencies: boolean;
  open311: boolean;
  calendars?: boolean;
}) {
  const sections = [
    ...(agencies ? [{ href: "/admin/agencies", key: "agencies" }] : []),
    { href: "/admin/staff", key: "staff" },
    { href: "/admin/directory", key: "directory" },
    // Kept by the appeals office; an administrator of a body manages them too.
    { href: "/office/answer-templates", key: "answer_templates" },
    ...(open311 ? [{ href: "/admin/open311-keys", key: "open311" }] : []),
    ...(calendars ? [{ href: "/admin/calendars", key: "calendar" }] : []),
  ];
  return (
    <Column>
      <h1 class="govuk-heading-l">{t("admin.title")}</h1>
      <p class="govuk-body">{t("admin.lead")}</p>
      <ul class="govuk-list govuk-list--spaced">
        {sections.map((s) => (
          <li key={s.href}>
            <a
              class="govuk-link govuk-link--no-visited-state govuk-!-font-weight-bold"
              href={s.href}
            >
              {t(`admin.${s.key}.title`)}
            </a>
            <p class="govuk-body govuk-!-margin-bottom-0">{t(`admin.${s.key}.summary`)}</p>
          </li>
        ))}
      </ul>
    </Column>
  );
}
