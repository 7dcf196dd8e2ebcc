import { describe, expect, it } from "vitest";
import { STAFF_NOTICES, staffNoticeTexts } from "../../src/capabilities/appeals/jobs/staff-mail.js";
import {
  APPEAL_NOTICES,
  type AppealNotice,
  applicantNoticeTexts,
} from "../../src/capabilities/appeals/notify.js";
import { capabilities } from "../../src/capabilities/index.js";
import { submissionTexts } from "../../src/capabilities/petitions/notify.js";
import { dateParams } from "../../src/kernel/format/index.js";
import { type Locale, translator } from "../../src/kernel/i18n.js";
import { buildCatalogues } from "../../src/web/catalogues.js";

/**
 * Every appeal e-mail and SMS, the clock's mails to staff, the petition mail to a body and the
 * Open311 notice, rendered in Kazakh and Russian through the real catalogues and formatter with
 * the values the steps give: dates in words, never `2025-04-14`, and no `{placeholder}` left.
 */
const catalogues = buildCatalogues(capabilities);

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
const PLACEHOLDER = /\{[A-Za-z_]+[},]/;

const AGENCY: Record<Locale, string> = {
  kk: "Алматы қаласы Медеу ауданының әкімдігі",
  ru: "Акимат Медеуского района города Алматы",
  en: "Akimat of Medeu District, Almaty",
};
const TARGET: Record<Locale, string> = {
  kk: "Алматы қаласының Энергетика басқармасы",
  ru: "Управление энергетики города Алматы",
  en: "Energy Department of Almaty",
};

/** The parameters each step passes (appeal-actions.ts, submit-appeal.ts, the clock). */
function stepParams(notice: AppealNotice, language: Locale): Record<string, string | number> {
  const base = {
    number: "ALM-2025-000123",
    agency: AGENCY[language],
    due: "2025-04-14",
    link: "https://halyq.example/appeals/ALM-2025-000123",
  };
  const derived = { newNumber: "ALM-2025-000456", newDue: "2025-05-06", target: TARGET[language] };
  const extra: Record<AppealNotice, Record<string, string | number>> = {
    registered: {},
    attached: { earlier: "ALM-2025-000100" },
    redirected: { reason: "Вопрос теплоснабжения", ...derived },
    redirected_part: { reason: "Вопрос теплоснабжения", ...derived },
    forwarded: derived,
    correction_requested: { note: "Укажите адрес дома", until: "2025-03-31" },
    extended: { until: "2025-05-19", reason: "Нужно обследование на месте" },
    answered: {},
    returned: { reason: "correction_not_made" },
    terminated: { reason: "anonymous" },
    withdrawn: {},
    complaint_registered: derived,
    deemed_refused: {},
  };
  return { ...base, ...extra[notice] };
}

/** Whether a template names a date: then the date must be there, in words. */
function dated(language: Locale, ...keys: string[]): boolean {
  return keys.some((k) =>
    /\{(?:due|until|newDue)(?:By|From|On)?\}/.test(catalogues[language].get(k) ?? ""),
  );
}

function expectPlain(text: string, what: string) {
  expect(text, what).not.toMatch(ISO_DATE);
  expect(text, what).not.toMatch(PLACEHOLDER);
  expect(text, what).not.toMatch(/\.\./);
  expect(text.trim(), what).not.toBe("");
}

describe.each(["kk", "ru"] as const)("notice texts in %s", (language) => {
  const year = language === "kk" ? /2025 жылғы \d+ \S+/ : /\d+ \S+ 2025 г\./;

  it.each(APPEAL_NOTICES)("the applicant's mail and SMS on %s", (notice) => {
    const texts = applicantNoticeTexts(catalogues, language, notice, stepParams(notice, language));
    for (const [part, text] of Object.entries(texts)) expectPlain(text, `${notice}.${part}`);
    const keys = [`appeals.notify.${notice}.subject`, `appeals.notify.${notice}.body`];
    if (dated(language, ...keys)) expect(texts.mail).toMatch(year);
    if (language === "kk") expect(texts.mail).not.toMatch(/ж\. \d/);
  });

  it("dates take the case the sentence needs", () => {
    const registered = applicantNoticeTexts(
      catalogues,
      language,
      "registered",
      stepParams("registered", language),
    );
    const extended = applicantNoticeTexts(
      catalogues,
      language,
      "extended",
      stepParams("extended", language),
    );
    if (language === "kk") {
      expect(registered.sms).toContain("2025 жылғы 14 сәуірге дейін");
      expect(extended.mail).toContain("2025 жылғы 19 мамырға дейін ұзартты");
      expect(extended.mail).toContain("өтінішіңізді");
    } else {
      expect(registered.sms).toContain("до 14 апреля 2025 г.");
      expect(extended.mail).toContain("до 19 мая 2025 г.");
    }
  });

  it.each(STAFF_NOTICES)("the clock's mail to staff on %s", (notice) => {
    const texts = staffNoticeTexts(catalogues, language, notice, {
      appeal: { number: "ALM-2025-000123", kind: "complaint", due_on: "2025-04-14" },
      agency: AGENCY[language],
      link: "https://halyq.example/office/appeals/ALM-2025-000123",
    });
    for (const [part, text] of Object.entries(texts)) expectPlain(text, `${notice}.${part}`);
    if (dated(language, `appeals.jobs.${notice}.subject`, `appeals.jobs.${notice}.body`))
      expect(`${texts.subject}\n${texts.text}`).toMatch(year);
  });

  it("the petition mail to the body and the Open311 notice", () => {
    const petition = submissionTexts(catalogues, language, {
      number: "P-2025-0042",
      title: "Аллеяға жарық орнату",
      admissibility_due_on: "2025-04-28",
    });
    expectPlain(petition.subject, "petition subject");
    expectPlain(petition.body, "petition body");
    expect(petition.body).toMatch(year);
    const t = translator(catalogues, language);
    const open311 = t(
      "open_data.open311.service_notice",
      dateParams("due", "2025-04-14", language),
    );
    expectPlain(open311, "open311");
    expect(open311).toMatch(year);
  });
});
