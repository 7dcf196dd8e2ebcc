import type { Locale } from "../kernel/i18n.js";

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, what: "full" | "time"): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${what}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
      timeZone,
      ...(what === "full" ? { dateStyle: "full", timeStyle: "short" } : { timeStyle: "short" }),
    });
    formats.set(key, f);
  }
  return f;
}

/** When an event (a meeting, a reception slot) runs, in the body's zone and the reader's language, e.g. "Tuesday, 1 April 2025 at 15:00–17:00". */
export function formatEventTime(
  m: { starts_at: string; ends_at: string; time_zone: string },
  locale: Locale,
): string {
  const start = formatter(locale, m.time_zone, "full").format(new Date(m.starts_at));
  const end = formatter(locale, m.time_zone, "time").format(new Date(m.ends_at));
  return `${start}–${end}`;
}
