import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTrail } from "../../src/kernel/audit/audit.js";
import { withCheckDigit } from "../../src/kernel/ids.js";
import { insertPetition } from "../petitions/signatures-support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { eidSignIn, signedInFrom } from "../support/eid-flow.js";
import { FormClient, linkFromOutbox } from "../support/forms.js";
import { htmlProblems } from "../support/html.js";
import { startOidcProvider } from "../support/oidc-provider.js";
import { api, count, createPoll, page, post, staff, surveyForm, voteForm } from "./support.js";

const BASE = "http://127.0.0.1:3999";
/** The IIN of the review's attack: made up, with a right check digit. */
const MADE_UP = "850315301007";
const ballot = { answers: { "1": "a" } };

function iin(prefix: string): string {
  for (let d = 0; d <= 9; d++) {
    const v = withCheckDigit(`${prefix}${d}`);
    if (v) return v;
  }
  throw new Error("no IIN");
}

/** A wall-clock time in Kazakhstan (UTC+5) `hours` from now, as the office form takes it. */
const local = (hours: number) =>
  new Date(Date.now() + (hours + 5) * 3_600_000).toISOString().slice(0, 16);

/**
 * One person, one vote: an identity only declared at registration (an IIN that merely passes
 * the check digit) is refused wherever a person must count once; the e-ID or a registrar's
 * check at the desk verifies it, and takes the IIN from whoever only declared it.
 */
describe.each(testDialects())("identity assurance on %s", { timeout: 60_000 }, (dialect) => {
  let t: TestApp;
  let provider: Awaited<ReturnType<typeof startOidcProvider>>;
  let everyone: string;
  let residents: string;
  const holder = {
    iin: iin("9202154001"),
    email: "holder@eid.example.kz",
    family_name: "Серікова",
    given_name: "Мадина",
    kato_code: "711410000",
  };

  beforeAll(async () => {
    provider = await startOidcProvider({
      redirectUris: [`${BASE}/login/eid/callback`],
      accounts: {
        holder,
        deskperson: {
          iin: iin("7701014001"),
          email: "desk@eid.example.kz",
          family_name: "Жоқов",
          given_name: "Ойдан",
        },
      },
      profileClaims: ["kato_code"],
    });
    t = await startTestApp(dialect, {
      now: new Date().toISOString(),
      env: {
        PUBLIC_URL: BASE,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_RESIDENCE_CLAIM: "kato_code",
      },
    });
    const head = await staff(t, "head");
    const times = { opensAt: local(-1), closesAt: local(48) };
    everyone = await createPoll(
      t,
      head,
      voteForm({ ...times, eligibility: "everyone", territoryCode: "" }),
    );
    residents = await createPoll(t, head, voteForm(times));
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  /** Registers with a password and a typed IIN, confirms the address, signs in. */
  async function register(email: string, typedIin: string) {
    const client = new FormClient(t, "en");
    const res = await client.submit("/register", "/register", {
      surname: "Жоқов",
      givenName: "Ойдан",
      iin: typedIin,
      email,
      password: "steppe horse river 42",
      language: "en",
    });
    expect(res.body).toContain("Check your e-mail");
    await client.get(await linkFromOutbox(t, email, "/confirm?token="));
    const login = await client.submit("/login", "/login", {
      email,
      password: "steppe horse river 42",
    });
    expect(login.statusCode).toBe(303);
    return client;
  }

  /** The client's session as the API helpers take it. */
  const session = (client: FormClient) => signedInFrom(t, client.cookie);
  /** The code a person reads out at the desk, from their own account page. */
  const deskCodeOf = async (who: Awaited<ReturnType<typeof session>>) => {
    const res = await page(t, who, "/account", "en");
    const m = /(\d{3}) (\d{3}) \(changes every 10 minutes/.exec(res.body);
    expect(m, "the account page shows the desk code").not.toBeNull();
    return `${m?.[1]}${m?.[2]}`;
  };

  it("refuses the made-up-IIN attack with 403 IDENTITY_NOT_VERIFIED, in the API and on the page", async () => {
    const attacker = await register("fake1@attacker.example", MADE_UP);
    const who = await session(attacker);
    const me = await api(t, who, "GET", "/api/v1/me");
    expect(me.json.identityVerified).toBe(false);
    const r = await api(t, who, "POST", `/api/v1/polls/${everyone}/ballots`, ballot);
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("IDENTITY_NOT_VERIFIED");
    expect(r.json.error.message).toMatch(/e-ID/);
    expect(r.json.error.message).toMatch(/registrar/);
    const ru = await t.app.inject({
      method: "POST",
      url: `/api/v1/polls/${everyone}/ballots?lang=ru`,
      headers: { cookie: who.cookie, "x-csrf-token": who.csrf, "content-type": "application/json" },
      payload: JSON.stringify(ballot),
    });
    expect(ru.json().error.message).toMatch(/регистратор/);
    // The page explains instead of offering a ballot, and a posted ballot is refused too.
    const shown = await attacker.get(`/polls/${everyone}`);
    expect(shown.body).toContain("registrar");
    expect(shown.body).not.toContain(`action="/polls/${everyone}/ballot"`);
    expect(await htmlProblems(shown.body)).toEqual([]);
    const posted = await attacker.post(`/polls/${everyone}/ballot`, {
      _csrf: /name="_csrf" value="([^"]+)"/.exec((await attacker.get("/account")).body)?.[1] ?? "",
      "q-1": "a",
    });
    expect(posted.statusCode).toBe(403);
    expect(posted.body).toContain("registrar");
    // The account page says the identity is only declared, and how to verify it.
    const account = await attacker.get("/account");
    expect(account.body).toContain("Declared by the person (not verified)");
    expect(account.body).toContain('data-testid="identity-not-verified"');
    expect(await htmlProblems(account.body)).toEqual([]);
    // A second made-up account fares no better, and nothing was counted.
    const second = await session(await register("fake2@attacker.example", iin("8503153011")));
    const again = await api(t, second, "POST", `/api/v1/polls/${everyone}/ballots`, ballot);
    expect(again.json.error.code).toBe("IDENTITY_NOT_VERIFIED");
    expect(await count(t, "poll_voters", everyone)).toBe(0);
    expect(await count(t, "poll_ballots", everyone)).toBe(0);
  });

  it("gives the IIN to its real holder at e-ID sign-in, who then votes and signs", async () => {
    const squatter = await register("squatter@attacker.example", holder.iin);
    const squatterSession = await session(squatter);
    const refused = await api(
      t,
      squatterSession,
      "POST",
      `/api/v1/polls/${everyone}/ballots`,
      ballot,
    );
    expect(refused.json.error.code).toBe("IDENTITY_NOT_VERIFIED");

    const signedIn = await eidSignIn(t, "holder");
    expect(signedIn.location).toBe("/my");
    const real = await signedInFrom(t, signedIn.cookie);
    const rows = await t.ctx.db.kysely
      .selectFrom("accounts")
      .select(["id", "iin", "identity_assurance"])
      .where("id", "in", [real.accountId, squatterSession.accountId])
      .execute();
    expect(rows.find((r) => r.id === real.accountId)).toMatchObject({
      iin: holder.iin,
      identity_assurance: "eid",
    });
    expect(rows.find((r) => r.id === squatterSession.accountId)?.iin).toBeNull();
    expect((await api(t, squatterSession, "GET", "/api/v1/me")).status).toBe(401);
    expect((await api(t, real, "GET", "/api/v1/me")).json.identityVerified).toBe(true);

    for (const poll of [everyone, residents]) {
      const cast = await api(t, real, "POST", `/api/v1/polls/${poll}/ballots`, ballot);
      expect(cast.status, poll).toBe(201);
    }
    const petition = await insertPetition(t.ctx.db.kysely, { now: new Date().toISOString() });
    const signed = await api(t, real, "POST", `/api/v1/petitions/${petition.id}/signatures`, {});
    expect(signed.status).toBe(201);
    const stored = await t.ctx.db.kysely
      .selectFrom("petition_signatures")
      .select("iin")
      .where("petition_id", "=", petition.id)
      .execute();
    expect(stored).toEqual([{ iin: holder.iin }]);
  });

  it("lets a registrar verify a person at the desk, who then votes; records and audits it", async () => {
    const person = await register("desk@example.kz", iin("7701014001"));
    const who = await session(person);
    const typed = (
      await t.ctx.db.kysely
        .selectFrom("accounts")
        .select("iin")
        .where("id", "=", who.accountId)
        .executeTakeFirstOrThrow()
    ).iin as string;
    const registrar = await staff(t, "registrar");
    // Someone else only declared an IIN that the desk finds in a document: it moves.
    const other = await register("other@example.kz", iin("6601014002"));
    const otherSession = await session(other);
    const otherIin = (
      await t.ctx.db.kysely
        .selectFrom("accounts")
        .select("iin")
        .where("id", "=", otherSession.accountId)
        .executeTakeFirstOrThrow()
    ).iin as string;

    for (const lang of ["kk", "ru", "en"]) {
      const found = await page(t, registrar, `/office/identity?q=desk%40example.kz`, lang);
      expect(found.statusCode).toBe(200);
      expect(found.body).toContain('data-testid="desk-account"');
      expect(await htmlProblems(found.body)).toEqual([]);
    }
    const byIin = await page(t, registrar, `/office/identity?q=${typed}`);
    expect(byIin.body).toContain("desk@example.kz");
    const none = await page(t, registrar, "/office/identity?q=nobody%40example.kz");
    expect(none.body).toContain('data-testid="desk-not-found"');
    // Every lookup that showed the person is audited, by whom and how.
    const lookups = (await auditTrail(t.ctx.db.kysely, "account", who.accountId)).filter(
      (e) => e.action === "account.shown_at_desk",
    );
    expect(lookups.length).toBe(4);
    expect(lookups.every((e) => e.actorId === registrar.accountId)).toBe(true);
    expect(lookups.map((e) => e.data.by)).toEqual(["email", "email", "email", "iin"]);

    const fields = {
      accountId: who.accountId,
      agencyId: "ag-baikonur-akimat",
      documentKind: "id_card",
      documentReference: "045123987",
      iin: typed,
      accountCode: await deskCodeOf(who),
    };
    // Not a registrar: refused. A wrong IIN or document: a localised error, nothing changes.
    const head = await staff(t, "head");
    expect((await post(t, head, "/office/identity/verify", fields)).statusCode).toBe(403);
    const mismatch = await post(t, registrar, "/office/identity/verify", {
      ...fields,
      iin: otherIin,
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain("is not the account");
    expect(await htmlProblems(mismatch.body)).toEqual([]);
    const noDoc = await post(t, registrar, "/office/identity/verify", {
      ...fields,
      documentKind: "library_card",
      documentReference: "",
    });
    expect(noDoc.statusCode).toBe(400);
    // Without the code from the person's own account page, or with another account's: refused.
    for (const accountCode of ["", "000000", await deskCodeOf(otherSession)]) {
      const noCode = await post(t, registrar, "/office/identity/verify", {
        ...fields,
        accountCode,
      });
      expect(noCode.statusCode).toBe(400);
      expect(noCode.body).toContain("6-digit code");
    }
    expect((await api(t, who, "GET", "/api/v1/me")).json.identityVerified).toBe(false);

    const done = await post(t, registrar, "/office/identity/verify", fields);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toContain("done=verified");
    expect((await api(t, who, "GET", "/api/v1/me")).json.identityVerified).toBe(true);
    const record = await t.ctx.db.kysely
      .selectFrom("identity_verifications")
      .selectAll()
      .where("account_id", "=", who.accountId)
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      iin: typed,
      document_kind: "id_card",
      document_reference: "045123987",
      agency_id: "ag-baikonur-akimat",
      verified_by: registrar.accountId,
    });
    const trail = await auditTrail(t.ctx.db.kysely, "account", who.accountId);
    expect(trail.map((e) => e.action)).toContain("account.identity_verified_in_person");
    const cast = await api(t, who, "POST", `/api/v1/polls/${everyone}/ballots`, ballot);
    expect(cast.status).toBe(201);
    // The same person's e-ID later links to the account checked at the desk (same IIN): it is
    // still one voter.
    const linked = await signedInFrom(t, (await eidSignIn(t, "deskperson")).cookie);
    expect(linked.accountId).toBe(who.accountId);
    const twice = await api(t, linked, "POST", `/api/v1/polls/${everyone}/ballots`, ballot);
    expect(twice.json.error.code).toBe("ALREADY_VOTED");

    // A person with no IIN on the account gets the document's, taken from the declared holder.
    const bare = await register("bare@example.kz", iin("5501014003"));
    const bareSession = await session(bare);
    await t.ctx.db.kysely
      .updateTable("accounts")
      .set({ iin: null })
      .where("id", "=", bareSession.accountId)
      .execute();
    const moved = await post(t, registrar, "/office/identity/verify", {
      ...fields,
      accountId: bareSession.accountId,
      iin: otherIin,
      accountCode: await deskCodeOf(bareSession),
    });
    expect(moved.headers.location).toContain("done=verified_released");
    const after = await t.ctx.db.kysely
      .selectFrom("accounts")
      .select(["id", "iin", "identity_assurance"])
      .where("id", "in", [bareSession.accountId, otherSession.accountId])
      .execute();
    expect(after.find((a) => a.id === bareSession.accountId)).toMatchObject({
      iin: otherIin,
      identity_assurance: "in_person",
    });
    expect(after.find((a) => a.id === otherSession.accountId)?.iin).toBeNull();
    const shown = await page(
      t,
      registrar,
      `/office/identity?done=verified_released&account=${bareSession.accountId}`,
    );
    expect(shown.body).toContain("it no longer holds it");
    // An IIN verified on another account never moves.
    const third = await register("third@example.kz", iin("4401014004"));
    const thirdSession = await session(third);
    await t.ctx.db.kysely
      .updateTable("accounts")
      .set({ iin: null })
      .where("id", "=", thirdSession.accountId)
      .execute();
    const taken = await post(t, registrar, "/office/identity/verify", {
      ...fields,
      accountId: thirdSession.accountId,
      iin: typed,
      accountCode: await deskCodeOf(thirdSession),
    });
    expect(taken.statusCode).toBe(409);
  });

  it("never verifies, for the real holder, an account someone else registered with their IIN; takes the IIN from it instead", async () => {
    // The squatter types the holder's IIN (and could type their name) into a new account.
    const squatter = await register("squatter@example.kz", iin("3301014005"));
    const squat = await session(squatter);
    const holderIin = (
      await t.ctx.db.kysely
        .selectFrom("accounts")
        .select("iin")
        .where("id", "=", squat.accountId)
        .executeTakeFirstOrThrow()
    ).iin as string;
    // The holder comes to the desk with the document; the registrar finds that account by the
    // IIN, and the document matches it. The holder cannot read out its code: nothing is recorded.
    const registrar = await staff(t, "registrar");
    const found = await page(t, registrar, `/office/identity?q=${holderIin}`, "en");
    expect(found.body).toContain("squatter@example.kz");
    expect(found.body).toContain("Code from the person");
    const refused = await post(t, registrar, "/office/identity/verify", {
      accountId: squat.accountId,
      agencyId: "ag-baikonur-akimat",
      documentKind: "id_card",
      documentReference: "045123988",
      iin: holderIin,
      accountCode: "123456",
    });
    expect(refused.statusCode).toBe(400);
    expect(await htmlProblems(refused.body)).toEqual([]);
    const row = await t.ctx.db.kysely
      .selectFrom("accounts")
      .select(["identity_assurance"])
      .where("id", "=", squat.accountId)
      .executeTakeFirstOrThrow();
    expect(row.identity_assurance).toBe("declared");
    const checks = await t.ctx.db.kysely
      .selectFrom("identity_verifications")
      .select("id")
      .where("account_id", "=", squat.accountId)
      .execute();
    expect(checks).toEqual([]);

    // The holder cannot register while that account holds the IIN: the registrar, having
    // checked the document, takes the IIN from it (audited), and the squatter is signed out.
    const document = {
      accountId: squat.accountId,
      agencyId: "ag-baikonur-akimat",
      documentKind: "id_card",
      documentReference: "045123988",
      action: "release",
    };
    const wrongIin = await post(t, registrar, "/office/identity/verify", {
      ...document,
      iin: iin("2201014006"),
    });
    expect(wrongIin.statusCode).toBe(400);
    const head = await staff(t, "head");
    const notRegistrar = await post(t, head, "/office/identity/verify", {
      ...document,
      iin: holderIin,
    });
    expect(notRegistrar.statusCode).toBe(403);
    const released = await post(t, registrar, "/office/identity/verify", {
      ...document,
      iin: holderIin,
    });
    expect(released.statusCode).toBe(303);
    expect(released.headers.location).toContain("done=released");
    for (const lang of ["kk", "ru", "en"]) {
      const shown = await page(t, registrar, released.headers.location as string, lang);
      expect(shown.statusCode).toBe(200);
      expect(await htmlProblems(shown.body)).toEqual([]);
    }
    const after = await t.ctx.db.kysely
      .selectFrom("accounts")
      .select(["iin"])
      .where("id", "=", squat.accountId)
      .executeTakeFirstOrThrow();
    expect(after.iin).toBeNull();
    expect((await api(t, squat, "GET", "/api/v1/me")).status).toBe(401);
    const trail = await auditTrail(t.ctx.db.kysely, "account", squat.accountId);
    expect(trail.find((e) => e.action === "account.iin_released")?.actorId).toBe(
      registrar.accountId,
    );
    // The holder registers with their IIN and is verified with their own account's code.
    const holder = await session(await register("holder@example.kz", holderIin));
    const verified = await post(t, registrar, "/office/identity/verify", {
      accountId: holder.accountId,
      agencyId: "ag-baikonur-akimat",
      documentKind: "id_card",
      documentReference: "045123988",
      iin: holderIin,
      accountCode: await deskCodeOf(holder),
    });
    expect(verified.statusCode).toBe(303);
    expect((await api(t, holder, "GET", "/api/v1/me")).json.identityVerified).toBe(true);
    // A verified account's IIN is never taken at the desk.
    const again = await post(t, registrar, "/office/identity/verify", {
      ...document,
      accountId: holder.accountId,
      iin: holderIin,
    });
    expect(again.statusCode).toBe(409);
  });

  it("never shows a vote's counts before closing; a survey may show them", async () => {
    const head = await staff(t, "head");
    const times = { opensAt: local(-1), closesAt: local(48) };
    const refused = await post(
      t,
      head,
      "/office/polls",
      voteForm({ ...times, eligibility: "everyone", territoryCode: "", liveResults: "1" }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("published after closing");
    expect(await htmlProblems(refused.body)).toEqual([]);
    const survey = await createPoll(t, head, surveyForm({ ...times, liveResults: "1" }));
    // A vote that had the setting stored (before this rule) still publishes nothing early.
    await t.ctx.db.kysely
      .updateTable("polls")
      .set({ live_results: 1 })
      .where("id", "=", everyone)
      .execute();
    const voter = await signedInFrom(t, (await eidSignIn(t, "holder")).cookie);
    await api(t, voter, "POST", `/api/v1/polls/${everyone}/ballots`, ballot);
    expect(await count(t, "poll_voters", everyone)).toBeGreaterThan(0);
    const shown = await api(t, null, "GET", `/api/v1/polls/${everyone}`);
    expect(shown.json.liveResults).toBe(false);
    expect(shown.json.results ?? null).toBeNull();
    const pageOf = await page(t, null, `/polls/${everyone}`);
    expect(pageOf.body).not.toContain('data-testid="voters"');
    const surveyShown = await api(t, null, "GET", `/api/v1/polls/${survey}`);
    expect(surveyShown.json.liveResults).toBe(true);
  });
});
