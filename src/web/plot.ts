import type * as PlotModule from "@observablehq/plot";
import type { parseHTML as ParseHTML } from "linkedom";

/** Observable Plot, linkedom and one document of linkedom's in which Plot creates its elements. */
export interface PlotTools {
  Plot: typeof PlotModule;
  parseHTML: typeof ParseHTML;
  /** One document for every chart that needs no document of its own: Plot's elements stay detached. */
  document: Document;
}

/** A chart was drawn before `loadPlot()` finished in this process (see `reply.page`). */
export class PlotNotLoaded extends Error {
  constructor() {
    super("Observable Plot is not loaded yet: await loadPlot() before drawing a chart");
    this.name = "PlotNotLoaded";
  }
}

let tools: PlotTools | undefined;
let loading: Promise<PlotTools> | undefined;

/**
 * Loads Observable Plot and linkedom, the first time a process draws a chart (some 35 MB of
 * memory together, and most serving processes never draw one); later calls get the same tools.
 * A failed load is tried again by the next call.
 */
export function loadPlot(): Promise<PlotTools> {
  loading ??= Promise.all([import("@observablehq/plot"), import("linkedom")]).then(
    ([Plot, { parseHTML }]) => {
      const { document } = parseHTML("<!doctype html><html><body></body></html>");
      tools = { Plot, parseHTML, document: document as unknown as Document };
      return tools;
    },
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/**
 * The tools for a chart drawn while a page renders (rendering is synchronous): throws
 * `PlotNotLoaded` until `loadPlot()` has finished, and `reply.page` answers that by loading them
 * and rendering the page again, so a page with a chart never needs to load them itself.
 */
export function plotTools(): PlotTools {
  if (!tools) throw new PlotNotLoaded();
  return tools;
}
