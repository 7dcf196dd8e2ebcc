import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as PlotLoader from "../../src/web/plot.js";
import type { TestApp } from "../support/app.js";
import { htmlProblems } from "../support/html.js";

/**
 * Observable Plot and linkedom are loaded by the first chart a process draws, not at start: the
 * first pages with charts after a start (asked for at once) are still drawn on the server.
 */
describe("charts on the first pages after a start", () => {
  let t: TestApp;
  let plot: typeof PlotLoader;
  beforeAll(async () => {
    // Files of this project share a worker's modules: a fresh copy of the app and of the loader
    // is a process in which no chart was drawn yet, whatever ran before in this worker.
    vi.resetModules();
    plot = await import("../../src/web/plot.js");
    const { startTestApp } = await import("../support/app.js");
    t = await startTestApp("sqlite");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("loads Plot on the first chart and renders every page asked for meanwhile in full", async () => {
    expect(() => plot.plotTools()).toThrow(plot.PlotNotLoaded);
    const paths = ["/statistics?lang=ru", "/statistics?lang=kk", "/statistics?lang=ru"];
    const pages = await Promise.all(paths.map((url) => t.app.inject({ url })));
    for (const page of pages) {
      expect(page.statusCode).toBe(200);
      expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(page.body.match(/<svg /g)?.length).toBe(3);
      expect(await htmlProblems(page.body)).toEqual([]);
    }
    expect(() => plot.plotTools()).not.toThrow();
    // The page drawn after the load is the same page.
    const again = await t.app.inject({ url: "/statistics?lang=ru" });
    expect(again.body).toBe(pages[0]?.body);
  });
});
