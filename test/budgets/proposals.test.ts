import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { signInAs, signInAsExisting } from "../support/sessions.js";
import {
  allFiles,
  PDF,
  PNG,
  postMultipart,
  proposalFields,
  representative,
} from "./proposals-support.js";
import {
  api,
  BAIKONUR_TERRITORY,
  makeCycle,
  page,
  post,
  resident,
  staffMember,
  YESIL_TERRITORY,
} from "./support.js";

/** The birth date of someone who turns `years` on the clock's day (UTC). */
function bornYearsAgo(t: TestApp, years: number, dayShift = 0): string {
  const d = t.clock.now();
  const b = new Date(
    Date.UTC(d.getUTCFullYear() - years, d.getUTCMonth(), d.getUTCDate() + dayShift),
  );
  return b.toISOString().slice(0, 10);
}

const idFrom = (location: unknown) =>
  /proposals\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? "";

describe.each(testDialects())("budget proposals on %s", (dialect) => {
  let t: TestApp;
  let cycle: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    t.clock.set("2027-02-10T06:00:00Z");
    cycle = await makeCycle(t, { phase: "proposals" });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A complete proposal filed through the form and submitted; returns its id. */
  async function fileComplete(
    who: Awaited<ReturnType<typeof resident>>,
    cycleId = cycle,
    title?: string,
  ) {
    const r = await postMultipart(
      t,
      who,
      `/budgets/${cycleId}/proposals/new`,
      proposalFields({ action: "submit", ...(title ? { title } : {}) }),
      allFiles(),
    );
    expect(r.statusCode, r.body).toBe(303);
    const id = idFrom(r.headers.location);
    const s = await post(t, who, `/budgets/${cycleId}/proposals/${id}/submit`, {});
    expect(s.statusCode, s.body).toBe(303);
    return id;
  }

  it("refuses a 17-year-old before anything is typed and accepts someone 18 today", async () => {
    const young = await resident(t, { birth: bornYearsAgo(t, 18, 1) });
    const refused = await page(t, young, `/budgets/${cycle}/proposals/new`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("Only residents aged 18 or over may take part.");
    expect(refused.body).not.toContain('name="title"');
    const adult = await resident(t, { birth: bornYearsAgo(t, 18) });
    const form = await page(t, adult, `/budgets/${cycle}/proposals/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toMatch(/<option value="711410000" selected/);
    expect(await htmlProblems(form.body)).toEqual([]);
  });

  it("refuses a Yesil resident for Baikonur, a declared identity and a staff account", async () => {
    const baikonurOnly = await makeCycle(t, {
      phase: "proposals",
      territories: [{ code: BAIKONUR_TERRITORY, amount: 50_000_000 }],
    });
    const yesil = await resident(t, { residence: YESIL_TERRITORY });
    const r = await page(t, yesil, `/budgets/${baikonurOnly}/proposals/new`);
    expect(r.statusCode).toBe(403);
    expect(r.body).toContain("Only residents of this territory may take part");
    // In a cycle with both territories, Yesil's resident may not file for Baikonur.
    const wrong = await postMultipart(
      t,
      yesil,
      `/budgets/${cycle}/proposals/new`,
      proposalFields(),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("your registered address is in another territory");
    const declared = await resident(t, { identity: "declared" });
    const d = await page(t, declared, `/budgets/${cycle}/proposals/new`);
    expect(d.statusCode).toBe(403);
    expect(d.body).toContain("verified identity is needed");
    const executor = await staffMember(t, "executor");
    const s = await page(t, executor, `/budgets/${cycle}/proposals/new`);
    expect(s.statusCode).toBe(403);
    expect(s.body).toContain("A staff account acts for a body");
    const none = await t.ctx.db.kysely
      .selectFrom("budget_proposals")
      .select("id")
      .where("author_id", "in", [yesil.accountId, declared.accountId, executor.accountId])
      .execute();
    expect(none).toEqual([]);
  });

  it("keeps a draft, edits it, names what is missing, and submits it with real files", async () => {
    const alice = await resident(t);
    const other = await resident(t);
    const created = await postMultipart(
      t,
      alice,
      `/budgets/${cycle}/proposals/new`,
      proposalFields({ action: "save", cost: "" }),
      [{ field: "sketch", name: "sketch.pdf", type: "application/pdf", content: PDF }],
    );
    expect(created.statusCode, created.body).toBe(303);
    const id = idFrom(created.headers.location);
    expect(created.headers.location).toBe(`/budgets/${cycle}/proposals/${id}/edit?saved=1`);
    const edit = await page(t, alice, `/budgets/${cycle}/proposals/${id}/edit?saved=1`);
    expect(edit.body).toContain("Draft saved");
    expect(edit.body).toContain("sketch.pdf");
    expect(await htmlProblems(edit.body)).toEqual([]);

    // What is missing is named.
    const check = await page(t, alice, `/budgets/${cycle}/proposals/${id}/submit`);
    expect(check.statusCode).toBe(400);
    for (const m of [
      "Enter the estimated cost in tenge",
      "Add an estimate",
      "Add at least one photo",
    ])
      expect(check.body).toContain(m);
    expect(check.body).not.toContain("Add a sketch");
    const early = await post(t, alice, `/budgets/${cycle}/proposals/${id}/submit`, {});
    expect(early.statusCode).toBe(400);

    // A draft is its author's: others get 404 for the page, the form and the files.
    const fileId = (
      await t.ctx.db.kysely
        .selectFrom("budget_files")
        .select("id")
        .where("owner_id", "=", id)
        .executeTakeFirstOrThrow()
    ).id;
    expect((await page(t, other, `/budgets/${cycle}/proposals/${id}`)).statusCode).toBe(404);
    expect((await page(t, null, `/budgets/${cycle}/proposals/${id}`)).statusCode).toBe(404);
    expect((await page(t, other, `/budgets/${cycle}/proposals/${id}/edit`)).statusCode).toBe(404);
    expect((await page(t, other, `/budgets/files/${fileId}`)).statusCode).toBe(404);
    expect((await page(t, alice, `/budgets/files/${fileId}`)).statusCode).toBe(200);
    expect((await page(t, null, `/budgets/${cycle}/proposals`)).body).not.toContain(id);
    const stolen = await postMultipart(
      t,
      other,
      `/budgets/${cycle}/proposals/${id}/edit`,
      proposalFields(),
    );
    expect(stolen.statusCode).toBe(404);

    // A photo must be an image.
    const pdfPhoto = await postMultipart(
      t,
      alice,
      `/budgets/${cycle}/proposals/${id}/edit`,
      proposalFields({ action: "save" }),
      [{ field: "photo", name: "photo.pdf", type: "application/pdf", content: PDF }],
    );
    expect(pdfPhoto.statusCode).toBe(400);
    expect(pdfPhoto.body).toContain("A photo must be a JPEG or PNG image");

    // The rest is added, a wrong file removed, then it is submitted.
    const more = await postMultipart(
      t,
      alice,
      `/budgets/${cycle}/proposals/${id}/edit`,
      proposalFields({ action: "submit", title: "Playground and benches at Kenesary 40" }),
      [
        { field: "estimate", name: "estimate.pdf", type: "application/pdf", content: PDF },
        { field: "photo", name: "yard.png", type: "image/png", content: PNG },
        { field: "presentation", name: "wrong.pdf", type: "application/pdf", content: PDF },
      ],
    );
    expect(more.statusCode, more.body).toBe(303);
    expect(more.headers.location).toBe(`/budgets/${cycle}/proposals/${id}/submit`);
    const wrong = await t.ctx.db.kysely
      .selectFrom("budget_files")
      .select("id")
      .where("owner_id", "=", id)
      .where("kind", "=", "presentation")
      .executeTakeFirstOrThrow();
    const removed = await post(
      t,
      alice,
      `/budgets/${cycle}/proposals/${id}/files/${wrong.id}/remove`,
      {},
    );
    expect(removed.statusCode).toBe(303);
    const ready = await page(t, alice, `/budgets/${cycle}/proposals/${id}/submit`);
    expect(ready.statusCode).toBe(200);
    expect(ready.body).toContain("Submit the proposal");
    expect(ready.body).not.toContain("wrong.pdf");
    const done = await post(t, alice, `/budgets/${cycle}/proposals/${id}/submit`, {});
    expect(done.statusCode).toBe(303);
    const row = await t.ctx.db.kysely
      .selectFrom("budget_proposals")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("submitted");
    expect(row.number).toBeGreaterThan(0);
    expect(row.cost_estimate).toBe(15_000_000);
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "budget.proposal.drafted",
        "budget.proposal.draft_saved",
        "budget.proposal.file_removed",
        "budget.proposal.submitted",
      ]),
    );

    // Now public: the page, the list and the files; no name or IIN of the author.
    const pub = await page(t, null, `/budgets/${cycle}/proposals/${id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain("A resident of Baikonur district");
    expect(pub.body).toContain(`<img src="/budgets/files/`);
    expect(pub.body).not.toContain(alice.iin);
    expect(pub.body).not.toMatch(/Test Citizen|Citizen Test/);
    expect(await htmlProblems(pub.body)).toEqual([]);
    expect((await page(t, other, `/budgets/files/${fileId}`)).statusCode).toBe(200);
    const list = await page(
      t,
      null,
      `/budgets/${cycle}/proposals?territory=${BAIKONUR_TERRITORY}&category=playgrounds_sports`,
    );
    expect(list.body).toContain("Playground and benches at Kenesary 40");
    expect(await htmlProblems(list.body)).toEqual([]);
    const filtered = await page(
      t,
      null,
      `/budgets/${cycle}/proposals?territory=${YESIL_TERRITORY}`,
    );
    expect(filtered.body).not.toContain("Playground and benches at Kenesary 40");

    // Similar proposals are shown to the next person before submitting.
    const bob = await resident(t);
    const b = await postMultipart(
      t,
      bob,
      `/budgets/${cycle}/proposals/new`,
      proposalFields({ action: "submit", title: "New benches on Kenesary" }),
      allFiles(),
    );
    const similar = await page(
      t,
      bob,
      `/budgets/${cycle}/proposals/${idFrom(b.headers.location)}/submit`,
    );
    expect(similar.body).toContain(`href="/budgets/${cycle}/proposals/${id}"`);
  });

  it("refuses to publish a proposal whose own words carry personal data, and submits it once removed", async () => {
    const who = await resident(t);
    const r = await postMultipart(
      t,
      who,
      `/budgets/${cycle}/proposals/new`,
      proposalFields({
        action: "save",
        description: "Площадка во дворе. Звоните мне: +7 701 234 56 78, спросить Айгуль.",
      }),
      allFiles(),
    );
    expect(r.statusCode, r.body).toBe(303);
    const id = idFrom(r.headers.location);
    const refused = await post(t, who, `/budgets/${cycle}/proposals/${id}/submit`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("remove personal data");
    const row = await t.ctx.db.kysely
      .selectFrom("budget_proposals")
      .select(["status", "number"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "draft", number: null });
    const edited = await postMultipart(
      t,
      who,
      `/budgets/${cycle}/proposals/${id}/edit`,
      proposalFields({ action: "save", description: "Площадка во дворе: покрытие и качели." }),
      [],
    );
    expect(edited.statusCode, edited.body).toBe(303);
    const done = await post(t, who, `/budgets/${cycle}/proposals/${id}/submit`, {});
    expect(done.statusCode, done.body).toBe(303);
  });

  it("gives unique numbers to concurrent submissions", async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => resident(t)));
    const ids: string[] = [];
    for (const who of people) {
      const r = await postMultipart(
        t,
        who,
        `/budgets/${cycle}/proposals/new`,
        proposalFields({ action: "submit" }),
        allFiles(),
      );
      ids.push(idFrom(r.headers.location));
    }
    const answers = await Promise.all(
      people.map((who, i) => post(t, who, `/budgets/${cycle}/proposals/${ids[i]}/submit`, {})),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(people.map(() => 303));
    const rows = await t.ctx.db.kysely
      .selectFrom("budget_proposals")
      .select(["number", "status"])
      .where("id", "in", ids)
      .execute();
    const numbers = rows.map((r) => r.number);
    expect(new Set(numbers).size).toBe(6);
    expect(rows.every((r) => r.status === "submitted")).toBe(true);
  });

  it("gathers neighbours' support once each and submits at the threshold", async () => {
    const supported = await makeCycle(t, { phase: "proposals", supportRequired: 2 });
    const author = await resident(t);
    const id = await fileComplete(author, supported);
    const row = await t.ctx.db.kysely
      .selectFrom("budget_proposals")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("collecting");
    const link = `/budgets/support/${row.support_token}`;
    const own = await page(t, author, `/budgets/${supported}/proposals/${id}`);
    expect(own.body).toContain(link);
    expect(own.body).toContain("Neighbours' support: 0 of 2.");
    const publicView = await page(t, null, `/budgets/${supported}/proposals/${id}`);
    expect(publicView.body).not.toContain(link);
    expect((await page(t, null, `/budgets/${supported}/proposals`)).body).toContain(
      "Gathering neighbours",
    );

    const self = await post(t, author, link, {});
    expect(self.statusCode).toBe(403);
    expect(self.body).toContain("This is your own proposal");
    const outsider = await resident(t, { residence: YESIL_TERRITORY });
    const o = await post(t, outsider, link, {});
    expect(o.statusCode).toBe(403);
    expect(o.body).toContain("your registered address is in another territory");
    const minor = await resident(t, { birth: bornYearsAgo(t, 16) });
    expect((await post(t, minor, link, {})).statusCode).toBe(403);

    const n1 = await resident(t);
    expect((await post(t, n1, link, {})).statusCode).toBe(303);
    const again = await post(t, n1, link, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("You already support this proposal.");
    const mid = await page(t, null, link);
    expect(mid.body).toContain("Neighbours' support: 1 of 2.");
    expect(mid.body).not.toContain(n1.iin);
    const n2 = await resident(t);
    expect((await post(t, n2, link, {})).statusCode).toBe(303);
    const after = await t.ctx.db.kysely
      .selectFrom("budget_proposals")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe("submitted");
    expect(after.supports_count).toBe(2);

    // A housing body's proposal needs no support.
    const chair = await resident(t);
    await representative(t, chair.accountId, "ОСИ «Кенесары 40»", "210340012345");
    const orgs = await t.ctx.db.kysely
      .selectFrom("organisation_members")
      .select("organisation_id")
      .where("account_id", "=", chair.accountId)
      .executeTakeFirstOrThrow();
    const r = await postMultipart(
      t,
      chair,
      `/budgets/${supported}/proposals/new`,
      proposalFields({ action: "submit", organisationId: orgs.organisation_id }),
      allFiles(),
    );
    const orgId = idFrom(r.headers.location);
    expect(
      (await post(t, chair, `/budgets/${supported}/proposals/${orgId}/submit`, {})).statusCode,
    ).toBe(303);
    const orgRow = await t.ctx.db.kysely
      .selectFrom("budget_proposals")
      .selectAll()
      .where("id", "=", orgId)
      .executeTakeFirstOrThrow();
    expect(orgRow.status).toBe("submitted");
    expect((await page(t, null, `/budgets/${supported}/proposals/${orgId}`)).body).toContain(
      "ОСИ «Кенесары 40»",
    );
  });

  it("answers the API's codes", async () => {
    const body = {
      title: "Lighting of the path to school",
      description: "Lamps along the path between the houses and the school.",
      category: "lighting",
      territory: BAIKONUR_TERRITORY,
      address: "Astana, Kenesary street 42",
      costEstimate: 9_000_000,
    };
    const url = `/api/v1/budgets/${cycle}/proposals`;
    expect((await api(t, null, "POST", url, body)).status).toBe(401);
    const declared = await resident(t, { identity: "declared" });
    const d = await api(t, declared, "POST", url, body);
    expect(d.status).toBe(403);
    expect(d.json.error.code).toBe("IDENTITY_NOT_VERIFIED");
    const yesil = await resident(t, { residence: YESIL_TERRITORY });
    const y = await api(t, yesil, "POST", url, body, "ru");
    expect(y.status).toBe(403);
    expect(y.json.error.code).toBe("NOT_ELIGIBLE");
    expect(y.json.error.message).toMatch(/зарегистрированы на другой/);
    const alice = await resident(t);
    const bad = await api(t, alice, "POST", url, { ...body, category: "fountains" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("VALIDATION");
    expect(bad.json.error.details.map((x: { field: string }) => x.field)).toContain("category");
    // A point in Yesil for a Baikonur proposal is refused; one in Baikonur is taken.
    const before = await t.ctx.db.kysely
      .selectFrom("budget_proposals")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    const outside = await api(t, alice, "POST", url, { ...body, lat: 51.128, lng: 71.4305 });
    expect(outside.status).toBe(400);
    expect(outside.json.error.details.map((x: { field: string }) => x.field)).toEqual(["location"]);
    const after = await t.ctx.db.kysely
      .selectFrom("budget_proposals")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const inside = await api(t, alice, "POST", url, { ...body, lat: 51.1605, lng: 71.4704 });
    expect(inside.status, JSON.stringify(inside.json)).toBe(201);
    const files = await api(t, alice, "POST", url, { ...body, submit: true });
    expect(files.status).toBe(400);
    expect(files.json.error.code).toBe("FILES_REQUIRED");
    expect(files.json.error.details.map((x: { field: string }) => x.field)).toEqual([
      "sketch",
      "estimate",
      "photo",
    ]);
    const ok = await api(t, alice, "POST", url, body);
    expect(ok.status).toBe(201);
    expect(ok.json.status).toBe("draft");
    expect(ok.json.links.finish).toContain(`/budgets/${cycle}/proposals/${ok.json.id}/edit`);
    const other = await resident(t);
    expect((await page(t, other, `/budgets/${cycle}/proposals/${ok.json.id}`)).statusCode).toBe(
      404,
    );
    expect(
      (await page(t, alice, `/budgets/${cycle}/proposals/${ok.json.id}/edit`)).statusCode,
    ).toBe(200);
    const doc = await api(t, null, "GET", "/api/openapi.json");
    const op = doc.json.paths["/api/v1/budgets/{id}/proposals"]?.post;
    expect(op?.operationId).toBe("fileBudgetProposal");
    expect(Object.keys(op.responses)).toEqual(
      expect.arrayContaining(["201", "400", "401", "403", "409"]),
    );
    const staff = await signInAs(t, { grants: [{ role: "head", agencyId: "ag-baikonur-akimat" }] });
    const s = await api(t, staff, "POST", url, body);
    expect(s.status).toBe(403);
    expect(s.json.error.code).toBe("NOT_ELIGIBLE");
  });

  it("refuses new proposals and submissions after the deadline, naming the date", async () => {
    const c = await makeCycle(t, { phase: "proposals" });
    const email = `late-${Date.now()}@test.invalid`;
    let alice = await resident(t, { email });
    const r = await postMultipart(
      t,
      alice,
      `/budgets/${c}/proposals/new`,
      proposalFields({ action: "submit" }),
      allFiles(),
    );
    const id = idFrom(r.headers.location);
    const before = t.clock.now().toISOString();
    const review = (
      await t.ctx.db.kysely
        .selectFrom("budget_cycles")
        .select("review_at")
        .where("id", "=", c)
        .executeTakeFirstOrThrow()
    ).review_at;
    t.clock.set(new Date(Date.parse(review) + 3600_000));
    try {
      alice = { ...(await signInAsExisting(t, email)), iin: alice.iin };
      const last = new Date(Date.parse(review) - 1);
      const day = new Intl.DateTimeFormat("ru", {
        timeZone: "Asia/Almaty",
        day: "numeric",
        month: "long",
        year: "numeric",
      }).format(last);
      const form = await page(t, alice, `/budgets/${c}/proposals/new`, "ru");
      expect(form.statusCode).toBe(403);
      expect(form.body).toContain(`Приём предложений закончился ${day}`);
      const submit = await post(t, alice, `/budgets/${c}/proposals/${id}/submit`, {}, "ru");
      expect(submit.statusCode).toBe(403);
      expect(submit.body).toContain(`Приём предложений закончился ${day}`);
      const created = await postMultipart(
        t,
        alice,
        `/budgets/${c}/proposals/new`,
        proposalFields(),
        [],
      );
      expect(created.statusCode).toBe(403);
      const viaApi = await api(t, alice, "POST", `/api/v1/budgets/${c}/proposals`, {
        title: "x",
        description: "y",
        category: "lighting",
        territory: BAIKONUR_TERRITORY,
        address: "z",
        costEstimate: 1000,
      });
      expect(viaApi.status).toBe(409);
      expect(viaApi.json.error.code).toBe("PHASE_CLOSED");
      const row = await t.ctx.db.kysely
        .selectFrom("budget_proposals")
        .select("status")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe("draft");
    } finally {
      t.clock.set(before);
    }
  });

  it("lists a citizen's proposals in My Halyq with the next step, and stops support at the phase's end", async () => {
    const c = await makeCycle(t, { phase: "proposals", supportRequired: 3 });
    const email = `mine-${Date.now()}@test.invalid`;
    let author = await resident(t, { email });
    await postMultipart(
      t,
      author,
      `/budgets/${c}/proposals/new`,
      proposalFields({ action: "save", title: "Lamps by the aryk" }),
      [],
    );
    const collecting = await fileComplete(author, c, "Benches in the square");
    const my = await page(t, author, "/my");
    expect(my.statusCode).toBe(200);
    expect(my.body).toContain("Participatory budget proposals");
    expect(my.body).toContain("Finish the draft proposal “Lamps by the aryk”");
    expect(my.body).toContain("Share the support link (0 so far)");
    expect(await htmlProblems(my.body)).toEqual([]);

    const token = (
      await t.ctx.db.kysely
        .selectFrom("budget_proposals")
        .select("support_token")
        .where("id", "=", collecting)
        .executeTakeFirstOrThrow()
    ).support_token;
    const before = t.clock.now().toISOString();
    const review = (
      await t.ctx.db.kysely
        .selectFrom("budget_cycles")
        .select("review_at")
        .where("id", "=", c)
        .executeTakeFirstOrThrow()
    ).review_at;
    t.clock.set(new Date(Date.parse(review) + 60_000));
    try {
      author = { ...(await signInAsExisting(t, email)), iin: author.iin };
      const neighbour = await resident(t);
      const late = await post(t, neighbour, `/budgets/support/${token}`, {});
      expect(late.statusCode).toBe(403);
      expect(late.body).toContain("Support is no longer gathered");
      const shown = await page(t, null, `/budgets/${c}/proposals/${collecting}`);
      expect(shown.body).toContain(
        "it did not gather the support needed in time and was not submitted",
      );
      const row = await t.ctx.db.kysely
        .selectFrom("budget_proposals")
        .select(["status", "supports_count"])
        .where("id", "=", collecting)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: "collecting", supports_count: 0 });
    } finally {
      t.clock.set(before);
    }
  });
});
