import type { Locale, Translate } from "../../kernel/i18n.js";
import { placeOfKato } from "../../platform/geo/districts.js";

/**
 * A registered address (a KATO code from the e-ID) as people name it: «Астана қаласы,
 * Байқоңыр ауданы», «город Астана, район «Байконур»», "Baikonur District, Astana"; the code
 * itself only when Halyq does not know the place.
 */
export function residenceText(t: Translate, locale: Locale, code: string): string {
  const place = placeOfKato(code);
  if (!place) return t("identity.account.residence_from_eid", { code });
  const city = place.city[locale];
  return place.district
    ? t("identity.account.residence_district", { city, district: place.district[locale] })
    : t("identity.account.residence_city", { city });
}
