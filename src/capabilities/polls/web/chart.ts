import { plotTools } from "../../../web/plot.js";
import { validPlotSvg } from "../../../web/plot-svg.js";

/**
 * A horizontal bar chart as SVG text, drawn on the server (Observable Plot with linkedom as
 * its document). It is decoration for sighted readers: the page gives the same numbers in a
 * table, so the SVG is hidden from assistive technology.
 */
export function barChart(bars: { label: string; count: number }[]): string {
  const { Plot, parseHTML } = plotTools();
  const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>");
  const height = Math.max(60, bars.length * 34 + 40);
  // Counts are whole numbers: with no votes (or a few) the axis still runs from 0 to at least 1
  // with whole-number ticks, so empty bars are drawn empty rather than stretched to full width.
  const max = Math.max(1, ...bars.map((b) => b.count));
  const svg = Plot.plot({
    document: document as unknown as Document,
    width: 640,
    height,
    marginLeft: 180,
    x: {
      grid: true,
      label: null,
      domain: [0, max],
      ticks: Math.min(max, 5),
      tickFormat: (n: number) => (Number.isInteger(n) ? String(n) : ""),
    },
    y: { label: null, domain: bars.map((b) => b.label) },
    marks: [
      Plot.barX(bars, { x: "count", y: "label", fill: "#1d70b8" }),
      Plot.text(bars, {
        x: "count",
        y: "label",
        text: (d: { count: number }) => String(d.count),
        dx: 12,
        fill: "#0b0c0c",
      }),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element;
  // The page's CSP allows no inline style: drop Plot's <style> and style attributes.
  for (const el of Array.from(svg.querySelectorAll("style"))) el.remove();
  for (const el of [svg, ...Array.from(svg.querySelectorAll("[style]"))])
    el.removeAttribute("style");
  validPlotSvg(svg);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  return svg.outerHTML;
}
