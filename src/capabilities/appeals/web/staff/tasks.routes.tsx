import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../../kernel/errors.js";
import type { Principal } from "../../../../kernel/permissions.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { type FormBody, FormBodySchema, readForm } from "../../../../web/forms.js";
import { staffOnly } from "../../../../web/guards.js";
import { myTasks } from "../../tasks/counters.js";
import { chooseNoticeMode, NOTICE_MODES, noticeModes } from "../../tasks/notice-settings.js";
import { bodiesByIds } from "./scope.js";
import { TasksPage } from "./tasks-page.js";

const NoticeForm = Type.Object({
  mode: Type.Union(
    NOTICE_MODES.map((m) => Type.Literal(m)),
    { issueKey: "appeals.tasks.notices.invalid" },
  ),
});

/** GET /office/tasks: "My tasks", where staff land; POST …/notices: how they hear of them. */
export async function tasksRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    state: { notice?: string; issues?: FieldIssue[] } = {},
  ) => {
    const tasks = await myTasks(ctx, principal);
    const names = new Map(
      (
        await bodiesByIds(
          db,
          tasks.map((b) => b.agencyId),
          request.locale,
        )
      ).map((b) => [b.id, b.name]),
    );
    const mode = (await noticeModes(db, [principal.accountId])).get(principal.accountId);
    const issues = state.issues ?? [];
    reply.header("cache-control", "no-store");
    return reply.page(
      request.t("appeals.tasks.title"),
      <TasksPage
        t={request.t}
        csrf={reply.csrfToken()}
        bodies={tasks.map((b) => ({ ...b, name: names.get(b.agencyId) ?? "" }))}
        dueDays={ctx.config.staffTasks.dueDays}
        digestHour={ctx.config.staffTasks.digestHour}
        mode={mode ?? "immediate"}
        notice={state.notice}
        issues={issues}
      />,
      issues.length > 0 ? { hasErrors: true, status: 400 } : {},
    );
  };

  app.get("/office", async (request, reply) => {
    if (!staffOnly(request, reply)) return reply;
    return reply.redirect("/office/tasks", 302);
  });

  app.get<{ Querystring: { saved?: string } }>("/office/tasks", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    return show(request, reply, principal, {
      ...(request.query.saved === "1" ? { notice: request.t("appeals.tasks.notices.saved") } : {}),
    });
  });

  app.post<{ Body: FormBody }>(
    "/office/tasks/notices",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const form = readForm(NoticeForm, request.body);
      const result = await chooseNoticeMode(ctx, principal, form.ok ? form.value.mode : undefined);
      if (result.kind === "forbidden") throw new HalyqError("FORBIDDEN");
      if (result.kind !== "ok") {
        return show(request, reply, principal, {
          issues: [{ field: "mode", key: "appeals.tasks.notices.invalid" }],
        });
      }
      return reply.redirect("/office/tasks?saved=1#notices", 303);
    },
  );
}
