import {
  DISTRICT_COLLECTIONS,
  type District,
  type DistrictCollection,
  districtAt,
  type GeoNames,
} from "./districts.js";

/** A point on the Earth (WGS 84 degrees). */
export interface Point {
  lat: number;
  lon: number;
}

/** What a pair of latitude and longitude fields from a form says. */
export type PointReading =
  /** Both empty: no point was chosen (the address alone describes the place). */
  | { kind: "none" }
  | { kind: "ok"; point: Point; district: District | undefined }
  /** Not two decimal numbers of degrees, or only one of them. */
  | { kind: "invalid" }
  /** A real point, but outside every district Halyq holds for the jurisdiction. */
  | { kind: "outside"; territory: GeoNames };

const DEGREES = /^-?\d{1,3}(\.\d{1,12})?$/;

/**
 * Reads a point from text fields and checks it lies in the configured territory: the district
 * boundaries shipped for the jurisdiction (Kazakhstan: Astana's districts). A jurisdiction with
 * no boundaries takes any point on the Earth. Decimals are rounded to six places (about 10 cm).
 */
export function readPoint(
  latText: string,
  lonText: string,
  jurisdiction: string,
  collections: readonly DistrictCollection[] = DISTRICT_COLLECTIONS,
): PointReading {
  const latRaw = latText.trim();
  const lonRaw = lonText.trim();
  if (latRaw === "" && lonRaw === "") return { kind: "none" };
  if (!DEGREES.test(latRaw) || !DEGREES.test(lonRaw)) return { kind: "invalid" };
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const point = { lat: round(Number(latRaw)), lon: round(Number(lonRaw)) };
  if (Math.abs(point.lat) > 90 || Math.abs(point.lon) > 180) return { kind: "invalid" };
  const territory = collections.filter((c) => c.jurisdiction === jurisdiction);
  if (territory.length === 0) return { kind: "ok", point, district: undefined };
  const district = districtAt({ lat: point.lat, long: point.lon }, territory);
  if (!district)
    return { kind: "outside", territory: (territory[0] as DistrictCollection).city.names };
  return { kind: "ok", point, district };
}
