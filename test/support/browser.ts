import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, type BrowserContextOptions, chromium } from "playwright-core";
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

/** Debian's Chromium with a fresh profile, closed (and its profile removed) by `close()`. */
export async function launchBrowser(
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const executablePath = inject("chromiumPath");
  if (!executablePath) throw new Error("Chromium is not available");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    args: ARGS,
    headless: true,
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
