import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { ErrorSummary, Form, Radios } from "../../../web/components/kit.js";
import { type FormBody, FormBodySchema, one } from "../../../web/forms.js";
import { staffOnly } from "../../../web/guards.js";
import { registerQuestionAsAppeal } from "../commands/register-appeal.js";
import { QUESTION_APPEAL_KINDS, registerStep } from "../question.js";
import { bodyById, questionById } from "../question.repository.js";
import { bodyName } from "./components.js";
import { officeQuestionPath } from "./staff-views.js";

/**
 * The page on which a moderator or head of the body registers a waiting or published question
 * as an appeal of the body, choosing its kind; once registered, the same address confirms it
 * with the appeal's number.
 */
export async function registerAppealRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    state: { kind?: string; issues?: FieldIssue[] } = {},
  ) {
    const question = await questionById(db, id);
    if (!question) throw new HalyqError("NOT_FOUND");
    if (!ctx.policy.can(principal, "dialogue.register-appeal", { agencyId: question.agency_id }))
      throw new HalyqError("NOT_FOUND");
    const registered = question.status === "registered_as_appeal" && question.appeal_number;
    if (!registered && !registerStep(question.status)) throw new HalyqError("NOT_FOUND");
    const body = await bodyById(db, question.agency_id);
    const t = request.t;
    const issues = state.issues ?? [];
    reply.header("cache-control", "no-store");
    const back = (
      <a class="govuk-back-link" href={officeQuestionPath(id)}>
        {question.subject}
      </a>
    );
    if (registered) {
      return reply.page(
        t("dialogue.register.done_title"),
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            {back}
            <div class="govuk-panel govuk-panel--confirmation">
              <h1 class="govuk-panel__title">{t("dialogue.register.done_title")}</h1>
              <div class="govuk-panel__body">
                {t("dialogue.register.done_number", { number: question.appeal_number ?? "" })}
              </div>
            </div>
            <p class="govuk-body">{t("dialogue.register.done_lead")}</p>
            <p class="govuk-body">
              <a
                class="govuk-link"
                href={`/office/appeals/${encodeURIComponent(question.appeal_number ?? "")}`}
              >
                {t("dialogue.register.open_appeal")}
              </a>
            </p>
          </div>
        </div>,
      );
    }
    return reply.page(
      t("dialogue.register.title"),
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {back}
          <ErrorSummary t={t} issues={issues} />
          <span class="govuk-caption-l">{body ? bodyName(body, request.locale) : ""}</span>
          <h1 class="govuk-heading-l">{t("dialogue.register.title")}</h1>
          <p class="govuk-body">{t("dialogue.register.lead")}</p>
          <Form action={`${officeQuestionPath(id)}/appeal`} csrf={reply.csrfToken()}>
            <Radios
              t={t}
              id="kind"
              legend={t("dialogue.register.kind")}
              items={QUESTION_APPEAL_KINDS.map((k) => ({
                value: k,
                label: t(`dialogue.register.kinds.${k}`),
              }))}
              value={state.kind ?? ""}
              issues={issues}
            />
            <button type="submit" class="govuk-button" data-prevent-double-click="true">
              {t("dialogue.register.submit")}
            </button>
          </Form>
        </div>
      </div>,
      issues.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  app.get<{ Params: { id: string } }>(
    "/office/dialogue/questions/:id/appeal",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      return show(request, reply, principal, request.params.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    "/office/dialogue/questions/:id/appeal",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const kind = one(request.body as FormBody, "kind");
      const result = await registerQuestionAsAppeal(ctx, principal, request.params.id, kind);
      switch (result.kind) {
        case "ok":
          return reply.redirect(`${officeQuestionPath(request.params.id)}/appeal`, 303);
        case "invalid":
          return show(request, reply, principal, request.params.id, {
            kind,
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
