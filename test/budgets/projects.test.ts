import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import { makeProject, stagesForm, wantsMail } from "./projects-support.js";
import {
  BAIKONUR,
  BAIKONUR_TERRITORY,
  makeCycle,
  page,
  post,
  resident,
  staffMember,
  YESIL_AKIMAT,
  YESIL_TERRITORY,
} from "./support.js";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** Posts the office photo form (multipart) with one file. */
function postPhoto(
  t: TestApp,
  who: SignedIn,
  pid: string,
  file: { name: string; type: string; buffer: Buffer },
  fields: Record<string, string>,
  lang = "en",
) {
  const boundary = "----halyqtest";
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: who.csrf, ...fields }))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.buffer,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return t.app.inject({
    method: "POST",
    url: `/office/budgets/projects/${pid}/photos`,
    headers: {
      cookie: `${who.cookie}; halyq_lang=${lang}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
}

describe.each(testDialects())("projects in implementation on %s", (dialect) => {
  let t: TestApp;
  let cycleId: string;
  let author: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    cycleId = await makeCycle(t, { phase: "implementation" });
    author = (await resident(t)).accountId;
  });
  afterAll(async () => {
    await t.close();
  });

  const projectRow = (id: string) =>
    t.ctx.db.kysely
      .selectFrom("budget_projects")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  const stageRows = (id: string) =>
    t.ctx.db.kysely
      .selectFrom("budget_project_stages")
      .selectAll()
      .where("project_id", "=", id)
      .orderBy("stage")
      .execute();
  const audits = (id: string) =>
    t.ctx.db.kysely
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .where("subject_type", "=", "budget_project")
      .where("subject_id", "=", id)
      .execute();
  const mailTo = (address: string) =>
    t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select(["subject", "body_text"])
      .where("to_address", "=", address)
      .orderBy("created_at")
      .execute();

  it("lets the body's head, admin and executor report; refuses another body's executor (403) and a citizen (404)", async () => {
    const pid = await makeProject(t, cycleId, { authorId: author });
    for (const role of ["head", "admin", "executor"] as const) {
      const who = await staffMember(t, role);
      const res = await page(t, who, `/office/budgets/projects/${pid}`);
      expect(res.statusCode, role).toBe(200);
      expect(await htmlProblems(res.body)).toEqual([]);
    }
    // A registrar of the same body does not report implementation.
    const registrar = await staffMember(t, "registrar");
    expect((await page(t, registrar, `/office/budgets/projects/${pid}`)).statusCode).toBe(403);
    const other = await staffMember(t, "executor", YESIL_AKIMAT);
    expect((await page(t, other, `/office/budgets/projects/${pid}`)).statusCode).toBe(403);
    const refused = await post(t, other, `/office/budgets/projects/${pid}/details`, {
      contractor: "ТОО «Чужой»",
      contracted: "1",
      spent: "",
      percent: "50",
    });
    expect(refused.statusCode).toBe(403);
    const citizen = await resident(t);
    expect((await page(t, citizen, `/office/budgets/projects/${pid}`)).statusCode).toBe(404);
    const byCitizen = await post(t, citizen, `/office/budgets/projects/${pid}/details`, {
      percent: "50",
    });
    expect(byCitizen.statusCode).toBe(404);
    const row = await projectRow(pid);
    expect(row.contractor).toBeNull();
    expect(row.percent).toBe(0);
    // The office list of the cycle's projects, for the body's staff only.
    const head = await staffMember(t, "head");
    const list = await page(t, head, `/office/budgets/${cycleId}/projects`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/office/budgets/projects/${pid}`);
    expect((await page(t, other, `/office/budgets/${cycleId}/projects`)).statusCode).toBe(404);
  });

  it("saves stages with the status following them, and the details, each with an audit record", async () => {
    const pid = await makeProject(t, cycleId, { authorId: author });
    const head = await staffMember(t, "executor");
    const res = await post(
      t,
      head,
      `/office/budgets/projects/${pid}/stages`,
      stagesForm({
        "procurement-plannedStart": "2025-02-01",
        "procurement-plannedEnd": "2025-03-01",
        "procurement-actualStart": "2025-02-03",
        "procurement-actualEnd": "2025-03-05",
        "works-plannedStart": "2025-05-01",
        "works-plannedEnd": "2025-08-31",
      }),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/office/budgets/projects/${pid}?done=stages`);
    expect((await projectRow(pid)).status).toBe("in_progress");
    const stages = await stageRows(pid);
    const proc = stages.find((s) => s.stage === "procurement");
    expect(proc?.actual_end).toBe("2025-03-05");
    expect(stages.find((s) => s.stage === "works")?.planned_end).toBe("2025-08-31");
    const details = await post(t, head, `/office/budgets/projects/${pid}/details`, {
      contractor: "ТОО «Астана Құрылыс»",
      contracted: "18 500 000",
      spent: "19000000",
      percent: "40",
    });
    expect(details.statusCode).toBe(303);
    const row = await projectRow(pid);
    expect(row.contractor).toBe("ТОО «Астана Құрылыс»");
    expect(Number(row.amount_contracted)).toBe(18_500_000);
    expect(Number(row.amount_spent)).toBe(19_000_000);
    expect(row.percent).toBe(40);
    const actions = (await audits(pid)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["budget.project.stages_updated", "budget.project.details_updated"]),
    );
    // The public page: the procurement ended late, spent above the contract is said in words.
    const pub = await page(t, null, `/budgets/projects/${pid}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain("Late");
    expect(pub.body).toContain("More has been spent than the contract");
    expect(pub.body).toContain("40% complete");
    expect(pub.body).toContain(`/budgets/${cycleId}/proposals/`);
    expect(await htmlProblems(pub.body)).toEqual([]);
  });

  it("completes a project when its acceptance ends, and says so in public", async () => {
    const pid = await makeProject(t, cycleId, { authorId: author, title: "Аллея у дома 7" });
    const head = await staffMember(t, "head");
    const done = { actualStart: "2025-01-10", actualEnd: "2025-03-01" };
    const form: Record<string, string> = {};
    for (const stage of ["procurement", "contract", "works", "acceptance"])
      for (const [f, v] of Object.entries(done)) form[`${stage}-${f}`] = v;
    const res = await post(t, head, `/office/budgets/projects/${pid}/stages`, stagesForm(form));
    expect(res.statusCode).toBe(303);
    expect((await projectRow(pid)).status).toBe("completed");
    const pub = await page(t, null, `/budgets/projects/${pid}`, "ru");
    expect(pub.body).toContain("Все этапы завершены");
    const completed = await page(t, null, "/budgets/projects?status=completed");
    expect(completed.body).toContain("Аллея у дома 7");
    // Taking the acceptance's end back makes it in progress again.
    form["acceptance-actualEnd"] = "";
    await post(t, head, `/office/budgets/projects/${pid}/stages`, stagesForm(form));
    expect((await projectRow(pid)).status).toBe("in_progress");
  });

  it("refuses bad dates, amounts and percent with localised messages and changes nothing", async () => {
    const pid = await makeProject(t, cycleId, { authorId: author });
    const head = await staffMember(t, "head");
    const before = await audits(pid);
    const cases: [Record<string, string>, RegExp][] = [
      [
        stagesForm({ "works-plannedStart": "2025-06-01", "works-plannedEnd": "2025-05-01" }),
        /Окончание не может быть раньше начала/,
      ],
      [stagesForm({ "works-actualStart": "2025-12-01" }), /не может быть в будущем/],
      [stagesForm({ "works-plannedStart": "31.05.2025" }), /Укажите существующую дату/],
    ];
    for (const [form, message] of cases) {
      const res = await post(t, head, `/office/budgets/projects/${pid}/stages`, form, "ru");
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(message);
      expect(res.body).toContain("govuk-error-summary");
    }
    expect((await stageRows(pid)).every((s) => s.planned_start === null)).toBe(true);
    const bad = await post(
      t,
      head,
      `/office/budgets/projects/${pid}/details`,
      { contractor: "ТОО", contracted: "12,5 млн", spent: "-4", percent: "101" },
      "kk",
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Соманы бүтін теңгемен көрсетіңіз");
    expect(bad.body).toContain("0-ден 100-ге дейінгі бүтін санмен");
    expect(await htmlProblems(bad.body)).toEqual([]);
    const row = await projectRow(pid);
    expect(row.contractor).toBeNull();
    expect(row.percent).toBe(0);
    expect(await audits(pid)).toEqual(before);
  });

  it("takes a photo with its caption as alt text, refuses a PDF as a photo, and removes a photo", async () => {
    const pid = await makeProject(t, cycleId, { authorId: author });
    const head = await staffMember(t, "head");
    const pdf = await postPhoto(
      t,
      head,
      pid,
      { name: "plan.pdf", type: "application/pdf", buffer: PDF },
      {
        photoKind: "before",
        caption: "Двор до работ",
      },
      "ru",
    );
    expect(pdf.statusCode).toBe(400);
    expect(pdf.body).toContain("Фотография должна быть");
    const ok = await postPhoto(
      t,
      head,
      pid,
      { name: "yard.png", type: "image/png", buffer: PNG },
      {
        photoKind: "before",
        caption: "Двор до начала работ",
      },
    );
    expect(ok.statusCode).toBe(303);
    const files = await t.ctx.db.kysely
      .selectFrom("budget_files")
      .selectAll()
      .where("owner_kind", "=", "project")
      .where("owner_id", "=", pid)
      .execute();
    expect(files.map((f) => [f.kind, f.media_type])).toEqual([["before", "image/png"]]);
    const pub = await page(t, null, `/budgets/projects/${pid}`);
    expect(pub.body).toContain(`src="/budgets/files/${files[0]?.id}" alt="Двор до начала работ"`);
    const img = await page(t, null, `/budgets/files/${files[0]?.id}`);
    expect(img.statusCode).toBe(200);
    const removed = await post(
      t,
      head,
      `/office/budgets/projects/${pid}/photos/${files[0]?.id}/remove`,
      {},
    );
    expect(removed.statusCode).toBe(303);
    expect(
      await t.ctx.db.kysely
        .selectFrom("budget_files")
        .select("id")
        .where("owner_id", "=", pid)
        .execute(),
    ).toEqual([]);
    expect((await audits(pid)).map((a) => a.action)).toEqual(
      expect.arrayContaining(["budget.project.photo_added", "budget.project.photo_removed"]),
    );
  });

  it("filters the public list by cycle, territory, category and status", async () => {
    const other = await makeCycle(t, {
      phase: "implementation",
      territories: [{ code: YESIL_TERRITORY, amount: 50_000_000 }],
    });
    const a = await makeProject(t, cycleId, {
      authorId: author,
      title: "Сквер у школы",
      category: "parks_squares",
    });
    const b = await makeProject(t, other, {
      authorId: author,
      title: "Освещение двора",
      territory: YESIL_TERRITORY,
      category: "lighting",
      status: "in_progress",
    });
    const all = await page(t, null, "/budgets/projects");
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain("Сквер у школы");
    expect(all.body).toContain("Освещение двора");
    expect(all.body).toContain('data-lat="51.1605"');
    expect(await htmlProblems(all.body)).toEqual([]);
    const byCycle = await page(t, null, `/budgets/projects?cycle=${other}`);
    expect(byCycle.body).not.toContain("Сквер у школы");
    expect(byCycle.body).toContain("Освещение двора");
    const cyclePage = await page(t, null, `/budgets/${cycleId}/projects`, "kk");
    expect(cyclePage.statusCode).toBe(200);
    expect(cyclePage.body).toContain(`/budgets/projects/${a}`);
    expect(cyclePage.body).not.toContain(`/budgets/projects/${b}`);
    expect(
      (await page(t, null, `/budgets/projects?territory=${YESIL_TERRITORY}`)).body,
    ).not.toContain("Сквер у школы");
    const byCategory = await page(t, null, "/budgets/projects?category=lighting");
    expect(byCategory.body).toContain("Освещение двора");
    expect(byCategory.body).not.toContain("Сквер у школы");
    const byStatus = await page(t, null, "/budgets/projects?status=in_progress", "ru");
    expect(byStatus.body).toContain("Освещение двора");
    expect(byStatus.body).not.toContain("Сквер у школы");
    expect(await htmlProblems(byStatus.body)).toEqual([]);
  });

  it("marks a stage late once the clock passes its planned end", async () => {
    const today = t.clock.now().toISOString().slice(0, 10);
    const end = new Date(t.clock.now().getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    const pid = await makeProject(t, cycleId, {
      authorId: author,
      title: "Тротуар по улице Сарайшык",
      stages: { procurement: { planned_start: today, planned_end: end } },
    });
    const before = await page(t, null, `/budgets/projects/${pid}`);
    expect(before.body).not.toContain(">Late<");
    const saved = t.clock.now();
    t.clock.advance(5 * 86_400_000);
    try {
      const after = await page(t, null, `/budgets/projects/${pid}`);
      expect(after.body).toContain(">Late<");
      const list = await page(t, null, `/budgets/projects?cycle=${cycleId}`, "ru");
      expect(list.body).toContain("С опозданием");
    } finally {
      t.clock.set(saved);
    }
  });

  it("mails followers at a stage's start and end and at news, in their language; unfollowing stops it", async () => {
    const pid = await makeProject(t, cycleId, { authorId: author, title: "Площадка во дворе" });
    const address = `follower-${pid.slice(0, 8)}@test.invalid`;
    const follower = await resident(t, { email: address });
    await wantsMail(t, follower.accountId, "kk");
    expect((await post(t, follower, `/budgets/projects/${pid}/follow`, {})).statusCode).toBe(303);
    expect((await post(t, follower, `/budgets/projects/${pid}/follow`, {})).statusCode).toBe(303);
    const head = await staffMember(t, "head");
    const today = t.clock.now().toISOString().slice(0, 10);
    await post(
      t,
      head,
      `/office/budgets/projects/${pid}/stages`,
      stagesForm({ "procurement-actualStart": today }),
    );
    await post(t, head, `/office/budgets/projects/${pid}/news`, {
      news: "Мердігер анықталды, жұмыс сәуірде басталады.",
    });
    let mails = await mailTo(address);
    expect(mails).toHaveLength(2);
    // Both were queued at the same instant of the test's clock: found by what they say, not order.
    const started = mails.find((m) =>
      m.subject.includes("«Мемлекеттік сатып алу» кезеңі басталды"),
    );
    expect(started?.body_text).toContain(`http://localhost:3000/budgets/projects/${pid}/unfollow`);
    expect(mails.filter((m) => m.body_text.includes("Мердігер анықталды"))).toHaveLength(1);
    expect(started?.body_text).not.toContain("Мердігер анықталды");
    // The unsubscribe link asks a signed-in person to confirm.
    const confirm = await page(t, follower, `/budgets/projects/${pid}/unfollow`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain(`action="/budgets/projects/${pid}/unfollow"`);
    expect((await page(t, null, `/budgets/projects/${pid}/unfollow`)).statusCode).toBe(303);
    expect((await post(t, follower, `/budgets/projects/${pid}/unfollow`, {})).statusCode).toBe(303);
    await post(
      t,
      head,
      `/office/budgets/projects/${pid}/stages`,
      stagesForm({ "procurement-actualStart": today, "procurement-actualEnd": today }),
    );
    mails = await mailTo(address);
    expect(mails).toHaveLength(2);
    // Staff cannot follow (the policy is for citizens).
    expect((await post(t, head, `/budgets/projects/${pid}/follow`, {})).statusCode).toBe(403);
  });

  it("files a question as an appeal of the project's body, on the person's My Halyq; anonymous visitors are asked to sign in", async () => {
    const pid = await makeProject(t, cycleId, {
      authorId: author,
      title: "Спортивная площадка у дома 12",
    });
    const anon = await page(t, null, `/budgets/projects/${pid}`);
    expect(anon.body).toContain("Sign in to ask");
    expect(anon.body).not.toContain(`action="/budgets/projects/${pid}/ask"`);
    const asked = await t.app.inject({
      method: "POST",
      url: `/budgets/projects/${pid}/ask`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "question=hello",
    });
    expect([303, 403]).toContain(asked.statusCode);
    const who = await resident(t);
    const empty = await post(t, who, `/budgets/projects/${pid}/ask`, { question: "" }, "ru");
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Напишите ваш вопрос");
    const res = await post(
      t,
      who,
      `/budgets/projects/${pid}/ask`,
      {
        question: "Когда начнутся работы на площадке?",
      },
      "ru",
    );
    expect(res.statusCode).toBe(303);
    const m = /^\/appeals\/([^/?]+)$/.exec(String(res.headers.location));
    expect(m).not.toBeNull();
    const number = decodeURIComponent(m?.[1] as string);
    const appeal = await t.ctx.db.kysely
      .selectFrom("appeals")
      .selectAll()
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    expect(appeal.agency_id).toBe(BAIKONUR);
    expect(appeal.applicant_account_id).toBe(who.accountId);
    expect(appeal.subject).toContain("Спортивная площадка у дома 12");
    expect(appeal.body).toContain(`/budgets/projects/${pid}`);
    expect(appeal.body).toContain("Когда начнутся работы");
    expect(appeal.district_code).toBe(BAIKONUR_TERRITORY);
    const mine = await page(t, who, "/my");
    expect(mine.body).toContain(number);
    // In the body's inbox, as the appeals show it to its registrar.
    const registrar = await staffMember(t, "registrar");
    const inbox = await page(t, registrar, "/office/appeals");
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain(number);
    const shown = await page(t, who, `/appeals/${encodeURIComponent(number)}`);
    expect(shown.statusCode).toBe(200);
    expect((await audits(pid)).map((a) => a.action)).toContain("budget.project.question_filed");
  });
});
