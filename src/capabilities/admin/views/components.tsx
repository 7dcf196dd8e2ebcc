import type { ComponentChildren } from "preact";
import type { Translate } from "../../../kernel/i18n.js";
import { StatusTag as KitStatusTag } from "../../../web/components/kit.js";
import { SuccessBanner } from "../../../web/components/notices.js";

/** The green banner after a change was saved, naming what happened. */
export function NoticeBanner({ t, text }: { t: Translate; text: string | undefined }) {
  return <SuccessBanner title={t("admin.notice_title")} text={text} />;
}

/** "Administration › …" above each page, so people can find their way back. */
export function Breadcrumbs({
  t,
  trail,
}: {
  t: Translate;
  trail: { href: string; label: string }[];
}) {
  return (
    <nav class="govuk-breadcrumbs" aria-label={t("layout.breadcrumbs")}>
      <ol class="govuk-breadcrumbs__list">
        {[{ href: "/admin", label: t("admin.title") }, ...trail].map((c) => (
          <li key={c.href} class="govuk-breadcrumbs__list-item">
            <a class="govuk-breadcrumbs__link" href={c.href}>
              {c.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** An active/inactive tag. */
export function StatusTag({ t, active }: { t: Translate; active: boolean }) {
  return (
    <KitStatusTag colour={active ? "green" : "grey"}>
      {t(active ? "admin.status.active" : "admin.status.inactive")}
    </KitStatusTag>
  );
}

/** GOV.UK's reading column (two thirds), or the full width for tables. */
export function Column({ wide, children }: { wide?: boolean; children: ComponentChildren }) {
  return (
    <div class="govuk-grid-row">
      <div class={wide ? "govuk-grid-column-full" : "govuk-grid-column-two-thirds"}>{children}</div>
    </div>
  );
}
