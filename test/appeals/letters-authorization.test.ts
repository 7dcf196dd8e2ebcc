import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import { appealIn, BAIKONUR, type Cast, citizen, staff, step, YESIL } from "./support.js";

/**
 * Who may download an appeal's outgoing letter (its PDF and its .p7s), written out: staff who
 * may see the appeal, and no one else. "own": an answered appeal of the Baikonur akimat;
 * "other": one of the Yesil akimat. 303: sent to sign in (or to the second factor); 404: as if
 * it did not exist. The public verification page shows no letter's content to anyone.
 */
const TABLE = `
role                 appeal pdf  p7s
anonymous            own    303  303
applicant            own    404  404
other-citizen        own    404  404
registrar            own    ok   ok
executor             own    ok   ok
assigned-executor    own    ok   ok
head                 own    ok   ok
analyst              own    ok   ok
body-admin           own    404  404
system-admin         own    404  404
head-of-other-body   own    404  404
head-of-other-body   other  ok   ok
head                 other  404  404
no-second-factor     own    303  303
`;

const CELLS = TABLE.trim()
  .split("\n")
  .slice(1)
  .flatMap((line) => {
    const [role = "", target = "", pdf = "", p7s = ""] = line.trim().split(/\s+/);
    return [
      { role, target: target as "own" | "other", file: "letter.pdf", expected: pdf },
      { role, target: target as "own" | "other", file: "signature.p7s", expected: p7s },
    ];
  });

describe.each(testDialects())("letter download authorization matrix (%s)", (dialect) => {
  let t: TestApp;
  const who = new Map<string, SignedIn | null>();
  const numbers = { own: "", other: "" };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const applicant = await citizen(t);
    const head = await staff(t, "head");
    const assigned = await staff(t, "executor");
    const yesilHead = await staff(t, "head", YESIL);
    who.set("anonymous", null);
    who.set("applicant", applicant);
    who.set("other-citizen", await citizen(t));
    who.set("registrar", await staff(t, "registrar"));
    who.set("executor", await staff(t, "executor"));
    who.set("assigned-executor", assigned);
    who.set("head", head);
    who.set("analyst", await staff(t, "analyst"));
    who.set("body-admin", await staff(t, "admin"));
    who.set("system-admin", await signInAs(t, { grants: [{ role: "admin", agencyId: null }] }));
    who.set("head-of-other-body", yesilHead);
    who.set(
      "no-second-factor",
      await signInAs(t, { grants: [{ role: "head", agencyId: BAIKONUR }], secondFactor: false }),
    );
    const own: Cast = { agencyId: BAIKONUR, applicant, head, executor: assigned };
    const other: Cast = {
      agencyId: YESIL,
      applicant: await citizen(t),
      head: yesilHead,
      executor: await staff(t, "executor", YESIL),
    };
    numbers.own = await appealIn(t, own, "awaiting_approval");
    await step(t, head, numbers.own, "approve");
    numbers.other = await appealIn(t, other, "awaiting_approval");
    await step(t, yesilHead, numbers.other, "approve");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("covers every role in the table", () => {
    expect(new Set(CELLS.map((c) => c.role)).size).toBe(who.size);
  });

  it.each(CELLS)(
    "$role × $file × $target appeal → $expected",
    async ({ role, target, file, expected }) => {
      const person = who.get(role);
      const res = await t.app.inject({
        url: `/office/appeals/${numbers[target]}/letters/1/${file}`,
        headers: person ? { cookie: person.cookie } : {},
      });
      if (expected === "ok") {
        expect(res.statusCode).toBe(200);
        expect(res.headers["cache-control"]).toContain("no-store");
        expect(res.rawPayload.length).toBeGreaterThan(100);
      } else {
        expect(res.statusCode).toBe(Number(expected));
        // A refusal carries nothing of the letter.
        expect(res.rawPayload.includes(Buffer.from("%PDF-"))).toBe(false);
      }
    },
  );
});
