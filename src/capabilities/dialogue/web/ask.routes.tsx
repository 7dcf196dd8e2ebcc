import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { Input, TextArea } from "../../../web/components/kit.js";
import { type FormBody, one } from "../../../web/forms.js";
import { requirePage } from "../../../web/guards.js";
import { askQuestion } from "../commands/ask-question.js";
import { REJECT_REASONS, SUBJECT_MAX, TEXT_MAX } from "../question.js";
import { activeBodyBySlug, type DialogueBody, headsOf } from "../question.repository.js";
import { bodyName, bodyPath, questionPath, withIds } from "./components.js";

function AskPage(p: {
  t: Translate;
  locale: import("../../../kernel/i18n.js").Locale;
  csrf: string;
  body: DialogueBody;
  heads: string[];
  values: { subject: string; text: string };
  issues: FieldIssue[];
}) {
  const { t } = p;
  const issues = withIds(p.issues, "question-");
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href={bodyPath(p.body)} class="govuk-back-link">
          {bodyName(p.body, p.locale)}
        </a>
        <ErrorSummary t={t} issues={issues} />
        <span class="govuk-caption-l">{bodyName(p.body, p.locale)}</span>
        <h1 class="govuk-heading-l">{t("dialogue.ask.title")}</h1>
        <p class="govuk-body">{t("dialogue.ask.to", { heads: p.heads.join(", ") })}</p>
        <p class="govuk-body">{t("dialogue.ask.public")}</p>
        <h2 class="govuk-heading-s">{t("dialogue.ask.rules")}</h2>
        <ul class="govuk-list govuk-list--bullet">
          {REJECT_REASONS.map((r) => (
            <li key={r}>{t(`dialogue.reason.${r}`)}</li>
          ))}
        </ul>
        <Form action={`${bodyPath(p.body)}/ask`} csrf={p.csrf}>
          <Input
            t={t}
            spellcheck
            id="question-subject"
            name="subject"
            label={t("dialogue.ask.subject")}
            hint={t("dialogue.ask.subject_hint", { max: SUBJECT_MAX })}
            value={p.values.subject}
            issues={issues}
          />
          <TextArea
            t={t}
            id="question-text"
            name="text"
            label={t("dialogue.ask.text")}
            hint={t("dialogue.ask.text_hint", { max: TEXT_MAX })}
            value={p.values.text}
            issues={issues}
            rows={8}
          />
          <SubmitButton>{t("dialogue.ask.submit")}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}

/** Asking a body's head a question: the form, and its POST target. */
export async function askRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  async function bodyWithHeads(slug: string) {
    const body = await activeBodyBySlug(db, slug);
    if (!body) throw new HalyqError("NOT_FOUND");
    const heads = await headsOf(db, body.id);
    if (heads.length === 0) throw new HalyqError("NOT_FOUND");
    return {
      body,
      heads: heads.map((h) => [h.surname, h.given_name, h.patronymic].filter(Boolean).join(" ")),
    };
  }

  app.get<{ Params: { slug: string } }>("/dialogue/:slug/ask", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const { body, heads } = await bodyWithHeads(request.params.slug);
    if (!ctx.policy.can(principal, "dialogue.ask", { agencyId: body.id }))
      throw new HalyqError("FORBIDDEN");
    return reply.page(
      request.t("dialogue.ask.title"),
      <AskPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        body={body}
        heads={heads}
        values={{ subject: "", text: "" }}
        issues={[]}
      />,
    );
  });

  app.post<{ Params: { slug: string } }>("/dialogue/:slug/ask", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const { body, heads } = await bodyWithHeads(request.params.slug);
    const values = {
      subject: one(request.body as FormBody, "subject"),
      text: one(request.body as FormBody, "text"),
    };
    const result = await askQuestion(ctx, principal, body.id, values);
    if (result.kind === "ok")
      return reply.redirect(`${questionPath(body, result.value.id)}?done=asked`, 303);
    if (result.kind === "forbidden") throw new HalyqError("FORBIDDEN");
    if (result.kind !== "invalid") throw new HalyqError("NOT_FOUND");
    return reply.page(
      request.t("dialogue.ask.title"),
      <AskPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        body={body}
        heads={heads}
        values={values}
        issues={result.issues}
      />,
      { status: 400, hasErrors: true },
    );
  });
}
