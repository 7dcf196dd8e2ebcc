import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type FormBody, FormBodySchema } from "../../../web/forms.js";
import { agenciesOf, staffOnly, staffWithRole } from "../../../web/guards.js";
import { agencyNames } from "../../agencies/index.js";
import { accountNames, inLocale, positionOf } from "../../identity/index.js";
import { BUDGET_ID, type CycleRow, PHASE_START, PHASES, type Phase, phaseAt } from "../budget.js";
import {
  type CycleInput,
  createCycle,
  cycleInputFromForm,
  defaultInput,
  districtChoices,
  inputOf,
  updateCycle,
  votingBegun,
  zoneOf,
} from "../commands/cycles.js";
import {
  councilCycles,
  cyclesOfBodies,
  expertIds,
  findCycle,
  listPublicCycles,
  proposalCounts,
  territoriesOf,
} from "../cycle.repository.js";
import { budgetProfile } from "../profiles.js";
import {
  CycleFormPage,
  CyclePage,
  type CyclePageData,
  OfficeListPage,
  PublicListPage,
  titleOf,
} from "./cycle-views.js";

type IdParams = { Params: { id: string } };
type Names = { kk: string; ru: string; en: string };

/** The staff roles that open the body's cycle list (as the navigation link names them). */
const OFFICE_ROLES = ["head", "admin", "executor"] as const;
const DONE = ["created", "saved"] as const;

const isSystemAdmin = (p: Principal) =>
  p.grants.some((g) => g.role === "admin" && g.agencyId === null);

const nameIn = (names: Map<string, Names>, id: string, locale: "kk" | "ru" | "en") =>
  names.get(id)?.[locale] ?? id;

/** Whether this person is on the cycle's council or of its body's staff (who may preview a draft). */
function isStaffOf(principal: Principal | null, cycle: CycleRow): boolean {
  return (
    !!principal && principal.kind === "staff" && agenciesOf(principal).includes(cycle.agency_id)
  );
}

/** Everything a cycle's page shows. */
export async function loadCyclePage(
  ctx: AppContext,
  cycle: CycleRow,
  locale: "kk" | "ru" | "en",
): Promise<CyclePageData> {
  const db = ctx.db.kysely;
  const [bodies, territories, experts, counts, zone] = await Promise.all([
    agencyNames(db, [cycle.agency_id]),
    territoriesOf(db, cycle.id),
    expertIds(db, cycle.id),
    proposalCounts(db, [cycle.id]),
    zoneOf(ctx, cycle.agency_id),
  ]);
  const names = await accountNames(db, experts);
  const council = await Promise.all(
    experts.map(async (id) => {
      const n = names.get(id);
      const pos = await positionOf(db, id, cycle.agency_id);
      const position = pos
        ? inLocale({ kk: pos.title_kk, ru: pos.title_ru, en: pos.title_en }, locale)
        : null;
      return {
        name: n ? [n.surname, n.given_name, n.patronymic].filter(Boolean).join(" ") : "",
        position,
      };
    }),
  );
  return {
    cycle,
    phase: phaseAt(cycle, ctx.clock.now()),
    bodyName: nameIn(bodies as Map<string, Names>, cycle.agency_id, locale),
    zone,
    territories,
    council,
    counts: counts.get(cycle.id) ?? { received: 0, admitted: 0 },
  };
}

/** Cycles: the public list and page of each cycle, and the body's office pages to open and run them. */
export async function cycleRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get<{ Querystring: { phase?: string; body?: string } }>(
    "/budgets",
    {
      config: { pageCache: true },
      schema: {
        querystring: {
          type: "object",
          properties: {
            phase: { type: "string", maxLength: 40 },
            body: { type: "string", maxLength: 100 },
          },
        },
      },
    },
    async (request, reply) => {
      const now = ctx.clock.now();
      const phase = (PHASES as readonly string[]).includes(request.query.phase ?? "")
        ? (request.query.phase as Phase)
        : undefined;
      const all = await listPublicCycles(db, { now: now.toISOString(), limit: 500 });
      const bodyIds = [...new Set(all.map((c) => c.agency_id))];
      const names = (await agencyNames(db, bodyIds)) as Map<string, Names>;
      const body = bodyIds.includes(request.query.body ?? "") ? request.query.body : undefined;
      const rows = await listPublicCycles(db, {
        now: now.toISOString(),
        ...(phase ? { phase } : {}),
        ...(body ? { agencyId: body } : {}),
        limit: 200,
      });
      const t = request.t;
      return reply.page(
        t("budgets.cycles.list.title"),
        <PublicListPage
          t={t}
          locale={request.locale}
          rows={rows}
          phases={new Map(rows.map((c) => [c.id, phaseAt(c, now)]))}
          bodies={bodyIds
            .map((id) => ({ id, name: nameIn(names, id, request.locale) }))
            .sort((a, b) => a.name.localeCompare(b.name))}
          filter={{ phase: phase ?? "", body: body ?? "" }}
        />,
      );
    },
  );

  app.get<IdParams>("/budgets/:id", async (request, reply) => {
    const id = request.params.id;
    const cycle = BUDGET_ID.test(id) ? await findCycle(db, id) : undefined;
    if (!cycle) throw new HalyqError("NOT_FOUND");
    const phase = phaseAt(cycle, ctx.clock.now());
    const preview = phase === "draft";
    if (preview && !isStaffOf(request.principal, cycle)) throw new HalyqError("NOT_FOUND");
    const data = await loadCyclePage(ctx, cycle, request.locale);
    return reply.page(
      titleOf(cycle, request.locale).text,
      <CyclePage t={request.t} locale={request.locale} data={data} preview={preview} />,
    );
  });

  /**
   * A member of staff who opens these pages: a role of OFFICE_ROLES in some body, or a
   * system-wide administrator (who sees every body's cycles). Others get the 403 page.
   */
  const officeStaff = (request: FastifyRequest, reply: FastifyReply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return null;
    if (isSystemAdmin(principal)) return { principal, agencyIds: [] as string[] };
    return staffWithRole(request, reply, OFFICE_ROLES);
  };

  app.get<{ Querystring: { done?: string } }>("/office/budgets", async (request, reply) => {
    // A member of a council who holds none of the office roles (an analyst, say) still sees
    // the cycles they review, with the link to the council's page.
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    if (
      !isSystemAdmin(principal) &&
      agenciesOf(principal, OFFICE_ROLES).length === 0 &&
      (await councilCycles(db, principal.accountId)).length === 0
    )
      throw new HalyqError("FORBIDDEN");
    const own = isSystemAdmin(principal)
      ? await cyclesOfBodies(
          db,
          (await db.selectFrom("budget_cycles").select("agency_id").distinct().execute()).map(
            (r) => r.agency_id,
          ),
        )
      : await cyclesOfBodies(db, agenciesOf(principal));
    const council = await councilCycles(db, principal.accountId);
    const councilIds = new Set(council.map((c) => c.id));
    const rows = [...own, ...council.filter((c) => !own.some((o) => o.id === c.id))];
    const names = (await agencyNames(
      db,
      rows.map((r) => r.agency_id),
    )) as Map<string, Names>;
    const counts = await proposalCounts(
      db,
      rows.map((r) => r.id),
    );
    const now = ctx.clock.now();
    const manageable = agenciesOf(principal).filter((a) =>
      ctx.policy.can(principal, "budget.manage", { agencyId: a }),
    );
    const done = DONE.find((d) => d === request.query.done);
    return reply.page(
      request.t("budgets.cycles.office.title"),
      <OfficeListPage
        t={request.t}
        locale={request.locale}
        canCreate={manageable.length > 0}
        done={done}
        rows={rows.map((c) => ({
          cycle: c,
          phase: phaseAt(c, now),
          bodyName: nameIn(names, c.agency_id, request.locale),
          counts: counts.get(c.id) ?? { received: 0, admitted: 0 },
          canManage: ctx.policy.can(principal, "budget.manage", { agencyId: c.agency_id }),
          isExpert: councilIds.has(c.id),
        }))}
      />,
    );
  });

  const manageable = (principal: Principal) =>
    agenciesOf(principal).filter((a) =>
      ctx.policy.can(principal, "budget.manage", { agencyId: a }),
    );

  const showNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    values: CycleInput | null,
    issues: FieldIssue[],
  ) => {
    const ids = manageable(principal);
    if (ids.length === 0) throw new HalyqError("FORBIDDEN");
    const names = (await agencyNames(db, ids)) as Map<string, Names>;
    const profile = await budgetProfile(db);
    return reply.page(
      request.t("budgets.cycles.form.new_title"),
      <CycleFormPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        action="/office/budgets"
        heading={request.t("budgets.cycles.form.new_title")}
        values={
          values ?? defaultInput(profile, ids[0] as string, ctx.clock.now().getUTCFullYear() + 1)
        }
        issues={issues}
        bodies={ids.map((id) => ({ id, name: nameIn(names, id, request.locale) }))}
        districts={districtChoices()}
        categories={profile.categories}
        locked={false}
        begun={new Set()}
        territories={[]}
      />,
      { hasErrors: issues.length > 0, ...(issues.length > 0 ? { status: 400 } : {}) },
    );
  };

  app.get<{ Querystring: { year?: string } }>("/office/budgets/new", async (request, reply) => {
    const scope = officeStaff(request, reply);
    if (!scope) return reply;
    return showNew(request, reply, scope.principal, null, []);
  });

  app.post<{ Body: FormBody }>(
    "/office/budgets",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const scope = officeStaff(request, reply);
      if (!scope) return reply;
      const values = cycleInputFromForm(request.body);
      const r = await createCycle(ctx, scope.principal, values);
      if (r.kind === "ok") return reply.redirect("/office/budgets?done=created", 303);
      if (r.kind === "invalid") return showNew(request, reply, scope.principal, values, r.issues);
      throw new HalyqError("FORBIDDEN");
    },
  );

  const showEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    values: CycleInput | null,
    issues: FieldIssue[],
  ) => {
    const cycle = BUDGET_ID.test(id) ? await findCycle(db, id) : undefined;
    if (!cycle || !ctx.policy.can(principal, "budget.manage", { agencyId: cycle.agency_id }))
      throw new HalyqError("NOT_FOUND");
    const now = ctx.clock.now();
    const zone = await zoneOf(ctx, cycle.agency_id);
    const territories = await territoriesOf(db, id);
    const stored = inputOf(cycle, territories, zone);
    const locked = votingBegun(cycle, now);
    const begun = new Set<string>(PHASES.filter((p) => cycle[PHASE_START[p]] <= now.toISOString()));
    const shown = values
      ? {
          ...values,
          ...(locked
            ? {
                rule: stored.rule,
                categories: stored.categories,
                territories: stored.territories,
                amounts: stored.amounts,
              }
            : {}),
          dates: Object.fromEntries(
            PHASES.map((p) => [p, begun.has(p) ? stored.dates[p] : values.dates[p]]),
          ) as CycleInput["dates"],
        }
      : stored;
    const profile = await budgetProfile(db);
    const heading = request.t("budgets.cycles.form.edit_title", {
      title: titleOf(cycle, request.locale).text,
    });
    return reply.page(
      heading,
      <CycleFormPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        action={`/office/budgets/${id}/edit`}
        heading={heading}
        values={shown}
        issues={issues}
        bodies={null}
        districts={districtChoices()}
        categories={profile.categories}
        locked={locked}
        begun={begun}
        territories={territories}
      />,
      { hasErrors: issues.length > 0, ...(issues.length > 0 ? { status: 400 } : {}) },
    );
  };

  app.get<IdParams>("/office/budgets/:id/edit", async (request, reply) => {
    const scope = officeStaff(request, reply);
    if (!scope) return reply;
    return showEdit(request, reply, scope.principal, request.params.id, null, []);
  });

  app.post<IdParams & { Body: FormBody }>(
    "/office/budgets/:id/edit",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const scope = officeStaff(request, reply);
      if (!scope) return reply;
      const id = request.params.id;
      const values = cycleInputFromForm(request.body);
      const r = await updateCycle(ctx, scope.principal, id, values);
      if (r.kind === "ok") return reply.redirect("/office/budgets?done=saved", 303);
      if (r.kind === "invalid")
        return showEdit(request, reply, scope.principal, id, values, r.issues);
      throw new HalyqError("NOT_FOUND");
    },
  );
}
