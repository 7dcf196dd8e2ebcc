import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmationOf } from "../../src/capabilities/polls/commands/confirm-ballot.js";
import type { Principal } from "../../src/kernel/permissions.js";
import { inThisBuild, startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { signInAs } from "../support/sessions.js";
import {
  count,
  createPoll,
  page,
  person,
  post,
  staff,
  surveyForm,
  voteForm,
  YESIL_TERRITORY,
} from "./support.js";

/** The hidden fields of the confirmation form, as a browser would send them back. */
function confirmationFields(html: string): Record<string, string> {
  const { document } = parseHTML(html);
  const form = document.querySelector("main form[action$='/cast']");
  if (!form) throw new Error("no confirmation form");
  const out: Record<string, string> = {};
  for (const i of Array.from(form.querySelectorAll("input[type=hidden]"))) {
    const name = i.getAttribute("name") ?? "";
    // the CSRF token is the session's own: the test's post() adds it
    if (name !== "_csrf") out[name] = i.getAttribute("value") ?? "";
  }
  return out;
}

describe.each(testDialects())("a binding ballot's confirmation and receipt on %s", (dialect) => {
  let t: TestApp;
  let vote: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    vote = await createPoll(t, await staff(t, "head"), voteForm());
  });
  afterAll(async () => t.close());

  it("shows the choice to confirm first, records nothing until 'Cast my vote', then a receipt", async () => {
    const resident = await person(t);
    const before = await count(t, "poll_voters", vote);
    for (const lang of ["kk", "ru", "en"]) {
      const check = await post(t, resident, `/polls/${vote}/ballot`, { "q-1": "b" }, lang);
      expect(check.statusCode).toBe(200);
      expect(check.body).toContain('data-testid="your-choice"');
      expect(check.body).toContain(`action="/polls/${vote}/cast"`);
      expect(await htmlProblems(check.body), lang).toEqual([]);
    }
    const check = await post(t, resident, `/polls/${vote}/ballot`, { "q-1": "b" });
    expect(
      parseHTML(check.body).document.querySelector("[data-testid=your-choice]")?.textContent,
    ).toContain("Sports");
    expect(check.body).toContain("cannot be changed");
    expect(await count(t, "poll_voters", vote)).toBe(before);
    expect(await count(t, "poll_ballots", vote)).toBe(0);

    // "Change" goes back to the ballot with the choice kept, still recording nothing.
    const fields = confirmationFields(check.body);
    const change = await post(t, resident, `/polls/${vote}/cast`, {
      ...fields,
      decision: "change",
    });
    expect(change.statusCode).toBe(200);
    expect(change.body).toMatch(/id="q-1-b"[^>]*checked/);
    expect(await count(t, "poll_voters", vote)).toBe(before);

    // "Cast my vote" with the sealed choice casts it and leads to the receipt.
    const cast = await post(t, resident, `/polls/${vote}/cast`, { ...fields, decision: "cast" });
    expect(cast.statusCode).toBe(303);
    const location = String(cast.headers.location);
    expect(location).toMatch(new RegExp(`^/polls/${vote}/receipt\\?at=`));
    expect(await count(t, "poll_voters", vote)).toBe(before + 1);
    for (const lang of ["kk", "ru", "en"]) {
      const receipt = await page(t, resident, location, lang);
      expect(receipt.statusCode).toBe(200);
      expect(await htmlProblems(receipt.body), lang).toEqual([]);
    }
    const receipt = await page(t, resident, location);
    const { document } = parseHTML(receipt.body);
    const code = document.querySelector("[data-testid=receipt-code]")?.textContent ?? "";
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // the time the ballot went in; the choice is nowhere on the page
    expect(document.querySelector("[data-testid=receipt-when]")?.textContent).toMatch(
      /\d{1,2}:\d{2}/,
    );
    expect(document.querySelector("main")?.textContent).not.toContain("Sports");
    // The portal survey (when this build has it) follows the cast ballot.
    if (inThisBuild("survey")) expect(receipt.body).toContain('name="context" value="ballot_cast"');
    // Seen again later, the receipt gives the same code and the day only.
    const later = await page(t, resident, `/polls/${vote}/receipt`);
    expect(later.body).toContain(code);
    expect(later.body).not.toContain('name="context" value="ballot_cast"');
    expect((await page(t, resident, `/polls/${vote}`)).body).toContain(`/polls/${vote}/receipt`);
    // The seal cannot be used twice: the second ballot is refused.
    const again = await post(t, resident, `/polls/${vote}/cast`, { ...fields, decision: "cast" });
    expect(again.statusCode).toBe(409);
    expect(await count(t, "poll_voters", vote)).toBe(before + 1);
  });

  it("never casts from one POST: no seal, another choice under the seal, someone else's or a stale seal", async () => {
    const resident = await person(t);
    const before = await count(t, "poll_voters", vote);
    // straight to the ballot form's address and to "Cast my vote" without the step
    expect((await post(t, resident, `/polls/${vote}/ballot`, { "q-1": "a" })).statusCode).toBe(200);
    const bare = await post(t, resident, `/polls/${vote}/cast`, { "q-1": "a", decision: "cast" });
    expect(bare.statusCode).toBe(200);
    expect(bare.body).toContain('data-testid="check-again"');
    const fields = confirmationFields(
      (await post(t, resident, `/polls/${vote}/ballot`, { "q-1": "a" })).body,
    );
    // the choice altered after confirming
    const altered = await post(t, resident, `/polls/${vote}/cast`, {
      ...fields,
      "q-1": "c",
      decision: "cast",
    });
    expect(altered.body).toContain('data-testid="check-again"');
    // another person's confirmed choice
    const other = await person(t);
    const borrowed = await post(t, other, `/polls/${vote}/cast`, { ...fields, decision: "cast" });
    expect(borrowed.body).toContain('data-testid="check-again"');
    // without the CSRF token
    const forged = await t.app.inject({
      method: "POST",
      url: `/polls/${vote}/cast`,
      headers: { cookie: resident.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ ...fields, decision: "cast" }).toString(),
    });
    expect(forged.statusCode).toBe(403);
    // a seal made 31 minutes ago for this very choice is stale
    t.clock.advance(-31 * 60_000);
    const old = confirmationOf(t.ctx, vote, { accountId: resident.accountId } as Principal, {
      "q-1": "a",
    });
    t.clock.advance(31 * 60_000);
    const stale = await post(t, resident, `/polls/${vote}/cast`, {
      "q-1": "a",
      ...old,
      decision: "cast",
    });
    expect(stale.body).toContain('data-testid="check-again"');
    expect(await count(t, "poll_voters", vote)).toBe(before);
    // bad input is an error on the ballot, not a confirmation
    const bad = await post(t, resident, `/polls/${vote}/ballot`, { "q-1": "zz" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("govuk-error-summary");
    // someone not eligible is told why, with no confirmation step
    const outsider = await person(t, { residence: YESIL_TERRITORY });
    const refused = await post(t, outsider, `/polls/${vote}/ballot`, { "q-1": "a" });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain("your-choice");
    // a receipt needs a ballot
    const none = await page(t, outsider, `/polls/${vote}/receipt`);
    expect(none.statusCode).toBe(303);
  });

  it("shows the options of a poll to everyone, signed in or not, and the right tense of its dates", async () => {
    for (const lang of ["kk", "ru", "en"]) {
      const anon = await page(t, null, `/polls/${vote}`, lang);
      expect(anon.statusCode).toBe(200);
      const choices = parseHTML(anon.body).document.querySelector("[data-testid=choices]");
      expect(choices?.textContent, lang).toContain(
        { kk: "Гүлзар", ru: "Цветники", en: "Flowers" }[lang],
      );
      expect(await htmlProblems(anon.body)).toEqual([]);
    }
    const anon = await page(t, null, `/polls/${vote}`);
    expect(anon.body).toContain("Open since");
    expect(anon.body).not.toContain(">Opens<");
    const staffer = await staff(t, "executor");
    expect((await page(t, staffer, `/polls/${vote}`)).body).toContain('data-testid="choices"');
    const later = await createPoll(
      t,
      await staff(t, "head"),
      voteForm({ opensAt: "2030-04-01T09:00", closesAt: "2030-04-02T09:00" }),
    );
    const coming = await page(t, null, `/polls/${later}`);
    expect(coming.body).toContain("Opens");
    expect(coming.body).toContain('data-testid="choices"');
  });

  it("casts a survey's answers at once, with a receipt", async () => {
    const survey = await createPoll(
      t,
      await staff(t, "head"),
      surveyForm({ "q1-kind": "single", "q1-options-en": "Yes\nNo" }),
    );
    const who = await person(t);
    const res = await post(t, who, `/polls/${survey}/ballot`, { "q-1": "a" });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toMatch(new RegExp(`^/polls/${survey}/receipt`));
    expect(await count(t, "poll_voters", survey)).toBe(1);
  });

  it("answers the office pages with the 403 page to staff without a poll role", async () => {
    const citizen = await signInAs(t, { kind: "citizen" });
    expect((await page(t, citizen, "/office/polls")).statusCode).toBe(404);
    for (const who of [
      await staff(t, "registrar"),
      await signInAs(t, { grants: [{ role: "analyst", agencyId: "ag-baikonur-akimat" }] }),
    ])
      for (const url of ["/office/polls", "/office/polls/new", `/office/polls/${vote}`]) {
        const res = await page(t, who, url, "ru");
        expect(res.statusCode, url).toBe(403);
        expect(res.body).toContain('data-error-code="FORBIDDEN"');
      }
    const moderator = await staff(t, "moderator");
    expect((await page(t, moderator, "/office/polls/new")).statusCode).toBe(403);
    expect((await page(t, moderator, "/office/polls")).statusCode).toBe(200);
  });
});
