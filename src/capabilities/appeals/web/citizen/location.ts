import type { Locale } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { readPoint } from "../../../../platform/geo/territory.js";
import { field } from "./shared.js";

/**
 * The point marked on the map of the details step (hidden `lat`/`lon` fields that the map
 * script fills; both empty without JavaScript or when no point is marked). A point that is not
 * one, or lies outside the territory of the jurisdiction, is a localised error on the map.
 */
export function readLocation(
  body: unknown,
  jurisdiction: string,
  locale: Locale,
): { values: { lat: number | undefined; lon: number | undefined }; issues: FieldIssue[] } {
  const r = readPoint(field(body, "lat"), field(body, "lon"), jurisdiction);
  const none = { lat: undefined, lon: undefined };
  switch (r.kind) {
    case "none":
      return { values: none, issues: [] };
    case "ok":
      return { values: { lat: r.point.lat, lon: r.point.lon }, issues: [] };
    case "invalid":
      return { values: none, issues: [{ field: "location", key: "map.error.point_invalid" }] };
    case "outside":
      return {
        values: none,
        issues: [
          {
            field: "location",
            key: "map.error.point_outside",
            params: { territory: r.territory[locale] },
          },
        ],
      };
  }
}
