// Runs everything: lint and format check, the architecture guard, type check, the production
// build, then every test suite (unit, both databases, HTTP, browser, process). Suites the
// machine cannot run are named plainly; with CI=true they fail the run instead.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✗ ${title} failed (${seconds} s)`);
    return false;
  }
  console.log(`✓ ${title} (${seconds} s)`);
  return true;
}

const report = path.join(root, ".test-results", "vitest.json");
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });

const ok =
  step("lint and format (biome)", bin("biome"), ["check", "."]) &&
  step("architecture guard", process.execPath, ["scripts/architecture-guard.mjs"]) &&
  step("language check (glossary, endings, plurals)", process.execPath, [
    "scripts/check-language.mjs",
  ]) &&
  step("type check (tsc)", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]) &&
  // The type check above has just checked every file the build compiles, so the build only
  // emits (what `npm run build` does, without checking the same types a second time).
  step("production build", bin("tsc"), ["-p", "tsconfig.build.json", "--noCheck"]) &&
  step("browser assets", process.execPath, ["scripts/build-assets.mjs"]) &&
  step(
    "tests (vitest)",
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    { HALYQ_TEST_DIST: "1" },
  );

if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, "utf8"));
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
process.exit(ok ? 0 : 1);
