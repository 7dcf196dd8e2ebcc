import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { auditTrail } from "../../../kernel/audit/audit.js";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { ConfirmAction } from "../../../web/components/confirm-action.js";
import { safeLocalPath } from "../../../web/core-routes.js";
import { issueKey, listKeys, REVOKE_REASON_MAX, revokeKey } from "../open311/api-keys.js";
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

    /** Revoked keys with the reason their revocation recorded. */
    async function withReasons<K extends { id: string; revoked_at: string | null }>(keys: K[]) {
      return Promise.all(
        keys.map(async (k) => {
          if (!k.revoked_at) return { ...k, revokedReason: null };
          const trail = await auditTrail(ctx.db.kysely, "open311_api_key", k.id);
          const revoked = trail.findLast((r) => r.action === "open311.key_revoked");
          return { ...k, revokedReason: revoked?.reason ?? null };
        }),
      );
    }

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
          keys={await withReasons(await listKeys(ctx.db.kysely))}
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

    async function confirmPage(
      request: FastifyRequest,
      reply: FastifyReply,
      key: { id: string; name: string },
      reason: string,
      issues: FieldIssue[],
    ) {
      const t = request.t;
      return reply.page(
        t("open_data.keys.confirm.title"),
        <ConfirmAction
          t={t}
          locale={request.locale}
          csrf={reply.csrfToken()}
          action={`/admin/open311-keys/${key.id}/revoke`}
          caption={key.name}
          title={t("open_data.keys.confirm.title")}
          consequences={[
            t("open_data.keys.confirm.what_1"),
            t("open_data.keys.confirm.what_2"),
            t("open_data.keys.confirm.recorded"),
          ]}
          reasonLabel={t("open_data.keys.confirm.reason")}
          reasonHint={t("open_data.keys.confirm.reason_hint")}
          reason={reason}
          reasonMax={REVOKE_REASON_MAX}
          submit={t("open_data.keys.confirm.submit")}
          cancel={{ href: "/admin/open311-keys", label: t("open_data.keys.confirm.cancel") }}
          issues={issues}
        />,
        issues.length > 0 ? { status: 400, hasErrors: true } : {},
      );
    }

    const keyById = async (id: string) => (await listKeys(ctx.db.kysely)).find((k) => k.id === id);

    scope.get<{ Params: { id: string } }>(
      "/admin/open311-keys/:id/revoke",
      { schema: { hide: true, params: IdParams } },
      async (request, reply) => {
        const key = await keyById(request.params.id);
        if (!key) throw new HalyqError("NOT_FOUND");
        if (key.revoked_at)
          return reply.redirect("/admin/open311-keys?notice=already_revoked", 303);
        return confirmPage(request, reply, key, "", []);
      },
    );

    scope.post<{ Params: { id: string }; Body: Body }>(
      "/admin/open311-keys/:id/revoke",
      { schema: { hide: true, params: IdParams, body: BodySchema } },
      async (request, reply) => {
        const principal = request.principal as Principal;
        const reason = field(request.body, "reason");
        const result = await revokeKey(ctx, actor(principal), request.params.id, reason);
        if (result.kind === "not_found") throw new HalyqError("NOT_FOUND");
        if (result.kind === "invalid") {
          const key = await keyById(request.params.id);
          if (!key) throw new HalyqError("NOT_FOUND");
          return confirmPage(request, reply, key, reason, result.issues);
        }
        if (result.kind !== "ok") throw new HalyqError("FORBIDDEN");
        const notice = result.value.revoked ? "revoked" : "already_revoked";
        return reply.redirect(`/admin/open311-keys?notice=${notice}`, 303);
      },
    );
  });
}
