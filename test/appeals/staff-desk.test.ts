import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { withCheckDigit } from "../../src/kernel/ids.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { signInAs } from "../support/sessions.js";
import { getPage, postForm } from "./staff-support.js";
import { BAIKONUR, staff, YESIL } from "./support.js";

const IIN = withCheckDigit("90031540011") ?? "";

const paper = (extra: Record<string, string> = {}) => ({
  channel: "paper",
  kind: "statement",
  subject: "Leaking roof",
  text: "The roof of house 3 on Taraz street leaks after every rain.",
  language: "ru",
  applicantName: "Omarov Bauyrzhan Serikovich",
  applicantIin: IIN,
  applicantAddress: "Astana, Taraz street 3, flat 5",
  applicantEmail: "omarov@example.kz",
  applicantLanguage: "ru",
  ...extra,
});

describe.each(testDialects())("the registrar's desk and the slip (%s)", (dialect) => {
  let t: TestApp;
  let registrar: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    registrar = await staff(t, "registrar");
  });
  afterAll(async () => {
    await t?.close();
  });

  const count = async () =>
    Number(
      (
        await t.ctx.db.kysely
          .selectFrom("appeals")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("registers a paper appeal for a person with no account and shows the slip", async () => {
    const res = await postForm(t, registrar, "/office/appeals/new", paper());
    expect(res.status).toBe(303);
    const number = /^\/office\/appeals\/([A-Z0-9-]+)\/slip\?registered=1$/.exec(
      res.location ?? "",
    )?.[1];
    expect(number).toMatch(/^BKA-2025-\d{4}$/);
    const row = await findAppealByNumber(t.ctx.db.kysely, number ?? "");
    expect(row).toMatchObject({
      channel: "paper",
      status: "registered",
      applicant_account_id: null,
      applicant_name: "Omarov Bauyrzhan Serikovich",
      applicant_iin: IIN,
      applicant_email: "omarov@example.kz",
      applicant_language: "ru",
      registered_by_id: registrar.accountId,
      registered_on: "2025-03-19",
      due_on: "2025-04-14",
    });
    const slip = await getPage(t, registrar, res.location ?? "");
    expect(slip.status).toBe(200);
    for (const text of [
      number ?? "",
      "The appeal has been registered.",
      "19 March 2025 at 10:00",
      "Wednesday, 19 March 2025",
      "Monday, 14 April 2025",
      "Akimat of Baikonur District, Astana",
      "Test Staff, registrar",
      "Paper",
      row?.registration_hash ?? "",
      "Print",
    ]) {
      expect(slip.body).toContain(text);
    }
    const entry = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("hash")
      .where("subject_id", "=", row?.id ?? "")
      .where("action", "=", "appeal.registered")
      .executeTakeFirstOrThrow();
    expect(entry.hash).toBe(row?.registration_hash);
    // The person is told through the contact they gave, in their language.
    const mail = await t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select(["subject"])
      .where("to_address", "=", "omarov@example.kz")
      .execute();
    expect(mail.map((m) => m.subject)).toEqual([expect.stringContaining(number ?? "")]);
    expect(mail[0]?.subject).toMatch(/зарегистр/i);
  });

  it("records a phone appeal as a protocol, and a crime report flagged", async () => {
    const res = await postForm(
      t,
      registrar,
      "/office/appeals/new",
      paper({
        channel: "phone",
        kind: "report",
        subject: "Threat at the school",
        text: "The caller said a stranger threatened to set fire to school 45.",
        crimeReport: "yes",
        applicantIin: "",
        applicantEmail: "",
        applicantPhone: "+7 701 234 56 78",
      }),
    );
    expect(res.status).toBe(303);
    const number = /appeals\/([A-Z0-9-]+)\/slip/.exec(res.location ?? "")?.[1] ?? "";
    expect(await findAppealByNumber(t.ctx.db.kysely, number)).toMatchObject({
      channel: "phone",
      crime_report: 1,
      applicant_phone: "+77012345678",
    });
    const head = await staff(t, "head");
    const page = await getPage(t, head, `/office/appeals/${number}`);
    expect(page.body).toContain("govuk-warning-text");
    expect(page.body).toContain("Phone");
  });

  it("terminates an anonymous report at once and says so on the slip", async () => {
    const res = await postForm(t, registrar, "/office/appeals/new", {
      channel: "walk_in",
      kind: "report",
      subject: "Broken bench",
      text: "A visitor said the bench in the park is broken.",
      language: "kk",
      anonymous: "yes",
    });
    expect(res.status).toBe(303);
    const slip = await getPage(t, registrar, res.location ?? "");
    expect(slip.body).toContain("An anonymous appeal of the simplified procedure is terminated");
    expect(slip.body).toContain("Anonymous");
  });

  it("reports every problem at once and registers nothing", async () => {
    const before = await count();
    const res = await postForm(t, registrar, "/office/appeals/new", {
      channel: "",
      kind: "statement",
      subject: "",
      text: "",
      language: "ru",
      applicantName: "Omarov",
      applicantIin: IIN.replace(/\d$/, (d) => String((Number(d) + 1) % 10)),
      applicantBin: "123",
      applicantEmail: "not-an-address",
      applicantLanguage: "ru",
    });
    expect(res.status).toBe(400);
    for (const text of [
      "Choose how the appeal was received",
      "Enter the subject of your appeal",
      "Enter the text",
      "The IIN is not valid",
      "The BIN is not valid",
      "Enter an e-mail address like name@example.kz",
    ]) {
      expect(res.body).toContain(text);
    }
    for (const link of ["channel", "subject", "text", "applicantIin", "applicantBin"]) {
      expect(res.body).toContain(`href="#${link}"`);
    }
    expect(res.body).toContain('value="Omarov"');
    expect(await count()).toBe(before);

    const noContact = await postForm(
      t,
      registrar,
      "/office/appeals/new",
      paper({ applicantAddress: "", applicantEmail: "", channel: "video" }),
    );
    expect(noContact.status).toBe(400);
    expect(noContact.body).toContain('href="#applicantAddress"');
    expect(noContact.body).toContain("Give at least one way to reach the applicant");
    // For an oral channel the text is the protocol of what the person said.
    expect(noContact.body).toContain("Protocol: what the person said");
    expect(await count()).toBe(before);
  });

  it("registers into the body chosen by a registrar of two bodies, and no other", async () => {
    const two = await signInAs(t, {
      grants: [
        { role: "registrar", agencyId: BAIKONUR },
        { role: "registrar", agencyId: YESIL },
      ],
    });
    const form = await getPage(t, two, "/office/appeals/new");
    expect(form.body).toContain(`value="${YESIL}"`);
    const res = await postForm(t, two, "/office/appeals/new", paper({ agency: YESIL }));
    expect(res.location).toMatch(/^\/office\/appeals\/YSA-2025-\d{4}\/slip/);
    const refused = await postForm(
      t,
      two,
      "/office/appeals/new",
      paper({ agency: "ag-nura-akimat" }),
    );
    expect(refused.status).toBe(403);
  });

  it("refuses the desk to an executor", async () => {
    const executor = await staff(t, "executor");
    expect((await getPage(t, executor, "/office/appeals/new")).status).toBe(403);
    expect((await postForm(t, executor, "/office/appeals/new", paper())).status).toBe(403);
  });
});
