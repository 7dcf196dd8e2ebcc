// Proves that a capability can be taken out: copies the project's tracked files to a temporary
// folder without the capability's folder (src/capabilities/<name>) and its tests (test/<name>),
// removes its lines from the capability list (src/capabilities/index.ts), then runs the type
// check, the architecture guard and, when given, Vitest with the remaining arguments.
//
//   node scripts/without-capability.mjs survey                 type check and guard
//   node scripts/without-capability.mjs survey run             and every remaining test
//   node scripts/without-capability.mjs survey run test/polls  and some of them
//
// The copy is removed afterwards unless KEEP=1.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [name, ...vitestArgs] = process.argv.slice(2);
if (!name || !/^[a-z][a-z-]*$/.test(name)) {
  console.error("usage: node scripts/without-capability.mjs <capability> [vitest arguments]");
  process.exit(2);
}
const folder = path.join(root, "src", "capabilities", name);
if (!fs.existsSync(path.join(folder, "index.ts"))) {
  console.error(`no capability "${name}" (src/capabilities/${name}/index.ts)`);
  process.exit(2);
}

/** The capability list without the import of `name` and the lines naming what it imported. */
function withoutCapability(list, capability) {
  const importRe = new RegExp(
    `import\\s*\\{([^}]*)\\}\\s*from\\s*"\\./${capability}/index\\.js";\\n`,
  );
  const found = list.match(importRe);
  if (!found) throw new Error(`the capability list does not import ./${capability}/index.js`);
  const names = (found[1] ?? "")
    .split(",")
    .map((n) => n.replace(/^\s*type\s+/, "").trim())
    .filter(Boolean);
  const lines = list.replace(importRe, "").split("\n");
  const out = [];
  for (const line of lines) {
    const bare = line.trim();
    const named = names.find((n) => bare === n || bare === `${n},`);
    if (named) continue;
    const last = names.find((n) => bare === `${n} {}`);
    if (last) {
      out[out.length - 1] = (out[out.length - 1] ?? "").replace(/,\s*$/, " {}");
      continue;
    }
    if (names.some((n) => new RegExp(`\\b${n}\\b`).test(line)))
      throw new Error(`cannot take "${line.trim()}" apart by line; edit the list by hand`);
    out.push(line);
  }
  return out.join("\n");
}

const copy = fs.mkdtempSync(path.join(os.tmpdir(), `halyq-without-${name}-`));
const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root })
  .toString()
  .split("\0")
  .filter(Boolean);
for (const file of tracked) {
  if (file.startsWith(`src/capabilities/${name}/`) || file.startsWith(`test/${name}/`)) continue;
  const from = path.join(root, file);
  if (!fs.existsSync(from)) continue;
  fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
  fs.copyFileSync(from, path.join(copy, file));
}
fs.symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"));
const listFile = path.join(copy, "src", "capabilities", "index.ts");
fs.writeFileSync(listFile, withoutCapability(fs.readFileSync(listFile, "utf8"), name));
console.log(`copy without ${name}: ${copy}`);

const bin = (tool) => path.join(root, "node_modules", ".bin", tool);
const steps = [
  ["type check", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]],
  ["architecture guard", process.execPath, ["scripts/architecture-guard.mjs"]],
  ["production build", bin("tsc"), ["-p", "tsconfig.build.json", "--noCheck"]],
];
if (vitestArgs.length > 0) steps.push(["tests", bin("vitest"), vitestArgs]);
let ok = true;
for (const [title, command, args] of steps) {
  console.log(`\n▶ ${title} without ${name}`);
  const r = spawnSync(command, args, {
    cwd: copy,
    stdio: "inherit",
    env: { ...process.env, HALYQ_TEST_DIST: "1" },
  });
  if (r.status !== 0) {
    console.error(`✗ ${title} failed without ${name}`);
    ok = false;
    break;
  }
  console.log(`✓ ${title}`);
}
if (process.env.KEEP !== "1") fs.rmSync(copy, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
