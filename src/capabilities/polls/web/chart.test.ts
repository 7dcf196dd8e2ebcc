import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPlot, PlotNotLoaded } from "../../../web/plot.js";
import { barChart } from "./chart.js";

const widths = (svg: string) => {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${svg}</body></html>`);
  return Array.from(document.querySelectorAll("rect")).map((r) => Number(r.getAttribute("width")));
};
/** The x axis tick labels: Plot sets them below the axis line (y = 0.71em). */
const tickTexts = (svg: string) => {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${svg}</body></html>`);
  return Array.from(document.querySelectorAll('text[y="0.71em"]')).map((t) => t.textContent ?? "");
};

describe("poll bar chart before Plot is loaded", () => {
  it("asks for Plot to be loaded first: nothing loads it when the process starts", () => {
    expect(() => barChart([{ label: "Да", count: 1 }])).toThrow(PlotNotLoaded);
  });
});

describe("poll bar chart", () => {
  beforeAll(async () => {
    await loadPlot();
  });

  it("draws no bar and a whole-number axis when nobody has voted", () => {
    const svg = barChart([
      { label: "Да", count: 0 },
      { label: "Нет", count: 0 },
    ]);
    expect(widths(svg).every((w) => w === 0 || Number.isNaN(w))).toBe(true);
    const ticks = tickTexts(svg).filter((t) => t !== "");
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) expect(t).toMatch(/^\d+$/);
    expect(svg).not.toContain("0.0");
  });

  it("draws bars in proportion and labels only whole numbers", () => {
    const svg = barChart([
      { label: "Да", count: 3 },
      { label: "Нет", count: 1 },
    ]);
    const [yes, no] = widths(svg);
    expect(yes).toBeGreaterThan(0);
    expect(no).toBeGreaterThan(0);
    expect((yes as number) / (no as number)).toBeCloseTo(3, 1);
    for (const t of tickTexts(svg).filter((x) => x !== "")) expect(t).toMatch(/^\d+$/);
  });
});
