import { describe, expect, it } from "vitest";
import type { Agency } from "../../src/capabilities/agencies/index.js";
import type { AppealRow } from "../../src/capabilities/appeals/appeal.repository.js";
import {
  appealLetter,
  LETTER_NOTICES,
  type LetterNotice,
  signatureName,
} from "../../src/capabilities/appeals/letters/letter-content.js";
import { capabilities } from "../../src/capabilities/index.js";
import { buildCatalogues } from "../../src/web/catalogues.js";

/**
 * Every letter, in Kazakh and Russian, through the real catalogues and formatter: dates in
 * words and in the right case, no ISO date and no `{placeholder}` left, the body's name on the
 * letterhead in the letter's language.
 */
const catalogues = buildCatalogues(capabilities);
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
const PLACEHOLDER = /\{[A-Za-z_]+[},]/;

const agency = {
  id: "ag",
  slug: "medeu",
  names: {
    kk: "Алматы қаласы Медеу ауданының әкімдігі",
    ru: "Акимат Медеуского района города Алматы",
    en: "Akimat of Medeu District, Almaty",
  },
  address: { kk: "Алматы, Қабанбай батыр к-сі, 1", ru: "Алматы, ул. Кабанбай батыра, 1", en: "" },
  phone: "+7 727 000 00 00",
  email: null,
  website: null,
} as unknown as Agency;

function row(language: "kk" | "ru"): AppealRow {
  return {
    number: "ALM-2025-0123",
    subject: language === "kk" ? "Аула жарығы" : "Освещение двора",
    registered_on: "2025-03-19",
    due_on: "2025-04-14",
    language,
    applicant_language: language,
    answer_language: language,
    answer_outcome: "satisfied",
    answer_basis: "ӘРПК 89-бабы",
    answer_text: language === "kk" ? "Шамдар ауыстырылады." : "Фонари будут заменены.",
    applicant_name: "Омаров Бауыржан",
    applicant_address: "Алматы, Тараз к-сі, 3",
  } as unknown as AppealRow;
}

const PARAMS: Record<LetterNotice, Record<string, string | number>> = {
  answered: {},
  redirected: { reason: "Not ours", newNumber: "ALM-2025-0200", newDue: "2025-04-21" },
  returned: { reason: "incomplete" },
  correction_requested: { note: "Үй нөмірін көрсетіңіз", until: "2025-03-31" },
  extended: { until: "2025-05-14", reason: "Сараптама қажет" },
};

describe("the texts of outgoing letters", () => {
  for (const language of ["kk", "ru"] as const) {
    for (const notice of LETTER_NOTICES) {
      it(`${notice} in ${language}`, () => {
        const letter = appealLetter(catalogues, row(language), notice, PARAMS[notice], {
          agency,
          targetName: language === "kk" ? "Алматы қаласының әкімдігі" : "Акимат города Алматы",
          signer: { name: "Б. Қасымов", position: language === "kk" ? "Басшы" : "Руководитель" },
          number: "ALM-2025-0123/1",
          issuedOn: "2025-03-20",
          verifyUrl: "https://halyq.example/verify?number=ALM-2025-0123%2F1",
          signature: "signed",
          createdAt: new Date("2025-03-20T05:00:00Z"),
        });
        const all = [
          letter.letterhead.name,
          letter.reference,
          letter.subject ?? "",
          letter.body,
          ...(letter.sections ?? []).flatMap((s) => [s.heading, s.text]),
          ...(letter.verification?.caption ?? []),
        ].join("\n");
        expect(all).not.toMatch(ISO_DATE);
        expect(all).not.toMatch(PLACEHOLDER);
        expect(letter.letterhead.name).toBe(agency.names[language]);
        expect(letter.addressee).toEqual(["Омаров Бауыржан", "Алматы, Тараз к-сі, 3"]);
        expect(letter.reference).toBe(
          language === "kk"
            ? "Шығыс № ALM-2025-0123/1, 2025 жылғы 20 наурыз"
            : "Исх. № ALM-2025-0123/1 от 20 марта 2025 г.",
        );
        if (notice === "answered") {
          expect(letter.body).toContain(
            language === "kk"
              ? "2025 жылғы 19 наурызда тіркелген"
              : "зарегистрированное 19 марта 2025 г.",
          );
          expect(letter.sections?.map((s) => s.heading)).toEqual(
            language === "kk"
              ? ["Қарау нәтижесі", "Құқықтық негіз", "Шағымдану тәртібі"]
              : ["Результат рассмотрения", "Правовое основание", "Порядок обжалования"],
          );
        }
      });
    }
  }

  it("prints the signer's initials before the surname", () => {
    expect(
      signatureName({ surname: "Қасымов", given_name: "Бауыржан", patronymic: "Серікұлы" }),
    ).toBe("Б. С. Қасымов");
    expect(signatureName({ surname: "Test", given_name: "staff", patronymic: null })).toBe(
      "S. Test",
    );
  });
});
