import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue, Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type FormBody, one } from "../../../web/forms.js";
import { agenciesOf, staffOnly, staffWithRole } from "../../../web/guards.js";
import { announceMeeting } from "../commands/announce-meeting.js";
import { addDecision, publishMinutes } from "../commands/outcome.js";
import { answerQuestion, moderateQuestion } from "../commands/questions.js";
import { pick, titles } from "../meeting.js";
import {
  agencyNames,
  questionsOf,
  registrationsWithNames,
  territories,
} from "../meeting.repository.js";
import { AnnouncePage, type AnnounceValues } from "./announce-view.js";
import { OfficeListPage, OfficeMeetingPage, type OfficeState } from "./office-view.js";
import { loadMeetingPage, MEETING_ID } from "./page-data.js";
import { namesOf } from "./public.routes.js";

type IdParams = { Params: { id: string } };
type QuestionParams = { Params: { id: string; qid: string }; Body: FormBody };
const DONE = ["announced", "moderated", "answered", "minutes", "decision"] as const;

const ANNOUNCE_FIELDS = [
  "agencyId",
  "kind",
  "title-kk",
  "title-ru",
  "title-en",
  "agenda-kk",
  "agenda-ru",
  "agenda-en",
  "place",
  "onlineUrl",
  "date-day",
  "date-month",
  "date-year",
  "startTime",
  "endTime",
  "capacity",
  "eligibility",
  "territoryCode",
  "delegates",
];

/** The body's pages: its meetings, announcing one, and each meeting's registrations, questions and outcome. */
export async function officeMeetingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get("/office/meetings", async (request, reply) => {
    const scope = staffWithRole(request, reply, ["head", "executor", "moderator"]);
    if (!scope) return reply;
    const { principal, agencyIds: ids } = scope;
    const rows =
      ids.length === 0
        ? []
        : await db
            .selectFrom("meetings")
            .selectAll()
            .where("agency_id", "in", ids)
            .orderBy("starts_at", "desc")
            .orderBy("id")
            .limit(200)
            .execute();
    return reply.page(
      request.t("meetings.office.title"),
      <OfficeListPage
        t={request.t}
        locale={request.locale}
        rows={rows}
        agencies={await namesOf(ctx, rows)}
        canAnnounce={agenciesOf(principal, ["head", "executor"]).length > 0}
      />,
    );
  });

  const showAnnounce = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    values: AnnounceValues,
    issues: FieldIssue[],
  ) => {
    const ids = agenciesOf(principal, ["head", "executor"]);
    if (ids.length === 0) throw new HalyqError("NOT_FOUND");
    const names = await agencyNames(db, ids);
    return reply.page(
      request.t("meetings.announce.title"),
      <AnnouncePage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        bodies={names.map((a) => ({
          id: a.id,
          names: { kk: a.name_kk, ru: a.name_ru, en: a.name_en },
        }))}
        territories={await territories(db)}
        values={values}
        issues={issues}
      />,
      { hasErrors: issues.length > 0, ...(issues.length > 0 ? { status: 400 } : {}) },
    );
  };

  app.get("/office/meetings/new", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    return showAnnounce(request, reply, principal, {}, []);
  });

  app.post<{ Body: FormBody }>("/office/meetings", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const values: AnnounceValues = {};
    for (const f of ANNOUNCE_FIELDS) values[f] = one(request.body, f);
    const pad = (s: string, n: number) => (/^\d+$/.test(s) ? s.padStart(n, "0") : "x");
    const date =
      values["date-day"] || values["date-month"] || values["date-year"]
        ? `${pad(values["date-year"] ?? "", 4)}-${pad(values["date-month"] ?? "", 2)}-${pad(values["date-day"] ?? "", 2)}`
        : "";
    const text = (k: string) => values[k] ?? "";
    const result = await announceMeeting(ctx, principal, {
      agencyId: text("agencyId"),
      kind: text("kind"),
      title: { kk: text("title-kk"), ru: text("title-ru"), en: text("title-en") },
      agenda: { kk: text("agenda-kk"), ru: text("agenda-ru"), en: text("agenda-en") },
      place: text("place"),
      onlineUrl: text("onlineUrl"),
      date,
      startTime: text("startTime"),
      endTime: text("endTime"),
      capacity: text("capacity"),
      eligibility: text("eligibility"),
      territoryCode: text("territoryCode"),
      delegates: text("delegates"),
    });
    if (result.kind === "ok")
      return reply.redirect(`/office/meetings/${result.value.id}?done=announced`, 303);
    if (result.kind === "invalid")
      return showAnnounce(request, reply, principal, values, result.issues);
    throw new HalyqError(result.kind === "forbidden" ? "FORBIDDEN" : "NOT_FOUND");
  });

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    state: OfficeState,
    status?: number,
  ) => {
    const data = await loadMeetingPage(ctx, id, principal);
    if (!data || !(data.viewer?.canManage || data.viewer?.canModerate))
      throw new HalyqError("NOT_FOUND");
    const [registrants, questions] = await Promise.all([
      data.viewer.canManage ? registrationsWithNames(db, id) : Promise.resolve([]),
      questionsOf(db, id),
    ]);
    const failed = (state.issues?.length ?? 0) > 0 || state.conflict !== undefined;
    return reply.page(
      pick(titles(data.meeting), request.locale).text,
      <OfficeMeetingPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        data={data}
        registrants={registrants}
        questions={questions}
        state={state}
      />,
      { hasErrors: failed, ...(status ? { status } : {}) },
    );
  };

  app.get<IdParams & { Querystring: { done?: string } }>(
    "/office/meetings/:id",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      if (!MEETING_ID.test(request.params.id)) throw new HalyqError("NOT_FOUND");
      const done = DONE.find((d) => d === request.query.done);
      return show(request, reply, principal, request.params.id, { done });
    },
  );

  const outcome = async <T,>(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    result: Result<T>,
    done: (typeof DONE)[number],
    values: Record<string, string>,
  ) => {
    switch (result.kind) {
      case "ok":
        return reply.redirect(`/office/meetings/${id}?done=${done}`, 303);
      case "invalid":
        return show(request, reply, principal, id, { issues: result.issues, values }, 400);
      case "conflict":
        return show(
          request,
          reply,
          principal,
          id,
          { conflict: request.t(`meetings.conflict.${String(result.params?.reason ?? "state")}`) },
          409,
        );
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  };

  const guard = (request: FastifyRequest, reply: FastifyReply) => {
    const principal = staffOnly(request, reply);
    if (principal && !MEETING_ID.test((request.params as { id: string }).id))
      throw new HalyqError("NOT_FOUND");
    return principal;
  };

  app.post<QuestionParams>(
    "/office/meetings/:id/questions/:qid/moderate",
    async (request, reply) => {
      const principal = guard(request, reply);
      if (!principal) return reply;
      const { id, qid } = request.params;
      const result = await moderateQuestion(ctx, principal, id, qid, {
        decision: one(request.body, "decision"),
        reason: one(request.body, "reason"),
      });
      return outcome(request, reply, principal, id, result, "moderated", {});
    },
  );

  app.post<QuestionParams>("/office/meetings/:id/questions/:qid/answer", async (request, reply) => {
    const principal = guard(request, reply);
    if (!principal) return reply;
    const { id, qid } = request.params;
    const result = await answerQuestion(ctx, principal, id, qid, {
      answer: one(request.body, "answer"),
    });
    return outcome(request, reply, principal, id, result, "answered", {});
  });

  app.post<IdParams & { Body: FormBody }>(
    "/office/meetings/:id/minutes",
    async (request, reply) => {
      const principal = guard(request, reply);
      if (!principal) return reply;
      const id = request.params.id;
      const values = {
        minutes: one(request.body, "minutes"),
        registered: one(request.body, "registered"),
        attended: one(request.body, "attended"),
      };
      const result = await publishMinutes(ctx, principal, id, values);
      return outcome(request, reply, principal, id, result, "minutes", values);
    },
  );

  app.post<IdParams & { Body: FormBody }>(
    "/office/meetings/:id/decisions",
    async (request, reply) => {
      const principal = guard(request, reply);
      if (!principal) return reply;
      const id = request.params.id;
      const values = {
        decisionText: one(request.body, "decisionText"),
        followUpKind: one(request.body, "followUpKind"),
        followUpRef: one(request.body, "followUpRef"),
      };
      const result = await addDecision(ctx, principal, id, {
        text: values.decisionText,
        followUpKind: values.followUpKind,
        followUpRef: values.followUpRef,
      });
      return outcome(request, reply, principal, id, result, "decision", values);
    },
  );
}
