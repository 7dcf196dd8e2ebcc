import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { addSubstitution } from "../../src/capabilities/identity/index.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { getPage, inboxNumbers } from "./staff-support.js";
import {
  api,
  appealIn,
  BAIKONUR,
  type Cast,
  CITY,
  castFor,
  footprint,
  resume,
  staff,
  step,
} from "./support.js";

/** Registered on Wednesday 19 March 2025: the answer is due on Monday 14 April 2025. */
const START = "2025-03-19T05:00:00Z";

describe.each(testDialects())(
  "resolutions, co-executors, substitution, complaints (%s)",
  (dialect) => {
    let t: TestApp;
    let cast: Cast;
    let co: SignedIn;
    let colleague: SignedIn;
    beforeAll(async () => {
      t = await startTestApp(dialect, { now: START });
      cast = await castFor(t);
      co = await staff(t, "executor");
      colleague = await staff(t, "executor");
    });
    afterAll(async () => {
      await t?.close();
    });

    const row = async (number: string) => {
      const r = await findAppealByNumber(t.ctx.db.kysely, number);
      if (!r) throw new Error(number);
      return r;
    };
    /** A form post as a browser sends it: repeated names for ticked checkboxes. */
    const post = async (who: SignedIn, url: string, pairs: [string, string][], lang = "en") => {
      const res = await t.app.inject({
        method: "POST",
        url,
        headers: {
          cookie: who.cookie,
          "content-type": "application/x-www-form-urlencoded",
          "accept-language": lang,
        },
        payload: new URLSearchParams([["_csrf", who.csrf], ...pairs]).toString(),
      });
      return { status: res.statusCode, body: res.body, location: res.headers.location };
    };
    const resolution = (number: string, extra: [string, string][] = []) =>
      post(cast.head, `/office/appeals/${number}/assign`, [
        ["executorId", cast.executor.accountId],
        ["coExecutorIds[]", co.accountId],
        ["instruction", "Review and prepare an answer"],
        ...extra,
      ]);

    it("records a resolution with a co-executor, a control date and an instruction", async () => {
      const number = await appealIn(t, cast, "registered");
      const res = await resolution(number, [
        ["controlOn-day", "4"],
        ["controlOn-month", "4"],
        ["controlOn-year", "2025"],
      ]);
      expect(res.status, res.body.slice(0, 400)).toBe(303);
      const page = await getPage(t, cast.head, res.location ?? "");
      expect(page.body).toContain("The resolution is issued.");
      expect(page.body).toContain('id="resolution"');
      expect(page.body).toContain("4 April 2025");
      expect(page.body).toContain("Review and prepare an answer");
      const kept = await t.ctx.db.kysely
        .selectFrom("appeal_resolutions")
        .selectAll()
        .where("appeal_id", "=", (await row(number)).id)
        .execute();
      expect(kept).toHaveLength(1);
      expect(kept[0]).toMatchObject({
        executor_id: cast.executor.accountId,
        author_id: cast.head.accountId,
        control_on: "2025-04-04",
        superseded_at: null,
      });
      const audit = await t.ctx.db.kysely
        .selectFrom("audit_events")
        .select(["action", "reason", "data"])
        .where("subject_id", "=", (await row(number)).id)
        .orderBy("seq", "desc")
        .executeTakeFirstOrThrow();
      // The same event a bare assignment writes, so notifications of an assignment hear it.
      expect(audit.action).toBe("appeal.assign");
      expect(audit.reason).toBe("Review and prepare an answer");
      expect(JSON.parse(audit.data)).toMatchObject({
        executorId: cast.executor.accountId,
        coExecutorIds: [co.accountId],
        controlOn: "2025-04-04",
        resolutionId: kept[0]?.id,
      });
      // In Russian and Kazakh the page uses the office's words.
      const ru = await getPage(t, cast.head, `/office/appeals/${number}`, "ru");
      for (const w of ["Резолюция", "Соисполнители", "Срок исполнения"])
        expect(ru.body).toContain(w);
      const kk = await getPage(t, cast.head, `/office/appeals/${number}`, "kk");
      for (const w of ["Бұрыштама", "Бірлескен орындаушылар", "Орындау мерзімі"])
        expect(kk.body).toContain(w);
    });

    it("refuses a control date after the statutory term, a past one and unknown co-executors", async () => {
      const number = await appealIn(t, cast, "registered");
      const before = await footprint(t, number);
      const late = await resolution(number, [
        ["controlOn-day", "15"],
        ["controlOn-month", "4"],
        ["controlOn-year", "2025"],
      ]);
      expect(late.status).toBe(400);
      expect(late.body).toContain(
        "The control date cannot be later than the statutory answer term.",
      );
      expect(late.body).toContain('href="#assign-controlOn-day"');
      const ruLate = await post(
        cast.head,
        `/office/appeals/${number}/assign`,
        [
          ["executorId", cast.executor.accountId],
          ["controlOn-day", "15"],
          ["controlOn-month", "4"],
          ["controlOn-year", "2025"],
        ],
        "ru",
      );
      expect(ruLate.body).toContain("Срок исполнения не может быть позже срока ответа по закону.");
      const past = await resolution(number, [
        ["controlOn-day", "18"],
        ["controlOn-month", "3"],
        ["controlOn-year", "2025"],
      ]);
      expect(past.status).toBe(400);
      const stranger = await staff(t, "executor", CITY);
      const bad = await post(cast.head, `/office/appeals/${number}/assign`, [
        ["executorId", cast.executor.accountId],
        ["coExecutorIds[]", stranger.accountId],
      ]);
      expect(bad.status).toBe(400);
      expect(bad.body).toContain("Choose co-executors from the body");
      const self = await api(t, cast.head, "POST", `/api/v1/appeals/${number}/assign`, {
        executorId: cast.executor.accountId,
        coExecutorIds: [cast.executor.accountId],
      });
      expect(self.status).toBe(400);
      expect(await footprint(t, number)).toEqual(before);
    });

    it("lets co-executors add notes but not send the answer; a new resolution supersedes the old", async () => {
      const number = await appealIn(t, cast, "registered");
      await step(t, cast.head, number, "assign", {
        executorId: cast.executor.accountId,
        coExecutorIds: [co.accountId],
      });
      await step(t, co, number, "note", { text: "Called the housing company." });
      const answer = await api(t, co, "POST", `/api/v1/appeals/${number}/answer`, {
        outcome: "explained",
        text: "An answer.",
      });
      expect(answer.status).toBe(403);
      const page = await getPage(t, cast.head, `/office/appeals/${number}`);
      expect(page.body).toContain("Called the housing company.");
      // The co-executor sees the note form, not the answer form.
      const coPage = await getPage(t, co, `/office/appeals/${number}`);
      expect(coPage.body).toContain(`action="/office/appeals/${number}/note"`);
      expect(coPage.body).not.toContain(`action="/office/appeals/${number}/answer"`);

      await step(t, cast.head, number, "assign", {
        executorId: cast.executor.accountId,
        coExecutorIds: [colleague.accountId],
      });
      const all = await t.ctx.db.kysely
        .selectFrom("appeal_resolutions")
        .select(["id", "superseded_at"])
        .where("appeal_id", "=", (await row(number)).id)
        .orderBy("created_at")
        .execute();
      expect(all).toHaveLength(2);
      expect(all[0]?.superseded_at).not.toBeNull();
      expect(all[1]?.superseded_at).toBeNull();
      const gone = await api(t, co, "POST", `/api/v1/appeals/${number}/note`, { text: "More." });
      expect(gone.status).toBe(403);
      await step(t, colleague, number, "note", { text: "Site visit on Friday." });
    });

    it("lets a substitute act for the absent executor only from the first to the last day", async () => {
      const number = await appealIn(t, cast, "in_progress");
      const substitute = await staff(t, "executor");
      const today = "2025-03-19";
      const refused = await addSubstitution(
        t.ctx,
        { id: cast.head.accountId, label: "staff" },
        BAIKONUR,
        today,
        {
          absentId: cast.executor.accountId,
          substituteId: substitute.accountId,
          from: "2025-03-25",
          until: "2025-03-21",
        },
      );
      expect(refused.kind).toBe("invalid");
      const added = await addSubstitution(
        t.ctx,
        { id: cast.head.accountId, label: "staff" },
        BAIKONUR,
        today,
        {
          absentId: cast.executor.accountId,
          substituteId: substitute.accountId,
          from: "2025-03-20",
          until: "2025-03-21",
        },
      );
      expect(added.kind).toBe("ok");
      const audit = await t.ctx.db.kysely
        .selectFrom("audit_events")
        .select(["action", "subject_id"])
        .where("action", "=", "staff.substitution-added")
        .orderBy("seq", "desc")
        .executeTakeFirstOrThrow();
      expect(audit.subject_id).toBe(cast.executor.accountId);
      const note = (who: SignedIn) =>
        api(t, who, "POST", `/api/v1/appeals/${number}/note`, { text: `On ${randomUUID()}` });
      try {
        // Before it starts: nothing.
        expect((await note(substitute)).status).toBe(403);
        t.clock.set("2025-03-20T05:00:00Z");
        let sub = await resume(t, substitute);
        expect((await note(sub)).status).toBe(200);
        // The substitute's own list takes in the absent colleague's appeals on those days.
        const mine = await getPage(t, sub, "/office/appeals?scope=mine");
        expect(inboxNumbers(mine.body)).toContain(number);
        t.clock.set("2025-03-21T12:00:00Z");
        sub = await resume(t, substitute);
        const answered = await api(t, sub, "POST", `/api/v1/appeals/${number}/answer`, {
          outcome: "explained",
          text: "Answered by the substitute.",
        });
        expect(answered.status).toBe(200);
        await step(t, await resume(t, cast.head), number, "send-back", { reason: "Cite the law" });
        // The day after it ends: nothing again.
        t.clock.set("2025-03-24T05:00:00Z");
        sub = await resume(t, substitute);
        expect((await note(sub)).status).toBe(403);
        const after = await getPage(t, sub, "/office/appeals?scope=mine");
        expect(inboxNumbers(after.body)).not.toContain(number);
      } finally {
        t.clock.set(START);
      }
    });

    it("forwards a complaint with the body's position and the chosen materials", async () => {
      const number = await appealIn(t, cast, "registered", { complaint: true });
      const complaint = await row(number);
      const db = t.ctx.db.kysely;
      const files = ["decision.pdf", "photo.jpg"].map((name) => ({
        id: randomUUID(),
        appeal_id: complaint.id,
        draft_id: null,
        purpose: "appeal",
        uploaded_by_id: null,
        file_name: name,
        media_type: "application/pdf",
        size: 1000,
        sha256: "0".repeat(64),
        created_at: START,
      }));
      await db.insertInto("appeal_attachments").values(files).execute();
      // The labels: filed by the complainant online, with the forwarding term named as such.
      const page = await getPage(t, cast.head, `/office/appeals/${number}`);
      expect(page.body).not.toContain("Sent on from another body");
      expect(page.body).toContain("Forward the complaint to the higher body by");
      expect(page.body).not.toContain(">Consideration term<");
      const ru = await getPage(t, cast.head, `/office/appeals/${number}`, "ru");
      expect(ru.body).not.toContain("Направлено другим органом");
      expect(ru.body).toContain("Срок направления жалобы в вышестоящий орган");

      const before = await footprint(t, number);
      const missing = await post(cast.head, `/office/appeals/${number}/forward`, [
        ["materials[]", files[0]?.id ?? ""],
      ]);
      expect(missing.status).toBe(400);
      expect(missing.body).toContain("Write the body's position on the complaint.");
      const foreign = await api(t, cast.head, "POST", `/api/v1/appeals/${number}/forward`, {
        position: "Lawful.",
        materials: [randomUUID()],
      });
      expect(foreign.status).toBe(400);
      expect(await footprint(t, number)).toEqual(before);

      const res = await post(cast.head, `/office/appeals/${number}/forward`, [
        ["position", "The refusal was lawful: the budget for 2025 is spent."],
        ["materials[]", files[0]?.id ?? ""],
      ]);
      expect(res.status, res.body.slice(0, 300)).toBe(303);
      const created = decodeURIComponent(/created=([^&]+)/.exec(res.location ?? "")?.[1] ?? "");
      const higher = await row(created);
      expect(higher.agency_id).toBe(CITY);
      expect(higher.procedure).toBe("complaint_review");
      expect(higher.complaint_position).toBe(
        "The refusal was lawful: the budget for 2025 is spent.",
      );
      const sent = await db
        .selectFrom("appeal_attachments")
        .select("file_name")
        .where("appeal_id", "=", higher.id)
        .execute();
      expect(sent.map((f) => f.file_name)).toEqual(["decision.pdf"]);
      const cityHead = await staff(t, "head", CITY);
      const there = await getPage(t, cityHead, `/office/appeals/${created}`);
      expect(there.body).toContain("Position of the body complained about");
      expect(there.body).toContain("the budget for 2025 is spent.");
      expect(there.body).toContain("Sent on from another body");
    });

    it("satisfies a complaint within the forwarding term, and not after it", async () => {
      const number = await appealIn(t, cast, "registered", { complaint: true });
      const page = await getPage(t, cast.head, `/office/appeals/${number}`);
      expect(page.body).toContain(`action="/office/appeals/${number}/satisfy"`);
      const mail = (await footprint(t, number)).mail;
      const res = await post(cast.head, `/office/appeals/${number}/satisfy`, [
        ["text", "The lamps were replaced on 20 March; the complaint is satisfied."],
      ]);
      expect(res.status, res.body.slice(0, 300)).toBe(303);
      const after = await row(number);
      expect(after).toMatchObject({ status: "answered", answer_outcome: "satisfied" });
      expect((await footprint(t, number)).mail).toBeGreaterThan(mail);
      // A plain statement is never offered it.
      const plain = await appealIn(t, cast, "registered");
      const refused = await api(t, cast.head, "POST", `/api/v1/appeals/${plain}/satisfy`, {
        text: "Yes.",
      });
      expect(refused.status).toBe(409);

      const late = await appealIn(t, cast, "registered", { complaint: true });
      const due = (await row(late)).due_on;
      try {
        t.clock.set(
          `${due.slice(0, 8)}${String(Number(due.slice(8)) + 1).padStart(2, "0")}T05:00:00Z`,
        );
        const head = await resume(t, cast.head);
        const tooLate = await api(t, head, "POST", `/api/v1/appeals/${late}/satisfy`, {
          text: "Yes.",
        });
        expect(tooLate.status).toBe(409);
        const latePage = await getPage(t, head, `/office/appeals/${late}`);
        expect(latePage.body).not.toContain(`action="/office/appeals/${late}/satisfy"`);
      } finally {
        t.clock.set(START);
      }
    });
  },
);
