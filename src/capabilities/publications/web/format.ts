import type { Locale } from "../../../kernel/i18n.js";
import { formatInstantDate } from "../../../web/format.js";

/** An instant as a date in the body's zone, in the reader's language ("14 April 2025"). */
export function formatDay(iso: string, locale: Locale, timeZone: string): string {
  return formatInstantDate(iso, locale, timeZone, "long");
}
