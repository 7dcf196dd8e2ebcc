import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { appealIn, BAIKONUR, castFor, citizen, step } from "./support.js";

/** What an applicant's e-mail and SMS say of a date in each language: words, never `2025-04-14`. */
const EXPECTED = {
  kk: {
    due: "2025 жылғы 14 сәуірге дейін",
    correction: "2025 жылғы 31 наурызға дейін",
    extended: "2025 жылғы 19 мамырға дейін",
  },
  ru: {
    due: "до 14 апреля 2025 г.",
    correction: "до 31 марта 2025 г.",
    extended: "до 19 мая 2025 г.",
  },
  en: { due: "by 14 April 2025", correction: "by 31 March 2025", extended: "to 19 May 2025" },
} as const;

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

describe.each(testDialects())("dates in an applicant's e-mail and SMS (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(["kk", "ru", "en"] as const)("are written in words in %s", async (language) => {
    const db = t.ctx.db.kysely;
    const applicant = await citizen(t);
    const phone = `+7701555${{ kk: "0201", ru: "0202", en: "0203" }[language]}`;
    await db
      .updateTable("accounts")
      .set({ language, phone, notify_sms: 1 })
      .where("id", "=", applicant.accountId)
      .execute();
    const { email } = await db
      .selectFrom("accounts")
      .select("email")
      .where("id", "=", applicant.accountId)
      .executeTakeFirstOrThrow();
    const cast = await castFor(t, BAIKONUR, applicant);

    await appealIn(t, cast, "awaiting_correction");
    const extended = await appealIn(t, cast, "in_progress");
    await step(t, cast.head, extended, "extend", { until: "2025-05-19", reason: "A survey" });
    await appealIn(t, cast, "redirected");

    const mail = await db
      .selectFrom("mail_outbox")
      .select(["subject", "body_text"])
      .where("to_address", "=", email as string)
      .execute();
    const sms = await db
      .selectFrom("sms_outbox")
      .select("body_text")
      .where("to_phone", "=", phone)
      .execute();
    const texts = [
      ...mail.flatMap((m) => [m.subject, m.body_text]),
      ...sms.map((m) => m.body_text),
    ];
    // Registered ×3, correction requested, extended, redirected: by mail and by SMS.
    expect(mail.length).toBeGreaterThanOrEqual(6);
    expect(sms.length).toBeGreaterThanOrEqual(6);
    for (const text of texts) {
      expect(text).not.toMatch(ISO_DATE);
      expect(text).not.toMatch(/\.\./);
    }
    const all = texts.join("\n");
    expect(all).toContain(EXPECTED[language].due);
    expect(all).toContain(EXPECTED[language].correction);
    expect(all).toContain(EXPECTED[language].extended);
    if (language === "kk") expect(all).not.toMatch(/ж\. \d+ \S+ дейін/);
  });
});
