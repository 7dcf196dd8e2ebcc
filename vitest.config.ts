import fs from "node:fs";
import os from "node:os";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Long files first, so that no worker starts a two-minute walk when the others are done: the
 * site-wide browser walks (`test/browser/`), then the other files that drive Chromium, then the
 * rest, each group in Vitest's own order (longest first when it remembers a run, else largest).
 */
class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      if (f.moduleId.includes("/test/browser/")) return 0;
      return fs.readFileSync(f.moduleId, "utf8").includes("launchBrowser(") ? 1 : 2;
    };
    const project = new Map<string, number>();
    for (const f of sorted)
      if (!project.has(f.project.name)) project.set(f.project.name, project.size);
    const key = new Map(sorted.map((f, i) => [f, [project.get(f.project.name) ?? 0, rank(f), i]]));
    return sorted.sort((a, b) => {
      const [pa = 0, ra = 0, ia = 0] = key.get(a) ?? [];
      const [pb = 0, rb = 0, ib = 0] = key.get(b) ?? [];
      return pa - pb || ra - rb || ia - ib;
    });
  }
}

/**
 * Tests that start child processes, kill them or race two instances: run after everything
 * else, two at a time, so that their processes do not compete with the browser walks.
 */
const serial = [
  "test/process/**/*.test.ts",
  "test/**/*-crash.test.ts",
  "test/**/*-two-instances.test.ts",
];

/**
 * Integration files mostly wait (on PostgreSQL, Chromium, the file system), so more of them run
 * at once than there are cores. `HALYQ_TEST_WORKERS` overrides.
 */
const workers = Number(process.env.HALYQ_TEST_WORKERS) || Math.max(2, os.availableParallelism());

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: workers,
    sequence: { sequencer: LongFilesFirst },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "src/**/*.test.{ts,tsx}",
            "test/architecture/**/*.test.ts",
            "test/language/**/*.test.ts",
          ],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.test.{ts,tsx}"],
          exclude: ["test/architecture/**", "test/language/**", ...serial],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "serial",
          include: serial,
          // Two at a time: each waits on its own child processes, none measures time.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
