import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkAll,
  checkGlossary,
  checkIsoDate,
  checkKazakh,
  checkPlaceholders,
  checkRawIdentifier,
  checkRussian,
  compilePattern,
  type Entry,
  readCatalogues,
  readGlossary,
  withGlossaryTable,
} from "../../scripts/check-language.mjs";
import { capabilities } from "../../src/capabilities/index.js";
import { mergeCatalogues, translator } from "../../src/kernel/i18n.js";
import { buildCatalogues } from "../../src/web/catalogues.js";

const root = path.resolve(import.meta.dirname, "../..");
const glossary = readGlossary(root);

function entry(locale: "kk" | "ru" | "en", key: string, text: string): Entry {
  return { file: `src/capabilities/x/locales/${locale}.json`, locale, key, text };
}

/** The rules a set of messages breaks, as "rule key" strings. */
function broken(entries: Entry[]): string[] {
  return checkAll(entries, glossary).map((v) => `${v.rule} ${v.locale}:${v.key}`);
}

describe("language check: glossary", () => {
  it("fails on «Өтініш» as the statement kind and passes on «Арыз»", () => {
    expect(broken([entry("kk", "appeals.kind.statement", "Өтініш")])).toEqual([
      "glossary kk:appeals.kind.statement",
    ]);
    expect(broken([entry("kk", "appeals.kind.statement", "Арыз")])).toEqual([]);
  });

  it("leaves «өтініш» alone where it means any appeal", () => {
    expect(
      broken([entry("kk", "appeals.citizen.withdraw.title", "Өтінішті қайтарып алу")]),
    ).toEqual([]);
    expect(
      broken([
        entry("kk", "open_data.fields.appeals.kind", "statement (өтініш), complaint (шағым)"),
      ]),
    ).toEqual(["glossary kk:open_data.fields.appeals.kind"]);
  });

  it("fails on «кері қайтару», «тіркелгі», «eID» and «на согласовании»", () => {
    const v = checkGlossary(
      [
        entry("kk", "petitions.status.withdrawn", "Кері қайтарылды"),
        entry("kk", "layout.account_menu", "Тіркелгі"),
        entry("ru", "polls.page.who", "по адресу из eID"),
        entry("ru", "appeals.status.awaiting_approval", "Ответ на согласовании"),
      ],
      glossary,
    );
    expect(v.map((x) => x.detail.split(":")[0])).toEqual([
      "withdraw",
      "account",
      "eid",
      "awaiting_approval",
    ]);
  });

  it("passes on the glossary's own words", () => {
    expect(
      broken([
        entry("kk", "petitions.status.withdrawn", "Қайтарып алынды"),
        entry("kk", "layout.account_menu", "Есептік жазба"),
        entry("kk", "identity.register.title", "Тіркелу"),
        entry("ru", "polls.page.who", "по адресу регистрации из e-ID"),
        entry("kk", "identity.account.residence_from_eid", "ӘАОЖ {code}, e-ID деректерінен"),
        entry("kk", "consultations.list.feed", "Пікірлер қабылданатын жобалардың Atom арнасы"),
        entry("kk", "admin.staff.new_lead", "Құпиясөз орнатуға арналған сілтеме"),
      ]),
    ).toEqual([]);
  });

  it("scopes a rule to its keys: «жіберу» is wrong for a redirect only", () => {
    expect(
      broken([entry("kk", "appeals.staff.event.redirect", "Құзыреті бойынша жіберілді")]),
    ).toEqual(["glossary kk:appeals.staff.event.redirect"]);
    expect(broken([entry("kk", "appeals.citizen.new.submit", "Өтінішті жіберу")])).toEqual([]);
  });

  it("reads \\b as a word boundary in Cyrillic", () => {
    expect(compilePattern("\\bаноним\\b").test("Аноним")).toBe(true);
    expect(compilePattern("\\bаноним\\b").test("анонимді")).toBe(false);
  });

  it("every term names kk, ru, en, a source and a note, and every pattern compiles", () => {
    for (const term of glossary.terms) {
      for (const field of ["id", "group", "kk", "ru", "en", "source", "note"] as const)
        expect(term[field], `${term.id}.${field}`).toBeTruthy();
      for (const f of term.forbidden ?? []) expect(() => compilePattern(f.pattern)).not.toThrow();
    }
  });
});

describe("language check: Kazakh endings", () => {
  it("fails on an ending glued to a value and on a postposition after a bare date", () => {
    expect(
      checkKazakh(entry("kk", "polls.errors.scale", "1-ден {max}-ге дейінгі мәнді таңдаңыз")),
    ).toHaveLength(1);
    expect(
      checkKazakh(entry("kk", "validation.maximum", "Мән {limit}-ден аспауы керек.")),
    ).toHaveLength(1);
    expect(
      checkKazakh(entry("kk", "appeals.notify.registered.subject", "Жауап {due} дейін")),
    ).toHaveLength(1);
    expect(checkKazakh(entry("kk", "statistics.period", "{from} бастап {to} дейін."))).toHaveLength(
      2,
    );
    expect(checkKazakh(entry("kk", "appeals.staff.case.extended", "{at} ұзартылды."))).toHaveLength(
      1,
    );
  });

  it("passes on a value after a dash or colon, a date phrase, an ordinal and «күні»", () => {
    for (const text of [
      "Жауап беру мерзімі — {due}.",
      "Жауап беру мерзімі: {due}",
      "жауап {dueBy} берілуі тиіс",
      "қарау мерзімі {dueOn} аяқталады",
      "{n}-тармақ",
      "{page}-бет",
      "{version}-редакциясы",
      "1 мен {max} аралығындағы мән",
      "{date} күні",
      "қарау мерзімі {due} болатын, шешім әлі қабылданған жоқ",
      "{count} өтініш",
      "{size} МБ-тан аспауы керек",
    ])
      expect(checkKazakh(entry("kk", "k", text)), text).toEqual([]);
  });
});

describe("language check: Russian counts", () => {
  it("fails on «{days} рабочих дней» outside a plural form", () => {
    expect(
      checkRussian(entry("ru", "appeals.staff.term.working", "{days} рабочих дней")),
    ).toHaveLength(1);
  });

  it("passes on a plural form, which renders «3 рабочих дня» where the fixed form gave «3 рабочих дней»", () => {
    const good =
      "{days, plural, one {# рабочий день} few {# рабочих дня} many {# рабочих дней} other {# рабочего дня}}";
    const t = translator(mergeCatalogues([{ ru: { bad: "{days} рабочих дней", good } }]), "ru");
    expect(t("bad", { days: 3 })).toBe("3 рабочих дней");
    expect(t("good", { days: 3 })).toBe("3 рабочих дня");
    expect(t("good", { days: 21 })).toBe("21 рабочий день");
    expect(checkRussian(entry("ru", "appeals.staff.term.working", good))).toEqual([]);
    for (const text of [
      "Подписей: {count}",
      "{count} из {total}",
      "{hours} ч",
      "{months} мес.",
      "{number} зарегистрировано",
    ])
      expect(checkRussian(entry("ru", "k", text)), text).toEqual([]);
  });

  it("leaves govuk-frontend's one-form-per-key plurals alone", () => {
    expect(
      checkRussian(
        entry("ru", "forms.character_count.under_limit.many", "Осталось %{count} символов"),
      ),
    ).toEqual([]);
  });
});

describe("language check: ISO dates, identifiers and placeholders", () => {
  it("fails on an ISO date in a mail text and passes on a date in words", () => {
    const bad = entry(
      "ru",
      "appeals.notify.registered.subject",
      "Обращение 12 зарегистрировано, ответ до 2027-03-07",
    );
    expect(checkIsoDate(bad).map((v) => v.rule)).toEqual(["iso-date"]);
    expect(checkIsoDate(entry("ru", "k", "ответ до 7 марта 2027 г."))).toEqual([]);
  });

  it("fails on a raw code in a human text but not in the API's field descriptions", () => {
    expect(
      checkRawIdentifier(entry("kk", "appeals.status.line", "Күйі: awaiting_approval")),
    ).toHaveLength(1);
    expect(
      checkRawIdentifier(entry("kk", "open_data.fields.appeals.status", "in_progress (қаралуда)")),
    ).toEqual([]);
  });

  it("fails when kk, ru and en name different placeholders, and treats {dueBy} as {due}", () => {
    const v = checkPlaceholders([
      entry("en", "a", "Reply by {due}"),
      entry("ru", "a", "Ответ {dueBy}"),
      entry("kk", "a", "Жауап беру мерзімі: {date}"),
    ]);
    expect(v.map((x) => `${x.locale} ${x.detail}`)).toEqual(["kk {date} here, {due} in en"]);
  });
});

describe("language check on the catalogues", () => {
  it("reads every catalogue of every capability and the web", () => {
    const entries = readCatalogues(root);
    const files = new Set(entries.map((e) => e.file));
    expect(files.has("src/web/locales/kk.json")).toBe(true);
    expect(files.has("src/capabilities/appeals/locales/staff.ru.json")).toBe(true);
    expect(entries.length).toBeGreaterThan(7000);
  });
});

describe("counts in the catalogues' Russian limits", () => {
  const catalogues = buildCatalogues(capabilities);
  const ru = translator(catalogues, "ru");

  it("agree with the number: «21 символа», «200 символов», «1 файла»", () => {
    expect(ru("appeals.error.too_long", { max: 21 })).toBe("Не более 21 символа");
    expect(ru("appeals.error.too_long", { max: 200 })).toBe("Не более 200 символов");
    expect(ru("appeals.staff.inbox.total_capped", { count: 1000 })).toBe(
      "Найдено более 1\u00a0000 обращений.",
    );
    expect(ru("receptions.validation.too_many_slots", { max: 1 })).toMatch(
      /^Получается больше 1 приёма;/,
    );
  });
});

describe("docs/glossary.md", () => {
  it("shows the glossary's terms as glossary.json holds them (node scripts/check-language.mjs --write-docs)", () => {
    const doc = fs.readFileSync(path.join(root, "docs", "glossary.md"), "utf8");
    expect(withGlossaryTable(doc, glossary)).toBe(doc);
    for (const term of glossary.terms) expect(doc).toContain(`| ${term.en} |`);
  });
});
