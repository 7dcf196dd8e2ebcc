import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { FieldIssue } from "../../../kernel/result.js";
import {
  type AppContext,
  MODERATION_KINDS,
  type ModerationKind,
} from "../../../platform/manifest.js";
import { safeLocalPath } from "../../../web/core-routes.js";
import { type FormBody, FormBodySchema, one } from "../../../web/forms.js";
import { requirePage, staffAllowed } from "../../../web/guards.js";
import { decide } from "../commands/decide.js";
import { reportItem } from "../commands/report.js";
import { queueOf } from "../queue.js";
import { QueuePage } from "./queue-page.js";

const isKind = (k: unknown): k is ModerationKind =>
  (MODERATION_KINDS as readonly unknown[]).includes(k);

const QuerySchema = Type.Object({
  kind: Type.Optional(Type.String({ maxLength: 20 })),
  done: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  refused: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
});

const many = (body: FormBody | undefined, name: string): string[] => {
  const v = body?.[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);
};

/** The moderation queue (/office/moderation) and the public's "report this" (/moderation/report). */
export async function moderationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const timeZone = ctx.calendars.forJurisdiction().rules.timeZone;

  await app.register(async (office) => {
    // The public's words before moderation: no shared or browser cache may keep these pages.
    office.addHook("onSend", async (_request, reply) => {
      reply.header("cache-control", "no-store");
    });

    office.get<{ Querystring: { kind?: string; done?: number; refused?: number } }>(
      "/office/moderation",
      { schema: { querystring: QuerySchema } },
      async (request, reply) => {
        const scope = staffAllowed(request, reply, ctx.policy, "moderation.queue");
        if (!scope) return reply;
        const kind = isKind(request.query.kind) ? request.query.kind : undefined;
        const view = { t: request.t, locale: request.locale };
        const { done, refused } = request.query;
        return reply.page(
          request.t("moderation.title"),
          <QueuePage
            t={request.t}
            locale={request.locale}
            csrf={reply.csrfToken()}
            timeZone={timeZone}
            items={await queueOf(ctx, scope.agencyIds, view, kind)}
            kind={kind ?? ""}
            notice={done !== undefined ? { done, refused: refused ?? 0 } : undefined}
            issues={[]}
            values={{ items: [], decision: "", reason: "", note: "" }}
          />,
        );
      },
    );

    office.post(
      "/office/moderation",
      { schema: { body: FormBodySchema } },
      async (request, reply) => {
        const scope = staffAllowed(request, reply, ctx.policy, "moderation.queue");
        if (!scope) return reply;
        const body = request.body as FormBody;
        const kindValue = one(body, "kind");
        const kind = isKind(kindValue) ? kindValue : undefined;
        const decision = one(body, "decision");
        const values = {
          items: [...many(body, "items[]"), ...many(body, "items")].slice(0, 500),
          decision,
          reason: one(body, "reason"),
          note: one(body, "note"),
        };
        const view = { t: request.t, locale: request.locale };
        const issues: FieldIssue[] =
          decision === "hide" || decision === "approve"
            ? []
            : [{ field: "decision", key: "moderation.errors.decision" }];
        const result =
          issues.length === 0
            ? await decide(ctx, scope.principal, scope.agencyIds, view, {
                ...values,
                decision: decision as "hide" | "approve",
              })
            : ({ kind: "invalid", issues } as const);
        if (result.kind === "ok") {
          const q = new URLSearchParams({
            ...(kind ? { kind } : {}),
            done: String(result.value.done),
            refused: String(result.value.refused),
          });
          return reply.redirect(`/office/moderation?${q}`, 303);
        }
        if (result.kind !== "invalid") throw new HalyqError("FORBIDDEN");
        return reply.page(
          request.t("moderation.title"),
          <QueuePage
            t={request.t}
            locale={request.locale}
            csrf={reply.csrfToken()}
            timeZone={timeZone}
            items={await queueOf(ctx, scope.agencyIds, view, kind)}
            kind={kind ?? ""}
            issues={result.issues}
            values={values}
          />,
          { status: 400, hasErrors: true },
        );
      },
    );
  });

  app.get<{ Querystring: { return?: string } }>(
    "/moderation/reported",
    {
      schema: {
        querystring: Type.Object({ return: Type.Optional(Type.String({ maxLength: 2000 })) }),
      },
    },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      reply.header("cache-control", "no-store");
      return reply.page(
        request.t("moderation.report.title"),
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <div class="govuk-panel govuk-panel--confirmation">
              <h1 class="govuk-panel__title">{request.t("moderation.report.title")}</h1>
              <div class="govuk-panel__body">{request.t("moderation.report.done")}</div>
            </div>
            <p class="govuk-body">
              <a class="govuk-link" href={safeLocalPath(request.query.return ?? "/")}>
                {request.t("moderation.report.back")}
              </a>
            </p>
          </div>
        </div>,
      );
    },
  );

  app.post("/moderation/report", { schema: { body: FormBodySchema } }, async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const body = request.body as FormBody;
    const back = safeLocalPath(one(body, "return") || "/");
    const result = await reportItem(ctx, principal, one(body, "kind"), one(body, "id"));
    switch (result.kind) {
      case "ok":
        return reply.redirect(`/moderation/reported?return=${encodeURIComponent(back)}`, 303);
      case "conflict":
        throw new HalyqError(result.code);
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  });
}
