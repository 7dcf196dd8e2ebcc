import type { Translate } from "../../kernel/i18n.js";

/** The longest search the site's search accepts (the box stops typing there). */
export const SEARCH_MAX_LENGTH = 200;

/**
 * The site-wide search's box: a GET form to `/search` (no JavaScript needed), its label, one
 * field and a button. For the home page, the header or a section's page; give each box on a
 * page its own `id`. `labelHidden` keeps the label for screen readers only (where a heading
 * already says what the box is for).
 */
export function SearchBox({
  t,
  id = "search-box",
  value = "",
  labelHidden = false,
}: {
  t: Translate;
  id?: string;
  value?: string;
  labelHidden?: boolean;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: the role gives the search landmark; <search> is newer than the validators the suite runs
    <form method="get" action="/search" role="search" class="halyq-search-box">
      <div class="govuk-form-group">
        <label class={`govuk-label${labelHidden ? " govuk-visually-hidden" : ""}`} for={id}>
          {t("search_box.label")}
        </label>
        <div class="halyq-search-box__row">
          <input
            class="govuk-input"
            id={id}
            name="q"
            type="search"
            value={value}
            maxLength={SEARCH_MAX_LENGTH}
            autocomplete="off"
            spellcheck={false}
            enterkeyhint="search"
          />
          <button type="submit" class="govuk-button" data-module="govuk-button">
            {t("search_box.button")}
          </button>
        </div>
      </div>
    </form>
  );
}
