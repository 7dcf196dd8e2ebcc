import type { Locale } from "../../../kernel/i18n.js";

const formats = new Map<string, Intl.DateTimeFormat>();

/** An instant as a date in the body's zone, in the reader's language ("14 April 2025"). */
export function formatDay(iso: string, locale: Locale, timeZone: string): string {
  const key = `${locale}:${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
      dateStyle: "long",
      timeZone,
    });
    formats.set(key, f);
  }
  return f.format(new Date(iso));
}
