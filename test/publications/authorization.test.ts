import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/kernel/permissions.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import { BAIKONUR, create, newsForm, post, publish, row, staff, YESIL } from "./support.js";

type Who = { label: string; session: () => Promise<SignedIn | null> };

describe.each(testDialects())("publication authorization on %s", (dialect) => {
  let t: TestApp;
  let writer: SignedIn;
  let approver: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    writer = await staff(t, "executor");
    approver = await staff(t, "head");
  });
  afterAll(async () => t?.close());

  /** Everyone who must be refused everything on a Baikonur publication. */
  const outsiders = (): Who[] => [
    { label: "anonymous", session: async () => null },
    { label: "citizen", session: () => signInAs(t, { kind: "citizen" }) },
    ...(["registrar", "analyst", "admin"] as Role[]).map((role) => ({
      label: `${role} of the body`,
      session: () => staff(t, role),
    })),
    {
      label: "system admin",
      session: () => signInAs(t, { grants: [{ role: "admin", agencyId: null }] }),
    },
    ...(["executor", "head", "moderator"] as Role[]).map((role) => ({
      label: `${role} of another body`,
      session: () => staff(t, role, YESIL),
    })),
    {
      label: "head without the second factor",
      session: () =>
        signInAs(t, { grants: [{ role: "head", agencyId: BAIKONUR }], secondFactor: false }),
    },
  ];

  async function attempt(who: SignedIn | null, url: string, fields: Record<string, string>) {
    if (!who)
      return t.app.inject({
        method: "POST",
        url,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(fields).toString(),
      });
    return post(t, who, url, fields);
  }

  it("outsiders can neither write, nor move, nor see a body's publications; nothing changes", async () => {
    const draft = await create(t, writer);
    const submitted = await create(t, writer);
    await post(t, writer, `/office/publications/${submitted}/submit`, {});
    const live = await publish(t, writer, approver);
    const count = async () =>
      Number(
        (
          await t.ctx.db.kysely
            .selectFrom("publications")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      n: await count(),
      draft: await row(t, draft),
      submitted: await row(t, submitted),
      live: await row(t, live),
    };
    const actions: [string, Record<string, string>][] = [
      ["/office/publications", newsForm()],
      [`/office/publications/${draft}`, newsForm()],
      [`/office/publications/${draft}/submit`, {}],
      [`/office/publications/${submitted}/approve`, {}],
      [`/office/publications/${submitted}/return`, { reason: "No" }],
      [`/office/publications/${live}/unpublish`, { reason: "No" }],
    ];
    for (const who of outsiders()) {
      const session = await who.session();
      for (const [url, fields] of actions) {
        const res = await attempt(session, url, fields);
        expect([302, 303, 401, 403, 404], `${who.label} ${url}`).toContain(res.statusCode);
        if (res.statusCode === 303)
          expect(String(res.headers.location), `${who.label} ${url}`).toMatch(/^\/login/);
      }
      for (const url of [
        "/office/publications",
        `/office/publications/${draft}`,
        `/office/publications/${draft}/edit`,
      ]) {
        const res = await t.app.inject({ url, headers: session ? { cookie: session.cookie } : {} });
        // Staff of another body have their own list; it never shows this body's items.
        if (res.statusCode === 200 && url === "/office/publications")
          expect(res.body, who.label).not.toContain(draft);
        else expect([302, 303, 401, 403, 404], `${who.label} GET ${url}`).toContain(res.statusCode);
      }
    }
    expect(await count()).toBe(before.n);
    expect(await row(t, draft)).toEqual(before.draft);
    expect(await row(t, submitted)).toEqual(before.submitted);
    expect(await row(t, live)).toEqual(before.live);
  });

  it("within the body: executors write and submit but never approve, return or unpublish", async () => {
    const submitted = await create(t, approver);
    await post(t, approver, `/office/publications/${submitted}/submit`, {});
    const live = await publish(t, writer, approver);
    const other = await staff(t, "executor");
    const before = { submitted: await row(t, submitted), live: await row(t, live) };
    for (const [url, fields] of [
      [`/office/publications/${submitted}/approve`, {}],
      [`/office/publications/${submitted}/return`, { reason: "No" }],
      [`/office/publications/${live}/unpublish`, { reason: "No" }],
    ] as const) {
      const res = await post(t, other, url, fields);
      expect(res.statusCode, url).toBe(403);
    }
    expect(await row(t, submitted)).toEqual(before.submitted);
    expect(await row(t, live)).toEqual(before.live);
  });

  it("the policy table: role × action × own or other body", () => {
    const can = (role: Role, agencyId: string | null, action: string, resource: object) =>
      t.ctx.policy.can(
        { accountId: "a", kind: "staff", grants: [{ role, agencyId }], secondFactor: true },
        action,
        resource,
      );
    const roles: Role[] = ["registrar", "executor", "head", "moderator", "analyst", "admin"];
    const expected: Record<string, Role[]> = {
      "publication.write": ["executor", "head", "moderator"],
      "publication.approve": ["head", "moderator"],
      "publication.unpublish": ["head", "moderator"],
    };
    for (const [action, allowed] of Object.entries(expected))
      for (const role of roles) {
        expect(can(role, BAIKONUR, action, { agencyId: BAIKONUR }), `${role} ${action} own`).toBe(
          allowed.includes(role),
        );
        expect(can(role, YESIL, action, { agencyId: BAIKONUR }), `${role} ${action} other`).toBe(
          false,
        );
      }
    expect(
      can("head", BAIKONUR, "publication.approve", { agencyId: BAIKONUR, submittedById: "a" }),
    ).toBe(false);
    expect(can("head", BAIKONUR, "publication.approve", null as unknown as object)).toBe(false);
    expect(
      t.ctx.policy.can(
        { accountId: "a", kind: "citizen", grants: [], secondFactor: false },
        "publication.write",
        { agencyId: BAIKONUR },
      ),
    ).toBe(false);
  });
});
