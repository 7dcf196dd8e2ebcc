import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
} from "playwright-core";
import { inject } from "vitest";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** True when Debian's Chromium is installed (CI installs it; elsewhere the suite says it was not run). */
export function hasChromium(): boolean {
  return inject("chromiumPath") !== null;
}

let shared: Promise<Browser> | null = null;

/**
 * Debian's Chromium, started once per test worker and shared by the files it runs: starting
 * a browser costs about a second, a context a few milliseconds. Playwright ends it with the
 * worker process.
 */
function sharedBrowser(): Promise<Browser> {
  const executablePath = inject("chromiumPath");
  if (!executablePath) throw new Error("Chromium is not available");
  if (!shared) {
    shared = chromium.launch({ executablePath, args: ARGS, headless: true });
    shared.then(
      (b) => b.on("disconnected", () => (shared = null)),
      () => (shared = null),
    );
  }
  return shared;
}

/** A fresh browser context (its own cookies and storage) in the worker's Chromium; `close()` ends it. */
export async function launchBrowser(
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  // The headless shell sends no Accept-Language of its own; the full browser sends en-US. Tests
  // that mean another language say so.
  const context = await (await sharedBrowser()).newContext({ locale: "en-US", ...options });
  return {
    context,
    async close() {
      await context.close();
    },
  };
}
