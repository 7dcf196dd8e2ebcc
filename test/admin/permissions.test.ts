import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencyFormValues } from "../../src/capabilities/admin/agency-form.js";
import {
  categoriesOfAgency,
  findAgencyBySlug,
} from "../../src/capabilities/agencies/agency.repository.js";
import { ROLES } from "../../src/kernel/permissions.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import {
  agencyFields,
  auditCount,
  BODY_A,
  BODY_B,
  bodyAdmin,
  get,
  post,
  staffFields,
  staffWith,
  systemAdmin,
} from "./support.js";

type Owner = "A" | "B" | "system" | null;
type Section = "overview" | "agencies" | "staff";

interface Case {
  method: "GET" | "POST";
  section: Section;
  /** Whose staff the request touches (for staff routes); null when no one's in particular. */
  owner: Owner;
  path: string;
  fields?: () => Promise<Record<string, string | string[]>>;
}

let serial = 0;

async function agencyEditFields(t: TestApp, slug: string) {
  const a = await findAgencyBySlug(t.ctx.db.kysely, slug);
  if (!a) throw new Error(slug);
  const held = (await categoriesOfAgency(t.ctx.db.kysely, a.id)).map((c) => c.id);
  const v = agencyFormValues(a, held);
  return { ...v.fields, categories: v.categories };
}

function cases(t: TestApp, staffA: string, staffB: string): Case[] {
  const list: Case[] = [
    { method: "GET", section: "overview", owner: null, path: "/admin" },
    { method: "GET", section: "agencies", owner: null, path: "/admin/agencies" },
    { method: "GET", section: "agencies", owner: null, path: "/admin/agencies/new" },
    {
      method: "POST",
      section: "agencies",
      owner: null,
      path: "/admin/agencies/new",
      fields: async () => agencyFields({ slug: `matrix-body-${++serial}` }),
    },
    // working-day calendars: system administrators only, as bodies are
    { method: "GET", section: "agencies", owner: null, path: "/admin/calendars" },
    {
      method: "POST",
      section: "agencies",
      owner: null,
      path: "/admin/calendars/kz/2025",
      fields: async () => ({
        kind: "day_off",
        "date-day": "3",
        "date-month": "12",
        "date-year": "2025",
        reason: "Matrix",
      }),
    },
    {
      method: "POST",
      section: "agencies",
      owner: null,
      path: "/admin/calendars/kz/2025/remove",
      fields: async () => ({ date: "2025-12-03" }),
    },
    { method: "GET", section: "staff", owner: null, path: "/admin/staff" },
    { method: "GET", section: "staff", owner: null, path: "/admin/staff/new" },
  ];
  for (const [owner, body] of [
    ["A", BODY_A],
    ["B", BODY_B],
  ] as const) {
    list.push(
      {
        method: "GET",
        section: "agencies",
        owner: null,
        path: `/admin/agencies/${body.slug}/edit`,
      },
      {
        method: "POST",
        section: "agencies",
        owner: null,
        path: `/admin/agencies/${body.slug}/edit`,
        fields: () => agencyEditFields(t, body.slug),
      },
      {
        method: "POST",
        section: "agencies",
        owner: null,
        path: `/admin/agencies/${body.slug}/deactivate`,
      },
      {
        method: "POST",
        section: "agencies",
        owner: null,
        path: `/admin/agencies/${body.slug}/reactivate`,
      },
    );
    const id = owner === "A" ? staffA : staffB;
    list.push(
      {
        method: "POST",
        section: "staff",
        owner,
        path: "/admin/staff/new",
        fields: async () => staffFields({ body_0: body.id }),
      },
      { method: "GET", section: "staff", owner, path: `/admin/staff/${id}/edit` },
      {
        method: "POST",
        section: "staff",
        owner,
        path: `/admin/staff/${id}/edit`,
        fields: async () => ({ role_0: "head", body_0: body.id }),
      },
      // The body's staff directory: departments, positions, substitutions.
      { method: "GET", section: "staff", owner, path: `/admin/directory?agency=${body.id}` },
      { method: "GET", section: "staff", owner, path: `/admin/staff/${id}/reset-two-factor` },
      { method: "GET", section: "staff", owner, path: `/admin/staff/${id}/deactivate` },
      {
        method: "POST",
        section: "staff",
        owner,
        path: "/admin/directory/departments",
        fields: async () => ({ agency: body.id, nameKk: "Бөлім", nameRu: "Отдел" }),
      },
      {
        method: "POST",
        section: "staff",
        owner,
        path: "/admin/directory/positions",
        fields: async () => ({
          agency: body.id,
          accountId: (await staffWith(t, [{ role: "executor", agencyId: body.id }])).accountId,
          titleRu: "Специалист",
        }),
      },
      {
        method: "POST",
        section: "staff",
        owner,
        path: `/admin/staff/${id}/reset-two-factor`,
        fields: async () => ({ reason: "Phone lost" }),
      },
      {
        method: "POST",
        section: "staff",
        owner,
        path: `/admin/staff/${id}/deactivate`,
        fields: async () => ({ reason: "Left the service" }),
      },
    );
  }
  list.push({
    method: "POST",
    section: "staff",
    owner: "system",
    path: "/admin/staff/new",
    fields: async () => staffFields({ role_0: "admin", body_0: "*" }),
  });
  return list;
}

/** What a body's admin may do: the overview, and staff of their own body. */
function bodyAdminMay(c: Case): boolean {
  if (c.section === "overview") return true;
  if (c.section === "agencies") return false;
  return c.owner === null || c.owner === "A";
}

describe.each(testDialects())("admin permission matrix on %s", (dialect) => {
  let t: TestApp;
  let list: Case[];
  const refused: { label: string; who: () => Promise<SignedIn> }[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const staffA = await staffWith(t, [{ role: "executor", agencyId: BODY_A.id }]);
    const staffB = await staffWith(t, [{ role: "executor", agencyId: BODY_B.id }]);
    list = cases(t, staffA.accountId, staffB.accountId);
    refused.push({ label: "citizen", who: () => signInAs(t, { kind: "citizen" }) });
    for (const role of ROLES.filter((r) => r !== "admin")) {
      refused.push({
        label: `${role} of A`,
        who: () => signInAs(t, { grants: [{ role, agencyId: BODY_A.id }] }),
      });
    }
    refused.push({
      label: "admin of A without second factor",
      who: () => bodyAdmin(t, BODY_A.id, false),
    });
    refused.push({ label: "system admin without second factor", who: () => systemAdmin(t, false) });
  });
  afterAll(async () => t.close());

  const describeCase = (c: Case) => `${c.method} ${c.path} (${c.owner ?? "-"})`;

  async function send(c: Case, who: SignedIn | null) {
    if (c.method === "GET") return get(t, c.path, who);
    return post(t, c.path, who, c.fields ? await c.fields() : {});
  }

  it("anonymous visitors are sent to sign in, and nothing changes", async () => {
    const before = await auditCount(t);
    for (const c of list) {
      const res = await send(c, null);
      expect(res.statusCode, describeCase(c)).toBe(303);
      expect(res.headers.location, describeCase(c)).toMatch(/^\/login\?next=%2Fadmin/);
    }
    expect(await auditCount(t)).toBe(before);
    const res = await get(t, "/admin/staff?x=1", null);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent("/admin/staff?x=1")}`);
  });

  it("citizens, staff without the admin role and admins without their second factor get 403", async () => {
    const before = await auditCount(t);
    for (const { label, who } of refused) {
      const signed = await who();
      for (const c of list) {
        const res = await send(c, signed);
        expect(res.statusCode, `${label}: ${describeCase(c)}`).toBe(403);
        expect(res.body).toContain("FORBIDDEN");
      }
    }
    expect(await auditCount(t)).toBe(before);
  });

  it("a body's admin manages only that body's staff, never bodies or system-wide roles", async () => {
    const admin = await bodyAdmin(t, BODY_A.id);
    for (const c of list) {
      const before = await auditCount(t);
      const res = await send(c, admin);
      const label = `admin of A: ${describeCase(c)}`;
      if (bodyAdminMay(c)) {
        expect(res.statusCode, label).toBe(c.method === "GET" ? 200 : 303);
      } else {
        expect(res.statusCode, label).toBe(403);
        expect(await auditCount(t), label).toBe(before);
      }
    }
  });

  it("a system admin may do everything", async () => {
    const admin = await systemAdmin(t);
    for (const c of list) {
      const res = await send(c, admin);
      const label = `system admin: ${describeCase(c)}`;
      // an account the body's admin has already deactivated has no confirmation page left
      if (c.method === "GET" && c.path.endsWith("/deactivate") && res.statusCode === 303) {
        expect(res.headers.location, label).toMatch(/^\/admin\/staff\/[^/]+\/edit$/);
        continue;
      }
      expect(res.statusCode, label).toBe(c.method === "GET" ? 200 : 303);
      if (c.method === "POST") expect(res.headers.location, label).toMatch(/^\/admin\//);
    }
  });

  it("a POST without the CSRF token, or with another session's, is refused and changes nothing", async () => {
    const admin = await systemAdmin(t);
    const other = await systemAdmin(t);
    const before = await auditCount(t);
    for (const c of list.filter((x) => x.method === "POST")) {
      const fields = c.fields ? await c.fields() : {};
      const none = await post(t, c.path, admin, fields, { csrf: false });
      expect(none.statusCode, describeCase(c)).toBe(403);
      expect(none.body).toContain("CSRF_FAILED");
      const foreign = await post(
        t,
        c.path,
        admin,
        { ...fields, _csrf: other.csrf },
        { csrf: false },
      );
      expect(foreign.statusCode, describeCase(c)).toBe(403);
    }
    expect(await auditCount(t)).toBe(before);
  });
});
