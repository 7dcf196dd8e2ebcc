import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/manifest.js";
import { bulkRoutes } from "./staff/bulk.routes.js";
import { caseRoutes } from "./staff/case.routes.js";
import { deskRoutes } from "./staff/desk.routes.js";
import { inboxRoutes } from "./staff/inbox.routes.js";
import { registerExportRoutes } from "./staff/register-export.routes.js";
import { reportsRoutes } from "./staff/reports.routes.js";
import { tasksRoutes } from "./staff/tasks.routes.js";
import { templateRoutes } from "./staff/templates.routes.js";
import { viewsRoutes } from "./staff/views.routes.js";

/** Staff pages: a body's inbox, the case page with every step, the registrar's desk and slip. */
export async function staffRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (office) => {
    // Applicants' personal data: no shared or browser cache may keep these pages.
    office.addHook("onSend", async (request, reply) => {
      if (request.url.startsWith("/office/")) reply.header("cache-control", "no-store");
    });
    await deskRoutes(office, ctx);
    await inboxRoutes(office, ctx);
    await bulkRoutes(office, ctx);
    await registerExportRoutes(office, ctx);
    await reportsRoutes(office, ctx);
    await caseRoutes(office, ctx);
    await tasksRoutes(office, ctx);
    await viewsRoutes(office, ctx);
    await templateRoutes(office, ctx);
  });
}
