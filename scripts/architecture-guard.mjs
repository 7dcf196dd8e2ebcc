// The architecture guard: rebuilds Halyq's import graph and table accesses from the source and
// reports every breach of the layers (kernel → db types; platform; web; capabilities; the top),
// of a capability's public surface (its index.ts) and of table ownership (each manifest's
// `tables`). `check` is pure, so its tests feed it small synthetic trees; run as a script it
// reads src/ and exits 1 on any violation. The rules are documented in docs/architecture.md.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

/** Tables the kernel owns: reached through src/kernel functions (settings, calendar store, audit). */
export const KERNEL_TABLES = ["settings", "calendar_years", "audit_events"];
/** Tables the platform owns: reached through src/platform/delivery (the outboxes) and src/platform/files (the blob store). */
export const PLATFORM_TABLES = ["mail_outbox", "sms_outbox", "blobs"];

/**
 * The modules of src/db the kernel may import code from: the compiled-query layer knows no
 * table and opens nothing (everything else there, the driver and the composed schema, it may not).
 */
export const KERNEL_MAY_USE_FROM_DB = new Set(["src/db/compiled.ts"]);

/**
 * Known breaches, each with the reason it is tolerated for now. An entry that no longer matches
 * anything is itself reported, so the list only shrinks.
 */
export const ALLOW = [
  {
    file: "src/capabilities/appeals/migrations/2026-12-07T1301-short-numbers.ts",
    rule: "table-access",
    target: "agencies",
    reason:
      "once, frozen: existing appeals get short numbers from the body codes the agencies' migration 2026-12-07T1300 has just given; a migration imports no application code, so it cannot ask agencies' index.ts",
  },
];

/** Kysely methods whose first argument names a table (or an array of them, "t as alias" too). */
const TABLE_METHODS = new Set([
  "selectFrom",
  "insertInto",
  "updateTable",
  "deleteFrom",
  "innerJoin",
  "leftJoin",
  "rightJoin",
  "fullJoin",
  "innerJoinLateral",
  "leftJoinLateral",
  "with",
  "withRecursive",
  "replaceInto",
  "mergeInto",
]);
/** A table named in raw SQL: `FROM t`, `JOIN t`, `INTO t`, `UPDATE t` (quoted, schema-qualified or not). */
const RAW_TABLE =
  /\b(?:from|join|into|update)\s+(?:only\s+)?(?:["`]?[A-Za-z_]\w*["`]?\.)?["`]?([A-Za-z_]\w*)["`]?/gi;

const SOURCE = /\.(?:ts|tsx|mts|cts)$/;
const TEST_FILE = /\.test\.tsx?$/;

/**
 * A test file, or a helper in a `test/` folder inside src: exempt from the import rules (a test
 * reaches into what it tests), still held to table ownership.
 */
export function isTestCode(file) {
  return TEST_FILE.test(file) || /(^|\/)test\//.test(file.replace(/^src\//, ""));
}

/**
 * Where a file sits. Capabilities are found from their manifests: a folder under
 * src/capabilities with a manifest.ts is a capability, a nested one (petitions/signatures) too.
 */
function classify(file, capabilityRoots) {
  if (!file.startsWith("src/")) {
    if (file.startsWith("test/")) return { layer: "test" };
    return { layer: "outside" };
  }
  if (/^src\/(app|main|setup)\.tsx?$/.test(file) || file.startsWith("src/cli/")) {
    return { layer: "top" };
  }
  if (file === "src/capabilities/index.ts") return { layer: "top" };
  for (const layer of ["kernel", "db", "platform", "web"]) {
    if (file.startsWith(`src/${layer}/`)) return { layer };
  }
  if (file.startsWith("src/capabilities/")) {
    let root = null;
    for (const r of capabilityRoots) {
      if (file.startsWith(`${r}/`) && (!root || r.length > root.length)) root = r;
    }
    if (!root) root = file.split("/").slice(0, 3).join("/");
    return { layer: "capability", capability: root.slice("src/capabilities/".length), root };
  }
  return { layer: "top" };
}

/** The repository path a relative specifier names, preferring files that exist in the set. */
function resolve(from, specifier, known) {
  if (!specifier.startsWith(".")) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const candidates = [];
  const ext = /\.(?:js|jsx|mjs|cjs)$/.exec(base)?.[0];
  if (ext) {
    const stem = base.slice(0, -ext.length);
    const ts = { ".js": ".ts", ".jsx": ".tsx", ".mjs": ".mts", ".cjs": ".cts" }[ext];
    candidates.push(stem + ts, `${stem}.tsx`, base);
  } else if (/\.[A-Za-z0-9]+$/.test(base) && !/\/[^/.]+$/.test(base)) {
    candidates.push(base);
  } else {
    candidates.push(`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`, base);
  }
  return candidates.find((c) => known.has(c)) ?? candidates[0];
}

function stringValue(node) {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return null;
}

/** Table names in a Kysely argument: "t", "t as a", ["t", "u as b"]. */
function tablesOf(node) {
  if (node && ts.isArrayLiteralExpression(node)) return node.elements.flatMap(tablesOf);
  const text = stringValue(node);
  if (text === null) return [];
  return [
    text
      .trim()
      .split(/\s+as\s+/i)[0]
      .trim(),
  ];
}

function isSqlTag(tag) {
  return (
    (ts.isIdentifier(tag) && tag.text === "sql") ||
    (ts.isPropertyAccessExpression(tag) && isSqlTag(tag.expression))
  );
}

/** Imports (static, dynamic, re-exports, `import("…")` types) and table accesses of one file. */
function scan(file, text) {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const imports = [];
  const tables = [];
  const lineOf = (node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const spec = stringValue(node.moduleSpecifier);
      const typeOnly = Boolean(node.importClause?.isTypeOnly);
      if (spec) imports.push({ spec, typeOnly, line: lineOf(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const spec = stringValue(node.moduleSpecifier);
      if (spec) imports.push({ spec, typeOnly: node.isTypeOnly, line: lineOf(node) });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      const spec = stringValue(node.moduleReference.expression);
      if (spec) imports.push({ spec, typeOnly: node.isTypeOnly, line: lineOf(node) });
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      const spec = ts.isLiteralTypeNode(arg) ? stringValue(arg.literal) : null;
      if (spec) imports.push({ spec, typeOnly: true, line: lineOf(node) });
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        const spec = stringValue(node.arguments[0]);
        if (spec) imports.push({ spec, typeOnly: false, line: lineOf(node) });
      } else if (ts.isPropertyAccessExpression(callee)) {
        const name = callee.name.text;
        if (TABLE_METHODS.has(name)) {
          for (const table of tablesOf(node.arguments[0])) {
            tables.push({ table, line: lineOf(node.arguments[0]), via: `${name}()` });
          }
        } else if (name === "table" && isSqlTag(callee.expression)) {
          for (const table of tablesOf(node.arguments[0])) {
            tables.push({ table, line: lineOf(node), via: "sql.table()" });
          }
        } else if (name === "raw" && isSqlTag(callee.expression)) {
          const raw = stringValue(node.arguments[0]);
          if (raw !== null) rawTables(raw, node);
        }
      }
    } else if (ts.isTaggedTemplateExpression(node) && isSqlTag(node.tag)) {
      const t = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(t)
        ? [t]
        : [t.head, ...t.templateSpans.map((s) => s.literal)];
      for (const part of parts) rawTables(part.text, part);
    }
    ts.forEachChild(node, visit);
  };
  const rawTables = (sqlText, node) => {
    const start = lineOf(node);
    for (const m of sqlText.matchAll(RAW_TABLE)) {
      const line = start + (sqlText.slice(0, m.index).match(/\n/g)?.length ?? 0);
      tables.push({ table: m[1], line, via: "raw SQL" });
    }
  };
  visit(source);
  return { imports, tables };
}

/** Each manifest's `tables: [...]`, read from its source. */
function manifestTables(text, file) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if (
      ts.isPropertyAssignment(node) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      node.name.text === "tables"
    ) {
      let init = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
      const elements = ts.isArrayLiteralExpression(init) ? init.elements : [init];
      for (const e of elements) {
        const line = source.getLineAndCharacterOfPosition(e.getStart(source)).line + 1;
        found.push({ table: stringValue(e), line });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Which layers a layer may import (besides itself); capabilities are checked apart. */
const MAY_IMPORT = {
  kernel: new Set(["kernel", "db"]),
  db: new Set(["db"]),
  platform: new Set(["platform", "kernel", "db"]),
  web: new Set(["web", "platform", "kernel", "db"]),
  capability: new Set(["capability", "web", "platform", "kernel", "db"]),
  top: new Set(["top", "capability", "web", "platform", "kernel", "db"]),
};

/**
 * Checks a set of files ({ path relative to the repository, using "/", text }) and returns the
 * violations, ordered by file and line. Only files under src/ are held to the rules.
 * Options: kernelTables, platformTables (the foundation's tables), allow (see ALLOW).
 */
export function check(files, options = {}) {
  const kernelTables = options.kernelTables ?? KERNEL_TABLES;
  const platformTables = options.platformTables ?? PLATFORM_TABLES;
  const allow = options.allow ?? [];
  const known = new Set(files.map((f) => f.path));
  const raw = [];
  const report = (file, line, rule, target, message) =>
    raw.push({ file, line, rule, target, message });

  // Owners: the kernel, the platform, and each capability by its manifest.
  const manifests = files.filter(
    (f) => /^src\/capabilities\/.+\/manifest\.tsx?$/.test(f.path) && !isTestCode(f.path),
  );
  const capabilityRoots = manifests.map((f) => path.posix.dirname(f.path));
  const owner = new Map();
  const claim = (table, who, file, line) => {
    const prev = owner.get(table);
    if (prev && prev !== who) {
      report(file, line, "table-owner", table, `table "${table}" is already owned by ${prev}`);
    } else owner.set(table, who);
  };
  for (const t of kernelTables) owner.set(t, "kernel");
  for (const t of platformTables) claim(t, "platform", "(guard options)", 0);
  for (const f of manifests) {
    const name = `capability ${path.posix.dirname(f.path).slice("src/capabilities/".length)}`;
    for (const { table, line } of manifestTables(f.text, f.path)) {
      if (table === null) {
        report(
          f.path,
          line,
          "table-owner",
          "tables",
          "list `tables` as string literals: the guard reads them from the source",
        );
      } else claim(table, name, f.path, line);
    }
  }

  for (const f of files) {
    if (!f.path.startsWith("src/") || !SOURCE.test(f.path) || f.path.endsWith(".d.ts")) continue;
    const where = classify(f.path, capabilityRoots);
    const test = isTestCode(f.path);
    const migration = /\/migrations\//.test(f.path);
    const { imports, tables } = scan(f.path, f.text);

    for (const imp of imports) {
      const target = resolve(f.path, imp.spec, known);
      if (target === null) continue;
      const to = classify(target, capabilityRoots);
      const say = (rule, message) => report(f.path, imp.line, rule, target, message);

      if (!test && (to.layer === "test" || isTestCode(target))) {
        say("test-import", `production code imports test code ${target}`);
        continue;
      }
      if (test) continue;
      if (migration && !/\/migrations\//.test(target)) {
        say(
          "migration-import",
          `a migration is frozen and imports no application code (${target})`,
        );
        continue;
      }
      if (to.layer === "outside" || to.layer === "test") continue;

      if (where.layer === "db") {
        if (to.layer !== "db" && !(f.path === "src/db/schema.ts" && imp.typeOnly)) {
          say(
            "layer-import",
            f.path === "src/db/schema.ts"
              ? `src/db/schema.ts composes table types: \`import type\` only (${target})`
              : `src/db imports nothing above it (${target})`,
          );
        }
        continue;
      }
      if (where.layer === "kernel" || where.layer === "platform") {
        if (target === "src/db/schema.ts") {
          say(
            "layer-import",
            `src/${where.layer} does not import the composed schema (it names every capability); declare its own tables`,
          );
          continue;
        }
        if (
          where.layer === "kernel" &&
          to.layer === "db" &&
          !imp.typeOnly &&
          !KERNEL_MAY_USE_FROM_DB.has(target)
        ) {
          say("layer-import", `src/kernel imports only types from src/db (${target})`);
          continue;
        }
      }
      if (!MAY_IMPORT[where.layer].has(to.layer)) {
        say("layer-import", `${describe(where)} may not import ${describe(to)} (${target})`);
        continue;
      }
      if (to.layer === "capability" && where.capability !== to.capability) {
        const index = new Set([`${to.root}/index.ts`, `${to.root}/index.tsx`]);
        const manifest = new Set([`${to.root}/manifest.ts`, `${to.root}/manifest.tsx`]);
        const ok = index.has(target) || (where.layer === "top" && manifest.has(target));
        if (!ok) {
          say(
            "capability-import",
            `${describe(where)} reaches into capability ${to.capability}: import ${to.root}/index.ts (${target})`,
          );
        }
      }
    }

    if (where.layer === "top") continue;
    const mine = where.layer === "capability" ? `capability ${where.capability}` : where.layer;
    for (const access of tables) {
      const who = owner.get(access.table);
      if (!who || who === mine) continue;
      const how =
        who === "kernel" || who === "platform"
          ? `use the ${who}'s functions`
          : "read it through that capability's index.ts, change it through its commands";
      report(
        f.path,
        access.line,
        "table-access",
        access.table,
        `${access.via} touches "${access.table}", owned by ${who}: ${how}`,
      );
    }
  }

  // The allow-list: matching violations are dropped; entries that match nothing are reported.
  const used = new Set();
  const violations = raw.filter((v) => {
    const i = allow.findIndex(
      (a) => a.file === v.file && a.rule === v.rule && a.target === v.target,
    );
    if (i < 0) return true;
    used.add(i);
    return false;
  });
  allow.forEach((a, i) => {
    if (!used.has(i)) {
      violations.push({
        file: "scripts/architecture-guard.mjs",
        line: 0,
        rule: "stale-allowance",
        target: a.target,
        message: `allowance for ${a.file} (${a.rule} ${a.target}) matches nothing: remove it`,
      });
    }
  });
  return violations.sort((a, b) =>
    a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1,
  );
}

function describe(where) {
  if (where.layer === "capability") return `capability ${where.capability}`;
  if (where.layer === "top") return "the top level (app, main, cli, capabilities/index.ts)";
  return `src/${where.layer}`;
}

/** Every source file under `dir` (relative to `root`), as check() takes them. */
export function readTree(root, dir = "src") {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (SOURCE.test(entry.name)) {
        out.push({ path: child, text: fs.readFileSync(path.join(root, child), "utf8") });
      }
    }
  };
  walk(dir);
  return out;
}

/** One line per violation: `file:line  rule  message`. */
export function format(v) {
  return `${v.file}:${v.line}  ${v.rule}  ${v.message}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const violations = check(readTree(root), { allow: ALLOW });
  for (const v of violations) console.log(format(v));
  if (violations.length > 0) {
    console.error(`\n✗ architecture guard: ${violations.length} violation(s)`);
    process.exit(1);
  }
  console.log("✓ architecture guard: the layers, capability boundaries and table owners hold");
}
