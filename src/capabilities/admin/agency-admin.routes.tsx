import type { Static } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { Principal } from "../../kernel/permissions.js";
import type { FieldIssue } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import { authorize } from "../../web/guards.js";
import {
  type Agency,
  categoriesOfAgency,
  createAgency,
  findAgencyBySlug,
  listAgencies,
  listCategories,
  setAgencyActive,
  updateAgency,
} from "../agencies/index.js";
import {
  type AgencyFormValues,
  agencyFormValues,
  readAgencyForm,
  validateAgency,
} from "./agency-form.js";
import {
  actorOf,
  type FormBody,
  FormBodySchema,
  noticeOf,
  principalOf,
  SlugParams,
} from "./form.js";
import { AgencyFormPage, AgencyListPage } from "./views/agency-admin-views.js";

type SlugRequest = { Params: Static<typeof SlugParams> };
type SlugPost = SlugRequest & { Body: FormBody };

/** Bodies: the list, a form to add one, a form to edit one, and (de)activation. */
export async function agencyAdminRoutes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db.kysely;

  /** Only system admins manage bodies; checked before anything is looked up. */
  function allowed(request: FastifyRequest): Principal {
    const principal = principalOf(request);
    authorize(ctx.policy, principal, "agency.manage");
    return principal;
  }

  async function load(slug: string): Promise<Agency> {
    const agency = await findAgencyBySlug(db, slug);
    if (!agency) throw new HalyqError("NOT_FOUND");
    return agency;
  }

  async function known() {
    const [agencies, categories] = await Promise.all([
      listAgencies(db, { includeInactive: true }),
      listCategories(db),
    ]);
    return { agencies, categories, jurisdictions: ctx.calendars.codes() };
  }

  async function form(
    request: FastifyRequest,
    reply: FastifyReply,
    values: AgencyFormValues,
    issues: FieldIssue[],
    agency?: Agency,
  ) {
    const t = request.t;
    const title = agency ? t("admin.agencies.edit_title") : t("admin.agencies.new_title");
    const notice = noticeOf(request.query);
    return reply.page(
      title,
      <AgencyFormPage
        t={t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        issues={issues}
        values={values}
        {...(await known())}
        {...(agency ? { agency } : {})}
        notice={notice && issues.length === 0 ? t(`admin.notice.${notice}`) : undefined}
      />,
      issues.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  app.get("/admin/agencies", { schema: { hide: true } }, async (request, reply) => {
    allowed(request);
    const notice = noticeOf(request.query);
    return reply.page(
      request.t("admin.agencies.title"),
      <AgencyListPage
        t={request.t}
        locale={request.locale}
        agencies={await listAgencies(db, { includeInactive: true })}
        notice={notice ? request.t(`admin.notice.${notice}`) : undefined}
      />,
    );
  });

  app.get("/admin/agencies/new", { schema: { hide: true } }, async (request, reply) => {
    allowed(request);
    const values = readAgencyForm({});
    values.fields.jurisdiction = ctx.calendars.codes().includes("kz") ? "kz" : "";
    return form(request, reply, values, []);
  });

  app.post<{ Body: FormBody }>(
    "/admin/agencies/new",
    { schema: { hide: true, body: FormBodySchema } },
    async (request, reply) => {
      const principal = allowed(request);
      const values = readAgencyForm(request.body);
      const checked = validateAgency(values, await known());
      if (!checked.input) return form(request, reply, values, checked.issues);
      const agency = await createAgency(ctx, actorOf(principal), checked.input);
      return reply.redirect(`/admin/agencies/${agency.slug}/edit?notice=agency_created`, 303);
    },
  );

  app.get<SlugRequest>(
    "/admin/agencies/:slug/edit",
    { schema: { hide: true, params: SlugParams } },
    async (request, reply) => {
      allowed(request);
      const agency = await load(request.params.slug);
      const held = (await categoriesOfAgency(db, agency.id)).map((c) => c.id);
      return form(request, reply, agencyFormValues(agency, held), [], agency);
    },
  );

  app.post<SlugPost>(
    "/admin/agencies/:slug/edit",
    { schema: { hide: true, params: SlugParams, body: FormBodySchema } },
    async (request, reply) => {
      const principal = allowed(request);
      const agency = await load(request.params.slug);
      const values = readAgencyForm(request.body);
      const checked = validateAgency(values, await known(), agency);
      if (!checked.input) return form(request, reply, values, checked.issues, agency);
      await updateAgency(ctx, actorOf(principal), agency, checked.input);
      return reply.redirect(
        `/admin/agencies/${checked.input.slug}/edit?notice=agency_updated`,
        303,
      );
    },
  );

  for (const active of [false, true]) {
    const verb = active ? "reactivate" : "deactivate";
    app.post<SlugPost>(
      `/admin/agencies/:slug/${verb}`,
      { schema: { hide: true, params: SlugParams, body: FormBodySchema } },
      async (request, reply) => {
        const principal = allowed(request);
        const agency = await load(request.params.slug);
        // Pressing the button twice changes nothing the second time.
        if (agency.active !== active)
          await setAgencyActive(ctx, actorOf(principal), agency, active);
        const notice = active ? "agency_reactivated" : "agency_deactivated";
        return reply.redirect(`/admin/agencies/${agency.slug}/edit?notice=${notice}`, 303);
      },
    );
  }
}
