import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../../kernel/errors.js";
import { isLocale } from "../../../../kernel/i18n.js";
import type { Principal } from "../../../../kernel/permissions.js";
import type { FieldIssue, Result } from "../../../../kernel/result.js";
import { megabytes } from "../../../../platform/files/incoming.js";
import { uploadsOf } from "../../../../platform/files/multipart.js";
import { attachmentSettings } from "../../../../platform/files/settings.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { formatDate, formatTime } from "../../../../web/format.js";
import { FormBodySchema } from "../../../../web/forms.js";
import { staffOnly } from "../../../../web/guards.js";
import { findAgency } from "../../../agencies/index.js";
import type { AppealRow } from "../../appeal.repository.js";
import { type AnswerDraftFields, saveAnswerDraft } from "../../commands/answer-draft.js";
import { fillPlaceholders, findTemplate, templateText } from "../../commands/answer-templates.js";
import { actOnAppeal, loadVisibleAppeal } from "../../commands/appeal-actions.js";
import { appealProfile } from "../../profiles.js";
import type { ShowCase } from "./case.routes.js";
import { actionInput } from "./case-actions.js";
import { type FormBody, one } from "./form.js";
import { conflictText } from "./reasons.js";
import { personNames } from "./scope.js";

type NumberParams = { Params: { number: string } };
/** The form's fields are checked against the one form schema (a multipart body's files aside). */
const FORM = { schema: { hide: true, body: FormBodySchema } };

/** What the answer form says after a submit that kept the draft (`?draft=…`). */
export const DRAFT_NOTICES = ["saved", "inserted"] as const;
export type DraftNotice = (typeof DRAFT_NOTICES)[number];

const INTENTS = ["save", "send", "insert"] as const;
type Intent = (typeof INTENTS)[number];

const fieldsOf = (body: FormBody): AnswerDraftFields => ({
  outcome: one(body, "outcome"),
  basis: one(body, "basis"),
  text: one(body, "text"),
  language: one(body, "language"),
});

/** The values of a template's placeholders for this appeal, in the answer's language. */
async function placeholderValues(ctx: AppContext, row: AppealRow, language: string) {
  const locale = isLocale(language) ? language : "kk";
  const [agency, names] = await Promise.all([
    findAgency(ctx.db.kysely, row.agency_id),
    personNames(ctx.db.kysely, [row.executor_id]),
  ]);
  return {
    applicant: row.applicant_name ?? "",
    number: row.number,
    date: formatDate(row.registered_on, locale, "long"),
    body: agency?.names[locale] ?? "",
    executor: row.executor_id ? (names.get(row.executor_id) ?? "") : "",
  };
}

/**
 * The answer form's one POST target (multipart, with its files; a plain form post is taken
 * too, and without a button named it sends the answer, as before). Whatever the button, what
 * was typed is saved as the draft first, with the files added and removed; then the draft is
 * kept (save), a response template is inserted into it (insert), or it is sent for approval
 * (send). A page with errors shows everything as typed. And the draft endpoint the page's
 * script posts the text to as it is typed.
 */
export async function answerRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  show: ShowCase,
): Promise<void> {
  /** A refusal of the draft save, as the page shows it. */
  function refused(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    number: string,
    result: Exclude<Result<unknown>, { kind: "ok" | "invalid" }>,
  ) {
    if (result.kind === "conflict") {
      return show(request, reply, principal, number, {
        conflict: conflictText(request.t, result.params),
        status: 409,
      });
    }
    throw new HalyqError(result.kind === "forbidden" ? "FORBIDDEN" : "NOT_FOUND");
  }

  app.post<NumberParams>("/office/appeals/:number/answer", FORM, async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const { number } = request.params;
    const body = (request.body ?? {}) as FormBody;
    const asked = one(body, "intent");
    const intent: Intent = (INTENTS as readonly string[]).includes(asked)
      ? (asked as Intent)
      : "send";
    const fields = fieldsOf(body);
    const issues: FieldIssue[] = [];

    if (intent === "insert") {
      const found = await loadVisibleAppeal(ctx, principal, number);
      const chosen = found
        ? await findTemplate(ctx.db.kysely, found.row.agency_id, one(body, "template"))
        : undefined;
      if (found && chosen) {
        const language = fields.language || found.row.language;
        const filled = fillPlaceholders(
          templateText(chosen, language),
          await placeholderValues(ctx, found.row, language),
        );
        const typed = (fields.text ?? "").trimEnd();
        fields.text = typed ? `${typed}\n\n${filled}` : filled;
      } else {
        issues.push({ field: "template", key: "appeals.staff.answer_form.choose_template" });
      }
    }

    const uploads = uploadsOf(request);
    const saved = await saveAnswerDraft(ctx, principal, number, {
      fields,
      files: uploads.files
        .filter((f) => f.field === "file")
        .map((f) => ({ buffer: f.buffer, fileName: f.fileName })),
      remove: [body.remove ?? []].flat().filter((id): id is string => typeof id === "string"),
      via: "form",
    });
    if (saved.kind !== "ok") {
      if (saved.kind === "invalid") throw new HalyqError("BAD_REQUEST");
      return refused(request, reply, principal, number, saved);
    }
    issues.push(...saved.value.fileIssues);
    if (uploads.tooLarge) {
      issues.push({
        field: "file",
        key: "appeals.attachments.error.too_large",
        params: { max: megabytes(attachmentSettings.maxBytes) },
      });
    }
    // The page shows the draft as saved: an inserted template is in its text.
    const shown: FormBody = { ...body, text: saved.value.draft.text ?? "", remove: [] };
    const failed = (all: FieldIssue[]) =>
      show(request, reply, principal, number, {
        failed: { action: "answer", issues: all, body: shown },
        status: 400,
      });
    if (issues.length > 0) return failed(issues);

    const back = (notice: string) =>
      reply.redirect(`/office/appeals/${encodeURIComponent(number)}?${notice}#action-answer`, 303);
    if (intent === "save") return back("draft=saved");
    if (intent === "insert") return back("draft=inserted");

    const result = await actOnAppeal(ctx, principal, number, "answer", actionInput("answer", body));
    switch (result.kind) {
      case "ok":
        return reply.redirect(`/office/appeals/${encodeURIComponent(number)}?done=answer`, 303);
      case "invalid":
        return failed(result.issues);
      default:
        return refused(request, reply, principal, number, result);
    }
  });

  /** The page's autosave: the typed fields only, answered with the time they were saved. */
  app.post<NumberParams>("/office/appeals/:number/answer-draft", FORM, async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const body = (request.body ?? {}) as FormBody;
    const saved = await saveAnswerDraft(ctx, principal, request.params.number, {
      fields: fieldsOf(body),
      via: "autosave",
    });
    if (saved.kind !== "ok") {
      const status = saved.kind === "forbidden" ? 403 : saved.kind === "conflict" ? 409 : 404;
      return reply.code(status).send({ saved: false });
    }
    const time = formatTime(
      saved.value.draft.saved_at,
      request.locale,
      appealProfile(saved.value.row.jurisdiction).timeZone,
    );
    return reply.send({
      saved: true,
      time,
      message: request.t("appeals.staff.answer_form.saved_at", { time }),
    });
  });
}
