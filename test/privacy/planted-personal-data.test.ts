import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configurePetitions } from "../../src/capabilities/petitions/profiles.js";
import { publishDuePolls } from "../../src/capabilities/polls/commands/publish.js";
import { clientFor, tempDataDir } from "../appeals/citizen-support.js";
import { announce, post as meetingPost, staff as meetingStaff } from "../meetings/support.js";
import { post311, pothole } from "../open-data/support.js";
import { verifiedCitizen } from "../petitions/support.js";
import { createPoll, person, surveyForm } from "../polls/support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { api } from "../support/http.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

/**
 * Personal data planted in many forms through every channel a citizen writes into, then every
 * public output scanned for it in any form: each output is read after NFKC, with the digits of
 * every script made ASCII and everything but letters, digits and "@" stripped, so a value
 * survives the scan only if it is gone.
 */

const IIN = "871205400817";
const PHONE = "7017654321"; // after +7 or 8
const CARD = "4400430198765432";
const MAIL_USER = "zhanarsecret";
const MAIL = `zhanar.secret@mail.example.kz`;

const fullwidth = (s: string) =>
  [...s].map((c) => (/[0-9]/.test(c) ? String.fromCharCode(0xff10 + Number(c)) : c)).join("");
const arabicIndic = (s: string) =>
  [...s].map((c) => (/[0-9]/.test(c) ? String.fromCharCode(0x0660 + Number(c)) : c)).join("");

/** The planted text: one marker word to find the text by, then the same data in many forms. */
function planted(marker: string): string {
  return [
    `${marker} Please fix the lamp on house 40, flat 12, by 01.04.2025.`,
    `IIN ${IIN}.`,
    `IIN ${IIN.slice(0, 6)}/${IIN.slice(6)}.`,
    `IIN ${fullwidth(IIN)}.`,
    `IIN ${arabicIndic(IIN)}.`,
    `IIN ${IIN.slice(0, 4)}\u00a0${IIN.slice(4, 8)}\u00a0${IIN.slice(8)}.`,
    `tel 8_${PHONE.slice(0, 3)}_${PHONE.slice(3, 6)}_${PHONE.slice(6, 8)}_${PHONE.slice(8)}`,
    `tel +7 (${PHONE.slice(0, 3)}) ${PHONE.slice(3, 6)}-${PHONE.slice(6, 8)}-${PHONE.slice(8)}`,
    `tel 8\u2009${PHONE.slice(0, 3)}\u2009${PHONE.slice(3)}`,
    `tel 8·${PHONE.slice(0, 3)}·${PHONE.slice(3)}`,
    `tel ${fullwidth(`8${PHONE}`)}`,
    `card ${CARD.slice(0, 4)} ${CARD.slice(4, 8)} ${CARD.slice(8, 12)} ${CARD.slice(12)}`,
    `card ${CARD.slice(0, 4)}|${CARD.slice(4, 8)}|${CARD.slice(8, 12)}|${CARD.slice(12)}`,
    `mail ${MAIL} or ${MAIL.replace("@", "＠")} or zhanar.secret (at) mail.example.kz`,
  ].join("\n");
}

/** Any form of the planted values left in an output. */
function leaks(output: string): string[] {
  const flat = [...output.normalize("NFKC")]
    .map((c) => {
      if (/^\p{Nd}$/u.test(c) && !/[0-9]/.test(c)) {
        let cp = c.codePointAt(0) ?? 0;
        let k = 0;
        while (k < 10 && /^\p{Nd}$/u.test(String.fromCodePoint(cp - 1))) {
          cp--;
          k++;
        }
        return String(k % 10);
      }
      return c;
    })
    .join("")
    .replace(/[^\p{L}\p{N}@]/gu, "")
    .toLowerCase();
  return [IIN, PHONE, CARD, MAIL_USER].filter((v) => flat.includes(v));
}

describe.each(testDialects())(
  "personal data planted everywhere stays out of public outputs (%s)",
  (dialect) => {
    let t: TestApp;
    const outputs: { url: string; marker?: string }[] = [];
    const numbers: string[] = [];

    beforeAll(async () => {
      t = await startTestApp(dialect, { env: { DATA_DIR: tempDataDir() } });
      // Two co-initiators, as a trial runs it, so a petition is published within the test.
      await configurePetitions(t.ctx.db.kysely, t.clock, {
        coInitiators: { count: 2, workingDays: 20 },
        thresholds: [
          { kind: "*", level: "republic", fixed: 50000 },
          { kind: "akimat", level: "district", fixed: 2 },
        ],
      });
    }, 120_000);
    afterAll(async () => t?.close());

    const get = (url: string, lang = "en") =>
      t.app.inject({ url, headers: { cookie: `halyq_lang=${lang}`, "accept-language": lang } });

    it("asks before a public appeal with personal data is sent from the web form", async () => {
      const me = await signInAs(t, { kind: "citizen" });
      const client = clientFor(t, me);
      const start = await client.submit("/appeals/new", "/appeals/new", { kind: "statement" });
      const draft = String(start.headers.location).replace(/\/where$/, "");
      await client.submit(`${draft}/where`, `${draft}/where`, { agencyId: "ag-baikonur-akimat" });
      const details = await client.submit(`${draft}/details`, `${draft}/details`, {
        subject: `PLANTWEBSUBJ call 8 ${PHONE}`,
        text: planted("PLANTWEB"),
        language: "en",
        address: `Kenesary 40, IIN ${IIN}`,
        public: "yes",
      });
      expect(details.statusCode).toBe(303);
      const check = await client.get(`${draft}/check`);
      expect(check.body).toContain("govuk-warning-text");
      expect(check.body).toContain(
        "an IIN or BIN, a phone number, an e-mail address, a card or account number",
      );
      expect(check.body).toContain("Send as not public");
      // Sending without a choice is refused and asks again.
      const plain = await client.submit(`${draft}/check`, `${draft}/check`, {});
      expect(plain.statusCode).toBe(400);
      expect(plain.body).toContain("choose whether to send it as not public");
      const ru = await clientFor(t, me, "ru").get(`${draft}/check`);
      expect(ru.body).toContain("ИИН или БИН");
      const kk = await clientFor(t, me, "kk").get(`${draft}/check`);
      expect(kk.body).toContain("ЖСН немесе БСН");
      for (const res of [check, ru, kk, plain]) expect(await htmlProblems(res.body)).toEqual([]);
      const sent = await client.submit(`${draft}/check`, `${draft}/check`, {
        personalData: "acknowledged",
      });
      expect(sent.statusCode).toBe(303);
      const number = decodeURIComponent(
        /^\/appeals\/([^/]+)\/slip/.exec(String(sent.headers.location))?.[1] ?? "",
      );
      const row = await t.ctx.db.kysely
        .selectFrom("appeals")
        .select(["public", "body"])
        .where("number", "=", number)
        .executeTakeFirstOrThrow();
      expect(Number(row.public)).toBe(1);
      expect(row.body).toContain(IIN); // kept whole for the body; only public outputs redact
      numbers.push(number);
      outputs.push({ url: `/appeals/public/${encodeURIComponent(number)}`, marker: "PLANTWEB" });
    });

    it("files the appeal as not public when the person chooses so", async () => {
      const me = await signInAs(t, { kind: "citizen" });
      const client = clientFor(t, me);
      const start = await client.submit("/appeals/new", "/appeals/new", { kind: "statement" });
      const draft = String(start.headers.location).replace(/\/where$/, "");
      await client.submit(`${draft}/where`, `${draft}/where`, { agencyId: "ag-baikonur-akimat" });
      await client.submit(`${draft}/details`, `${draft}/details`, {
        subject: "PLANTPRIVATE",
        text: planted("PLANTPRIVATE"),
        language: "en",
        public: "yes",
      });
      const sent = await client.submit(`${draft}/check`, `${draft}/check`, {
        personalData: "private",
      });
      expect(sent.statusCode).toBe(303);
      const number = decodeURIComponent(
        /^\/appeals\/([^/]+)\/slip/.exec(String(sent.headers.location))?.[1] ?? "",
      );
      const row = await t.ctx.db.kysely
        .selectFrom("appeals")
        .select("public")
        .where("number", "=", number)
        .executeTakeFirstOrThrow();
      expect(Number(row.public)).toBe(0);
      expect((await get(`/appeals/public/${encodeURIComponent(number)}`)).statusCode).toBe(404);
    });

    it("refuses a public appeal with personal data through the API unless acknowledged", async () => {
      const me = await signInAs(t, { kind: "citizen" });
      const body = {
        kind: "proposal",
        agencyId: "ag-baikonur-akimat",
        subject: `PLANTAPISUBJ ${IIN.slice(0, 6)}/${IIN.slice(6)}`,
        text: planted("PLANTAPI"),
        public: true,
      };
      for (const [lang, words] of [
        ["en", "an IIN or BIN"],
        ["ru", "ИИН или БИН"],
        ["kk", "ЖСН немесе БСН"],
      ] as const) {
        const refused = await api(t, me, "POST", "/api/v1/appeals", body, {
          headers: { "accept-language": lang },
        });
        expect(refused.status).toBe(422);
        expect(refused.json.error.code).toBe("PERSONAL_DATA_IN_PUBLIC");
        expect(refused.json.error.message).toContain(words);
        expect(refused.json.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
          "subject",
          "text",
        ]);
      }
      expect(
        await t.ctx.db.kysely
          .selectFrom("appeals")
          .select("id")
          .where("subject", "like", "PLANTAPISUBJ%")
          .execute(),
      ).toEqual([]);
      // Not public: nothing to ask.
      const privately = await api(t, me, "POST", "/api/v1/appeals", {
        ...body,
        subject: "PLANTAPIPRIVATE",
        text: planted("PLANTAPIPRIVATE"),
        public: false,
      });
      expect(privately.status).toBe(201);
      const filed = await api(t, me, "POST", "/api/v1/appeals", {
        ...body,
        personalDataAcknowledged: true,
      });
      expect(filed.status).toBe(201);
      numbers.push(filed.json.number);
      outputs.push({
        url: `/appeals/public/${encodeURIComponent(filed.json.number)}`,
        marker: "PLANTAPI",
      });
    });

    it("takes personal data in through Open311, a dialogue question, a comment and a petition", async () => {
      const filed = await post311(
        t,
        "requests.json",
        pothole({ description: planted("PLANT311") }),
      );
      expect(filed.status).toBe(200);
      const n311 = filed.data[0].service_request_id as string;
      // Open311 files as not public: its text is never published, so no marker is looked for.
      outputs.push({ url: `/open311/v2/requests/${encodeURIComponent(n311)}.json` });
      outputs.push({ url: `/open311/v2/requests/${encodeURIComponent(n311)}.xml` });

      // Dialogue: asked, approved as written, answered quoting the asker.
      const YESIL = "ag-yesil-akimat";
      const asker = await signInAs(t, { kind: "citizen" });
      const moderator = await signInAs(t, { grants: [{ role: "moderator", agencyId: YESIL }] });
      const head = await signInAs(t, { grants: [{ role: "head", agencyId: YESIL }] });
      const asked = await api(t, asker, "POST", `/api/v1/dialogue/${YESIL}/questions`, {
        subject: `PLANTDLGSUBJ tel 8 ${PHONE}`,
        text: planted("PLANTDLG"),
      });
      expect(asked.status).toBe(201);
      const qid = asked.json.id as string;
      expect(
        (
          await api(t, moderator, "POST", `/api/v1/dialogue/questions/${qid}/moderation`, {
            decision: "approve",
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await api(t, head, "POST", `/api/v1/dialogue/questions/${qid}/answer`, {
            text: `PLANTDLGANSWER You wrote IIN ${IIN} and phone 8${PHONE}: we will call.`,
          })
        ).status,
      ).toBe(200);
      const slug = "yesil-district-akimat";
      outputs.push({ url: `/dialogue/${slug}/questions/${qid}`, marker: "PLANTDLG" });
      outputs.push({ url: `/dialogue/${slug}`, marker: "PLANTDLGSUBJ" });
      outputs.push({ url: `/api/v1/dialogue/${YESIL}/questions`, marker: "PLANTDLG" });

      // Consultation: a draft act published by a body, a citizen's comment on it.
      const BAIKONUR = "ag-baikonur-akimat";
      const bodyHead = await signInAs(t, { grants: [{ role: "head", agencyId: BAIKONUR }] });
      const published = await t.app.inject({
        method: "POST",
        url: "/office/consultations",
        headers: {
          cookie: `${bodyHead.cookie}; halyq_lang=en`,
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: new URLSearchParams({
          _csrf: bodyHead.csrf,
          agencyId: BAIKONUR,
          type: "service_standard",
          title_kk: "Мемлекеттік қызмет стандарты",
          title_ru: "Стандарт государственной услуги",
          title_en: "Standard of a state service",
          summary_kk: "Қызмет мерзімі.",
          summary_ru: "Срок услуги.",
          summary_en: "How long the service takes.",
          text_ru: "Срок — 20 дней.",
          text_en: "The term is 20 days.",
        }).toString(),
      });
      const cid =
        /\/office\/consultations\/([0-9a-f-]{36})/.exec(String(published.headers.location))?.[1] ??
        "";
      expect(cid).not.toBe("");
      const commenter = await signInAs(t, { kind: "citizen" });
      const commented = await api(t, commenter, "POST", `/api/v1/consultations/${cid}/comments`, {
        text: planted("PLANTCOMMENT"),
      });
      expect(commented.status).toBe(201);
      outputs.push({ url: `/consultations/${cid}`, marker: "PLANTCOMMENT" });
      outputs.push({ url: `/api/v1/consultations/${cid}` });

      // Petition: written, gathered, sent, admitted by the body, so published.
      const author = await verifiedCitizen(t);
      const created = await api(t, author, "POST", "/api/v1/petitions", {
        agencyId: BAIKONUR,
        title: `PLANTPETTITLE call 8 ${PHONE}`,
        summary: `PLANTPETSUMMARY IIN ${IIN.slice(0, 6)}/${IIN.slice(6)}, mail ${MAIL}`,
        proposal: planted("PLANTPET"),
      });
      expect(created.status).toBe(201);
      const pid = created.json.id as string;
      const pnumber = created.json.number as string;
      expect((await api(t, author, "POST", `/api/v1/petitions/${pid}/gathering`)).status).toBe(200);
      const token = (
        await t.ctx.db.kysely
          .selectFrom("petitions")
          .select("share_token")
          .where("id", "=", pid)
          .executeTakeFirstOrThrow()
      ).share_token;
      for (let i = 0; i < 2; i++) {
        const co: SignedIn = await verifiedCitizen(t);
        expect(
          (await api(t, co, "POST", `/api/v1/petitions/${pid}/co-initiators`, { token })).status,
        ).toBe(200);
      }
      const submitted = await api(t, author, "POST", `/api/v1/petitions/${pid}/submission`);
      expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
      const petitionHead = await signInAs(t, { grants: [{ role: "head", agencyId: BAIKONUR }] });
      const admitted = await t.app.inject({
        method: "POST",
        url: `/office/petitions/${pnumber}/admit`,
        headers: {
          cookie: `${petitionHead.cookie}; halyq_lang=en`,
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: new URLSearchParams({ _csrf: petitionHead.csrf }).toString(),
      });
      expect(admitted.statusCode).toBe(303);
      outputs.push({ url: `/petitions/${pnumber}`, marker: "PLANTPET" });
      outputs.push({ url: "/petitions", marker: "PLANTPETTITLE" });
      outputs.push({ url: "/petitions.atom", marker: "PLANTPETSUMMARY" });
      outputs.push({ url: `/api/v1/petitions/${pid}`, marker: "PLANTPET" });
      outputs.push({ url: "/api/v1/petitions", marker: "PLANTPETSUMMARY" });
    });

    it("takes personal data in through a meeting question and a poll's free-text answer", async () => {
      // A hearing: a citizen's question, approved, answered by the head quoting it.
      const mHead = await meetingStaff(t, "head");
      const mModerator = await meetingStaff(t, "moderator");
      const mid = await announce(t, mHead);
      const asker = await signInAs(t, { kind: "citizen" });
      const asked = await meetingPost(t, asker, `/meetings/${mid}/questions`, {
        questionKind: "question",
        questionText: planted("PLANTMEETING"),
      });
      expect(asked.statusCode).toBe(303);
      const qid = (
        await t.ctx.db.kysely
          .selectFrom("meeting_questions")
          .select("id")
          .where("meeting_id", "=", mid)
          .executeTakeFirstOrThrow()
      ).id;
      const base = `/office/meetings/${mid}/questions/${qid}`;
      expect(
        (await meetingPost(t, mModerator, `${base}/moderate`, { decision: "approve", reason: "" }))
          .statusCode,
      ).toBe(303);
      expect(
        (
          await meetingPost(t, mHead, `${base}/answer`, {
            answer: `PLANTMEETANSWER Your IIN ${IIN} is noted; we call 8 ${PHONE}.`,
          })
        ).statusCode,
      ).toBe(303);
      outputs.push({ url: `/meetings/${mid}`, marker: "PLANTMEETING" });
      outputs.push({ url: `/api/v1/meetings/${mid}`, marker: "PLANTMEETANSWER" });

      // A survey: a free-text answer full of personal data, approved, published with the results.
      const pHead = await meetingStaff(t, "head");
      const pModerator = await meetingStaff(t, "moderator");
      const pid = await createPoll(t, pHead, surveyForm({ closesAt: "2025-03-19T12:00" }));
      const voter = await person(t, { iin: null, residence: null });
      const cast = await api(t, voter, "POST", `/api/v1/polls/${pid}/ballots`, {
        answers: { "1": 7, "2": ["a"], "3": planted("PLANTPOLL") },
      });
      expect(cast.status).toBe(201);
      const text = (
        await t.ctx.db.kysely
          .selectFrom("poll_texts")
          .select("id")
          .where("poll_id", "=", pid)
          .executeTakeFirstOrThrow()
      ).id;
      expect(
        (
          await meetingPost(t, pModerator, `/office/polls/${pid}/texts/${text}`, {
            decision: "approved",
          })
        ).statusCode,
      ).toBe(303);
      t.clock.set("2025-03-19T07:02:00Z");
      await publishDuePolls(t.ctx);
      outputs.push({ url: `/polls/${pid}`, marker: "PLANTPOLL" });
      outputs.push({ url: `/polls/${pid}/results.csv`, marker: "PLANTPOLL" });
      outputs.push({ url: `/polls/${pid}/results.json`, marker: "PLANTPOLL" });
      outputs.push({ url: `/api/v1/polls/${pid}/results`, marker: "PLANTPOLL" });
    });

    it("publishes none of it, in any form, in any public output or language", async () => {
      const fixed = [
        { url: "/appeals/public", marker: "PLANTWEBSUBJ" },
        { url: "/open311/v2/requests.json", marker: "PLANTAPI" },
        { url: "/open311/v2/requests.xml", marker: "PLANTAPI" },
        ...numbers.flatMap((n) => [
          { url: `/open311/v2/requests/${encodeURIComponent(n)}.json`, marker: "PLANT" },
          { url: `/open311/v2/requests/${encodeURIComponent(n)}.xml`, marker: "PLANT" },
        ]),
        { url: "/open-data/appeals.csv", marker: "PLANTAPI" },
        { url: "/open-data/appeals.json", marker: "PLANTAPI" },
        { url: "/open-data/appeals-2025.csv", marker: "PLANTWEB" },
        { url: "/open-data/appeals-2025.json", marker: "PLANTWEB" },
        { url: "/open-data/statistics.csv" },
        { url: "/open-data/statistics.json" },
        { url: "/dialogue" },
        { url: "/consultations/feed.atom" },
        { url: "/meetings/feed.atom" },
        { url: "/news.atom" },
        { url: "/consultations" },
      ];
      expect(outputs.length).toBe(20);
      const scanned: string[] = [];
      for (const o of [...outputs, ...fixed]) {
        for (const lang of ["kk", "ru", "en"]) {
          const res = await get(o.url, lang);
          expect(res.statusCode, `${o.url} (${lang})`).toBe(200);
          if (o.marker) expect(res.body, `${o.url} (${lang}) shows the text`).toContain(o.marker);
          expect(leaks(res.body), `${o.url} (${lang})`).toEqual([]);
          scanned.push(`${o.url} ${lang}`);
        }
      }
      // The scan itself finds every form: the planted text, unredacted, leaks all of it.
      expect(leaks(planted("X"))).toEqual([IIN, PHONE, CARD, MAIL_USER]);
      expect(scanned.length).toBeGreaterThan(80);
    });
  },
);
