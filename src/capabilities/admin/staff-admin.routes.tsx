import type { Static } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { auditTrail } from "../../kernel/audit/audit.js";
import { HalyqError } from "../../kernel/errors.js";
import type { Principal, RoleGrant } from "../../kernel/permissions.js";
import type { FieldIssue } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import { ConfirmAction } from "../../web/components/confirm-action.js";
import { type Agency, listAgencies } from "../agencies/index.js";
import { type Account, findAccount, fullName, listStaff } from "../identity/index.js";
import {
  actorOf,
  type FormBody,
  FormBodySchema,
  IdParams,
  noticeOf,
  one,
  principalOf,
} from "./form.js";
import { canManageAccount, canManageGrant, canManageSome } from "./policies.js";
import {
  changeStaffRoles,
  createStaff,
  deactivateStaff,
  REASON_MAX,
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
import {
  type HistoryEntry,
  StaffEditPage,
  StaffListPage,
  StaffNewPage,
} from "./views/staff-admin-views.js";

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

  /** The account's audit records, each with who acted by name (not shown when it was the person). */
  async function historyOf(accountId: string): Promise<HistoryEntry[]> {
    const records = await auditTrail(db, "account", accountId);
    const names = new Map<string, string | null>();
    for (const r of records) {
      if (!r.actorId || r.actorId === accountId || names.has(r.actorId)) continue;
      const actor = await findAccount(db, r.actorId);
      names.set(r.actorId, actor ? fullName(actor) : null);
    }
    return records.map((r) => ({
      at: r.occurredAt,
      action: r.action,
      reason: r.reason,
      by: r.actorId ? (names.get(r.actorId) ?? null) : null,
    }));
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
        history={await historyOf(account.id)}
        timeZone={ctx.calendars.forJurisdiction().rules.timeZone}
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

  /** The confirmation pages of the account-wide actions, with the reason each records. */
  const CONFIRM = {
    deactivate: { notice: "staff_deactivated" },
    "reset-two-factor": { notice: "staff_two_factor_reset" },
  } as const;
  type Confirmed = keyof typeof CONFIRM;

  function confirmPage(
    request: FastifyRequest,
    reply: FastifyReply,
    account: Account,
    action: Confirmed,
    reason: string,
    issues: FieldIssue[],
  ) {
    const t = request.t;
    const key = action === "deactivate" ? "deactivate" : "reset";
    return reply.page(
      t(`admin.confirm.${key}.title`),
      <ConfirmAction
        t={t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        action={`/admin/staff/${account.id}/${action}`}
        caption={fullName(account)}
        title={t(`admin.confirm.${key}.title`)}
        consequences={[
          t(`admin.confirm.${key}.what_1`),
          t(`admin.confirm.${key}.what_2`),
          t("admin.confirm.recorded"),
        ]}
        reasonLabel={t("admin.confirm.reason")}
        reasonHint={t("admin.confirm.reason_hint")}
        reason={reason}
        reasonMax={REASON_MAX}
        submit={t(`admin.confirm.${key}.submit`)}
        cancel={{ href: `/admin/staff/${account.id}/edit`, label: t("admin.confirm.cancel") }}
        issues={issues}
      />,
      issues.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  for (const action of Object.keys(CONFIRM) as Confirmed[]) {
    app.get<IdRequest>(
      `/admin/staff/:id/${action}`,
      { schema: { hide: true, params: IdParams } },
      async (request, reply) => {
        const p = principalOf(request);
        const account = await target(p, request.params.id);
        if (!canManageAccount(policy, p, account.grants)) throw new HalyqError("FORBIDDEN");
        if (action === "deactivate" && !account.active)
          return reply.redirect(`/admin/staff/${account.id}/edit`, 303);
        return confirmPage(request, reply, account, action, "", []);
      },
    );

    app.post<IdPost>(
      `/admin/staff/:id/${action}`,
      { schema: { hide: true, params: IdParams, body: FormBodySchema } },
      async (request, reply) => {
        const p = principalOf(request);
        const account = await target(p, request.params.id);
        if (!canManageAccount(policy, p, account.grants)) throw new HalyqError("FORBIDDEN");
        const reason = one(request.body, "reason");
        const done = `/admin/staff/${account.id}/edit?notice=${CONFIRM[action].notice}`;
        if (action === "deactivate") {
          if (!account.active) return reply.redirect(done, 303);
          const result = await deactivateStaff(ctx, actorOf(p), account, reason);
          if (result.kind === "invalid") {
            if (result.issues.some((i) => i.field === "reason"))
              return confirmPage(request, reply, account, action, reason, result.issues);
            return editPage(request, reply, p, account, null, result.issues, 409);
          }
        } else {
          const result = await resetTwoFactor(ctx, actorOf(p), account, reason);
          if (result.kind === "invalid")
            return confirmPage(request, reply, account, action, reason, result.issues);
        }
        return reply.redirect(done, 303);
      },
    );
  }
}
