// Runs one capability's tests (or several): its unit tests beside its code and its suites under
// test/<name>/, on every database and browser this machine has.
//   npm run test:capability -- appeals [petitions …] [-- extra vitest arguments]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const split = args.indexOf("--");
const names = split === -1 ? args : args.slice(0, split);
const extra = split === -1 ? [] : args.slice(split + 1);
if (names.length === 0) {
  const known = fs.readdirSync(path.join(root, "src", "capabilities"), { withFileTypes: true });
  console.error(
    `Name a capability: ${known
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .join(", ")}`,
  );
  process.exit(2);
}
const folders = names.flatMap((n) =>
  [path.join("src", "capabilities", n), path.join("test", n)].filter((f) =>
    fs.existsSync(path.join(root, f)),
  ),
);
if (folders.length === 0) {
  console.error(`No tests found for ${names.join(", ")}`);
  process.exit(2);
}
const vitest = path.join(root, "node_modules", ".bin", "vitest");
const r = spawnSync(vitest, ["run", ...folders, ...extra], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
