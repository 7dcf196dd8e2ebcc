import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { ErrorSummary, Form, Select } from "../../../web/components/kit.js";
import { type FormBody, FormBodySchema, one } from "../../../web/forms.js";
import { staffOnly } from "../../../web/guards.js";
import { redirectQuestion } from "../commands/redirect-question.js";
import { bodyById, dialogueBodies, headsOf, questionById } from "../question.repository.js";
import { bodyName } from "./components.js";
import { officeQuestionPath } from "./staff-views.js";

/**
 * The moderator's page for a question outside the body's competence: the competent body is
 * chosen among those that take questions, and the question moves there.
 */
export async function redirectRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    state: { agency?: string; issues?: FieldIssue[] } = {},
  ) {
    const question = await questionById(db, id);
    if (question?.status !== "pending") throw new HalyqError("NOT_FOUND");
    if (!ctx.policy.can(principal, "dialogue.moderate", { agencyId: question.agency_id }))
      throw new HalyqError("NOT_FOUND");
    const from = await bodyById(db, question.agency_id);
    const candidates = [];
    for (const b of await dialogueBodies(db)) {
      if (b.id !== question.agency_id && (await headsOf(db, b.id)).length > 0) candidates.push(b);
    }
    const t = request.t;
    const issues = state.issues ?? [];
    reply.header("cache-control", "no-store");
    return reply.page(
      t("dialogue.redirect.title"),
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <a class="govuk-back-link" href={officeQuestionPath(id)}>
            {question.subject}
          </a>
          <ErrorSummary t={t} issues={issues} />
          <span class="govuk-caption-l">{from ? bodyName(from, request.locale) : ""}</span>
          <h1 class="govuk-heading-l">{t("dialogue.redirect.title")}</h1>
          <p class="govuk-body">{t("dialogue.redirect.lead")}</p>
          <Form action={`${officeQuestionPath(id)}/redirect`} csrf={reply.csrfToken()}>
            <Select
              t={t}
              id="agency"
              label={t("dialogue.redirect.agency")}
              issues={issues}
              value={state.agency ?? ""}
              items={[
                { value: "", label: t("dialogue.redirect.choose") },
                ...candidates.map((b) => ({ value: b.id, label: bodyName(b, request.locale) })),
              ]}
            />
            <button type="submit" class="govuk-button" data-prevent-double-click="true">
              {t("dialogue.redirect.submit")}
            </button>
          </Form>
        </div>
      </div>,
      issues.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  app.get<{ Params: { id: string } }>(
    "/office/dialogue/questions/:id/redirect",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      return show(request, reply, principal, request.params.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    "/office/dialogue/questions/:id/redirect",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const agency = one(request.body as FormBody, "agency");
      const result = await redirectQuestion(ctx, principal, request.params.id, agency);
      switch (result.kind) {
        case "ok":
          return reply.redirect("/office/dialogue?done=redirected", 303);
        case "invalid":
          return show(request, reply, principal, request.params.id, {
            agency,
            issues: result.issues,
          });
        case "conflict":
          throw new HalyqError("CONFLICT");
        default:
          throw new HalyqError("NOT_FOUND");
      }
    },
  );
}
