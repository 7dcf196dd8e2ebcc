import os from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Tests that start child processes, kill them or race two instances: run one at a time, after
 * everything else, so that the timing they measure is their own.
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
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
