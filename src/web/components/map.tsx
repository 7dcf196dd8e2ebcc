import type { Translate } from "../../kernel/i18n.js";
import type { FieldIssue } from "../../kernel/result.js";
import { FieldError } from "./error-summary.js";

/**
 * Maps are progressive enhancement (assets/halyq-map.js with Leaflet): each map below is
 * `hidden` until the script, which loads only on a page rendered with `{ map: true }` when a
 * tile server is configured, shows it. Without JavaScript or maps the page works as it is.
 */

/** The texts the map script shows, in the page's language (no English on kk and ru pages). */
function scriptTexts(t: Translate) {
  return {
    "data-zoom-in": t("map.zoom_in"),
    "data-zoom-out": t("map.zoom_out"),
    "data-close-popup": t("map.close_popup"),
  };
}

/**
 * Marking a place on a map in a form: a click, a tap or Enter on the focused map puts the
 * marker there (it can be dragged), and fills the hidden `lat`/`lon` fields. The form's address
 * field stays the way to describe the place without the map (WCAG: the map is never the only way).
 */
export function LocationPicker({
  t,
  issues,
  lat,
  lon,
  id = "location",
}: {
  t: Translate;
  issues: FieldIssue[];
  lat: number | undefined;
  lon: number | undefined;
  id?: string;
}) {
  const error = issues.some((i) => i.field === id);
  const chosen = lat !== undefined && lon !== undefined;
  return (
    <div
      class={`govuk-form-group halyq-map-picker${error ? " govuk-form-group--error" : ""}`}
      data-halyq-map="picker"
      hidden
    >
      <p class="govuk-label govuk-label--s" id={`${id}-label`}>
        {t("map.picker_label")}
      </p>
      <div id={`${id}-hint`} class="govuk-hint">
        {t("map.picker_hint")}
      </div>
      <FieldError t={t} issues={issues} field={id} id={`${id}-error`} />
      <div
        id={id}
        class="halyq-map"
        role="application"
        tabindex={0}
        aria-labelledby={`${id}-label`}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ")}
        data-marker-label={t("map.marker")}
        {...scriptTexts(t)}
      />
      <p class="govuk-body-s halyq-map__status" aria-live="polite" data-map-status>
        {chosen ? t("map.chosen", { lat: String(lat), lon: String(lon) }) : t("map.none")}
      </p>
      <button
        type="button"
        class="govuk-button govuk-button--secondary"
        data-map-clear
        data-template-chosen={t("map.chosen", { lat: "{lat}", lon: "{lon}" })}
        data-template-none={t("map.none")}
      >
        {t("map.clear")}
      </button>
      <input type="hidden" name="lat" value={chosen ? String(lat) : ""} data-map-lat />
      <input type="hidden" name="lon" value={chosen ? String(lon) : ""} data-map-lon />
    </div>
  );
}

/** One place of a list shown on a map: the list item carries its point. */
export function pointAttributes(point: { lat: number | null; lon: number | null }) {
  return point.lat === null || point.lon === null
    ? {}
    : { "data-lat": String(point.lat), "data-lon": String(point.lon) };
}

/**
 * A map of the places of a list on the same page (`listId`): each item with `data-lat` and
 * `data-lon` (see `pointAttributes`) becomes a marker whose popup holds the item's first link.
 * The list is the content; the map only shows where.
 */
export function PointsMap({ t, listId, label }: { t: Translate; listId: string; label: string }) {
  return (
    <div class="halyq-map-points" data-halyq-map="points" hidden>
      {/* biome-ignore lint/a11y/useSemanticElements: a <section> with no heading is a validator warning; a named region is what this is */}
      <div
        class="halyq-map halyq-map--tall"
        role="region"
        tabindex={0}
        aria-label={label}
        aria-describedby={`${listId}-map-hint`}
        data-map-list={listId}
        {...scriptTexts(t)}
      />
      <p id={`${listId}-map-hint`} class="govuk-body-s">
        {t("map.points_hint")}
      </p>
    </div>
  );
}
