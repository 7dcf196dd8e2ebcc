import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue, Result } from "../../../kernel/result.js";
import { multipartForms, uploadsOf } from "../../../platform/files/multipart.js";
import { attachmentSettings } from "../../../platform/files/settings.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type FormBody, FormBodySchema, one } from "../../../web/forms.js";
import { requirePage, staffAllowed, staffOnly } from "../../../web/guards.js";
import { BUDGET_ID, categoriesOf, STAGES } from "../budget.js";
import {
  addNews,
  addPhotos,
  askAboutProject,
  projectToday,
  removePhoto,
  type StageInput,
  setFollowing,
  stageField,
  updateDetails,
  updateStages,
} from "../commands/projects.js";
import { filesOf } from "../files.js";
import {
  cycleOf,
  cyclesWithProjects,
  findProject,
  isFollowing,
  listProjects,
  newsOf,
  type ProjectRow,
  projectTerritories,
  stagesOf,
} from "../project.repository.js";
import {
  cycleTitle,
  type ListFilter,
  OfficeProjectPage,
  OfficeProjectsPage,
  ProjectListPage,
  ProjectPage,
  territoryName,
  UnfollowPage,
} from "./project-views.js";

type Pid = { Params: { pid: string } };
type ListQuery = { cycle?: string; territory?: string; category?: string; status?: string };

const PUBLIC_DONE = ["followed", "unfollowed"] as const;
const OFFICE_DONE = ["stages", "details", "photo", "photo_removed", "news"] as const;
const pick = <T extends string>(list: readonly T[], v: unknown): T | undefined =>
  list.find((d) => d === v);
const text = (v: unknown) => (typeof v === "string" ? v.trim().slice(0, 100) : "");

/** Implementation: the winners' projects, their stages, photos and news, followers and questions. */
export async function projectRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => routes(scope, ctx));
}

async function routes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  // The photo form sends its file with the CSRF token in the same multipart body.
  multipartForms(app, { maxFileBytes: attachmentSettings.maxBytes });
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/office/")) reply.header("cache-control", "no-store");
  });

  const list = async (
    request: FastifyRequest<{ Querystring: ListQuery }>,
    reply: FastifyReply,
    cycleId: string | undefined,
  ) => {
    const q = request.query;
    const filter: ListFilter = {
      cycle: cycleId ?? text(q.cycle),
      territory: text(q.territory),
      category: text(q.category),
      status: text(q.status),
    };
    const cycle = cycleId ? await cycleOf(db, cycleId) : undefined;
    if (cycleId && !cycle) throw new HalyqError("NOT_FOUND");
    const [rows, cycles, territories] = await Promise.all([
      listProjects(db, {
        cycleId: filter.cycle || undefined,
        territory: filter.territory || undefined,
        category: filter.category || undefined,
        status: filter.status || undefined,
      }),
      cycleId ? Promise.resolve(null) : cyclesWithProjects(db),
      projectTerritories(db, cycleId),
    ]);
    const stages = await stagesOf(
      db,
      rows.map((r) => r.id),
    );
    const categories = cycle
      ? categoriesOf(
          (await db
            .selectFrom("budget_cycles")
            .select("categories")
            .where("id", "=", cycle.id)
            .executeTakeFirstOrThrow()) as { categories: string },
        )
      : [
          "greening",
          "sidewalks_ramps",
          "aryks",
          "lighting",
          "playgrounds_sports",
          "parks_squares",
          "curbs_walls",
        ];
    const t = request.t;
    const heading = cycle
      ? t("budgets.projects.list.cycle_title", { cycle: cycleTitle(request.locale, cycle) })
      : t("budgets.projects.list.title");
    return reply.page(
      heading,
      <ProjectListPage
        t={t}
        locale={request.locale}
        action={cycleId ? `/budgets/${cycleId}/projects` : "/budgets/projects"}
        heading={heading}
        filter={filter}
        cycles={cycles}
        territories={territories}
        categories={categories}
        rows={rows}
        stages={stages}
        today={await projectToday(ctx)}
      />,
      { map: true },
    );
  };

  app.get<{ Querystring: ListQuery }>("/budgets/projects", (request, reply) =>
    list(request, reply, undefined),
  );
  app.get<{ Params: { id: string }; Querystring: ListQuery }>(
    "/budgets/:id/projects",
    (request, reply) => {
      if (!BUDGET_ID.test(request.params.id)) throw new HalyqError("NOT_FOUND");
      return list(request, reply, request.params.id);
    },
  );

  const loadProject = async (pid: string): Promise<ProjectRow> => {
    const project = BUDGET_ID.test(pid) ? await findProject(db, pid) : undefined;
    if (!project) throw new HalyqError("NOT_FOUND");
    return project;
  };

  const territoryOf = async (project: ProjectRow, locale: FastifyRequest["locale"]) => {
    const tr = await db
      .selectFrom("budget_territories")
      .select(["name_kk", "name_ru", "name_en"])
      .where("cycle_id", "=", project.cycle_id)
      .where("code", "=", project.territory_code)
      .executeTakeFirst();
    return territoryName(locale, tr ?? {}, project.territory_code);
  };

  const showProject = async (
    request: FastifyRequest,
    reply: FastifyReply,
    pid: string,
    state: { issues?: FieldIssue[]; question?: string; done?: string | undefined },
    status?: number,
  ) => {
    const project = await loadProject(pid);
    const principal = request.principal;
    const [stages, photos, news, cycle, territory, following] = await Promise.all([
      stagesOf(db, [project.id]),
      filesOf(db, "project", [project.id]),
      newsOf(db, project.id),
      cycleOf(db, project.cycle_id),
      territoryOf(project, request.locale),
      principal ? isFollowing(db, project.id, principal.accountId) : Promise.resolve(false),
    ]);
    const issues = state.issues ?? [];
    return reply.page(
      project.title,
      <ProjectPage
        t={request.t}
        locale={request.locale}
        project={project}
        territory={territory}
        cycle={{
          id: project.cycle_id,
          title: cycle ? cycleTitle(request.locale, cycle) : "",
        }}
        stages={stages.get(project.id) ?? []}
        photos={photos}
        news={news}
        today={await projectToday(ctx, project.agency_id)}
        viewer={
          principal
            ? { csrf: reply.csrfToken(), citizen: principal.kind === "citizen", following }
            : null
        }
        issues={issues}
        values={{ question: state.question ?? "" }}
        done={state.done}
      />,
      { hasErrors: issues.length > 0, ...(status ? { status } : {}) },
    );
  };

  app.get<Pid & { Querystring: { done?: string } }>(
    "/budgets/projects/:pid",
    async (request, reply) =>
      showProject(request, reply, request.params.pid, {
        done: pick(PUBLIC_DONE, request.query.done),
      }),
  );

  const refused = (r: Result<unknown>) => {
    if (r.kind === "forbidden") throw new HalyqError("FORBIDDEN");
    if (r.kind === "not_found") throw new HalyqError("NOT_FOUND");
    if (r.kind === "conflict") throw new HalyqError(r.code);
  };

  for (const follow of [true, false])
    app.post<Pid & { Body: FormBody }>(
      `/budgets/projects/:pid/${follow ? "follow" : "unfollow"}`,
      { schema: { body: FormBodySchema } },
      async (request, reply) => {
        const principal = requirePage(request, reply);
        if (!principal) return reply;
        const r = await setFollowing(ctx, principal, request.params.pid, follow);
        refused(r);
        return reply.redirect(
          `/budgets/projects/${request.params.pid}?done=${follow ? "followed" : "unfollowed"}`,
          303,
        );
      },
    );

  app.get<Pid>("/budgets/projects/:pid/unfollow", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const project = await loadProject(request.params.pid);
    return reply.page(
      request.t("budgets.projects.unfollow.title"),
      <UnfollowPage
        t={request.t}
        project={project}
        csrf={reply.csrfToken()}
        following={await isFollowing(db, project.id, principal.accountId)}
      />,
    );
  });

  app.post<Pid & { Body: FormBody }>(
    "/budgets/projects/:pid/ask",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const project = await loadProject(request.params.pid);
      const question = one(request.body, "question");
      const t = request.t;
      const territory = await territoryOf(project, request.locale);
      const r = await askAboutProject(
        ctx,
        principal,
        project.id,
        question,
        {
          subject: t("budgets.projects.ask.subject", { title: project.title }),
          reference: t("budgets.projects.ask.reference", {
            title: project.title,
            place: project.address ?? territory,
          }),
        },
        request.locale,
      );
      if (r.kind === "invalid")
        return showProject(request, reply, project.id, { issues: r.issues, question }, 400);
      refused(r);
      if (r.kind !== "ok") throw new HalyqError("NOT_FOUND");
      return reply.redirect(`/appeals/${encodeURIComponent(r.value.number)}`, 303);
    },
  );

  // The office.

  app.get<{ Params: { id: string } }>("/office/budgets/:id/projects", async (request, reply) => {
    const scope = staffAllowed(request, reply, ctx.policy, "budget.report");
    if (!scope) return reply;
    const cycle = BUDGET_ID.test(request.params.id)
      ? await cycleOf(db, request.params.id)
      : undefined;
    if (!cycle || !ctx.policy.can(scope.principal, "budget.report", { agencyId: cycle.agency_id }))
      throw new HalyqError("NOT_FOUND");
    const rows = await listProjects(db, { cycleId: cycle.id });
    const stages = await stagesOf(
      db,
      rows.map((r) => r.id),
    );
    return reply.page(
      request.t("budgets.projects.office.list_title"),
      <OfficeProjectsPage
        t={request.t}
        locale={request.locale}
        cycle={{ id: cycle.id, title: cycleTitle(request.locale, cycle) }}
        rows={rows}
        stages={stages}
        today={await projectToday(ctx, cycle.agency_id)}
      />,
    );
  });

  const showOffice = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    pid: string,
    state: { issues?: FieldIssue[]; values?: Record<string, string>; done?: string | undefined },
    status?: number,
  ) => {
    const project = await loadProject(pid);
    if (!ctx.policy.can(principal, "budget.report", { agencyId: project.agency_id }))
      throw new HalyqError("FORBIDDEN");
    const [stages, photos, news] = await Promise.all([
      stagesOf(db, [project.id]),
      filesOf(db, "project", [project.id]),
      newsOf(db, project.id),
    ]);
    const issues = state.issues ?? [];
    return reply.page(
      project.title,
      <OfficeProjectPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        project={project}
        stages={stages.get(project.id) ?? []}
        photos={photos}
        news={news}
        today={await projectToday(ctx, project.agency_id)}
        issues={issues}
        values={state.values ?? {}}
        done={state.done}
      />,
      { hasErrors: issues.length > 0, ...(status ? { status } : {}) },
    );
  };

  app.get<Pid & { Querystring: { done?: string } }>(
    "/office/budgets/projects/:pid",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      return showOffice(request, reply, principal, request.params.pid, {
        done: pick(OFFICE_DONE, request.query.done),
      });
    },
  );

  const officeAction = (
    path: string,
    done: (typeof OFFICE_DONE)[number],
    run: (
      principal: Principal,
      request: FastifyRequest<Pid & { Body: FormBody }>,
    ) => Promise<{ result: Result<unknown>; values: Record<string, string> }>,
  ) =>
    app.post<Pid & { Body: FormBody }>(
      `/office/budgets/projects/:pid/${path}`,
      async (request, reply) => {
        const principal = staffOnly(request, reply);
        if (!principal) return reply;
        const pid = request.params.pid;
        const { result, values } = await run(principal, request);
        if (result.kind === "invalid")
          return showOffice(request, reply, principal, pid, { issues: result.issues, values }, 400);
        refused(result);
        return reply.redirect(`/office/budgets/projects/${pid}?done=${done}`, 303);
      },
    );

  officeAction("stages", "stages", async (principal, request) => {
    const input: Record<string, StageInput> = {};
    const values: Record<string, string> = {};
    for (const stage of STAGES) {
      const s = {
        plannedStart: one(request.body, stageField(stage, "plannedStart")),
        plannedEnd: one(request.body, stageField(stage, "plannedEnd")),
        actualStart: one(request.body, stageField(stage, "actualStart")),
        actualEnd: one(request.body, stageField(stage, "actualEnd")),
      };
      input[stage] = s;
      for (const [f, v] of Object.entries(s)) values[`${stage}-${f}`] = v;
    }
    return {
      result: await updateStages(ctx, principal, request.params.pid, input),
      values,
    };
  });

  officeAction("details", "details", async (principal, request) => {
    const values = {
      contractor: one(request.body, "contractor"),
      contracted: one(request.body, "contracted"),
      spent: one(request.body, "spent"),
      percent: one(request.body, "percent"),
    };
    return { result: await updateDetails(ctx, principal, request.params.pid, values), values };
  });

  officeAction("photos", "photo", async (principal, request) => {
    const values = {
      photoKind: one(request.body, "photoKind"),
      caption: one(request.body, "caption"),
    };
    const uploads = uploadsOf(request);
    const files = uploads.files
      .filter((f) => f.field === "photo")
      .map((f) => ({ buffer: f.buffer, fileName: f.fileName }));
    return {
      result: await addPhotos(
        ctx,
        principal,
        request.params.pid,
        { kind: values.photoKind, caption: values.caption },
        files,
        uploads.tooLarge,
      ),
      values,
    };
  });

  app.post<{ Params: { pid: string; fid: string }; Body: FormBody }>(
    "/office/budgets/projects/:pid/photos/:fid/remove",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const r = await removePhoto(ctx, principal, request.params.pid, request.params.fid);
      refused(r);
      return reply.redirect(
        `/office/budgets/projects/${request.params.pid}?done=photo_removed`,
        303,
      );
    },
  );

  officeAction("news", "news", async (principal, request) => {
    const values = { news: one(request.body, "news") };
    return {
      result: await addNews(ctx, principal, request.params.pid, values.news, request.locale),
      values,
    };
  });
}
