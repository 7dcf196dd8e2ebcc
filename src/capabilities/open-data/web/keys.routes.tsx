import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { safeLocalPath } from "../../../web/core-routes.js";
import { issueKey, listKeys, revokeKey } from "../open311/api-keys.js";
import { KeysPage } from "./keys-view.js";

type Body = Record<string, string | string[] | undefined>;
const field = (body: Body | undefined, name: string): string => {
  const v = body?.[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
};
const BodySchema = {
  type: "object",
  additionalProperties: {
    anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }],
  },
};
const IdParams = {
  type: "object",
  properties: { id: { type: "string", pattern: "^[0-9a-f-]{36}$" } },
  required: ["id"],
};

/**
 * The administrators' page of Open311 keys (system administrators only). A key is shown once,
 * in the answer to the form that issued it; the page is never cached.
 */
export async function keyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
      const principal = request.principal ?? null;
      if (!principal) {
        const next = request.method === "GET" ? safeLocalPath(request.url) : "/admin/open311-keys";
        return reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
      }
      if (!ctx.policy.can(principal, "open311.keys.manage")) throw new HalyqError("FORBIDDEN");
      reply.header("cache-control", "no-store");
    });

    const actor = (p: Principal) => ({ id: p.accountId, label: `account:${p.accountId}` });
    const NOTICES = ["revoked", "already_revoked"] as const;

    async function render(
      request: FastifyRequest,
      reply: FastifyReply,
      state: {
        issues?: FieldIssue[];
        values?: { name: string; organisation: string; contact: string };
        issued?: { key: string; name: string };
        status?: number;
      } = {},
    ) {
      const issues = state.issues ?? [];
      const n = (request.query as { notice?: string } | undefined)?.notice;
      const notice = (NOTICES as readonly (string | undefined)[]).includes(n)
        ? request.t(`open_data.keys.notice.${n}`)
        : undefined;
      return reply.page(
        request.t("open_data.keys.title"),
        <KeysPage
          t={request.t}
          locale={request.locale}
          csrf={reply.csrfToken()}
          keys={await listKeys(ctx.db.kysely)}
          issues={issues}
          values={state.values ?? { name: "", organisation: "", contact: "" }}
          issued={state.issued}
          notice={issues.length === 0 && !state.issued ? notice : undefined}
        />,
        {
          ...(state.status ? { status: state.status } : {}),
          ...(issues.length > 0 ? { hasErrors: true } : {}),
        },
      );
    }

    scope.get("/admin/open311-keys", { schema: { hide: true } }, async (request, reply) =>
      render(request, reply),
    );

    scope.post<{ Body: Body }>(
      "/admin/open311-keys",
      { schema: { hide: true, body: BodySchema } },
      async (request, reply) => {
        const principal = request.principal as Principal;
        const values = {
          name: field(request.body, "name"),
          organisation: field(request.body, "organisation"),
          contact: field(request.body, "contact"),
        };
        const result = await issueKey(ctx, actor(principal), values);
        if (result.kind === "invalid") {
          return render(request, reply, { issues: result.issues, values, status: 400 });
        }
        if (result.kind !== "ok") throw new HalyqError("FORBIDDEN");
        return render(request, reply, {
          issued: { key: result.value.key, name: values.name },
          status: 201,
        });
      },
    );

    scope.post<{ Params: { id: string }; Body: Body }>(
      "/admin/open311-keys/:id/revoke",
      { schema: { hide: true, params: IdParams, body: BodySchema } },
      async (request, reply) => {
        const principal = request.principal as Principal;
        const result = await revokeKey(ctx, actor(principal), request.params.id);
        if (result.kind === "not_found") throw new HalyqError("NOT_FOUND");
        if (result.kind !== "ok") throw new HalyqError("FORBIDDEN");
        const notice = result.value.revoked ? "revoked" : "already_revoked";
        return reply.redirect(`/admin/open311-keys?notice=${notice}`, 303);
      },
    );
  });
}
