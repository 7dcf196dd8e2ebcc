import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../../kernel/errors.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { type FormBody, FormBodySchema, readForm } from "../../../../web/forms.js";
import { staffOnly } from "../../../../web/guards.js";
import { deleteView, saveView } from "../../tasks/saved-views.js";
import { inboxHref, parseInboxQuery } from "./inbox-query.js";
import { SaveViewPage } from "./saved-views.js";

const SaveForm = Type.Object({
  agency: Type.String({ minLength: 1, maxLength: 100 }),
  query: Type.Optional(Type.String({ maxLength: 1000 })),
  name: Type.Optional(Type.String({ maxLength: 1000 })),
});

/**
 * An inbox query string as the inbox itself writes it: only its known filters, for `agency`,
 * from the first page. What is saved can hold nothing else.
 */
export function normalisedQuery(raw: string, agencyId: string): string {
  const params = parseInboxQuery(Object.fromEntries(new URLSearchParams(raw)));
  const href = inboxHref({ ...params, agency: agencyId, page: 1 }, 1);
  return href.split("?")[1] ?? "";
}

/** POST /office/appeals/views (save the inbox's filters) and …/views/:id/delete. */
export async function viewsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post<{ Body: FormBody }>(
    "/office/appeals/views",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const form = readForm(SaveForm, request.body);
      if (!form.ok && form.issues.some((i) => i.field === "agency")) {
        throw new HalyqError("FORBIDDEN");
      }
      const agencyId = String(form.values.agency ?? "");
      const query = normalisedQuery(String(form.values.query ?? ""), agencyId);
      const name = String(form.values.name ?? "");
      const result = await saveView(ctx, principal, agencyId, name, query);
      if (result.kind === "ok") return reply.redirect(`/office/appeals?${query}`, 303);
      if (result.kind !== "invalid") throw new HalyqError("FORBIDDEN");
      return reply.page(
        request.t("appeals.tasks.views.save"),
        <SaveViewPage
          t={request.t}
          csrf={reply.csrfToken()}
          agencyId={agencyId}
          query={query}
          name={name.slice(0, 1000)}
          issues={result.issues}
        />,
        { hasErrors: true, status: 400 },
      );
    },
  );

  app.post<{ Params: { id: string }; Body: FormBody }>(
    "/office/appeals/views/:id/delete",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const result = await deleteView(ctx, principal, request.params.id);
      if (result.kind !== "ok") throw new HalyqError("NOT_FOUND");
      return reply.redirect(
        `/office/appeals?agency=${encodeURIComponent(result.value.agencyId)}`,
        303,
      );
    },
  );
}
