import type { Locale } from "../kernel/i18n.js";

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date (YYYY-MM-DD) written out in the reader's language, e.g. "Monday, 14 April 2025". */
export function formatDate(
  date: string,
  locale: Locale,
  style: "full" | "long" | "medium" = "full",
): string {
  const key = `${locale}:${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
      dateStyle: style,
      timeZone: "UTC",
    });
    dateFormats.set(key, f);
  }
  return f.format(new Date(`${date}T00:00:00Z`));
}
