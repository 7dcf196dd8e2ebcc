import { formatMonthTick } from "../../kernel/format/index.js";
import type { Locale } from "../../kernel/i18n.js";
import { plotTools } from "../../web/plot.js";
import { validPlotSvg } from "../../web/plot-svg.js";

/** GOV.UK blue and text black: both well above 3:1 against white. */
const BLUE = "#1d70b8";
const INK = "#0b0c0c";

export interface Point {
  x: string;
  y: number | null;
}

/**
 * An SVG made on the server, decorative to assistive technology (the same figures are in the
 * table beside it): hidden from the accessibility tree, with no inline style (the content
 * security policy allows none) and scaled to its container.
 */
function finish(svg: Element): string {
  for (const style of Array.from(svg.querySelectorAll("style"))) style.remove();
  svg.removeAttribute("class");
  validPlotSvg(svg);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("width", "100%");
  svg.removeAttribute("height");
  svg.setAttribute("fill", INK);
  svg.setAttribute("font-size", "12");
  return svg.outerHTML;
}

/**
 * Charts already drawn, by their figures: the same figures always give the same SVG, so a page
 * asked for again draws nothing (the figures themselves are read afresh every time).
 */
const drawn = new Map<string, string>();
const MAX_DRAWN = 500;
function remembered(key: string, draw: () => string): string {
  const hit = drawn.get(key);
  if (hit !== undefined) {
    drawn.delete(key);
    drawn.set(key, hit);
    return hit;
  }
  const svg = draw();
  if (drawn.size >= MAX_DRAWN) drawn.delete(drawn.keys().next().value as string);
  drawn.set(key, svg);
  return svg;
}

/**
 * The months' axis: each month by its short name in the page's language (the year on the first
 * and on Januaries), and at most twelve labels, so that none overlaps another.
 */
function monthAxis(points: Point[], locale: Locale) {
  const months = points.map((p) => p.x);
  const step = Math.ceil(months.length / 12);
  return {
    label: null,
    domain: months,
    ticks: months.filter((_, i) => i % step === 0),
    tickFormat: (m: string) => formatMonthTick(m, locale, m === months[0]),
  };
}

/** Bars of a count per month (`x` is `YYYY-MM`). */
export function barChart(points: Point[], yLabel: string, locale: Locale): string {
  return remembered(JSON.stringify(["bar", yLabel, locale, points]), () =>
    drawBars(points, yLabel, locale),
  );
}

function drawBars(points: Point[], yLabel: string, locale: Locale): string {
  const { Plot, document } = plotTools();
  const data = points.map((p) => ({ x: p.x, y: p.y ?? 0 }));
  const svg = Plot.plot({
    document,
    width: 640,
    height: 240,
    marginLeft: 56,
    x: { type: "band", ...monthAxis(points, locale) },
    y: { grid: true, label: yLabel },
    marks: [Plot.barY(data, { x: "x", y: "y", fill: BLUE }), Plot.ruleY([0], { stroke: INK })],
  }) as unknown as Element;
  return finish(svg);
}

/** A line with dots of a figure per month; months with nothing to measure are left out. */
export function lineChart(
  points: Point[],
  yLabel: string,
  locale: Locale,
  percent = false,
): string {
  return remembered(JSON.stringify(["line", yLabel, locale, percent, points]), () =>
    drawLine(points, yLabel, locale, percent),
  );
}

function drawLine(points: Point[], yLabel: string, locale: Locale, percent: boolean): string {
  const { Plot, document } = plotTools();
  const data = points.filter((p) => p.y !== null).map((p) => ({ x: p.x, y: p.y as number }));
  const svg = Plot.plot({
    document,
    width: 640,
    height: 240,
    marginLeft: 56,
    x: { type: "point", ...monthAxis(points, locale) },
    y: { grid: true, label: yLabel, zero: true, ...(percent ? { percent: true } : {}) },
    marks: [
      Plot.lineY(data, { x: "x", y: "y", stroke: BLUE, strokeWidth: 2 }),
      Plot.dot(data, { x: "x", y: "y", fill: BLUE, r: 3 }),
      Plot.ruleY([0], { stroke: INK }),
    ],
  }) as unknown as Element;
  return finish(svg);
}
