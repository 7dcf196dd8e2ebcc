import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  optedInSigners,
  signatureCount,
} from "../../src/capabilities/petitions/signatures/index.js";
import { applyLimits } from "../../src/capabilities/petitions/signatures/service.js";
import { auditTrail, verifyAuditChain } from "../../src/kernel/audit/audit.js";
import { inThisBuild, startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import {
  ASTANA,
  BAIKONUR,
  BAIKONUR_TERRITORY,
  freshIin,
  insertPetition,
  storedAndPublished,
  verifiedCitizen,
  YESIL_TERRITORY,
} from "./signatures-support.js";

type Json = {
  status: number;
  json: { error?: { code: string; message: string } } & Record<string, unknown>;
};

async function call(
  t: TestApp,
  who: SignedIn | null,
  method: "GET" | "POST" | "DELETE",
  url: string,
  body?: unknown,
  remoteAddress = "127.0.0.1",
): Promise<Json> {
  const headers: Record<string, string> = { cookie: "halyq_lang=en" };
  if (who) {
    headers.cookie = `${who.cookie}; halyq_lang=en`;
    headers["x-csrf-token"] = who.csrf;
  }
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await t.app.inject({
    method,
    url,
    headers,
    remoteAddress,
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : null };
}

const sign = (t: TestApp, who: SignedIn | null, id: string, body: unknown = {}, ip?: string) =>
  call(t, who, "POST", `/api/v1/petitions/${id}/signatures`, body, ip);

function form(
  t: TestApp,
  who: SignedIn,
  url: string,
  fields: Record<string, string>,
  ip = "127.0.0.1",
) {
  return t.app.inject({
    method: "POST",
    url,
    remoteAddress: ip,
    headers: {
      cookie: `${who.cookie}; halyq_lang=en`,
      "content-type": "application/x-www-form-urlencoded",
    },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
}

describe.each(testDialects())("petition signatures on %s", (dialect) => {
  let t: TestApp;
  let now: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    now = t.clock.now().toISOString();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const expectExact = async (petitionId: string, expected: number) => {
    const { stored, published } = await storedAndPublished(t.ctx.db.kysely, petitionId);
    expect(stored).toBe(expected);
    expect(published).toBe(expected);
    expect(await signatureCount(t.ctx.db.kysely, petitionId)).toBe(expected);
  };

  it("records one signature per person, answers 201 once stored and 409 the second time", async () => {
    const p = await insertPetition(t.ctx.db.kysely, { now });
    const who = await verifiedCitizen(t);
    const first = await sign(t, who, p.id, { notify: true });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ petitionId: p.id, notify: true });
    await expectExact(p.id, 1);
    const again = await t.app.inject({
      method: "POST",
      url: `/api/v1/petitions/${p.id}/signatures`,
      headers: { cookie: who.cookie, "x-csrf-token": who.csrf },
    });
    expect(again.statusCode).toBe(409);
    expect(JSON.parse(again.body).error.code).toBe("ALREADY_SIGNED");
    const invalid = await sign(t, who, p.id, { notify: "yes please" });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error?.code).toBe("VALIDATION");
    await expectExact(p.id, 1);
    const mine = await call(t, who, "GET", `/api/v1/petitions/${p.id}/signatures/mine`);
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({ status: "valid", notify: true });
    expect(await optedInSigners(t.ctx.db.kysely, p.id)).toEqual([who.accountId]);
    const audit = await auditTrail(t.ctx.db.kysely, "petition", p.id);
    expect(audit.map((a) => a.action)).toEqual(["petition.signatures.added"]);
    expect(audit[0]?.data).toEqual({
      signatures: [{ signatureId: first.json.id, accountId: who.accountId }],
    });
  });

  it("lists the signing API in the OpenAPI file", async () => {
    const docs = await t.app.inject({ url: "/api/openapi.json" });
    const paths = JSON.parse(docs.body).paths ?? {};
    expect(Object.keys(paths["/api/v1/petitions/{id}/signatures"] ?? {})).toContain("post");
    expect(Object.keys(paths["/api/v1/petitions/{id}/signatures/mine"] ?? {}).sort()).toEqual([
      "delete",
      "get",
    ]);
  });

  it("keeps one signature per IIN under concurrent attempts, and the count exact", async () => {
    const p = await insertPetition(t.ctx.db.kysely, { now });
    const same = await verifiedCitizen(t);
    const others = await Promise.all(Array.from({ length: 25 }, () => verifiedCitizen(t)));
    const attempts = [
      ...Array.from({ length: 15 }, () => sign(t, same, p.id)),
      ...others.map((o) => sign(t, o, p.id)),
      ...others.slice(0, 10).map((o) => sign(t, o, p.id)),
    ];
    const results = await Promise.all(attempts);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(26);
    expect(statuses.filter((s) => s === 409)).toHaveLength(24);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.json.error?.code).toBe("ALREADY_SIGNED");
    await expectExact(p.id, 26);
    const perPerson = await t.ctx.db.kysely
      .selectFrom("petition_signatures")
      .select(["iin", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("petition_id", "=", p.id)
      .groupBy("iin")
      .having((eb) => eb.fn.countAll(), ">", 1)
      .execute();
    expect(perPerson).toEqual([]);
    // Every stored signature is named in the audit trail once, with its signer.
    const stored = await t.ctx.db.kysely
      .selectFrom("petition_signatures")
      .select(["id", "account_id"])
      .where("petition_id", "=", p.id)
      .execute();
    const audited = (await auditTrail(t.ctx.db.kysely, "petition", p.id)).flatMap(
      (a) => (a.data as { signatures: { signatureId: string; accountId: string }[] }).signatures,
    );
    expect(audited.map((a) => a.signatureId).sort()).toEqual(stored.map((r) => r.id).sort());
    for (const r of stored)
      expect(audited.find((a) => a.signatureId === r.id)?.accountId).toBe(r.account_id);
  });

  it("moves the petition on once its threshold is reached, soon after the deciding batch", async () => {
    const p = await insertPetition(t.ctx.db.kysely, { now, threshold: 2 });
    expect((await sign(t, await verifiedCitizen(t), p.id)).status).toBe(201);
    const [a, b] = await Promise.all([verifiedCitizen(t), verifiedCitizen(t)]);
    const both = await Promise.all([sign(t, a as SignedIn, p.id), sign(t, b as SignedIn, p.id)]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    let status = "collecting";
    for (let k = 0; k < 40 && status === "collecting"; k++) {
      await new Promise((r) => setTimeout(r, 100));
      const row = await t.ctx.db.kysely
        .selectFrom("petitions")
        .select("status")
        .where("id", "=", p.id)
        .executeTakeFirstOrThrow();
      status = row.status;
    }
    expect(status).toBe("consideration");
    const late = await sign(t, await verifiedCitizen(t), p.id);
    expect(late.json.error?.code).toBe("SIGNING_CLOSED");
    await expectExact(p.id, 3);
  });

  it("refuses an unverified identity (none, or a declared IIN), staff, closed and unknown petitions", async () => {
    const p = await insertPetition(t.ctx.db.kysely, { now });
    const noIin = await signInAs(t, { kind: "citizen" });
    const r = await sign(t, noIin, p.id);
    expect(r.status).toBe(403);
    expect(r.json.error?.code).toBe("IDENTITY_NOT_VERIFIED");
    expect(r.json.error?.message).toContain("e-ID");
    expect(r.json.error?.message).toContain("registrar");
    // A made-up IIN with a right check digit, typed at registration: declared, refused.
    const squatter = await signInAs(t, { kind: "citizen" });
    await t.ctx.db.kysely
      .updateTable("accounts")
      .set({ iin: freshIin(), residence_code: null, identity_assurance: "declared" })
      .where("id", "=", squatter.accountId)
      .execute();
    const declared = await sign(t, squatter, p.id);
    expect(declared.status).toBe(403);
    expect(declared.json.error?.code).toBe("IDENTITY_NOT_VERIFIED");
    const officer = await signInAs(t, { grants: [{ role: "moderator", agencyId: BAIKONUR }] });
    expect((await sign(t, officer, p.id)).status).toBe(403);
    expect((await sign(t, null, p.id)).status).toBe(401);
    const who = await verifiedCitizen(t);
    expect((await sign(t, who, "no-such-petition")).status).toBe(404);
    const considering = await insertPetition(t.ctx.db.kysely, { now, status: "consideration" });
    const c = await sign(t, who, considering.id);
    expect(c.status).toBe(409);
    expect(c.json.error?.code).toBe("SIGNING_CLOSED");
    const past = await insertPetition(t.ctx.db.kysely, { now, closesAt: now });
    expect((await sign(t, who, past.id)).json.error?.code).toBe("SIGNING_CLOSED");
    for (const id of [p.id, considering.id, past.id]) await expectExact(id, 0);
  });

  it("admits only residents of the petition's territory, by KATO hierarchy", async () => {
    const district = await insertPetition(t.ctx.db.kysely, {
      now,
      territoryCode: BAIKONUR_TERRITORY,
    });
    const city = await insertPetition(t.ctx.db.kysely, { now, territoryCode: ASTANA });
    const baikonur = await verifiedCitizen(t, BAIKONUR_TERRITORY);
    const yesil = await verifiedCitizen(t, YESIL_TERRITORY);
    const elsewhere = await verifiedCitizen(t, "751210000");
    const unknown = await verifiedCitizen(t, null);
    expect((await sign(t, baikonur, district.id)).status).toBe(201);
    const refused = await sign(t, yesil, district.id);
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe("NOT_ELIGIBLE");
    expect((await sign(t, unknown, district.id)).status).toBe(403);
    expect((await sign(t, yesil, city.id)).status).toBe(201);
    expect((await sign(t, baikonur, city.id)).status).toBe(201);
    expect((await sign(t, elsewhere, city.id)).status).toBe(403);
    await expectExact(district.id, 1);
    await expectExact(city.id, 2);
    const regions = await t.ctx.db.kysely
      .selectFrom("petition_signatures")
      .select(["region_code", "district_code"])
      .where("petition_id", "=", city.id)
      .orderBy("district_code")
      .execute();
    expect(regions).toEqual([
      { region_code: ASTANA, district_code: YESIL_TERRITORY },
      { region_code: ASTANA, district_code: BAIKONUR_TERRITORY },
    ]);
  });

  it("withdraws while open (the count drops), lets the person sign again, and not once closed", async () => {
    const p = await insertPetition(t.ctx.db.kysely, { now, closesAt: "2025-03-19T05:01:00.000Z" });
    const who = await verifiedCitizen(t);
    const other = await verifiedCitizen(t);
    expect((await sign(t, who, p.id)).status).toBe(201);
    expect((await sign(t, other, p.id)).status).toBe(201);
    await expectExact(p.id, 2);
    const w = await call(t, who, "DELETE", `/api/v1/petitions/${p.id}/signatures/mine`);
    expect(w.status).toBe(200);
    await expectExact(p.id, 1);
    expect((await call(t, who, "GET", `/api/v1/petitions/${p.id}/signatures/mine`)).status).toBe(
      404,
    );
    const twice = await call(t, who, "DELETE", `/api/v1/petitions/${p.id}/signatures/mine`);
    expect(twice.json.error?.code).toBe("NO_SIGNATURE");
    expect((await sign(t, who, p.id)).status).toBe(201);
    await expectExact(p.id, 2);
    const actions = (await auditTrail(t.ctx.db.kysely, "petition", p.id)).map((a) => a.action);
    expect(actions.filter((a) => a === "petition.signature.withdrawn")).toHaveLength(1);
    t.clock.set("2025-03-19T05:01:01Z");
    try {
      const late = await call(t, other, "DELETE", `/api/v1/petitions/${p.id}/signatures/mine`);
      expect(late.status).toBe(409);
      expect(late.json.error?.code).toBe("SIGNING_CLOSED");
      await expectExact(p.id, 2);
    } finally {
      t.clock.set(now);
    }
  });

  it("signs and withdraws through the page's forms, with the outcome carried to the page", async () => {
    const p = await insertPetition(t.ctx.db.kysely, { now });
    const who = await verifiedCitizen(t);
    const noCsrf = await t.app.inject({
      method: "POST",
      url: `/petitions/${p.number}/signature`,
      headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "notify=yes",
    });
    expect(noCsrf.statusCode).toBe(403);
    await expectExact(p.id, 0);
    const bad = await form(t, who, `/petitions/${p.number}/signature`, { notify: "maybe" });
    expect(bad.statusCode).toBe(400);
    await expectExact(p.id, 0);
    const ok = await form(t, who, `/petitions/${p.number}/signature`, { notify: "yes" });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/petitions/${p.number}?signature=signed#signature`);
    await expectExact(p.id, 1);
    const shown = await t.app.inject({
      method: "GET",
      url: `/petitions/${p.number}?signature=signed&lang=en`,
      headers: { cookie: who.cookie },
    });
    expect(shown.body).toContain("Your signature is recorded and counted.");
    // The portal survey (when this build has it) is offered once the signature is in.
    if (inThisBuild("survey"))
      expect(shown.body).toContain('name="context" value="petition_signed"');
    const again = await form(t, who, `/petitions/${p.number}/signature`, {});
    expect(again.headers.location).toBe(
      `/petitions/${p.number}?signature=already_signed#signature`,
    );
    const noIin = await signInAs(t, { kind: "citizen" });
    const refused = await form(t, noIin, `/petitions/${p.number}/signature`, {});
    expect(refused.headers.location).toContain("signature=identity_not_verified");
    const panel = await t.app.inject({
      method: "GET",
      url: `/petitions/${p.number}?lang=en`,
      headers: { cookie: noIin.cookie },
    });
    expect(panel.body).toContain('data-testid="identity-not-verified"');
    expect(panel.body).not.toContain(`action="/petitions/${p.number}/signature"`);
    const w = await form(t, who, `/petitions/${p.number}/signature/withdraw`, {});
    expect(w.headers.location).toBe(`/petitions/${p.number}?signature=withdrawn#signature`);
    await expectExact(p.id, 0);
    const anonymous = await t.app.inject({
      method: "POST",
      url: `/petitions/${p.number}/signature`,
    });
    expect([303, 403]).toContain(anonymous.statusCode);
    await expectExact(p.id, 0);
  });

  it("limits signing attempts per account and per address", async () => {
    const p = await insertPetition(t.ctx.db.kysely, { now });
    applyLimits(t.ctx, { perAccount: 3, perAddress: 5 });
    try {
      const who = await verifiedCitizen(t);
      const codes: number[] = [];
      for (let k = 0; k < 4; k++) codes.push((await sign(t, who, p.id, {}, "192.0.2.1")).status);
      expect(codes).toEqual([201, 409, 409, 429]);
      const many = await Promise.all(Array.from({ length: 4 }, () => verifiedCitizen(t)));
      const fromOne: number[] = [];
      for (const m of many) fromOne.push((await sign(t, m, p.id, {}, "192.0.2.1")).status);
      expect(fromOne).toEqual([201, 429, 429, 429]);
      expect((await sign(t, many[1] as SignedIn, p.id, {}, "192.0.2.2")).status).toBe(201);
      await expectExact(p.id, 3);
      const page = await form(
        t,
        many[2] as SignedIn,
        `/petitions/${p.number}/signature`,
        {},
        "192.0.2.1",
      );
      expect(page.headers.location).toContain("signature=rate_limited");
      await expectExact(p.id, 3);
    } finally {
      applyLimits(t.ctx, { perAccount: 10_000, perAddress: 100_000 });
    }
  });

  it("shows bursts to the body's moderator and invalidates them with a reason, in counts and audit", async () => {
    const p = await insertPetition(t.ctx.db.kysely, { now });
    const burst = await Promise.all(Array.from({ length: 6 }, () => verifiedCitizen(t)));
    for (const b of burst) expect((await sign(t, b, p.id, {}, "203.0.113.7")).status).toBe(201);
    const honest = await Promise.all(Array.from({ length: 2 }, () => verifiedCitizen(t)));
    for (const [k, h] of honest.entries())
      expect((await sign(t, h, p.id, {}, `198.51.100.${k + 1}`)).status).toBe(201);
    await expectExact(p.id, 8);

    const moderator = await signInAs(t, { grants: [{ role: "moderator", agencyId: BAIKONUR }] });
    const view = await t.app.inject({
      url: `/office/petitions/${p.number}/signatures?window=24h&min=5`,
      headers: { cookie: `${moderator.cookie}; halyq_lang=en` },
    });
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain("203.0.113.0/24");
    expect(view.body).not.toContain("198.51.100.0/24");
    expect(view.body).not.toContain("203.0.113.7");
    expect(await htmlProblems(view.body)).toEqual([]);

    const url = `/office/petitions/${p.number}/signatures/invalidate`;
    const empty = await form(t, moderator, url, {
      source: "subnet",
      value: "203.0.113.0/24",
      window: "24h",
      reason: "",
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Enter the reason");
    expect(await htmlProblems(empty.body)).toEqual([]);
    await expectExact(p.id, 8);

    const done = await form(t, moderator, url, {
      source: "subnet",
      value: "203.0.113.0/24",
      window: "24h",
      reason: "Six signatures in a minute from one network",
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toContain("done=6");
    await expectExact(p.id, 2);
    const trail = await auditTrail(t.ctx.db.kysely, "petition", p.id);
    const entry = trail.find((a) => a.action === "petition.signatures.invalidated");
    expect(entry).toMatchObject({
      actorId: moderator.accountId,
      reason: "Six signatures in a minute from one network",
      data: { source: "subnet", value: "203.0.113.0/24", count: 6 },
    });
    expect((await verifyAuditChain(t.ctx.db.kysely)).brokenAt).toBeNull();
    const resign = await sign(t, burst[0] as SignedIn, p.id);
    expect(resign.status).toBe(409);
    expect(resign.json.error?.code).toBe("SIGNATURE_INVALIDATED");
    const mine = await call(
      t,
      burst[0] as SignedIn,
      "GET",
      `/api/v1/petitions/${p.id}/signatures/mine`,
    );
    expect(mine.json).toMatchObject({ status: "invalidated" });
    await expectExact(p.id, 2);
  });

  it("keeps the abuse view from everyone but the addressed body's moderator and head", async () => {
    const p = await insertPetition(t.ctx.db.kysely, { now });
    const who = await verifiedCitizen(t);
    expect((await sign(t, who, p.id, {}, "203.0.113.9")).status).toBe(201);
    const view = `/office/petitions/${p.number}/signatures`;
    const post = `${view}/invalidate`;
    const fields = {
      source: "subnet",
      value: "203.0.113.0/24",
      window: "all",
      reason: "Testing the refusal",
    };
    const get = (s: SignedIn | null) =>
      t.app.inject({ url: view, headers: s ? { cookie: s.cookie } : {} });
    const anonymous = await get(null);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain("/login");
    const denied: SignedIn[] = [
      who,
      await signInAs(t, { grants: [{ role: "registrar", agencyId: BAIKONUR }] }),
      await signInAs(t, { grants: [{ role: "executor", agencyId: BAIKONUR }] }),
      await signInAs(t, { grants: [{ role: "analyst", agencyId: BAIKONUR }] }),
      await signInAs(t, { grants: [{ role: "admin", agencyId: BAIKONUR }] }),
      await signInAs(t, { grants: [{ role: "moderator", agencyId: "ag-yesil-akimat" }] }),
      await signInAs(t, { grants: [{ role: "head", agencyId: "ag-yesil-akimat" }] }),
    ];
    for (const d of denied) {
      expect((await get(d)).statusCode).toBe(403);
      expect((await form(t, d, post, fields)).statusCode).toBe(403);
    }
    const noSecondFactor = await signInAs(t, {
      grants: [{ role: "moderator", agencyId: BAIKONUR }],
      secondFactor: false,
    });
    expect((await get(noSecondFactor)).headers.location).toBe("/login/second-factor");
    expect((await form(t, noSecondFactor, post, fields)).headers.location).toBe(
      "/login/second-factor",
    );
    await expectExact(p.id, 1);
    for (const role of ["moderator", "head"] as const) {
      const allowed = await signInAs(t, { grants: [{ role, agencyId: BAIKONUR }] });
      expect((await get(allowed)).statusCode).toBe(200);
    }
    const head = await signInAs(t, { grants: [{ role: "head", agencyId: BAIKONUR }] });
    expect((await form(t, head, post, fields)).statusCode).toBe(303);
    await expectExact(p.id, 0);
  });

  it("shows the signing panel on the petition's page: form, own signature, signers, regions", async () => {
    const p = await insertPetition(t.ctx.db.kysely, { now, territoryCode: ASTANA });
    const who = await verifiedCitizen(t, BAIKONUR_TERRITORY);
    const view = (s: SignedIn | null, lang: string) =>
      t.app.inject({
        url: `/petitions/${p.number}`,
        headers: { cookie: s ? `${s.cookie}; halyq_lang=${lang}` : `halyq_lang=${lang}` },
      });
    const before = await view(who, "en");
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain(`action="/petitions/${p.number}/signature"`);
    expect(before.body).toContain('name="notify"');
    expect(await htmlProblems(before.body)).toEqual([]);
    expect((await sign(t, who, p.id)).status).toBe(201);
    for (const lang of ["kk", "ru", "en"]) {
      const after = await view(who, lang);
      expect(after.body).toContain(`action="/petitions/${p.number}/signature/withdraw"`);
      expect(after.body).toContain("Айгерим О.");
      expect(after.body).toContain('data-signature-count="1"');
      expect(await htmlProblems(after.body)).toEqual([]);
      const anonymous = await view(null, lang);
      expect(anonymous.body).not.toContain("/signature/withdraw");
      expect(await htmlProblems(anonymous.body)).toEqual([]);
    }
  });

  it("lists signers by given name and surname's initial, paged, as valid pages in every language", async () => {
    const p = await insertPetition(t.ctx.db.kysely, { now });
    for (let k = 0; k < 3; k++)
      expect((await sign(t, await verifiedCitizen(t), p.id)).status).toBe(201);
    for (const lang of ["kk", "ru", "en"]) {
      const res = await t.app.inject({
        url: `/petitions/${p.number}/signers`,
        headers: { cookie: `halyq_lang=${lang}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("Айгерим О.");
      expect(res.body).not.toContain("Омарова");
      expect(await htmlProblems(res.body)).toEqual([]);
    }
    const bad = await t.app.inject({ url: `/petitions/${p.number}/signers?before=nonsense` });
    expect(bad.statusCode).toBe(400);
  });
  it("lets the signer choose whether their name is listed: the list and its count respect it, web and API", async () => {
    const p = await insertPetition(t.ctx.db.kysely, { now });
    const named = await verifiedCitizen(t);
    const hidden = await verifiedCitizen(t);
    const hiddenByForm = await verifiedCitizen(t);
    await t.ctx.db.kysely
      .updateTable("accounts")
      .set({ given_name: "Болат", surname: "Нуров" })
      .where("id", "in", [hidden.accountId, hiddenByForm.accountId])
      .execute();
    // The form says, before signing, whether the name is shown, and offers not to show it.
    const before = await t.app.inject({
      url: `/petitions/${p.number}?lang=en`,
      headers: { cookie: named.cookie },
    });
    expect(before.body).toContain("Your name in the public list of signers");
    expect(before.body).toContain('name="showName" type="radio" value="no"');
    expect(await htmlProblems(before.body)).toEqual([]);
    expect((await sign(t, named, p.id)).status).toBe(201);
    const quiet = await sign(t, hidden, p.id, { showName: false });
    expect(quiet.status).toBe(201);
    expect(quiet.json.showName).toBe(false);
    const byForm = await form(t, hiddenByForm, `/petitions/${p.number}/signature`, {
      showName: "no",
    });
    expect(byForm.headers.location).toContain("signature=signed");
    const mine = await call(t, hidden, "GET", `/api/v1/petitions/${p.id}/signatures/mine`);
    expect(mine.json.showName).toBe(false);
    expect(
      (await form(t, named, `/petitions/${p.number}/signature`, { showName: "maybe" })).statusCode,
    ).toBe(400);
    await expectExact(p.id, 3);
    for (const lang of ["kk", "ru", "en"]) {
      const res = await t.app.inject({
        url: `/petitions/${p.number}/signers`,
        headers: { cookie: `halyq_lang=${lang}` },
      });
      expect(res.body).toContain("Айгерим О.");
      expect(res.body).not.toContain("Болат");
      expect(res.body).toContain('data-testid="signers-listed"');
      expect(res.body).toMatch(/1\D+3|3\D+1/);
      expect(await htmlProblems(res.body)).toEqual([]);
    }
    const page = await t.app.inject({ url: `/petitions/${p.number}?lang=en` });
    expect(page.body).not.toContain("Болат");
    expect(page.body).toContain('data-signature-count="3"');
  });
});
