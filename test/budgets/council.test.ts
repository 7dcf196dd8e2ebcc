import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../../src/capabilities/budgets/locales/council.en.json" with { type: "json" };
import kk from "../../src/capabilities/budgets/locales/council.kk.json" with { type: "json" };
import ru from "../../src/capabilities/budgets/locales/council.ru.json" with { type: "json" };
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import {
  addExpert,
  BAIKONUR_TERRITORY,
  makeCycle,
  makeProposal,
  page,
  post,
  resident,
  staffMember,
  YESIL_AKIMAT,
  YESIL_TERRITORY,
} from "./support.js";

const MESSAGES = { kk: kk.budgets.council, ru: ru.budgets.council, en: en.budgets.council };
const DAY = 86_400_000;

/**
 * The expert council on both databases: who names it, who sees its queue, who decides (and who
 * may not: a head who is no member, a member with a conflict, a member from another body, a
 * citizen), each decision's columns, audit record and the author's mail, and refusals.
 */
describe.each(testDialects())("the expert council on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let member: SignedIn;
  let second: SignedIn;
  let author: SignedIn & { iin: string };
  beforeAll(async () => {
    t = await startTestApp(dialect);
    head = await staffMember(t, "head");
    member = await staffMember(t, "executor");
    second = await staffMember(t, "analyst");
    author = await resident(t);
  });
  afterAll(async () => t?.close());

  const db = () => t.ctx.db.kysely;
  const proposal = (id: string) =>
    db().selectFrom("budget_proposals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const audits = (subjectId: string) =>
    db()
      .selectFrom("audit_events")
      .select(["action", "actor_id", "data"])
      .where("subject_id", "=", subjectId)
      .orderBy("seq")
      .execute();
  /** The author's mail about one proposal (its link names it), the first decision first. */
  const mailAbout = async (pid: string) => {
    const { email } = await db()
      .selectFrom("accounts")
      .select("email")
      .where("id", "=", author.accountId)
      .executeTakeFirstOrThrow();
    const rows = await db()
      .selectFrom("mail_outbox")
      .select(["subject", "body_text"])
      .where("to_address", "=", email as string)
      .where("body_text", "like", `%/proposals/${pid}%`)
      .execute();
    // One fixed clock: the change is the mail that says so.
    return rows.sort(
      (a, b) =>
        Number(a.body_text.includes(en.budgets.council.mail.changed)) -
        Number(b.body_text.includes(en.budgets.council.mail.changed)),
    );
  };
  const decide = (
    who: SignedIn,
    cycle: string,
    pid: string,
    fields: Record<string, string>,
    lang = "en",
  ) => post(t, who, `/office/budgets/${cycle}/council/${pid}/decision`, fields, lang);

  async function reviewCycle() {
    const cycle = await makeCycle(t, { phase: "review" });
    await addExpert(t, cycle, member.accountId);
    await addExpert(t, cycle, second.accountId);
    return cycle;
  }
  const submitted = (cycle: string, o: { territory?: string; title?: string } = {}) =>
    makeProposal(t, cycle, { authorId: author.accountId, status: "submitted", ...o });

  it("a head names a member from the body's staff and removes one; each is audited and the page lists them", async () => {
    const cycle = await makeCycle(t, { phase: "proposals" });
    const named = await post(t, head, `/office/budgets/${cycle}/council/members`, {
      accountId: member.accountId,
    });
    expect(named.statusCode).toBe(303);
    expect(named.headers.location).toBe(`/office/budgets/${cycle}/council/members?done=named`);
    const rows = await db()
      .selectFrom("budget_experts")
      .selectAll()
      .where("cycle_id", "=", cycle)
      .execute();
    expect(rows.map((r) => [r.account_id, r.added_by_id])).toEqual([
      [member.accountId, head.accountId],
    ]);

    const again = await post(t, head, `/office/budgets/${cycle}/council/members`, {
      accountId: member.accountId,
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain(MESSAGES.en.errors.already_member);

    const shown = await page(t, head, `/office/budgets/${cycle}/council/members`, "ru");
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(MESSAGES.ru.members.title);
    expect(shown.body).toMatch(/id="members"/);
    expect(await htmlProblems(shown.body)).toEqual([]);

    const removed = await post(t, head, `/office/budgets/${cycle}/council/members/remove`, {
      accountId: member.accountId,
    });
    expect(removed.statusCode).toBe(303);
    expect(
      await db()
        .selectFrom("budget_experts")
        .select("account_id")
        .where("cycle_id", "=", cycle)
        .execute(),
    ).toEqual([]);
    expect((await audits(cycle)).map((a) => a.action)).toEqual([
      "budget.council.member_named",
      "budget.council.member_removed",
    ]);
  });

  it("only staff of the cycle's own body can be named, only by its head or administrator, and not after the results", async () => {
    const cycle = await makeCycle(t, { phase: "proposals" });
    const yesilClerk = await staffMember(t, "executor", YESIL_AKIMAT);
    const other = await post(
      t,
      head,
      `/office/budgets/${cycle}/council/members`,
      {
        accountId: yesilClerk.accountId,
      },
      "kk",
    );
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain(MESSAGES.kk.errors.member);
    const byExecutor = await post(t, member, `/office/budgets/${cycle}/council/members`, {
      accountId: second.accountId,
    });
    expect(byExecutor.statusCode).toBe(403);
    expect((await page(t, member, `/office/budgets/${cycle}/council/members`)).statusCode).toBe(
      403,
    );
    expect(
      await db()
        .selectFrom("budget_experts")
        .select("account_id")
        .where("cycle_id", "=", cycle)
        .execute(),
    ).toEqual([]);

    const done = await makeCycle(t, { phase: "results" });
    await addExpert(t, done, member.accountId);
    const late = await post(t, head, `/office/budgets/${done}/council/members/remove`, {
      accountId: member.accountId,
    });
    expect(late.statusCode).toBe(409);
    const lateAdd = await post(t, head, `/office/budgets/${done}/council/members`, {
      accountId: second.accountId,
    });
    expect(lateAdd.statusCode).toBe(409);
    expect(
      (
        await db()
          .selectFrom("budget_experts")
          .select("account_id")
          .where("cycle_id", "=", done)
          .execute()
      ).map((r) => r.account_id),
    ).toEqual([member.accountId]);
  });

  it("a member decides; a head who is not a member, a citizen and nobody signed in cannot", async () => {
    const cycle = await reviewCycle();
    const a = await submitted(cycle);
    const admit = { decision: "admitted", cost: "15 000 000", text: "" };
    const byHead = await decide(head, cycle, a, admit);
    expect(byHead.statusCode).toBe(403);
    expect((await page(t, head, `/office/budgets/${cycle}/council`)).statusCode).toBe(403);
    const citizen = await resident(t);
    expect((await decide(citizen, cycle, a, admit)).statusCode).toBe(403);
    expect((await page(t, citizen, `/office/budgets/${cycle}/council`)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ url: `/office/budgets/${cycle}/council` });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
    expect((await proposal(a)).status).toBe("submitted");

    const byMember = await decide(member, cycle, a, admit);
    expect(byMember.statusCode).toBe(303);
    expect(byMember.headers.location).toBe(`/office/budgets/${cycle}/council/${a}?done=decided`);
    const row = await proposal(a);
    expect(row).toMatchObject({
      status: "admitted",
      decision: "admitted",
      council_cost: 15_000_000,
      decision_reason: null,
      decided_by_id: member.accountId,
      decided_at: t.clock.now().toISOString(),
    });
    expect(Number(row.council_cost)).toBe(15_000_000);
  });

  it("a member with a declared conflict cannot decide that proposal but can decide others; the others see the declaration", async () => {
    const cycle = await reviewCycle();
    const mine = await submitted(cycle);
    const other = await submitted(cycle);
    const declared = await post(t, member, `/office/budgets/${cycle}/council/${mine}/conflict`, {
      note: "Автор — мой сосед",
    });
    expect(declared.statusCode).toBe(303);
    const conflicts = await db()
      .selectFrom("budget_conflicts")
      .selectAll()
      .where("proposal_id", "=", mine)
      .execute();
    expect(conflicts.map((c) => [c.account_id, c.note])).toEqual([
      [member.accountId, "Автор — мой сосед"],
    ]);
    expect((await audits(mine)).map((a) => a.action)).toEqual(["budget.council.conflict_declared"]);

    const refused = await decide(member, cycle, mine, { decision: "admitted", cost: "1000000" });
    expect(refused.statusCode).toBe(403);
    expect((await proposal(mine)).status).toBe("submitted");
    const ownPage = await page(t, member, `/office/budgets/${cycle}/council/${mine}`, "ru");
    expect(ownPage.body).toContain(MESSAGES.ru.conflict.own);
    expect(ownPage.body).not.toContain(
      'action="/office/budgets/' + cycle + "/council/" + mine + '/decision"',
    );

    expect(
      (await decide(member, cycle, other, { decision: "admitted", cost: "1000000" })).statusCode,
    ).toBe(303);
    const seen = await page(t, second, `/office/budgets/${cycle}/council/${mine}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain("Автор — мой сосед");
    expect(seen.body).toMatch(/id="conflicts"/);
    expect(seen.body).toContain(`/office/budgets/${cycle}/council/${mine}/decision`);
    expect(await htmlProblems(seen.body)).toEqual([]);
  });

  it("a Baikonur expert cannot see or decide a Yesil cycle, nor be named to its council", async () => {
    const yesil = await makeCycle(t, { phase: "review", agencyId: YESIL_AKIMAT });
    const yesilHead = await staffMember(t, "head", YESIL_AKIMAT);
    const yesilExpert = await staffMember(t, "moderator", YESIL_AKIMAT);
    expect(
      (
        await post(t, yesilHead, `/office/budgets/${yesil}/council/members`, {
          accountId: yesilExpert.accountId,
        })
      ).statusCode,
    ).toBe(303);
    const naming = await post(t, yesilHead, `/office/budgets/${yesil}/council/members`, {
      accountId: member.accountId,
    });
    expect(naming.statusCode).toBe(400);
    // Named behind the pages' back, the Baikonur member still holds no role in Yesil.
    await addExpert(t, yesil, member.accountId);
    const p = await submitted(yesil, { territory: YESIL_TERRITORY });
    expect([403, 404]).toContain(
      (await page(t, member, `/office/budgets/${yesil}/council`)).statusCode,
    );
    expect([403, 404]).toContain(
      (await page(t, member, `/office/budgets/${yesil}/council/${p}`)).statusCode,
    );
    expect([403, 404]).toContain(
      (await decide(member, yesil, p, { decision: "admitted", cost: "1000000" })).statusCode,
    );
    expect((await proposal(p)).status).toBe("submitted");
    expect(
      (await decide(yesilExpert, yesil, p, { decision: "admitted", cost: "1000000" })).statusCode,
    ).toBe(303);
  });

  it("refuses with each reason and its text, and mails the author in their language", async () => {
    const cycle = await reviewCycle();
    await db()
      .updateTable("accounts")
      .set({ language: "kk" })
      .where("id", "=", author.accountId)
      .execute();
    const reasons = [
      "category",
      "not_public_land",
      "outside_territory",
      "over_amount",
      "already_planned",
    ];
    const ids: string[] = [];
    for (const reason of reasons) {
      const p = await submitted(cycle);
      ids.push(p);
      const r = await decide(member, cycle, p, {
        decision: "rejected",
        reason,
        text: `Обоснование: ${reason}`,
      });
      expect(r.statusCode, reason).toBe(303);
      expect(await proposal(p)).toMatchObject({
        status: "rejected",
        decision: "rejected",
        decision_reason: reason,
        decision_text: `Обоснование: ${reason}`,
        council_cost: null,
        merged_into_id: null,
      });
      const audit = await audits(p);
      expect(audit.map((a) => a.action)).toEqual(["budget.proposal.decided"]);
      expect(audit[0]?.actor_id).toBe(member.accountId);
    }
    for (const [i, pid] of ids.entries()) {
      const mail = await mailAbout(pid);
      expect(mail).toHaveLength(1);
      const number = String((await proposal(pid)).number);
      expect(mail[0]?.subject).toBe(
        kk.budgets.council.mail.rejected.subject.replace("{number}", number),
      );
      expect(mail[0]?.body_text).toContain(`Обоснование: ${reasons[i]}`);
      expect(mail[0]?.body_text).toContain(
        `http://localhost:3000/budgets/${cycle}/proposals/${pid}`,
      );
    }
    expect((await mailAbout(ids[0] as string))[0]?.body_text).toContain(
      "Жұмыс түрі рұқсат етілген тізбеге кірмейді",
    );
    await db()
      .updateTable("accounts")
      .set({ language: "en" })
      .where("id", "=", author.accountId)
      .execute();
  });

  it("merges a duplicate into another proposal of the same cycle and territory only", async () => {
    const cycle = await reviewCycle();
    const target = await submitted(cycle, { title: "Сквер у школы" });
    const dup = await submitted(cycle);
    const elsewhere = await submitted(cycle, { territory: YESIL_TERRITORY });
    const otherCycle = await reviewCycle();
    const foreign = await submitted(otherCycle);
    for (const into of [elsewhere, foreign, dup, ""]) {
      const r = await decide(member, cycle, dup, {
        decision: "rejected",
        reason: "duplicate",
        text: "Повторяет другое предложение",
        mergedInto: into,
      });
      expect(r.statusCode).toBe(400);
      expect(r.body).toContain(MESSAGES.en.errors.merged_into);
    }
    expect((await proposal(dup)).status).toBe("submitted");
    const r = await decide(member, cycle, dup, {
      decision: "rejected",
      reason: "duplicate",
      text: "Повторяет другое предложение",
      mergedInto: target,
    });
    expect(r.statusCode).toBe(303);
    expect(await proposal(dup)).toMatchObject({
      status: "merged",
      decision: "merged",
      decision_reason: "duplicate",
      merged_into_id: target,
    });
    const mail = await mailAbout(dup);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.body_text).toContain("Сквер у школы");
    const shown = await page(t, member, `/office/budgets/${cycle}/council/${dup}`);
    expect(shown.body).toContain(`/office/budgets/${cycle}/council/${target}`);
  });

  it("a changed decision is recorded, audited and mailed again; outside the review nothing changes", async () => {
    const cycle = await reviewCycle();
    const p = await submitted(cycle);
    expect(
      (
        await decide(member, cycle, p, {
          decision: "rejected",
          reason: "category",
          text: "Не тот вид работ",
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await decide(second, cycle, p, {
          decision: "admitted",
          cost: "12000000",
          text: "Пересмотрено",
        })
      ).statusCode,
    ).toBe(303);
    expect(await proposal(p)).toMatchObject({
      status: "admitted",
      decision_reason: null,
      decided_by_id: second.accountId,
      decision_text: "Пересмотрено",
    });
    expect((await audits(p)).map((a) => a.action)).toEqual([
      "budget.proposal.decided",
      "budget.proposal.decision_changed",
    ]);
    const mail = await mailAbout(p);
    expect(mail).toHaveLength(2);
    expect(mail[0]?.body_text).not.toContain(MESSAGES.en.mail.changed);
    expect(mail[1]?.body_text).toContain(MESSAGES.en.mail.changed);
    expect(mail[1]?.subject).toBe(
      en.budgets.council.mail.admitted.subject.replace(
        "{number}",
        String((await proposal(p)).number),
      ),
    );

    // Voting opens: the decision stands as it is (a session opened then: the others' have expired).
    t.clock.advance(11 * DAY);
    try {
      const latecomer = await staffMember(t, "registrar");
      await addExpert(t, cycle, latecomer.accountId);
      const late = await decide(
        latecomer,
        cycle,
        p,
        { decision: "rejected", reason: "category", text: "Поздно" },
        "ru",
      );
      expect(late.statusCode).toBe(409);
      expect(late.body).toContain(MESSAGES.ru.conflict_reason.phase);
      expect((await proposal(p)).status).toBe("admitted");
      expect((await audits(p)).length).toBe(2);
      expect(await mailAbout(p)).toHaveLength(2);
    } finally {
      t.clock.advance(-11 * DAY);
    }
    const early = await makeCycle(t, { phase: "proposals" });
    await addExpert(t, early, member.accountId);
    const q = await submitted(early);
    expect(
      (await decide(member, early, q, { decision: "admitted", cost: "1000000" })).statusCode,
    ).toBe(409);
    expect((await proposal(q)).status).toBe("submitted");
  });

  it.each(["kk", "ru", "en"] as const)(
    "bad input is refused in %s with the field errors, and nothing is stored",
    async (lang) => {
      const cycle = await makeCycle(t, {
        phase: "review",
        territories: [{ code: BAIKONUR_TERRITORY, amount: 50_000_000 }],
      });
      await addExpert(t, cycle, member.accountId);
      const p = await submitted(cycle);
      const m = MESSAGES[lang];
      const cases: [Record<string, string>, string][] = [
        [{}, m.errors.decision],
        [{ decision: "admitted", cost: "" }, String(lang === "en" ? "Enter an amount" : "")],
        [{ decision: "admitted", cost: "60000000" }, m.errors.over_amount],
        [{ decision: "rejected", reason: "", text: "x" }, m.errors.reason],
        [{ decision: "rejected", reason: "category", text: "" }, m.errors.text],
        [{ decision: "rejected", reason: "nonsense", text: "x" }, m.errors.reason],
      ];
      const audit = (await db().selectFrom("audit_events").select("seq").execute()).length;
      const mail = (await db().selectFrom("mail_outbox").select("id").execute()).length;
      for (const [fields, message] of cases) {
        const r = await decide(member, cycle, p, fields, lang);
        expect(r.statusCode, JSON.stringify(fields)).toBe(400);
        expect(r.body).toContain("govuk-error-summary");
        if (message) expect(r.body).toContain(message.replaceAll('"', "&quot;"));
      }
      expect(await proposal(p)).toMatchObject({
        status: "submitted",
        decision: null,
        council_cost: null,
      });
      expect((await db().selectFrom("audit_events").select("seq").execute()).length).toBe(audit);
      expect((await db().selectFrom("mail_outbox").select("id").execute()).length).toBe(mail);
    },
  );

  it("the queue lists the cycle's proposals before the council, filters them and counts the undecided", async () => {
    const cycle = await reviewCycle();
    const a = await submitted(cycle, { title: "Освещение двора" });
    const b = await submitted(cycle, { title: "Тротуар у рынка", territory: YESIL_TERRITORY });
    await makeProposal(t, cycle, {
      authorId: author.accountId,
      status: "draft",
      title: "Черновик не виден",
    });
    await decide(member, cycle, b, { decision: "admitted", cost: "5000000" });
    for (const lang of ["kk", "ru", "en"] as const) {
      const r = await page(t, member, `/office/budgets/${cycle}/council`, lang);
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain("Освещение двора");
      expect(r.body).toContain("Тротуар у рынка");
      expect(r.body).not.toContain("Черновик не виден");
      expect(r.body).toContain(`href="/budgets/${cycle}/proposals/${a}"`);
      expect(r.body).toContain('href="/office/budgets"');
      expect(await htmlProblems(r.body)).toEqual([]);
    }
    const en = await page(t, member, `/office/budgets/${cycle}/council`);
    expect(en.body).toMatch(
      /id="undecided">1 proposal has not been decided yet\. Voting opens on /,
    );
    const filtered = await page(
      t,
      member,
      `/office/budgets/${cycle}/council?territory=${YESIL_TERRITORY}`,
    );
    expect(filtered.body).toContain("Тротуар у рынка");
    expect(filtered.body).not.toContain("Освещение двора");
    const byStatus = await page(t, member, `/office/budgets/${cycle}/council?status=submitted`);
    expect(byStatus.body).toContain("Освещение двора");
    expect(byStatus.body).not.toContain("Тротуар у рынка");
    const one = await page(t, member, `/office/budgets/${cycle}/council/${a}`, "kk");
    expect(one.statusCode).toBe(200);
    expect(await htmlProblems(one.body)).toEqual([]);
  });
});
