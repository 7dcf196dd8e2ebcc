import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type FormBody, one } from "../../../web/forms.js";
import { staffAllowed, staffOnly } from "../../../web/guards.js";
import { todayOf, workingDaysWaited } from "../ageing.js";
import { answerQuestion } from "../commands/answer-question.js";
import { moderateQuestion } from "../commands/moderate-question.js";
import { bodyById, countByStatus, questionById, questionsOf } from "../question.repository.js";
import { withIds } from "./components.js";
import {
  OfficePage,
  officeQuestionPath,
  QueuePage,
  StaffQuestionPage,
  type StepState,
} from "./staff-views.js";

const STEPS = ["approve", "reject", "answer"] as const;
type Step = (typeof STEPS)[number];
const isStep = (s: unknown): s is Step => (STEPS as readonly unknown[]).includes(s);

/** The body's moderation and answer queues, and the staff page of one question with its steps. */
export async function staffRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  const can = (p: Principal, action: string, agencyId: string) =>
    ctx.policy.can(p, action, { agencyId });

  await app.register(async (office) => {
    // Askers' words before moderation: no shared or browser cache may keep these pages.
    office.addHook("onSend", async (_request, reply) => {
      reply.header("cache-control", "no-store");
    });

    office.get("/office/dialogue", async (request, reply) => {
      const scope = staffAllowed(request, reply, ctx.policy, [
        "dialogue.moderate",
        "dialogue.answer",
      ]);
      if (!scope) return reply;
      const { principal } = scope;
      const bodies = [];
      for (const id of scope.agencyIds) {
        const moderate = can(principal, "dialogue.moderate", id);
        const answer = can(principal, "dialogue.answer", id);
        const body = moderate || answer ? await bodyById(db, id) : undefined;
        if (!body) continue;
        bodies.push({
          body,
          pending: moderate ? await countByStatus(db, id, "pending") : null,
          unanswered: answer ? await countByStatus(db, id, "published") : null,
        });
      }
      return reply.page(
        request.t("dialogue.office.title"),
        <OfficePage t={request.t} locale={request.locale} bodies={bodies} />,
      );
    });

    for (const kind of ["moderation", "answers"] as const) {
      office.get<{ Params: { agencyId: string } }>(
        `/office/dialogue/:agencyId/${kind}`,
        async (request, reply) => {
          const principal = staffOnly(request, reply);
          if (!principal) return reply;
          const { agencyId } = request.params;
          const action = kind === "moderation" ? "dialogue.moderate" : "dialogue.answer";
          const body = can(principal, action, agencyId) ? await bodyById(db, agencyId) : undefined;
          if (!body) throw new HalyqError("NOT_FOUND");
          const cal = ctx.calendars.forJurisdiction(body.jurisdiction);
          const today = todayOf(ctx, cal);
          const rows = await questionsOf(db, agencyId, [
            kind === "moderation" ? "pending" : "published",
          ]);
          return reply.page(
            request.t(`dialogue.office.${kind}_title`),
            <QueuePage
              t={request.t}
              locale={request.locale}
              body={body}
              kind={kind}
              rows={rows}
              waited={(r) => workingDaysWaited(cal, r.asked_on, today)}
            />,
          );
        },
      );
    }

    async function show(
      request: FastifyRequest,
      reply: FastifyReply,
      principal: Principal,
      id: string,
      state: StepState & { status?: number } = {},
    ) {
      const row = await questionById(db, id);
      const body = row ? await bodyById(db, row.agency_id) : undefined;
      if (!row || !body) throw new HalyqError("NOT_FOUND");
      const canModerate = can(principal, "dialogue.moderate", body.id);
      const canAnswer = can(principal, "dialogue.answer", body.id);
      if (!canModerate && !canAnswer) throw new HalyqError("NOT_FOUND");
      const cal = ctx.calendars.forJurisdiction(body.jurisdiction);
      const { status, ...rest } = state;
      return reply.page(
        row.subject,
        <StaffQuestionPage
          t={request.t}
          locale={request.locale}
          csrf={reply.csrfToken()}
          body={body}
          row={row}
          waited={workingDaysWaited(cal, row.asked_on, row.answered_on ?? todayOf(ctx, cal))}
          canModerate={canModerate}
          canAnswer={canAnswer}
          canRegister={can(principal, "dialogue.register-appeal", body.id)}
          state={rest}
        />,
        {
          hasErrors: (state.issues?.length ?? 0) > 0 || state.conflict === true,
          ...(status ? { status } : {}),
        },
      );
    }

    office.get<{ Params: { id: string }; Querystring: { done?: string } }>(
      "/office/dialogue/questions/:id",
      async (request, reply) => {
        const principal = staffOnly(request, reply);
        if (!principal) return reply;
        const done = request.query.done;
        return show(request, reply, principal, request.params.id, isStep(done) ? { done } : {});
      },
    );

    office.post<{ Params: { id: string; step: string } }>(
      "/office/dialogue/questions/:id/:step",
      async (request, reply) => {
        const principal = staffOnly(request, reply);
        if (!principal) return reply;
        const { id, step } = request.params;
        if (!isStep(step)) throw new HalyqError("NOT_FOUND");
        const values: Record<string, string> =
          step === "approve"
            ? {
                subject: one(request.body as FormBody, "subject"),
                text: one(request.body as FormBody, "text"),
              }
            : step === "reject"
              ? { reason: one(request.body as FormBody, "reason") }
              : { text: one(request.body as FormBody, "text") };
        const result =
          step === "answer"
            ? await answerQuestion(ctx, principal, id, { text: values.text ?? "" })
            : step === "approve"
              ? await moderateQuestion(ctx, principal, id, {
                  decision: "approve",
                  subject: values.subject,
                  text: values.text,
                })
              : await moderateQuestion(ctx, principal, id, {
                  decision: "reject",
                  reason: values.reason ?? "",
                });
        switch (result.kind) {
          case "ok":
            return reply.redirect(`${officeQuestionPath(id)}?done=${step}`, 303);
          case "invalid":
            return show(request, reply, principal, id, {
              step,
              issues: withIds(result.issues, `${step}-`),
              values,
              status: 400,
            });
          case "conflict":
            return show(request, reply, principal, id, { conflict: true, status: 409 });
          case "forbidden":
            throw new HalyqError("FORBIDDEN");
          default:
            throw new HalyqError("NOT_FOUND");
        }
      },
    );
  });
}
