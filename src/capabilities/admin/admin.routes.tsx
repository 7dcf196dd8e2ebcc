import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../platform/manifest.js";
import { safeLocalPath } from "../../web/core-routes.js";
import { authorize } from "../../web/guards.js";
import { agencyAdminRoutes } from "./agency-admin.routes.js";
import { calendarAdminRoutes } from "./calendar-admin.routes.js";
import { directoryRoutes } from "./directory.routes.js";
import { principalOf } from "./form.js";
import { staffAdminRoutes } from "./staff-admin.routes.js";
import { OverviewPage } from "./views/overview.js";

/**
 * The administration's pages. One hook guards them all before anything else runs (CSRF
 * included): nobody signed in is sent to sign in, anyone without `admin.access` is refused;
 * each route then checks its own, narrower action.
 */
export async function adminRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = request.principal ?? null;
    if (!principal) {
      // A form's target cannot be opened with GET, so after a POST come back to the overview.
      const next = request.method === "GET" ? safeLocalPath(request.url) : "/admin";
      return reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    }
    authorize(ctx.policy, principal, "admin.access");
    // Staff names, e-mails and roles: no shared or browser cache may keep them.
    reply.header("cache-control", "no-store");
  });

  app.get("/admin", { schema: { hide: true } }, async (request, reply) => {
    const principal = principalOf(request);
    return reply.page(
      request.t("admin.title"),
      <OverviewPage
        t={request.t}
        agencies={ctx.policy.can(principal, "agency.manage")}
        open311={ctx.policy.can(principal, "open311.keys.manage")}
        calendars={ctx.policy.can(principal, "calendar.manage")}
      />,
    );
  });

  await agencyAdminRoutes(app, ctx);
  await calendarAdminRoutes(app, ctx);
  await staffAdminRoutes(app, ctx);
  await directoryRoutes(app, ctx);
}
