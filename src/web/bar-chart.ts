import { loadPlot } from "./plot.js";
import { validPlotSvg } from "./plot-svg.js";

/**
 * Horizontal bars of a count per named row (executors, channels, topics), drawn on the server
 * as SVG. Decorative to assistive technology: the page puts the same figures in a table next
 * to it, so the SVG is hidden from the accessibility tree; no inline style (the content
 * security policy allows none); scaled to its container, so it fits a phone.
 */
export async function horizontalBars(items: { label: string; value: number }[]): Promise<string> {
  const { Plot, document } = await loadPlot();
  const data = items.map((i) => ({
    label: i.label.length > 40 ? `${i.label.slice(0, 39)}…` : i.label,
    value: i.value,
  }));
  const svg = Plot.plot({
    document,
    width: 640,
    height: Math.max(80, data.length * 26 + 40),
    marginLeft: 240,
    marginRight: 40,
    x: {
      grid: true,
      label: null,
      tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : ""),
    },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.barX(data, { x: "value", y: "label", fill: "#1d70b8" }),
      Plot.text(data, {
        x: "value",
        y: "label",
        text: (d: { value: number }) => String(d.value),
        dx: 12,
        fill: "#0b0c0c",
      }),
      Plot.ruleX([0], { stroke: "#0b0c0c" }),
    ],
  }) as unknown as Element;
  for (const style of Array.from(svg.querySelectorAll("style"))) style.remove();
  for (const el of [svg, ...Array.from(svg.querySelectorAll("[style]"))])
    el.removeAttribute("style");
  svg.removeAttribute("class");
  validPlotSvg(svg);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("width", "100%");
  svg.removeAttribute("height");
  svg.setAttribute("fill", "#0b0c0c");
  svg.setAttribute("font-size", "12");
  return svg.outerHTML;
}
