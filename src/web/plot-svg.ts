/** The class that stands for Plot's `font-variant="tabular-nums"` (see halyq.scss). */
export const TABULAR_NUMS_CLASS = "halyq-tabular-nums";

/** The values SVG's `font-variant` presentation attribute takes (SVG 1.1, CSS 2 shorthand). */
const FONT_VARIANTS = new Set(["normal", "small-caps", "inherit"]);

/**
 * Makes an Observable Plot SVG valid and quiet: Plot labels its parts in English
 * (`aria-label="y-axis tick"`), which a chart in another language must not carry, and writes `font-variant="tabular-nums"` on its axis
 * labels, a CSS 3 value the SVG attribute does not take (the W3C checker refuses it). The
 * content security policy allows no inline style, so a class in the stylesheet carries it
 * (`font-variant-numeric: tabular-nums`).
 */
export function validPlotSvg(svg: Element): void {
  for (const el of Array.from(svg.querySelectorAll("[aria-label], [aria-description]"))) {
    el.removeAttribute("aria-label");
    el.removeAttribute("aria-description");
  }
  for (const el of [svg, ...Array.from(svg.querySelectorAll("[font-variant]"))]) {
    const value = el.getAttribute("font-variant");
    if (value === null || FONT_VARIANTS.has(value)) continue;
    el.removeAttribute("font-variant");
    if (value.split(/\s+/).includes("tabular-nums")) {
      const classes = (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean);
      el.setAttribute("class", [...classes, TABULAR_NUMS_CLASS].join(" "));
    }
  }
}
