import { DISTRICT_COLLECTIONS, type DistrictCollection, type GeoNames } from "./districts.js";

/** A place Halyq knows by its KATO code: a city or one of its districts, with its own names. */
export interface PlaceName {
  kind: "city" | "district";
  names: GeoNames;
}

/**
 * The place a KATO code names, from the district boundaries shipped with Halyq (a city or one
 * of its districts), or undefined when Halyq holds no names for it. Pages phrase it themselves
 * («Байқоңыр ауданы», «район Байконур», "Baikonur district").
 */
export function placeName(
  code: string | null | undefined,
  collections: readonly DistrictCollection[] = DISTRICT_COLLECTIONS,
): PlaceName | undefined {
  if (!code) return undefined;
  for (const c of collections) {
    if (c.city.kato === code) return { kind: "city", names: c.city.names };
    const d = c.districts.find((x) => x.kato === code);
    if (d) return { kind: "district", names: d.names };
  }
  return undefined;
}
