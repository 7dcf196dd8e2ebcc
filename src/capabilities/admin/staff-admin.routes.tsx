import type { Static } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { Principal, RoleGrant } from "../../kernel/permissions.js";
import type { FieldIssue } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import { type Agency, listAgencies } from "../agencies/index.js";
import { type Account, findAccount, fullName, listStaff } from "../identity/index.js";
import { actorOf, type FormBody, FormBodySchema, IdParams, noticeOf, principalOf } from "./form.js";
import { canManageAccount, canManageGrant, canManageSome } from "./policies.js";
import {
  changeStaffRoles,
  createStaff,
  deactivateStaff,
  readStaffForm,
  resetTwoFactor,
  type StaffFormValues,
  validateStaff,
} from "./staff-admin.js";
import {
  type GrantRow,
  grantRows,
  normaliseGrants,
  parseGrantRows,
  readGrantRows,
  sameGrants,
  withSpareRows,
} from "./staff-grants.js";
import { StaffEditPage, StaffListPage, StaffNewPage } from "./views/staff-admin-views.js";

type IdRequest = { Params: Static<typeof IdParams> };
type IdPost = IdRequest & { Body: FormBody };

const ROLES_MISSING: FieldIssue = { field: "role_0", key: "admin.error.roles_missing" };

/** Staff: the list, a form to add someone (with an invitation), role editing and account actions. */
export async function staffAdminRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;
  const policy = ctx.policy;
  const mayGrant = (p: Principal) => (g: RoleGrant) => canManageGrant(policy, p, g);

  /** Bodies roles may be held in: active ones, plus any the target already holds a role in. */
  async function assignableBodies(held: RoleGrant[] = []): Promise<Agency[]> {
    const heldIds = new Set(held.map((g) => g.agencyId));
    const all = await listAgencies(db, { includeInactive: true });
    return all.filter((a) => a.active || heldIds.has(a.id));
  }

  /** Of those, the ones in which this person may give roles (what their form offers). */
  const grantable = (p: Principal, bodies: Agency[]) =>
    bodies.filter((a) => canManageGrant(policy, p, { role: "admin", agencyId: a.id }));

  /** A staff account this person may see, or 403 (checked before 404 is told apart). */
  async function target(p: Principal, id: string): Promise<Account> {
    const account = await findAccount(db, id);
    if (account?.kind !== "staff") {
      if (!policy.can(p, "staff.manage", { agencyId: null })) throw new HalyqError("FORBIDDEN");
      throw new HalyqError("NOT_FOUND");
    }
    if (!canManageSome(policy, p, account.grants)) throw new HalyqError("FORBIDDEN");
    return account;
  }

  function newPage(
    request: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    values: StaffFormValues,
    rows: GrantRow[],
    issues: FieldIssue[],
    agencies: Agency[],
  ) {
    return reply.page(
      request.t("admin.staff.new_title"),
      <StaffNewPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        values={values}
        rows={rows}
        issues={issues}
        agencies={agencies}
        systemWide={mayGrant(p)({ role: "admin", agencyId: null })}
      />,
      issues.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    account: Account,
    rows: GrantRow[] | null,
    issues: FieldIssue[],
    status = 400,
  ) {
    const mine = account.grants.filter(mayGrant(p));
    const all = await listAgencies(db, { includeInactive: true });
    const notice = noticeOf(request.query);
    return reply.page(
      fullName(account),
      <StaffEditPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        account={account}
        rows={rows ? withSpareRows(rows) : grantRows(mine)}
        issues={issues}
        agencies={grantable(p, await assignableBodies(account.grants))}
        allAgencies={new Map(all.map((a) => [a.id, a]))}
        otherGrants={account.grants.filter((g) => !mayGrant(p)(g))}
        systemWide={mayGrant(p)({ role: "admin", agencyId: null })}
        wholeAccount={canManageAccount(policy, p, account.grants)}
        notice={notice && issues.length === 0 ? request.t(`admin.notice.${notice}`) : undefined}
      />,
      issues.length > 0 ? { status, hasErrors: true } : {},
    );
  }

  app.get("/admin/staff", { schema: { hide: true } }, async (request, reply) => {
    const p = principalOf(request);
    const staff = (await listStaff(db)).filter((a) => canManageSome(policy, p, a.grants));
    const agencies = await listAgencies(db, { includeInactive: true });
    const notice = noticeOf(request.query);
    return reply.page(
      request.t("admin.staff.title"),
      <StaffListPage
        t={request.t}
        locale={request.locale}
        staff={staff}
        agencies={new Map(agencies.map((a) => [a.id, a]))}
        notice={notice ? request.t(`admin.notice.${notice}`) : undefined}
      />,
    );
  });

  app.get("/admin/staff/new", { schema: { hide: true } }, async (request, reply) => {
    const p = principalOf(request);
    const values = { ...readStaffForm({}), language: request.locale };
    const agencies = grantable(p, await assignableBodies());
    return newPage(request, reply, p, values, grantRows([]), [], agencies);
  });

  app.post<{ Body: FormBody }>(
    "/admin/staff/new",
    { schema: { hide: true, body: FormBodySchema } },
    async (request, reply) => {
      const p = principalOf(request);
      const agencies = await assignableBodies();
      const values = readStaffForm(request.body);
      const rows = readGrantRows(request.body);
      const parsed = parseGrantRows(rows, {
        agencyIds: new Set(agencies.map((a) => a.id)),
        mayGrant: mayGrant(p),
      });
      if (parsed.forbidden) throw new HalyqError("FORBIDDEN");
      const checked = await validateStaff(db, values);
      const issues = [...checked.issues, ...parsed.issues];
      if (parsed.issues.length === 0 && parsed.grants.length === 0) issues.push(ROLES_MISSING);
      if (!checked.staff || issues.length > 0) {
        const shown = withSpareRows(rows);
        return newPage(request, reply, p, values, shown, issues, grantable(p, agencies));
      }
      const id = await createStaff(ctx, actorOf(p), checked.staff, parsed.grants);
      return reply.redirect(`/admin/staff/${id}/edit?notice=staff_created`, 303);
    },
  );

  app.get<IdRequest>(
    "/admin/staff/:id/edit",
    { schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      const p = principalOf(request);
      return editPage(request, reply, p, await target(p, request.params.id), null, []);
    },
  );

  app.post<IdPost>(
    "/admin/staff/:id/edit",
    { schema: { hide: true, params: IdParams, body: FormBodySchema } },
    async (request, reply) => {
      const p = principalOf(request);
      const account = await target(p, request.params.id);
      const rows = readGrantRows(request.body);
      const agencies = await assignableBodies(account.grants);
      const parsed = parseGrantRows(rows, {
        agencyIds: new Set(agencies.map((a) => a.id)),
        mayGrant: mayGrant(p),
      });
      if (parsed.forbidden) throw new HalyqError("FORBIDDEN");
      const kept = account.grants.filter((g) => !mayGrant(p)(g));
      const grants = normaliseGrants([...kept, ...parsed.grants]);
      const issues = [...parsed.issues];
      if (issues.length === 0 && grants.length === 0) issues.push(ROLES_MISSING);
      if (issues.length > 0) return editPage(request, reply, p, account, rows, issues);
      if (!sameGrants(grants, account.grants)) {
        const result = await changeStaffRoles(ctx, actorOf(p), account, grants);
        if (result.kind === "invalid") {
          return editPage(request, reply, p, account, rows, result.issues, 409);
        }
      }
      return reply.redirect(`/admin/staff/${account.id}/edit?notice=staff_updated`, 303);
    },
  );

  app.post<IdPost>(
    "/admin/staff/:id/deactivate",
    { schema: { hide: true, params: IdParams, body: FormBodySchema } },
    async (request, reply) => {
      const p = principalOf(request);
      const account = await target(p, request.params.id);
      if (!canManageAccount(policy, p, account.grants)) throw new HalyqError("FORBIDDEN");
      if (account.active) {
        const result = await deactivateStaff(ctx, actorOf(p), account);
        if (result.kind === "invalid") {
          return editPage(request, reply, p, account, null, result.issues, 409);
        }
      }
      return reply.redirect(`/admin/staff/${account.id}/edit?notice=staff_deactivated`, 303);
    },
  );

  app.post<IdPost>(
    "/admin/staff/:id/reset-two-factor",
    { schema: { hide: true, params: IdParams, body: FormBodySchema } },
    async (request, reply) => {
      const p = principalOf(request);
      const account = await target(p, request.params.id);
      if (!canManageAccount(policy, p, account.grants)) throw new HalyqError("FORBIDDEN");
      await resetTwoFactor(ctx, actorOf(p), account);
      return reply.redirect(`/admin/staff/${account.id}/edit?notice=staff_two_factor_reset`, 303);
    },
  );
}
