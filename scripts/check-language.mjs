// The language check: reads every catalogue (src/capabilities/*/locales/*.json,
// src/web/locales/*.json) and the glossary (src/kernel/glossary.json) and fails on
// - glossary: a forbidden variant of a glossary term, or a key whose text the glossary fixes;
// - kk-suffix: a Kazakh case ending glued to a placeholder ({max}-ге), or a postposition
//   («дейін», «бастап», «кешіктірмей», …) after a placeholder that is a bare value;
// - kk-date-case: a bare date placeholder used as an adverbial («{at} ұзартылды»);
// - ru-count: a Russian noun after a count placeholder outside a plural form («{days} рабочих дней»);
// - iso-date: an ISO date (2027-03-07) in a text a person reads;
// - raw-id: a raw identifier (a UUID, a snake_case code) in a text a person reads;
// - placeholders: a key whose placeholders differ between kk, ru and en.
// Placeholder convention (docs/glossary.md): a placeholder whose name ends in By, From or On
// ({dueBy}, {closesFrom}, {dueOn}) holds a whole date phrase built by src/kernel/format
// («2027 жылғы 7 наурызға дейін»), so words may follow it; any other placeholder is a bare value.
// Run: node scripts/check-language.mjs [--out file]. Exit 1 with one line per violation.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const LOCALES = ["kk", "ru", "en"];

/** Flattens {"a": {"b": "x"}} into [["a.b", "x"]], as src/kernel/i18n.ts does. */
export function flatten(tree, prefix = "", into = new Map()) {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") into.set(key, v);
    else flatten(v, key, into);
  }
  return into;
}

/** The catalogue files under `root`: `{locale}.json` and `{group}.{locale}.json`. */
export function catalogueFiles(root) {
  const dirs = [];
  const caps = path.join(root, "src", "capabilities");
  for (const c of fs.readdirSync(caps)) {
    const d = path.join(caps, c, "locales");
    if (fs.existsSync(d)) dirs.push(d);
  }
  dirs.push(path.join(root, "src", "web", "locales"));
  const files = [];
  for (const d of dirs)
    for (const f of fs.readdirSync(d).sort()) {
      const locale = f.split(".").at(-2);
      if (f.endsWith(".json") && LOCALES.includes(locale))
        files.push({
          file: path.relative(root, path.join(d, f)).split(path.sep).join("/"),
          locale,
        });
    }
  return files;
}

/**
 * Every message: { file, locale, key, text }. `file` is kept so a violation names where to fix it;
 * the counterpart of a kk file in ru and en is the same name with the locale swapped.
 */
export function readCatalogues(root) {
  const entries = [];
  for (const { file, locale } of catalogueFiles(root)) {
    const tree = JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
    for (const [key, text] of flatten(tree)) entries.push({ file, locale, key, text });
  }
  return entries;
}

export function readGlossary(root) {
  return JSON.parse(fs.readFileSync(path.join(root, "src", "kernel", "glossary.json"), "utf8"));
}

// A word boundary for every script: JavaScript's \b knows only [A-Za-z0-9_].
const BOUNDARY = "(?:(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}]))";

/** A glossary pattern as a RegExp: case-insensitive, Unicode, \b a boundary of any script. */
export function compilePattern(source) {
  return new RegExp(source.replace(/\\b/g, BOUNDARY), "iu");
}

/** Whether a rule applies to this key: `keys` must match, `exceptKeys` must not. */
function inScope(rule, key) {
  if (rule.keys && !new RegExp(rule.keys, "u").test(key)) return false;
  if (rule.exceptKeys && new RegExp(rule.exceptKeys, "u").test(key)) return false;
  return true;
}

/** Glossary rules: forbidden variants and texts the glossary fixes for a key. */
export function checkGlossary(entries, glossary) {
  const out = [];
  const rules = [];
  for (const term of glossary.terms)
    for (const f of term.forbidden ?? [])
      rules.push({ ...f, term: term.id, re: compilePattern(f.pattern) });
  const byKey = new Map(entries.map((e) => [`${e.locale}:${e.key}`, e]));
  for (const e of entries)
    for (const r of rules) {
      if (r.lang !== "*" && r.lang !== e.locale) continue;
      if (!inScope(r, e.key)) continue;
      const m = r.re.exec(e.text);
      if (m)
        out.push({
          ...where(e),
          rule: "glossary",
          detail: `${r.term}: «${m[0]}» — ${r.why}`,
        });
    }
  for (const term of glossary.terms)
    for (const req of term.required ?? []) {
      const e = byKey.get(`${req.lang}:${req.key}`);
      if (e && e.text !== req.text)
        out.push({ ...where(e), rule: "glossary", detail: `${term.id}: must read «${req.text}»` });
    }
  return out;
}

function where(e) {
  return { file: e.file, locale: e.locale, key: e.key, text: e.text };
}

/** A placeholder that holds a whole date phrase from src/kernel/format (dateParams). */
export function isPhrasePlaceholder(name) {
  return /[a-z](?:By|From|On)$/.test(name);
}

/** A placeholder that holds a date or a time (a bare value, unless it is a phrase). */
export function isDatePlaceholder(name) {
  return (
    !isPhrasePlaceholder(name) &&
    /^(?:date|due|until|at|when|closes|opens|deadline|since|day|expires|newDue|time)$|(?:Date|Due|Until|At|Time)$/.test(
      name,
    )
  );
}

/** A placeholder that holds a count or a measure (not a registration number, year, code or id). */
export function isCountPlaceholder(name) {
  if (/year|code|bin|iin|number|ticket|version|id$|position|page$|row|score/i.test(name))
    return false;
  return /^(?:n|count|total|max|min|limit|days|hours|minutes|months|weeks|shown|answered|needed|threshold|eligible|stale|signatures|votes|left|remaining|size|pages)$|(?:Count|Total|Days|Max|Min|Limit)$/.test(
    name,
  );
}

// Kazakh case and possessive endings that may be glued to a value with a hyphen («5-ке», «10-нан»).
// Ordinals and nouns written after a number with a hyphen («{n}-тармақ», «{page}-бет») are not
// endings and are left alone; the ordinal ending -ші/-шы varies with the number and is an ending.
const KK_ENDING =
  /^(?:ға|ге|қа|ке|на|не|а|е|да|де|та|те|дан|ден|тан|тен|нан|нен|ны|ні|ды|ді|ты|ті|ның|нің|дың|дің|тың|тің|мен|бен|пен|ша|ше|шы|ші|ыншы|інші|сы|сі|ы|і|дағы|дегі|тағы|тегі|ғы|гі|қы|кі|лар|лер|дар|дер|тар|тер)$/u;
// Postpositions that want a case ending on the word before them.
const KK_POSTPOSITION =
  /^(?:дейін|дейінгі|шейін|бастап|кейін|кейінгі|бері|кешіктірмей|соң|қарай|бұрын|аспайтын|асатын|аспауы|асса|аспаса)$/u;
// Words a bare date may be followed by: «{date} күні» («2027 жылғы 7 наурыз күні») is good Kazakh,
// and so is the date as a predicate with a copula («мерзімі {due} болатын»).
const KK_AFTER_DATE_OK =
  /^(?:күні|күнінен|күнге|күнгі|күннен|жылғы|аралығында|аралығы|болатын|болды|болады|болып|болса|еді|деп)$/u;

/** Kazakh: an ending glued to a placeholder, a postposition after a bare value, a bare date as an adverbial. */
export function checkKazakh(e) {
  if (e.locale !== "kk") return [];
  const out = [];
  for (const m of e.text.matchAll(/\{(\w+)\}(-?)([\p{L}]+)?(?:\s+([\p{L}]+))?/gu)) {
    const [whole, name, hyphen, glued, next] = m;
    if (glued && KK_ENDING.test(glued.toLowerCase()))
      out.push({
        ...where(e),
        rule: "kk-suffix",
        detail: `{${name}}${hyphen}${glued}: the ending depends on the value; restructure («1 мен {max} аралығында», «шегі — {limit}») or pass a phrase`,
      });
    else if (
      !glued &&
      next &&
      !isPhrasePlaceholder(name) &&
      KK_POSTPOSITION.test(next.toLowerCase())
    )
      out.push({
        ...where(e),
        rule: "kk-suffix",
        detail: `{${name}} ${next}: the value needs a case ending before «${next}»; write «мерзімі — {${name}}» or use {${name}By}/{${name}From}`,
      });
    else if (
      !glued &&
      next &&
      isDatePlaceholder(name) &&
      !KK_AFTER_DATE_OK.test(next.toLowerCase()) &&
      /^\{\w+\}\s+[\p{Ll}]/u.test(whole)
    )
      out.push({
        ...where(e),
        rule: "kk-date-case",
        detail: `{${name}} ${next}: a bare date used as an adverbial needs the locative; write «…: {${name}}» or use {${name}On}`,
      });
  }
  return out;
}

// Words that may follow a count in Russian without agreeing with it: prepositions, conjunctions,
// unit abbreviations («{hours} ч», «{months} мес.»).
const RU_FREE =
  /^(?:из|и|или|а|но|в|во|на|до|с|со|по|от|к|за|для|при|об|о|—|ч|мин|мес|сек|дн|раб|г|км|м|мб|кб|гб|тыс|млн|млрд|раз)$/u;

/** Russian: a noun after a count placeholder outside a plural form. */
export function checkRussian(e) {
  if (e.locale !== "ru") return [];
  // govuk-frontend keys end in the plural category and already hold one form each.
  if (/\.(?:zero|one|two|few|many|other)$/.test(e.key)) return [];
  const out = [];
  for (const m of e.text.matchAll(/(?<!%)\{(\w+)\}\s+([\p{Ll}]+)(\.?)/gu)) {
    const [, name, word, dot] = m;
    if (!isCountPlaceholder(name)) continue;
    if (RU_FREE.test(word) || (dot && word.length <= 4)) continue;
    out.push({
      ...where(e),
      rule: "ru-count",
      detail: `{${name}} ${word}: use {${name}, plural, one {# …} few {# …} many {# …} other {# …}} or «…: {${name}}»`,
    });
  }
  return out;
}

/** An ISO date (2027-03-07) anywhere in a human text. */
export function checkIsoDate(e) {
  const m = /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/.exec(e.text);
  return m ? [{ ...where(e), rule: "iso-date", detail: `«${m[0]}»: write the date in words` }] : [];
}

// Texts that document a machine interface (API field names, the Open311 protocol, file formats)
// are meant to show its identifiers.
const MACHINE_DOCS =
  /^(?:open_data\.(?:fields|open311|page|api)|admin\.open311)\b|\.(?:format|example|field_name|api)\b/;

/** A raw identifier reaching a person: a UUID or a snake_case code (a status or field name). */
export function checkRawIdentifier(e) {
  if (e.locale === "en" || MACHINE_DOCS.test(e.key)) return [];
  const text = e.text.replace(/\{[^{}]*\}/g, " ").replace(/https?:\/\/\S+/g, " ");
  const m =
    /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i.exec(text) ??
    /(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])/.exec(text);
  return m ? [{ ...where(e), rule: "raw-id", detail: `«${m[0]}»: a code, not words` }] : [];
}

/**
 * The placeholders of a text, as a sorted set: a plural's branches are text, `%{count}` (the
 * govuk-frontend form) counts as {count}, and a date phrase ({dueBy}) is the same value as {due}.
 */
export function placeholders(text) {
  return [
    ...new Set(
      [
        ...text.replace(/\b(?:zero|one|two|few|many|other)\s*\{/g, "(").matchAll(/\{(\w+)[,}]/g),
      ].map((m) => m[1].replace(/(?<=[a-z])(?:By|From|On)$/, "")),
    ),
  ].sort();
}

/** Keys whose placeholders differ between kk, ru and en (reported on the kk and ru side). */
export function checkPlaceholders(entries) {
  const byKey = new Map();
  for (const e of entries) {
    if (!byKey.has(e.key)) byKey.set(e.key, {});
    byKey.get(e.key)[e.locale] = e;
  }
  const out = [];
  for (const [, group] of byKey) {
    const en = group.en;
    if (!en) continue;
    const want = placeholders(en.text).join(",");
    for (const l of ["kk", "ru"]) {
      const e = group[l];
      if (!e) continue;
      const got = placeholders(e.text).join(",");
      if (got !== want)
        out.push({ ...where(e), rule: "placeholders", detail: `{${got}} here, {${want}} in en` });
    }
  }
  return out;
}

/** Every rule on every message. */
export function checkAll(entries, glossary) {
  const out = [...checkGlossary(entries, glossary), ...checkPlaceholders(entries)];
  for (const e of entries)
    out.push(...checkKazakh(e), ...checkRussian(e), ...checkIsoDate(e), ...checkRawIdentifier(e));
  return out.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.key.localeCompare(b.key) || a.rule.localeCompare(b.rule),
  );
}

const GROUPS = {
  kind: "Kinds of appeal and procedure",
  state: "States",
  action: "Actions",
  body: "Bodies",
  role: "Roles",
  product: "Product terms",
  time: "Terms of time",
};

const cell = (s) => String(s).replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The glossary as the Markdown tables docs/glossary.md shows between its markers. */
export function glossaryTable(glossary) {
  const out = [];
  for (const [group, title] of Object.entries(GROUPS)) {
    const terms = glossary.terms.filter((t) => t.group === group);
    if (terms.length === 0) continue;
    out.push(
      `### ${title}`,
      "",
      "| en | kk | ru | Source | Forbidden | Note |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const t of terms) {
      const rules = [
        ...(t.required ?? []).map((r) => `${r.lang} \`${r.key}\` = «${r.text}»`),
        ...(t.forbidden ?? []).map(
          (f) =>
            `${f.lang === "*" ? "any" : f.lang} \`${f.pattern}\`${f.keys ? ` in \`${f.keys}\`` : ""}`,
        ),
      ];
      out.push(
        `| ${cell(t.en)} | ${cell(t.kk)} | ${cell(t.ru)} | ${cell(t.source)} | ${cell(rules.join("; ") || "—")} | ${cell(t.note)} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

const START = "<!-- glossary:start (generated by node scripts/check-language.mjs --write-docs) -->";
const END = "<!-- glossary:end -->";

/** docs/glossary.md with the tables between its markers replaced by the glossary's. */
export function withGlossaryTable(markdown, glossary) {
  const a = markdown.indexOf(START);
  const b = markdown.indexOf(END);
  if (a < 0 || b < a) throw new Error("docs/glossary.md has lost its glossary markers");
  return `${markdown.slice(0, a + START.length)}\n\n${glossaryTable(glossary)}\n${markdown.slice(b)}`;
}

/** One line per violation: file, key, rule, what is wrong, the text. */
export function format(v) {
  const text = v.text.length > 160 ? `${v.text.slice(0, 157)}…` : v.text;
  return `${v.file}  ${v.key}  [${v.rule}] ${v.detail}\n    ${JSON.stringify(text)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  if (process.argv.includes("--write-docs")) {
    const doc = path.join(root, "docs", "glossary.md");
    fs.writeFileSync(doc, withGlossaryTable(fs.readFileSync(doc, "utf8"), readGlossary(root)));
    console.log("docs/glossary.md: tables rewritten from src/kernel/glossary.json");
    process.exit(0);
  }
  const violations = checkAll(readCatalogues(root), readGlossary(root));
  const outIndex = process.argv.indexOf("--out");
  const lines = violations.map(format);
  if (outIndex > 0) fs.writeFileSync(process.argv[outIndex + 1], `${lines.join("\n")}\n`);
  if (violations.length === 0) {
    console.log("language check: no violations");
  } else {
    console.error(lines.join("\n"));
    const counts = {};
    for (const v of violations) counts[v.rule] = (counts[v.rule] ?? 0) + 1;
    console.error(
      `\nlanguage check: ${violations.length} violations (${Object.entries(counts)
        .map(([r, n]) => `${r} ${n}`)
        .join(", ")}); see docs/glossary.md`,
    );
    process.exit(1);
  }
}
