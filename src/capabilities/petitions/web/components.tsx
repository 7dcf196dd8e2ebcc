import type { ComponentChildren } from "preact";
import { toPlainDate } from "../../../kernel/calendar/index.js";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import { InLang, StatusTag as Tag, type TagColour } from "../../../web/components/kit.js";
import { formatDate } from "../../../web/format.js";
import type { PetitionRow } from "../petition.js";

export type Names = { kk: string; ru: string; en: string };

/** An instant as the date it was in Kazakhstan, in the reader's language. */
export function day(iso: string, locale: Locale): string {
  return formatDate(toPlainDate(new Date(iso), "Asia/Almaty"), locale, "long");
}

export function plainDay(date: string, locale: Locale): string {
  return formatDate(date, locale, "long");
}

export function Title({ p, locale }: { p: PetitionRow; locale: Locale }) {
  return (
    <InLang lang={p.language} page={locale}>
      {p.title}
    </InLang>
  );
}

const TAG: Record<string, TagColour> = {
  draft: "grey",
  gathering: "light-blue",
  admissibility: "yellow",
  refused: "red",
  collecting: "blue",
  consideration: "purple",
  decided: "green",
  expired: "grey",
  withdrawn: "grey",
};

/** A petition's status as the kit's tag, in its colour. */
export function StatusTag({ t, status }: { t: Translate; status: string }) {
  return <Tag colour={TAG[status] ?? "grey"}>{t(`petitions.status.${status}`)}</Tag>;
}

/** A POST form with its CSRF token and one submit button. */
export function ActionForm({
  action,
  csrf,
  label,
  children,
  secondary,
  warning,
}: {
  action: string;
  csrf: string;
  label: string;
  children?: ComponentChildren;
  secondary?: boolean;
  warning?: boolean;
}) {
  const variant = warning ? " govuk-button--warning" : secondary ? " govuk-button--secondary" : "";
  return (
    <form method="post" action={action} novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      {children}
      <button type="submit" class={`govuk-button${variant}`} data-prevent-double-click="true">
        {label}
      </button>
    </form>
  );
}

/** The milestones of a petition as a list of dated steps. */
export function Timeline({
  t,
  locale,
  items,
}: {
  t: Translate;
  locale: Locale;
  items: { key: string; at: string }[];
}) {
  return (
    <ol class="govuk-list govuk-list--number">
      {items.map((m) => (
        <li key={m.key}>
          {t(`petitions.milestone.${m.key}`)}: <time dateTime={m.at}>{day(m.at, locale)}</time>
        </li>
      ))}
    </ol>
  );
}
