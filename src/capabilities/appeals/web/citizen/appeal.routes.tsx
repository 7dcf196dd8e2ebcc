import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { auditTrail } from "../../../../kernel/audit/audit.js";
import { compare, toPlainDate } from "../../../../kernel/calendar/index.js";
import { failureError, HalyqError } from "../../../../kernel/errors.js";
import type { Principal } from "../../../../kernel/permissions.js";
import type { FieldIssue, Result } from "../../../../kernel/result.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { requirePage } from "../../../../web/guards.js";
import { type AppealAction, allowedFrom } from "../../appeal.js";
import { type AppealRow, listApplicantAppeals } from "../../appeal.repository.js";
import { appealAttachments } from "../../attachments/attachment.repository.js";
import {
  type ActionInput,
  type ActionOutcome,
  actOnAppeal,
  loadVisibleAppeal,
  organisationIdsOf,
} from "../../commands/appeal-actions.js";
import { complaintWindowEnd } from "../../deadlines.js";
import { isApplicant } from "../../policies.js";
import { appealProfile } from "../../profiles.js";
import { redirectToCurrentNumber } from "../canonical-number.js";
import { letterItems, lettersOf } from "../staff/letters.routes.js";
import { type AppealChoices, AppealPage, WithdrawPage } from "./appeal-page-view.js";
import { listDrafts } from "./draft.js";
import { AppealsIntroPage, MyAppealsPage } from "./list-views.js";
import { agencyCard, agencyNames, field } from "./shared.js";
import type { Joined } from "./slip-view.js";
import { acceptedBy, SlipPage } from "./slip-view.js";
import { publicTimeline } from "./timeline.js";

type NumberParams = { Params: { number: string } };

/** The applicant's steps on this page, each posted to /appeals/:number/<step>. */
const PAGE_ACTIONS = ["rate", "complain", "correct", "publish"] as const;
type PageAction = (typeof PAGE_ACTIONS)[number];

/** 409 reasons from the life cycle that have their own message; others get a general one. */
const CONFLICT_REASONS = [
  "already_rated",
  "rating_closed",
  "already_complained",
  "term_running",
  "complaint_too_late",
  "agency_inactive",
  "changed_meanwhile",
];

const DONE = ["rate", "complain", "correct", "publish", "unpublish", "withdraw"];

/** The localised message for a step that is not allowed now. */
export function conflictMessage(
  result: { params?: Record<string, string | number> },
  t: FastifyRequest["t"],
): { key: string; params?: Record<string, string> } {
  const reason = result.params?.reason;
  if (typeof reason === "string" && CONFLICT_REASONS.includes(reason)) {
    return { key: `appeals.citizen.conflict.${reason}` };
  }
  const status = result.params?.status;
  if (typeof status === "string") {
    return {
      key: "appeals.citizen.conflict.status",
      params: { status: t(`appeals.status.${status}`) },
    };
  }
  return { key: "appeals.citizen.conflict.other" };
}

/** "My appeals", an appeal's page and slip, and the applicant's steps on it. */
export async function appealPageRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get("/appeals", async (request, reply) => {
    const t = request.t;
    if (!request.principal) {
      return reply.page(t("appeals.citizen.intro.title"), <AppealsIntroPage t={t} />);
    }
    const p = requirePage(request, reply);
    if (!p) return reply;
    const rows =
      p.kind === "citizen"
        ? await listApplicantAppeals(db, p.accountId, await organisationIdsOf(ctx, p.accountId))
        : [];
    return reply.page(
      t("appeals.citizen.mine.title"),
      <MyAppealsPage
        t={t}
        locale={request.locale}
        rows={rows}
        agencies={
          await agencyNames(
            db,
            rows.map((r) => r.agency_id),
            request.locale,
          )
        }
        drafts={await listDrafts(db, p.accountId)}
        canFile={ctx.policy.can(p, "appeal.file")}
      />,
    );
  });

  async function visible(request: FastifyRequest, reply: FastifyReply, number: string) {
    const p = requirePage(request, reply);
    if (!p) return null;
    const found = await loadVisibleAppeal(ctx, p, number);
    if (!found) throw new HalyqError("NOT_FOUND");
    if (redirectToCurrentNumber(request, reply, number, found.row.number)) return null;
    return { p, ...found };
  }

  /** The earlier appeal a duplicate was joined to: the one that is answered, by its due date. */
  async function joinedTo(row: AppealRow): Promise<Joined | null> {
    if (!row.duplicate_of_id) return null;
    const earlier = await db
      .selectFrom("appeals")
      .select(["number", "due_on"])
      .where("id", "=", row.duplicate_of_id)
      .executeTakeFirst();
    return earlier ? { number: earlier.number, dueOn: earlier.due_on } : null;
  }

  function choicesFor(
    p: Principal,
    row: AppealRow,
    resource: Parameters<typeof ctx.policy.can>[2],
  ): AppealChoices {
    const applicant = ctx.policy.can(p, "appeal.withdraw", resource);
    const profile = appealProfile(row.jurisdiction);
    const now = ctx.clock.now();
    const today = toPlainDate(now, profile.timeZone);
    const answered = row.status === "answered";
    const complainUntil = complaintWindowEnd(
      profile,
      answered && row.answered_at
        ? toPlainDate(new Date(row.answered_at), profile.timeZone)
        : row.due_on,
    );
    const rateOpen =
      answered &&
      !row.rated_at &&
      row.answered_at !== null &&
      now.getTime() - Date.parse(row.answered_at) <= profile.ratingWindowDays * 86_400_000;
    const complainOpen =
      !row.complained_at &&
      allowedFrom("complain", row.status) &&
      (answered || compare(today, row.due_on) > 0) &&
      compare(today, complainUntil) <= 0;
    return {
      rate: applicant && rateOpen,
      complain: applicant && complainOpen,
      withdraw: applicant && allowedFrom("withdraw", row.status),
      correct: applicant && row.status === "awaiting_correction",
      publish: applicant && allowedFrom("publish", row.status),
      complainUntil: complainOpen ? complainUntil : null,
    };
  }

  async function related(row: AppealRow, t: FastifyRequest["t"]) {
    const ids = [row.source_appeal_id, row.complaint_of_id, row.duplicate_of_id].filter(
      (x): x is string => x !== null,
    );
    const [pointed, derived] = await Promise.all([
      ids.length > 0
        ? db.selectFrom("appeals").select(["id", "number"]).where("id", "in", ids).execute()
        : Promise.resolve([]),
      db
        .selectFrom("appeals")
        .select(["number", "kind", "complaint_of_id"])
        .where("source_appeal_id", "=", row.id)
        .orderBy("received_at")
        .execute(),
    ]);
    const numberOf = (id: string | null) => pointed.find((x) => x.id === id)?.number;
    const out: { number: string; label: string }[] = [];
    const source = numberOf(row.source_appeal_id);
    if (source) out.push({ number: source, label: t("appeals.citizen.related.source") });
    const about = numberOf(row.complaint_of_id);
    if (about && about !== source) {
      out.push({ number: about, label: t("appeals.citizen.related.complaint_about") });
    }
    const duplicate = numberOf(row.duplicate_of_id);
    if (duplicate) out.push({ number: duplicate, label: t("appeals.citizen.related.duplicate") });
    for (const d of derived) {
      out.push({
        number: d.number,
        label:
          d.kind === "complaint" && d.complaint_of_id === row.id
            ? t("appeals.citizen.related.complaint")
            : t("appeals.citizen.related.continued"),
      });
    }
    return out;
  }

  async function appealPage(
    request: FastifyRequest,
    reply: FastifyReply,
    found: { p: Principal; row: AppealRow; resource: Parameters<typeof ctx.policy.can>[2] },
    extra: {
      issues?: FieldIssue[];
      problem?: { key: string; params?: Record<string, string> };
      values?: Record<string, string>;
      status?: number;
      notice?: string;
    } = {},
  ) {
    const { p, row, resource } = found;
    const t = request.t;
    const showAnswerFiles = p.kind === "staff" || row.status === "answered";
    const [files, answerFiles, trail, agency, joined] = await Promise.all([
      appealAttachments(db, row.id, "appeal"),
      showAnswerFiles ? appealAttachments(db, row.id, "answer") : Promise.resolve([]),
      auditTrail(db, "appeal", row.id),
      agencyCard(db, row.agency_id, request.locale),
      joinedTo(row),
    ]);
    // The body's letters carry the applicant's name and address: shown to the applicant only.
    const letters =
      p.kind === "citizen" && isApplicant(p, resource as Parameters<typeof isApplicant>[1])
        ? letterItems(await lettersOf(ctx, row))
        : [];
    const issues = extra.issues ?? [];
    const csrf = reply.csrfToken();
    return reply.page(
      row.subject,
      <AppealPage
        letters={letters}
        t={t}
        locale={request.locale}
        csrf={csrf}
        row={row}
        timeZone={appealProfile(row.jurisdiction).timeZone}
        agency={agency}
        joined={joined}
        files={files}
        answerFiles={row.status === "answered" ? answerFiles : []}
        timeline={publicTimeline(trail)}
        related={await related(row, t)}
        choices={choicesFor(p, row, resource)}
        afterAnswer={
          p.kind === "citizen" && row.status === "answered"
            ? ctx.afterInteraction({
                t,
                csrf,
                interaction: "answer_read",
                returnTo: `/appeals/${encodeURIComponent(row.number)}`,
              })
            : null
        }
        issues={issues}
        values={extra.values ?? {}}
        {...(extra.problem ? { problem: extra.problem } : {})}
        {...(extra.notice ? { notice: extra.notice } : {})}
      />,
      {
        ...(extra.status ? { status: extra.status } : {}),
        hasErrors: issues.length > 0 || extra.problem !== undefined,
      },
    );
  }

  app.get<NumberParams & { Querystring: { done?: string } }>(
    "/appeals/:number",
    async (request, reply) => {
      const found = await visible(request, reply, request.params.number);
      if (!found) return reply;
      const done = request.query.done;
      return appealPage(request, reply, found, {
        ...(done && DONE.includes(done)
          ? { notice: request.t(`appeals.citizen.done.${done}`) }
          : {}),
      });
    },
  );

  app.get<NumberParams & { Querystring: { new?: string } }>(
    "/appeals/:number/slip",
    async (request, reply) => {
      const found = await visible(request, reply, request.params.number);
      if (!found) return reply;
      const { row } = found;
      const t = request.t;
      const [agency, joined, source] = await Promise.all([
        agencyCard(db, row.agency_id, request.locale),
        joinedTo(row),
        row.source_appeal_id
          ? db
              .selectFrom("appeals")
              .select("number")
              .where("id", "=", row.source_appeal_id)
              .executeTakeFirst()
          : Promise.resolve(undefined),
      ]);
      const csrf = reply.csrfToken();
      const justFiled = request.query.new === "1";
      return reply.page(
        t("appeals.citizen.slip.title"),
        <SlipPage
          t={t}
          locale={request.locale}
          row={row}
          agency={agency?.name ?? ""}
          timeZone={appealProfile(row.jurisdiction).timeZone}
          accepted={acceptedBy(row, t, source?.number ?? null)}
          joined={joined}
          justFiled={justFiled}
          afterFiling={
            justFiled
              ? ctx.afterInteraction({
                  t,
                  csrf,
                  interaction: "appeal_filed",
                  returnTo: `/appeals/${encodeURIComponent(row.number)}`,
                })
              : null
          }
        />,
      );
    },
  );

  /** Runs a step through the life cycle and answers with the page: redirect, or the form again. */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    number: string,
    action: AppealAction,
    input: ActionInput,
    values: Record<string, string>,
    onInvalid: (issues: FieldIssue[], result: Result<ActionOutcome>) => Promise<FastifyReply>,
    done: string,
  ) {
    const found = await visible(request, reply, number);
    if (!found) return reply;
    const result = await actOnAppeal(ctx, found.p, number, action, input);
    if (result.kind === "ok") {
      ctx.pageCache.invalidate();
      return reply.redirect(`/appeals/${encodeURIComponent(number)}?done=${done}`, 303);
    }
    if (result.kind === "invalid") {
      return onInvalid(
        result.issues.map((i) => ({ ...i, field: `${action}-${i.field}` })),
        result,
      );
    }
    if (result.kind === "conflict") {
      const fresh = await loadVisibleAppeal(ctx, found.p, number);
      if (!fresh) throw new HalyqError("NOT_FOUND");
      return appealPage(
        request,
        reply,
        { p: found.p, ...fresh },
        {
          problem: conflictMessage(result, request.t),
          values,
          status: 409,
        },
      );
    }
    throw failureError(result);
  }

  app.post<{ Params: { number: string; action: string } }>(
    "/appeals/:number/:action",
    async (request, reply) => {
      const action = request.params.action;
      if (!(PAGE_ACTIONS as readonly string[]).includes(action)) {
        throw new HalyqError("NOT_FOUND");
      }
      const b = request.body;
      const number = request.params.number;
      const inputs: Record<PageAction, { input: ActionInput; values: Record<string, string> }> = {
        rate: {
          input: {
            score: field(b, "score"),
            resolved: field(b, "resolved"),
            comment: field(b, "comment"),
          },
          values: {
            "rate-score": field(b, "score"),
            "rate-resolved": field(b, "resolved"),
            "rate-comment": field(b, "comment"),
          },
        },
        complain: {
          input: { text: field(b, "text") },
          values: { "complain-text": field(b, "text") },
        },
        correct: {
          input: { text: field(b, "text") },
          values: { "correct-text": field(b, "text") },
        },
        publish: { input: { public: field(b, "public") === "yes" }, values: {} },
      };
      const { input, values } = inputs[action as PageAction];
      const done = action === "publish" && input.public === false ? "unpublish" : action;
      return act(
        request,
        reply,
        number,
        action as PageAction,
        input,
        values,
        async (issues) => {
          const found = await visible(request, reply, number);
          if (!found) return reply;
          return appealPage(request, reply, found, { issues, values, status: 400 });
        },
        done,
      );
    },
  );

  app.get<NumberParams>("/appeals/:number/withdraw", async (request, reply) => {
    const found = await visible(request, reply, request.params.number);
    if (!found) return reply;
    if (!choicesFor(found.p, found.row, found.resource).withdraw) {
      return reply.redirect(`/appeals/${encodeURIComponent(found.row.number)}`, 303);
    }
    return reply.page(
      request.t("appeals.citizen.withdraw.title"),
      <WithdrawPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        row={found.row}
        issues={[]}
        reason=""
      />,
    );
  });

  app.post<NumberParams>("/appeals/:number/withdraw", async (request, reply) => {
    const reason = field(request.body, "reason").trim();
    const number = request.params.number;
    return act(
      request,
      reply,
      number,
      "withdraw",
      reason ? { reason } : {},
      {},
      async (issues) => {
        const found = await visible(request, reply, number);
        if (!found) return reply;
        return reply.page(
          request.t("appeals.citizen.withdraw.title"),
          <WithdrawPage
            t={request.t}
            locale={request.locale}
            csrf={reply.csrfToken()}
            row={found.row}
            issues={issues}
            reason={reason}
          />,
          { status: 400, hasErrors: true },
        );
      },
      "withdraw",
    );
  });
}
