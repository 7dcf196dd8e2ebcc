import { Type } from "@sinclair/typebox";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { LOCALES, type Locale, translator } from "../../kernel/i18n.js";
import { buildCatalogues } from "../catalogues.js";
import { readForm } from "../forms.js";
import { characterCountI18n, ResponsiveTable, TextArea } from "./kit.js";

const catalogues = buildCatalogues([]);
const t = (locale: Locale) => translator(catalogues, locale);

/** The attributes of the element with `class` containing `cls`, as a map. */
function attributesOf(html: string, cls: string): Map<string, string> {
  const tag = new RegExp(`<div [^>]*class="[^"]*${cls}[^"]*"[^>]*>`).exec(html)?.[0] ?? "";
  return new Map(
    [...tag.matchAll(/([\w.:-]+)="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]),
  );
}

describe("TextArea with a character count", () => {
  const render = (locale: Locale) =>
    renderToString(
      <TextArea
        t={t(locale)}
        locale={locale}
        id="text"
        label="Text"
        value=""
        issues={[]}
        maxLength={20000}
      />,
    );

  it("gives GOV.UK's character count its messages in the page's language, per plural category", () => {
    for (const locale of LOCALES) {
      const attrs = attributesOf(render(locale), "govuk-character-count");
      expect(attrs.get("data-module")).toBe("govuk-character-count");
      expect(attrs.get("data-maxlength")).toBe("20000");
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const c of categories) {
        for (const key of [
          "characters-under-limit",
          "characters-over-limit",
          "textarea-description",
        ]) {
          const text = attrs.get(`data-i18n.${key}.${c}`);
          expect(text, `${locale} ${key}.${c}`).toContain("%{count}");
          expect(text).not.toContain("forms.");
        }
      }
      expect(attrs.get("data-i18n.characters-at-limit")).toBeTruthy();
    }
    const ru = attributesOf(render("ru"), "govuk-character-count");
    expect(
      [...ru.keys()].filter((k) => k.startsWith("data-i18n.characters-under-limit.")).sort(),
    ).toEqual(["few", "many", "one", "other"].map((c) => `data-i18n.characters-under-limit.${c}`));
    expect(ru.get("data-i18n.characters-under-limit.few")).toBe("Осталось %{count} символа");
    expect(ru.get("data-i18n.characters-under-limit.many")).toBe("Осталось %{count} символов");
  });

  it("has no English words on Kazakh and Russian pages", () => {
    for (const locale of ["kk", "ru"] as const) {
      for (const text of Object.values(characterCountI18n(t(locale), locale)))
        expect(text.replace("%{count}", ""), `${locale}: ${text}`).not.toMatch(/[A-Za-z]/);
      expect(render(locale)).not.toMatch(/remaining|too many|You can|\bcharacters?\b(?!-)/);
    }
  });

  it("states the limit as text, in the language's number format, for pages without JavaScript", () => {
    const ru = render("ru");
    expect(ru).toMatch(/id="text-info"[^>]*>Можно ввести не более 20\u00a0000 символов</);
    expect(render("en")).toContain(">You can enter up to 20,000 characters<");
    expect(ru).toMatch(/aria-describedby="text-info"/);
    expect(ru).toContain('class="govuk-textarea govuk-js-character-count"');
  });

  it("is a plain textarea without a limit", () => {
    const html = renderToString(<TextArea t={t("kk")} id="x" label="X" value="a<b" issues={[]} />);
    expect(html).not.toContain("character-count");
    expect(html).toContain("a&lt;b</textarea>");
  });
});

describe("ResponsiveTable", () => {
  const rows = [{ id: "BAIKONUR-DISTRICT-AKIMAT-2026-000013", n: 3 }];
  const columns = [
    { key: "id", header: "Number", cell: (r: (typeof rows)[number]) => r.id, rowHeader: true },
    { key: "n", header: "Count", cell: (r: (typeof rows)[number]) => String(r.n), numeric: true },
  ];

  it("scrolls inside a focusable region named by its caption", () => {
    const html = renderToString(
      <ResponsiveTable
        id="list"
        caption="Appeals"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
      />,
    );
    expect(html).toMatch(
      /^<div class="halyq-table-scroll" role="region" aria-labelledby="list-caption" tabindex="0"><table id="list"/,
    );
    expect(html).toContain(
      '<caption id="list-caption" class="govuk-table__caption govuk-table__caption--m">Appeals</caption>',
    );
    expect(html).toContain('<th scope="col" class="govuk-table__header">Number</th>');
    expect(html).toContain('<th scope="row" class="govuk-table__header">BAIKONUR');
    expect(html).toContain('class="govuk-table__cell govuk-table__cell--numeric">3</td>');
    expect(html).not.toContain("data-label");
  });

  it("stacks rows on narrow screens, each value labelled with its header", () => {
    const html = renderToString(
      <ResponsiveTable
        id="list"
        caption="Appeals"
        captionHidden
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        mode="stack"
      />,
    );
    expect(html).not.toContain('role="region"');
    expect(html).toContain('class="govuk-table halyq-table halyq-table--stack"');
    expect(html).toContain('class="govuk-table__caption govuk-visually-hidden"');
    expect(html).toContain('<thead class="govuk-table__head">');
    expect(html).toContain('data-label="Count">3</td>');
  });

  it("says so instead of an empty table", () => {
    const html = renderToString(
      <ResponsiveTable
        id="l"
        caption="C"
        columns={columns}
        rows={[]}
        rowKey={(r) => r.id}
        empty="None"
      />,
    );
    expect(html).toBe('<p class="govuk-body">None</p>');
  });
});

describe("readForm", () => {
  const Schema = Type.Object(
    {
      title: Type.String({ minLength: 1, maxLength: 10 }),
      capacity: Type.Integer({ minimum: 1, issueKey: "meetings.errors.capacity" }),
      kind: Type.Union([Type.Literal("hearing"), Type.Literal("meeting")]),
      note: Type.Optional(Type.String({ maxLength: 5 })),
      tags: Type.Array(Type.String(), { maxItems: 2 }),
    },
    { additionalProperties: false },
  );

  it("gives typed values: trimmed, numbers coerced, arrays kept, unknown fields left out", () => {
    const r = readForm(Schema, {
      title: "  Hearing ",
      capacity: "30",
      kind: "hearing",
      note: "",
      tags: ["a", " b "],
      _csrf: "x",
    });
    expect(r).toMatchObject({
      ok: true,
      value: { title: "Hearing", capacity: 30, kind: "hearing", tags: ["a", "b"] },
    });
    if (r.ok) expect("note" in r.value).toBe(false);
    const single = readForm(Schema, { title: "T", capacity: "1", kind: "meeting", tags: "one" });
    expect(single.ok && single.value.tags).toEqual(["one"]);
  });

  it("returns one issue per field, with the API's keys or the form's own, and what was typed", () => {
    const r = readForm(
      Schema,
      { title: "", capacity: "1e309", kind: "party", note: "too long", tags: ["a", "b", "c"] },
      { kind: "meetings.errors.kind" },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byField = new Map(r.issues.map((i) => [i.field, i]));
    expect(byField.get("title")).toEqual({ field: "title", key: "validation.required" });
    expect(byField.get("capacity")?.key).toBe("meetings.errors.capacity");
    expect(byField.get("kind")?.key).toBe("meetings.errors.kind");
    expect(byField.get("note")).toEqual({
      field: "note",
      key: "validation.maxLength",
      params: { limit: 5 },
    });
    expect(byField.get("tags")?.key).toBe("validation.maxItems");
    expect(r.issues).toHaveLength(5);
    expect(r.values.note).toBe("too long");
    expect(r.values.tags).toEqual(["a", "b", "c"]);
  });
});
