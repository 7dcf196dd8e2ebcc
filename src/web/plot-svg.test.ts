import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { TABULAR_NUMS_CLASS, validPlotSvg } from "./plot-svg.js";

describe("validPlotSvg", () => {
  it("replaces Plot's font-variant=tabular-nums by a class and keeps valid values", () => {
    const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>");
    const svg = Plot.plot({
      document: document as unknown as Document,
      marks: [Plot.barY([{ x: "a", y: 3 }], { x: "x", y: "y" })],
    }) as unknown as Element;
    expect(svg.outerHTML).toContain('font-variant="tabular-nums"');
    const small = document.createElement("g");
    small.setAttribute("font-variant", "small-caps");
    svg.appendChild(small);
    validPlotSvg(svg);
    const html = svg.outerHTML;
    expect(html).not.toContain('font-variant="tabular-nums"');
    expect(html).toContain(TABULAR_NUMS_CLASS);
    expect(small.getAttribute("font-variant")).toBe("small-caps");
  });

  it("drops the English labels Plot gives the parts of a chart", () => {
    const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>");
    const svg = Plot.plot({
      document: document as unknown as Document,
      marks: [Plot.barY([{ x: "a", y: 3 }], { x: "x", y: "y" }), Plot.ruleY([0])],
    }) as unknown as Element;
    expect(svg.outerHTML).toMatch(/aria-label="(y-axis tick|bar)"/);
    validPlotSvg(svg);
    expect(svg.outerHTML).not.toContain("aria-label");
  });
});
