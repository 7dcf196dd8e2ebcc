import type { Locale } from "../kernel/i18n.js";

/**
 * A time zone as a reader knows it, in their language: "Kazakhstan Time, GMT+5" rather than
 * the identifier `Asia/Almaty`.
 */
export function zoneLabel(timeZone: string, locale: Locale, at: Date = new Date()): string {
  const part = (style: "longGeneric" | "shortOffset") =>
    new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, { timeZone, timeZoneName: style })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  const name = part("longGeneric");
  const offset = part("shortOffset");
  return name === offset ? offset : `${name}, ${offset}`;
}
