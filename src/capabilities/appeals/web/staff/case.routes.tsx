import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../../kernel/errors.js";
import type { Principal } from "../../../../kernel/permissions.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { staffOnly } from "../../../../web/guards.js";
import { answerFilesOpen } from "../../attachments/attachments.js";
import { actOnAppeal, loadVisibleAppeal } from "../../commands/appeal-actions.js";
import { asReadableBy } from "../../personal-data.js";
import { redirectToCurrentNumber } from "../canonical-number.js";
import type { FailedForm } from "./action-forms.js";
import { DRAFT_NOTICES, type DraftNotice } from "./answer.routes.js";
import { answerFileRoutes, FILE_NOTICES, type FileNotice } from "./answer-files.routes.js";
import { actionInput, availableActions, isStaffAction, type StaffAction } from "./case-actions.js";
import { loadCase } from "./case-data.js";
import { CasePage } from "./case-page.js";
import type { FormBody } from "./form.js";
import { keyWarningFor, letterItems, letterRoutes, lettersOf } from "./letters.routes.js";
import { conflictText } from "./reasons.js";

type NumberParams = { Params: { number: string } };
type ActionParams = { Params: { number: string; action: string }; Body: FormBody };

/** What the case page shows besides the appeal: the outcome of what was just tried. */
export interface CaseState {
  failed?: FailedForm;
  conflict?: string;
  done?: { action: StaffAction; created: string | undefined };
  /** An answer file was just added or removed. */
  file?: FileNotice;
  /** The answer's draft was just saved, or a template inserted into it. */
  draft?: DraftNotice;
  /** Why an answer file was not taken. */
  fileIssues?: FieldIssue[];
  status?: number;
}

/** Renders the case page for `number` as `principal` may see it (a 404 when they may not). */
export type ShowCase = (
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
  number: string,
  state?: CaseState,
) => Promise<FastifyReply>;

/** The case page and the POST target of every step on it. */
export async function caseRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const show: ShowCase = async (request, reply, principal, number, state = {}) => {
    const found = await loadVisibleAppeal(ctx, principal, number);
    if (!found) throw new HalyqError("NOT_FOUND");
    if (redirectToCurrentNumber(request, reply, number, found.row.number)) return reply;
    found.row = asReadableBy(ctx, principal, found.row, request.t);
    const data = await loadCase(ctx, principal, found.row, request.locale);
    const t = request.t;
    let notice: string | undefined;
    if (state.done) {
      notice = t(`appeals.staff.done.${state.done.action.replace("-", "_")}`);
      // Only a number this appeal really led to is named, so a crafted link shows nothing false.
      const created = data.related.find(
        (r) => r.number === state.done?.created && r.relation === "derived",
      );
      if (created)
        notice = `${notice} ${t("appeals.staff.done.created", { number: created.number })}`;
    }
    if (state.file) notice = t(`appeals.staff.answer_files.${state.file}`);
    if (state.draft) notice = t(`appeals.staff.answer_form.${state.draft}`);
    const actions = availableActions(ctx, principal, found.row, found.resource, {
      today: data.today,
      hasHigherBody: data.higherBody !== null,
    });
    const letters = letterItems(await lettersOf(ctx, found.row));
    const keyWarning = await keyWarningFor(ctx, found.row, actions);
    return reply.page(
      t("appeals.staff.case.title", { number: found.row.number }),
      <CasePage
        t={t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        data={data}
        actions={actions}
        failed={state.failed ?? null}
        conflict={state.conflict ?? null}
        notice={notice}
        answerFiles={{
          editable:
            ctx.policy.can(principal, "appeal.answer", found.resource) &&
            answerFilesOpen(found.row.status),
          issues: state.fileIssues ?? [],
        }}
        letters={{
          items: letters,
          byPost: !found.row.applicant_account_id && !found.row.applicant_email,
          keyWarning,
        }}
      />,
      {
        hasErrors:
          state.failed !== undefined ||
          state.conflict !== undefined ||
          (state.fileIssues?.length ?? 0) > 0,
        ...(state.status ? { status: state.status } : {}),
      },
    );
  };

  app.get<
    NumberParams & {
      Querystring: { done?: string; created?: string; file?: string; draft?: string };
    }
  >("/office/appeals/:number", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const { done, created, file } = request.query;
    const fileNotice = FILE_NOTICES.find((n) => n === file);
    const draft = DRAFT_NOTICES.find((n) => n === request.query.draft);
    return show(
      request,
      reply,
      principal,
      request.params.number,
      typeof done === "string" && isStaffAction(done)
        ? { done: { action: done, created: typeof created === "string" ? created : undefined } }
        : fileNotice
          ? { file: fileNotice }
          : draft
            ? { draft }
            : {},
    );
  });

  await letterRoutes(app, ctx);

  // Answer files come as multipart uploads: their own scope, so no other route accepts them.
  await app.register(async (scope) => answerFileRoutes(scope, ctx, show));

  app.post<ActionParams>("/office/appeals/:number/:action", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const { number, action } = request.params;
    if (!isStaffAction(action)) throw new HalyqError("NOT_FOUND");
    const body = request.body ?? {};
    const result = await actOnAppeal(ctx, principal, number, action, actionInput(action, body));
    switch (result.kind) {
      case "ok": {
        const created = result.value.created
          ? `&created=${encodeURIComponent(result.value.created.number)}`
          : "";
        return reply.redirect(
          `/office/appeals/${encodeURIComponent(number)}?done=${action}${created}`,
          303,
        );
      }
      case "invalid":
        return show(request, reply, principal, number, {
          failed: { action, issues: result.issues, body },
          status: 400,
        });
      case "conflict":
        return show(request, reply, principal, number, {
          conflict: conflictText(request.t, result.params),
          status: 409,
        });
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  });
}
