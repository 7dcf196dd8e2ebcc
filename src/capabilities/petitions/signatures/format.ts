import type { Locale } from "../../../kernel/i18n.js";
import { placeName } from "../../../platform/geo/place-names.js";
import { formatDateTime, formatNumber } from "../../../web/format.js";
import type { TerritoryCount } from "./panel-data.js";

/** An instant in Kazakhstan's time, in the reader's language. */
export function formatInstant(iso: string, locale: Locale): string {
  return formatDateTime(iso, locale, "Asia/Almaty");
}

export function formatCount(n: number, locale: Locale): string {
  return formatNumber(n, locale);
}

const shares = new Map<Locale, Intl.NumberFormat>();

/** A share (0.125 → "12.5%"), in the reader's language. */
export function formatShare(n: number, locale: Locale): string {
  let f = shares.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === "en" ? "en-GB" : locale, {
      style: "percent",
      maximumFractionDigits: 1,
    });
    shares.set(locale, f);
  }
  return f.format(n);
}

/**
 * A territory's label: the place's own name when Halyq knows it («Байқоңыр ауданы»), else the
 * body serving it, else its KATO code.
 */
export function territoryLabel(
  t: (key: string, params?: Record<string, string | number>) => string,
  locale: Locale,
  c: Pick<TerritoryCount, "code" | "names">,
): string {
  if (c.code === "") return t("petition_signatures.territory.unknown");
  const place = placeName(c.code);
  if (place) return t(`petition_signatures.territory.${place.kind}`, { name: place.names[locale] });
  if (c.names) return t("petition_signatures.territory.area", { name: c.names[locale] });
  return t("petition_signatures.territory.code", { code: c.code });
}
