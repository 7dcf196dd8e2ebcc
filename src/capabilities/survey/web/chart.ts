import { plotTools } from "../../../web/plot.js";
import { validPlotSvg } from "../../../web/plot-svg.js";

const label = (answer: string, series: string) => `${answer} — ${series}`;

export interface ChartBar {
  answer: string;
  series: string;
  share: number;
}

/**
 * Grouped horizontal bars (each answer: Halyq's share beside Pew's 2010 share) as SVG text,
 * drawn on the server with Observable Plot and linkedom. The page gives the same figures in a
 * table; the SVG carries a title and description for anyone who meets it without the table.
 */
export function comparisonChart(
  bars: ChartBar[],
  answers: string[],
  series: string[],
  text: { title: string; description: string },
): string {
  const { Plot, parseHTML } = plotTools();
  const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>");
  const svg = Plot.plot({
    document: document as unknown as Document,
    width: 640,
    height: Math.max(120, answers.length * series.length * 28 + 50),
    marginLeft: 270,
    marginRight: 50,
    x: { domain: [0, 100], percent: true, grid: true, label: "%" },
    y: {
      domain: answers
        .flatMap((a) => series.map((s) => label(a, s)))
        .filter((l) => bars.some((b) => label(b.answer, b.series) === l)),
      label: null,
    },
    color: { domain: series, range: ["#1d70b8", "#505a5f"] },
    marks: [
      Plot.barX(bars, {
        x: "share",
        y: (d: ChartBar) => label(d.answer, d.series),
        fill: "series",
      }),
      Plot.text(bars, {
        x: "share",
        y: (d: ChartBar) => label(d.answer, d.series),
        text: (d: ChartBar) => `${Math.round(d.share * 100)}%`,
        dx: 18,
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
  // The SVG is one image with a title and description (Plot's labels of its parts are gone).
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", "survey-chart-title survey-chart-desc");
  const title = document.createElement("title");
  title.setAttribute("id", "survey-chart-title");
  title.textContent = text.title;
  const desc = document.createElement("desc");
  desc.setAttribute("id", "survey-chart-desc");
  desc.textContent = text.description;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, svg.firstChild);
  return svg.outerHTML;
}
