import type { Locale } from "../../../kernel/i18n.js";
import { formatDateTime, formatNumber } from "../../../web/format.js";
import type { TerritoryCount } from "./panel-data.js";

/** An instant in Kazakhstan's time, in the reader's language. */
export function formatInstant(iso: string, locale: Locale): string {
  return formatDateTime(iso, locale, "Asia/Almaty");
}

export function formatCount(n: number, locale: Locale): string {
  return formatNumber(n, locale);
}

/** A territory's label: the body serving it when known, else its KATO code. */
export function territoryLabel(
  t: (key: string, params?: Record<string, string | number>) => string,
  locale: Locale,
  c: Pick<TerritoryCount, "code" | "names">,
): string {
  if (c.code === "") return t("petition_signatures.territory.unknown");
  if (c.names) return t("petition_signatures.territory.area", { name: c.names[locale] });
  return t("petition_signatures.territory.code", { code: c.code });
}
