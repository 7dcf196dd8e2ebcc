import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { withCheckDigit } from "../../src/kernel/ids.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";
import { getPage, postForm } from "./staff-support.js";
import { BAIKONUR, staff, YESIL } from "./support.js";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n",
);

/** The desk form as a browser sends it with a file: multipart, with the session's token. */
async function postDesk(
  t: TestApp,
  who: SignedIn,
  fields: Record<string, string>,
  files: { name: string; content: Buffer; type: string }[] = [],
  lang = "en",
) {
  const form = new FormData();
  form.set("_csrf", who.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const f of files)
    form.append("scan", new Blob([new Uint8Array(f.content)], { type: f.type }), f.name);
  const request = new Request("http://localhost/office/appeals/new", {
    method: "POST",
    body: form,
  });
  const res = await t.app.inject({
    method: "POST",
    url: "/office/appeals/new",
    headers: {
      cookie: who.cookie,
      "content-type": request.headers.get("content-type") ?? "",
      "accept-language": lang,
    },
    payload: Buffer.from(await request.arrayBuffer()),
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location };
}

const numberOf = (location: string | undefined) =>
  /^\/office\/appeals\/([A-Z0-9-]+)\/slip/.exec(location ?? "")?.[1] ?? "";

let serial = 0;
const letter = (extra: Record<string, string> = {}) => ({
  channel: "paper",
  kind: "statement",
  subject: `Heating in school ${++serial}`,
  text: "The heating in school 12 does not work since Monday.",
  language: "ru",
  applicantName: "Омарова Айгуль Серикқызы",
  applicantAddress: "Астана, улица Тараз 3, кв. 5",
  applicantLanguage: "ru",
  letterNumber: "12-3/457",
  "letterDate-day": "10",
  "letterDate-month": "3",
  "letterDate-year": "2025",
  sheets: "3",
  correspondent: "deputy",
  correspondentReference: "Депутат маслихата Ахметов Б. К.",
  answerDelivery: "post",
  underControl: "yes",
  ...extra,
});

/** A citizen whose account holds this IIN, verified by e-ID or only declared. */
async function citizenWithIin(t: TestApp, iin: string, verified: boolean, email: string) {
  const person = await signInAs(t, { kind: "citizen", email });
  await t.ctx.db.kysely
    .updateTable("accounts")
    .set({
      iin,
      language: "ru",
      identity_assurance: verified ? "eid" : "declared",
      identity_verified_at: verified ? t.clock.now().toISOString() : null,
    })
    .where("id", "=", person.accountId)
    .execute();
  return person;
}

describe.each(testDialects())("the registration card and linking at the desk (%s)", (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let registrar: SignedIn;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp(dialect, { env: { SMTP_URL: smtp.url } });
    registrar = await staff(t, "registrar");
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it("stores the card and the scan, shows them to staff, and keeps the scan from everyone else", async () => {
    const res = await postDesk(t, registrar, letter(), [
      { name: "letter.pdf", content: PDF, type: "application/pdf" },
    ]);
    expect(res.status).toBe(303);
    const number = numberOf(res.location);
    const row = await findAppealByNumber(t.ctx.db.kysely, number);
    const card = await t.ctx.db.kysely
      .selectFrom("appeal_cards")
      .selectAll()
      .where("appeal_id", "=", row?.id ?? "")
      .executeTakeFirstOrThrow();
    expect(card).toMatchObject({
      letter_number: "12-3/457",
      letter_date: "2025-03-10",
      correspondent: "deputy",
      correspondent_reference: "Депутат маслихата Ахметов Б. К.",
      answer_delivery: "post",
    });
    expect(Number(card.sheets)).toBe(3);
    expect(Number(card.under_control)).toBe(1);
    const scans = await t.ctx.db.kysely
      .selectFrom("appeal_attachments")
      .selectAll()
      .where("appeal_id", "=", row?.id ?? "")
      .execute();
    expect(scans.map((s) => [s.purpose, s.file_name, s.media_type])).toEqual([
      ["scan", "letter.pdf", "application/pdf"],
    ]);
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", row?.id ?? "")
      .execute();
    expect(audit.map((a) => a.action)).toContain("appeal.card_recorded");

    for (const lang of ["ru", "kk"]) {
      const slip = await getPage(t, registrar, `/office/appeals/${number}/slip`, lang);
      expect(slip.status).toBe(200);
      expect(slip.body).toContain("12-3/457");
      expect(slip.body).toContain(lang === "ru" ? "10 марта 2025" : "10 наурыз");
      expect(slip.body).toContain(lang === "ru" ? "Депутатский запрос" : "Депутаттық сауал");
      expect(slip.body).toContain(lang === "ru" ? "На контроле" : "Бақылауда");
      expect(slip.body).not.toMatch(/2025-03-10/);
    }
    const head = await staff(t, "head");
    const casePage = await getPage(t, head, `/office/appeals/${number}`, "ru");
    expect(casePage.body).toContain("Регистрационно-контрольная карточка");
    expect(casePage.body).toContain("Почтой");
    const href = `/appeals/${number}/attachments/${scans[0]?.id}`;
    expect(casePage.body).toContain(href);

    const download = await getPage(t, head, href);
    expect(download.status).toBe(200);
    expect(download.body).toContain("%PDF-1.4");
    // Staff of another body, a citizen, and nobody signed in: the same 404.
    expect((await getPage(t, await staff(t, "head", YESIL), href)).status).toBe(404);
    expect((await getPage(t, await signInAs(t, { kind: "citizen" }), href)).status).toBe(404);
    expect((await getPage(t, null, href)).status).not.toBe(200);
  });

  it("refuses a bad card with localised errors and registers nothing", async () => {
    const before = Number(
      (
        await t.ctx.db.kysely
          .selectFrom("appeals")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const res = await postDesk(
      t,
      registrar,
      letter({
        "letterDate-day": "31",
        "letterDate-month": "2",
        sheets: "many",
        correspondent: "body",
        correspondentAgencyId: "",
        answerDelivery: "email",
      }),
      [
        {
          name: "page.html",
          content: Buffer.from("<html><script>1</script></html>"),
          type: "text/html",
        },
      ],
      "ru",
    );
    expect(res.status).toBe(400);
    for (const text of [
      "Дата письма указана неверно",
      "Количество листов — целое число от 1 до 9999",
      "Выберите орган, направивший обращение",
      "Для ответа по электронной почте укажите адрес электронной почты заявителя",
    ])
      expect(res.body).toContain(text);
    expect(res.body).toContain("12-3/457");
    const after = Number(
      (
        await t.ctx.db.kysely
          .selectFrom("appeals")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);
  });

  it("pre-fills each registrar's last choices", async () => {
    const fresh = await staff(t, "registrar");
    const first = await getPage(t, fresh, "/office/appeals/new");
    expect(first.body).toMatch(/value="paper" checked/);
    expect(first.body).toMatch(/value="statement" checked/);
    const res = await postDesk(
      t,
      fresh,
      letter({
        channel: "phone",
        kind: "proposal",
        correspondent: "akim_blog",
        correspondentReference: "Запись 1542",
        answerDelivery: "in_person",
      }),
    );
    expect(res.status).toBe(303);
    const again = await getPage(t, fresh, "/office/appeals/new");
    expect(again.body).toMatch(/value="phone" checked/);
    expect(again.body).toMatch(/value="proposal" checked/);
    expect(again.body).toMatch(/value="akim_blog" checked/);
    expect(again.body).toMatch(/value="in_person" checked/);
    // Another registrar's desk is not changed by it.
    expect((await getPage(t, registrar, "/office/appeals/new")).body).not.toMatch(
      /value="akim_blog" checked/,
    );
  });

  it("links an appeal to the account holding a verified IIN: the person sees it and every mailed link opens", async () => {
    const iin = withCheckDigit("85021340011") ?? "";
    const email = "aigul.desk@test.invalid";
    const person = await citizenWithIin(t, iin, true, email);
    const res = await postDesk(
      t,
      registrar,
      letter({ applicantIin: iin, applicantEmail: email, answerDelivery: "account" }),
      [{ name: "scan.pdf", content: PDF, type: "application/pdf" }],
    );
    expect(res.status).toBe(303);
    const number = numberOf(res.location);
    const row = await findAppealByNumber(t.ctx.db.kysely, number);
    expect(row?.applicant_account_id).toBe(person.accountId);
    // The details stay as the registrar wrote them.
    expect(row?.applicant_address).toBe("Астана, улица Тараз 3, кв. 5");

    const my = await getPage(t, person, "/my", "ru");
    expect(my.body).toContain(number);
    expect((await getPage(t, person, "/appeals", "ru")).body).toContain(number);
    expect((await getPage(t, person, `/appeals/${number}`, "ru")).status).toBe(200);
    const other = await signInAs(t, { kind: "citizen" });
    expect((await getPage(t, other, `/appeals/${number}`)).status).toBe(404);
    // The scan stays the body's: not on the person's page, not downloadable by them.
    const scan = await t.ctx.db.kysely
      .selectFrom("appeal_attachments")
      .select("id")
      .where("appeal_id", "=", row?.id ?? "")
      .executeTakeFirstOrThrow();
    expect((await getPage(t, person, `/appeals/${number}`)).body).not.toContain(scan.id);
    expect((await getPage(t, person, `/appeals/${number}/attachments/${scan.id}`)).status).toBe(
      404,
    );

    await t.ctx.mail.flush();
    const text = await smtp.waitFor(email, new RegExp(number));
    const links = [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0].replace(/[.,)]+$/, ""));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const page = await getPage(t, person, new URL(link).pathname, "ru");
      expect(page.status, link).toBe(200);
    }
    const slip = await getPage(t, registrar, `/office/appeals/${number}/slip`, "ru");
    expect(slip.body).toContain("Привязана: Test Citizen");
  });

  it("does not link to a declared IIN by itself; the registrar finds and links the account, each search audited", async () => {
    const iin = withCheckDigit("91071540022") ?? "";
    const email = "declared.desk@test.invalid";
    const person = await citizenWithIin(t, iin, false, email);
    const res = await postDesk(
      t,
      registrar,
      letter({ applicantIin: iin, applicantEmail: email, answerDelivery: "email" }),
    );
    expect(res.status).toBe(303);
    expect(res.location).toContain("unverified=1");
    const number = numberOf(res.location);
    expect((await findAppealByNumber(t.ctx.db.kysely, number))?.applicant_account_id).toBeNull();
    const slip = await getPage(t, registrar, res.location ?? "", "ru");
    expect(slip.body).toContain("личность её владельца не подтверждена");
    // The mail to the address given carries no link the person could not open.
    await t.ctx.mail.flush();
    const text = await smtp.waitFor(email, new RegExp(number));
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).toContain("назовите номер обращения");
    expect((await getPage(t, person, `/appeals/${number}`)).status).toBe(404);

    const audited = async () =>
      Number(
        (
          await t.ctx.db.kysely
            .selectFrom("audit_events")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("action", "=", "account.shown_at_desk")
            .where("subject_id", "=", person.accountId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const seen = await audited();
    const search = await getPage(
      t,
      registrar,
      `/office/appeals/applicants?appeal=${number}&q=${iin}`,
      "kk",
    );
    expect(search.status).toBe(200);
    expect(search.body).toContain("Өтінішті байланыстыру");
    expect(search.body).toContain("Расталмаған");
    expect(await audited()).toBe(seen + 1);
    // By name and by phone too (a number dialled at home, with 8, finds +7).
    await t.ctx.db.kysely
      .updateTable("accounts")
      .set({ phone: "+77015550011" })
      .where("id", "=", person.accountId)
      .execute();
    const byPhone = await getPage(t, registrar, "/office/appeals/applicants?q=8+701+555+00+11");
    expect(byPhone.body).toContain(iin);
    expect((await getPage(t, registrar, "/office/appeals/applicants?q=test+citiz")).body).toContain(
      "Test Citizen",
    );
    expect(await audited()).toBeGreaterThan(seen + 1);

    const linked = await postForm(t, registrar, `/office/appeals/${number}/link-account`, {
      accountId: person.accountId,
    });
    expect(linked.status).toBe(303);
    expect((await findAppealByNumber(t.ctx.db.kysely, number))?.applicant_account_id).toBe(
      person.accountId,
    );
    expect((await getPage(t, person, "/my")).body).toContain(number);
    expect((await getPage(t, person, `/appeals/${number}`)).status).toBe(200);
    // Now linked, the person is told again, with a link that opens for them.
    await t.ctx.mail.flush();
    const told = await smtp.waitFor(email, new RegExp(`/appeals/${number}`));
    for (const link of [...told.matchAll(/https?:\/\/\S+/g)].map((m) =>
      m[0].replace(/[.,)]+$/, ""),
    ))
      expect((await getPage(t, person, new URL(link).pathname)).status, link).toBe(200);
    // Opening the desk from the search fills it in from the account, and that is audited too.
    const shown = await audited();
    const prefilled = await getPage(
      t,
      registrar,
      `/office/appeals/new?account=${person.accountId}`,
    );
    expect(prefilled.status).toBe(200);
    expect(prefilled.body).toContain(`value="${iin}"`);
    expect(await audited()).toBe(shown + 1);
    // Linked once: a second link is a conflict and changes nothing.
    const other = await citizenWithIin(
      t,
      withCheckDigit("91071540033") ?? "",
      true,
      "x.desk@test.invalid",
    );
    const again = await postForm(t, registrar, `/office/appeals/${number}/link-account`, {
      accountId: other.accountId,
    });
    expect(again.status).toBe(409);
    expect((await findAppealByNumber(t.ctx.db.kysely, number))?.applicant_account_id).toBe(
      person.accountId,
    );
  });

  it("lets only the body's registrar or head search and link", async () => {
    const res = await postDesk(t, registrar, letter());
    const number = numberOf(res.location);
    const person = await signInAs(t, { kind: "citizen" });
    for (const who of [
      await staff(t, "executor"),
      await staff(t, "analyst"),
      await staff(t, "registrar", YESIL),
      await staff(t, "head", YESIL),
    ]) {
      const page = await getPage(
        t,
        who,
        `/office/appeals/applicants?agency=${BAIKONUR}&q=test+citizen`,
      );
      expect([403, 404]).toContain(page.status);
      const prefill = await getPage(
        t,
        who,
        `/office/appeals/new?agency=${BAIKONUR}&account=${person.accountId}`,
      );
      expect([403, 404]).toContain(prefill.status);
      const link = await postForm(t, who, `/office/appeals/${number}/link-account`, {
        accountId: person.accountId,
      });
      expect([403, 404]).toContain(link.status);
    }
    expect([403, 404]).toContain(
      (await getPage(t, person, "/office/appeals/applicants?q=test+citizen")).status,
    );
    expect((await findAppealByNumber(t.ctx.db.kysely, number))?.applicant_account_id).toBeNull();
    const head = await staff(t, "head");
    expect((await getPage(t, head, `/office/appeals/applicants?appeal=${number}`)).status).toBe(
      200,
    );
  });
});
