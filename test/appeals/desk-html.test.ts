import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckDigit } from "../../src/kernel/ids.js";
import { startTestApp, type TestApp } from "../support/app.js";

import { htmlProblems } from "../support/html.js";
import { signInAs } from "../support/sessions.js";
import { getPage, postForm, untranslated } from "./staff-support.js";
import { BAIKONUR, staff } from "./support.js";

/** The desk's new pages are valid HTML in kk, ru and en, with no key left untranslated (rendering is the same on both databases). */
describe.each(["sqlite"] as const)("the desk's pages as HTML (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it("desk form, its errors, the applicant search, the slip, the case, the ticket and the journal", async () => {
    const registrar = await staff(t, "registrar");
    const head = await staff(t, "head");
    const iin = withCheckDigit("87052340011") ?? "";
    const person = await signInAs(t, { kind: "citizen" });
    await t.ctx.db.kysely
      .updateTable("accounts")
      .set({ iin })
      .where("id", "=", person.accountId)
      .execute();
    const res = await postForm(t, registrar, "/office/appeals/new", {
      channel: "paper",
      kind: "statement",
      subject: "Broken lift",
      text: "The lift in house 5 has not worked for a week.",
      language: "ru",
      applicantName: "Test Citizen",
      applicantIin: iin,
      applicantAddress: "Astana, Taraz street 5",
      applicantLanguage: "ru",
      letterNumber: "7/15",
      correspondent: "body",
      correspondentAgencyId: "ag-yesil-akimat",
      answerDelivery: "post",
    });
    expect(res.status).toBe(303);
    const number = /appeals\/([A-Z0-9-]+)\/slip/.exec(res.location ?? "")?.[1] ?? "";
    const ticket = await t.app.inject({
      method: "POST",
      url: `/office/reception/tickets?agency=${BAIKONUR}`,
      headers: { cookie: registrar.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        _csrf: registrar.csrf,
        officialId: head.accountId,
        visitorName: "Test Visitor",
        visitorContact: "",
        question: "The yard needs lighting.",
      }).toString(),
    });
    expect(ticket.statusCode).toBe(303);
    const pages = [
      "/office/appeals/new",
      `/office/appeals/new?account=${person.accountId}`,
      `/office/appeals/applicants?q=${iin}`,
      `/office/appeals/applicants?appeal=${number}&q=${iin}`,
      "/office/appeals/applicants?q=ab",
      res.location ?? "",
      `${res.location}&unverified=1`,
      `/office/appeals/${number}`,
      String(ticket.headers.location),
      `/office/reception/journal?agency=${BAIKONUR}`,
      `/office/reception/journal?agency=${BAIKONUR}&from-day=40&from-month=1&from-year=2025&to-day=1&to-month=1&to-year=2025`,
    ];
    for (const lang of ["kk", "ru", "en"]) {
      for (const path of pages) {
        const who =
          path.includes("applicants") || path.startsWith("/office/appeals/new") ? registrar : head;
        const page = await getPage(t, who, path, lang);
        expect([200, 400], `${lang} ${path}`).toContain(page.status);
        expect(await htmlProblems(page.body), `${lang} ${path}`).toEqual([]);
        expect(untranslated(page.body), `${lang} ${path}`).toEqual([]);
      }
      const bad = await postForm(
        t,
        registrar,
        "/office/appeals/new",
        {
          channel: "paper",
          kind: "statement",
          correspondent: "deputy",
          answerDelivery: "account",
          "letterDate-day": "x",
        },
        lang,
      );
      expect(bad.status).toBe(400);
      expect(await htmlProblems(bad.body), `${lang} desk errors`).toEqual([]);
      expect(untranslated(bad.body)).toEqual([]);
    }
  });
});
