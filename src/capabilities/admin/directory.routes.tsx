import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { toPlainDate } from "../../kernel/calendar/index.js";
import { HalyqError } from "../../kernel/errors.js";
import type { Principal } from "../../kernel/permissions.js";
import type { Result } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import { dateParts, isoDate } from "../../web/components/kit.js";
import { findAgency, listAgencies } from "../agencies/index.js";
import {
  addDepartment,
  addSubstitution,
  cancelSubstitution,
  departmentsOf,
  setStaffPosition,
  staffDirectory,
  substitutionsAt,
} from "../identity/index.js";
import { actorOf, type FormBody, one, principalOf } from "./form.js";
import { type DirectoryForm, DirectoryPage } from "./views/directory-views.js";

const ROLES = ["registrar", "executor", "head", "analyst", "moderator"];
const DONE = ["department", "position", "substitution", "cancelled"] as const;

/**
 * The staff directory of a body (departments, positions, substitutions), for the body's
 * administrators and system administrators (`staff.manage` on that body). Every change is
 * one of identity's commands, audited in its transaction.
 */
export async function directoryRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;

  /** The body asked for, if this person manages its staff; otherwise 403 (or 404). */
  async function bodyFor(p: Principal, id: string) {
    if (!ctx.policy.can(p, "staff.manage", { agencyId: id })) throw new HalyqError("FORBIDDEN");
    const agency = await findAgency(db, id);
    if (!agency) throw new HalyqError("NOT_FOUND");
    return agency;
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    agencyId: string,
    failed?: DirectoryForm,
  ) {
    const p = principalOf(request);
    const agency = await bodyFor(p, agencyId);
    const locale = request.locale;
    const today = toPlainDate(
      ctx.clock.now(),
      ctx.calendars.forJurisdiction(agency.jurisdiction).rules.timeZone,
    );
    const bodies = (await listAgencies(db)).filter((a) =>
      ctx.policy.can(p, "staff.manage", { agencyId: a.id }),
    );
    const [departments, staff, substitutions] = await Promise.all([
      departmentsOf(db, agency.id),
      staffDirectory(db, agency.id, ROLES, locale),
      substitutionsAt(db, agency.id, today),
    ]);
    const q = request.query as { done?: string };
    return reply.page(
      request.t("admin.directory.title"),
      <DirectoryPage
        t={request.t}
        locale={locale}
        csrf={reply.csrfToken()}
        agency={{ id: agency.id, name: agency.names[locale] }}
        bodies={bodies.map((b) => ({ id: b.id, name: b.names[locale] }))}
        departments={departments}
        staff={staff}
        substitutions={substitutions}
        failed={failed ?? null}
        done={DONE.find((d) => d === q.done) ?? null}
      />,
      failed ? { hasErrors: true, status: 400 } : {},
    );
  }

  const agencyOf = (request: FastifyRequest) => {
    const v = (request.query as { agency?: unknown }).agency;
    return typeof v === "string" && /^[A-Za-z0-9-]{1,64}$/.test(v) ? v : null;
  };

  app.get("/admin/directory", { schema: { hide: true } }, async (request, reply) => {
    const p = principalOf(request);
    let agencyId = agencyOf(request);
    if (!agencyId) {
      const first = (await listAgencies(db)).find((a) =>
        ctx.policy.can(p, "staff.manage", { agencyId: a.id }),
      );
      if (!first) throw new HalyqError("FORBIDDEN");
      agencyId = first.id;
    }
    return show(request, reply, agencyId);
  });

  /** Runs one change and answers: back to the page with a notice, or the page with its errors. */
  function change(
    form: DirectoryForm["form"],
    run: (
      p: Principal,
      agencyId: string,
      body: FormBody,
      today: string,
    ) => Promise<Result<unknown>>,
  ) {
    return async (request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply) => {
      const p = principalOf(request);
      const body = request.body ?? {};
      const agencyId = one(body, "agency");
      const agency = await bodyFor(p, agencyId);
      const today = toPlainDate(
        ctx.clock.now(),
        ctx.calendars.forJurisdiction(agency.jurisdiction).rules.timeZone,
      );
      const result = await run(p, agency.id, body, today);
      if (result.kind === "ok") {
        const done = form === "cancel" ? "cancelled" : form;
        return reply.redirect(
          `/admin/directory?agency=${encodeURIComponent(agency.id)}&done=${done}`,
          303,
        );
      }
      if (result.kind === "invalid") {
        return show(request, reply, agency.id, { form, issues: result.issues, body });
      }
      throw new HalyqError(result.kind === "forbidden" ? "FORBIDDEN" : "NOT_FOUND");
    };
  }

  app.post(
    "/admin/directory/departments",
    { schema: { hide: true } },
    change("department", (p, agencyId, body) =>
      addDepartment(ctx, actorOf(p), agencyId, {
        nameKk: one(body, "nameKk"),
        nameRu: one(body, "nameRu"),
        nameEn: one(body, "nameEn"),
      }),
    ),
  );
  app.post(
    "/admin/directory/positions",
    { schema: { hide: true } },
    change("position", (p, agencyId, body) =>
      setStaffPosition(ctx, actorOf(p), agencyId, {
        accountId: one(body, "accountId"),
        departmentId: one(body, "departmentId"),
        titleKk: one(body, "titleKk"),
        titleRu: one(body, "titleRu"),
        titleEn: one(body, "titleEn"),
      }),
    ),
  );
  app.post(
    "/admin/directory/substitutions",
    { schema: { hide: true } },
    change("substitution", async (p, agencyId, body, today) => {
      const from = isoDate(dateParts(body, "from"));
      const until = isoDate(dateParts(body, "until"));
      return addSubstitution(ctx, { ...actorOf(p), id: p.accountId }, agencyId, today, {
        absentId: one(body, "absentId"),
        substituteId: one(body, "substituteId"),
        from: from ?? "",
        until: until ?? "",
      });
    }),
  );
  app.post(
    "/admin/directory/substitutions/cancel",
    { schema: { hide: true } },
    change("cancel", (p, agencyId, body) =>
      cancelSubstitution(ctx, actorOf(p), agencyId, one(body, "id")),
    ),
  );
}
