import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import astana from "./boundaries/kz-astana-districts.json" with { type: "json" };

/** Names in the three languages of the interface. */
export interface GeoNames {
  kk: string;
  ru: string;
  en: string;
}

type Ring = [number, number][];
interface Geometry {
  type: "Polygon" | "MultiPolygon";
  coordinates: Ring[] | Ring[][];
}

/**
 * A district's boundary as its data file gives it: a GeoJSON Feature whose properties are the
 * district's KATO code, its names in kk, ru and en, and other spellings (an alias ending in `*`
 * is the start of a word: "Есильск*" finds "Есильский" and "Есильского").
 */
export interface District {
  kato: string;
  names: GeoNames;
  aliases: string[];
  feature: { type: "Feature"; properties: Record<string, unknown>; geometry: Geometry };
}

/** One city's districts: a GeoJSON FeatureCollection with the city as a foreign member. */
export interface DistrictCollection {
  name: string;
  description: string;
  /** The jurisdiction whose rules apply there (the appeals profile, e.g. "kz"). */
  jurisdiction: string;
  city: { kato: string; names: GeoNames };
  districts: District[];
}

interface FileCollection {
  type: string;
  name: string;
  description: string;
  jurisdiction: string;
  city: { kato: string; names: GeoNames };
  features: {
    type: string;
    properties: { kato: string; names: GeoNames; aliases?: string[] };
    geometry: { type: string; coordinates: unknown };
  }[];
}

/** Reads a data file, failing at start on anything that is not the shape described above. */
export function districtCollection(file: FileCollection): DistrictCollection {
  if (file.type !== "FeatureCollection") throw new Error(`${file.name}: not a FeatureCollection`);
  const districts = file.features.map((f) => {
    const { kato, names, aliases = [] } = f.properties;
    if (!/^\d{9}$/.test(kato) || !names?.kk || !names.ru || !names.en) {
      throw new Error(`${file.name}: a district needs a 9-digit KATO code and kk, ru, en names`);
    }
    if (f.geometry.type !== "Polygon" && f.geometry.type !== "MultiPolygon") {
      throw new Error(`${file.name}: ${kato} is not a Polygon or MultiPolygon`);
    }
    return {
      kato,
      names,
      aliases,
      feature: {
        type: "Feature" as const,
        properties: { kato },
        geometry: f.geometry as Geometry,
      },
    };
  });
  return {
    name: file.name,
    description: file.description,
    jurisdiction: file.jurisdiction,
    city: file.city,
    districts,
  };
}

/** The district boundaries shipped with Halyq (`src/platform/geo/boundaries/`). */
export const DISTRICT_COLLECTIONS: readonly DistrictCollection[] = [districtCollection(astana)];

/** The district a point (WGS 84) lies in, if any known one holds it (a shared edge: the first). */
export function districtAt(
  point: { lat: number; long: number },
  collections: readonly DistrictCollection[] = DISTRICT_COLLECTIONS,
): District | undefined {
  if (!Number.isFinite(point.lat) || !Number.isFinite(point.long)) return undefined;
  for (const c of collections) {
    for (const d of c.districts) {
      // biome-ignore lint/suspicious/noExplicitAny: our Geometry is the GeoJSON shape turf reads
      if (booleanPointInPolygon([point.long, point.lat], d.feature as any)) return d;
    }
  }
  return undefined;
}

/** Lower case, ё as е, and every run of non-letters a single space. */
function normalise(text: string): string {
  return ` ${text
    .toLocaleLowerCase("ru")
    .replace(/ё/g, "е")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
}

function mentions(text: string, name: string): boolean {
  const stem = name.endsWith("*");
  const wanted = normalise(stem ? name.slice(0, -1) : name).trimEnd();
  // A whole word (or words), or the start of a word for a stem.
  return stem ? text.includes(wanted) : text.includes(`${wanted} `);
}

/**
 * The one district an address names, in any language (its name or an alias as a whole word):
 * undefined when none is named or more than one is.
 */
export function districtNamedIn(
  address: string,
  collections: readonly DistrictCollection[] = DISTRICT_COLLECTIONS,
): District | undefined {
  const text = normalise(address);
  const found = new Map<string, District>();
  for (const c of collections) {
    for (const d of c.districts) {
      const names = [d.names.kk, d.names.ru, d.names.en, ...d.aliases];
      if (names.some((n) => mentions(text, n))) found.set(d.kato, d);
    }
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/**
 * The place a KATO code names among the shipped boundaries: a district with its city, or a city
 * alone; undefined for a code none of them knows.
 */
export function placeOfKato(
  kato: string,
  collections: readonly DistrictCollection[] = DISTRICT_COLLECTIONS,
): { city: GeoNames; district?: GeoNames } | undefined {
  for (const c of collections) {
    if (c.city.kato === kato) return { city: c.city.names };
    const d = c.districts.find((x) => x.kato === kato);
    if (d) return { city: c.city.names, district: d.names };
  }
  return undefined;
}
