import type { FastifyInstance, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { AppContext } from "../../../platform/manifest.js";
import { redactPersonalData } from "../../../platform/privacy/redact.js";
import { safeLocalPath } from "../../../web/core-routes.js";
import { requirePage } from "../../../web/guards.js";
import { todayOf, workingDaysWaited } from "../ageing.js";
import { supportQuestion } from "../commands/support-question.js";
import { isPublic, median, publicName } from "../question.js";
import {
  activeBodyBySlug,
  answeredOf,
  askerNames,
  bodyById,
  countByStatus,
  type DialogueBody,
  dialogueBodies,
  hasSupported,
  headsOf,
  publicQuestionDates,
  type QuestionRow,
  questionById,
  questionsOf,
  questionsOfAsker,
} from "../question.repository.js";
import { bodyName, questionPath } from "./components.js";
import { BodyPage, IndexPage, MinePage, QuestionPage } from "./public-views.js";

/** Answered questions shown on a body's page; the rest are counted. */
const ANSWERED_SHOWN = 50;

type SlugParams = { Params: { slug: string } };
type QuestionParams = { Params: { slug: string; id: string }; Querystring: { done?: string } };

const DONE = ["asked", "supported", "withdrawn"] as const;

/** A sample of every kind of public dialogue page, from what is stored (demo data included). */
export async function publicDialoguePaths(ctx: AppContext): Promise<string[]> {
  const db = ctx.db.kysely;
  const paths = ["/dialogue"];
  const bodies = await dialogueBodies(db);
  const first = bodies[0];
  if (!first) return paths;
  paths.push(`/dialogue/${encodeURIComponent(first.slug)}`);
  const waiting = (await questionsOf(db, first.id, ["published"]))[0];
  const answered = (await answeredOf(db, first.id, 1))[0];
  for (const q of [waiting, answered]) if (q) paths.push(questionPath(first, q.id));
  return paths;
}

/** Public open dialogue: the index of bodies, a body's page, a question, "my questions", support. */
export async function publicRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  async function namesOf(rows: QuestionRow[]): Promise<Map<string, string>> {
    const names = await askerNames(
      db,
      rows.map((r) => r.asker_account_id),
    );
    return new Map([...names].map(([id, n]) => [id, publicName(n.given_name, n.surname)]));
  }

  app.get("/dialogue", { config: { pageCache: true } }, async (request, reply) => {
    const t = request.t;
    const bodies = await dialogueBodies(db);
    const dates = await publicQuestionDates(
      db,
      bodies.map((b) => b.id),
    );
    const rows = bodies
      .map((body) => {
        const cal = ctx.calendars.forJurisdiction(body.jurisdiction);
        const mine = dates.filter((d) => d.agency_id === body.id);
        const answered = mine.flatMap((d) =>
          d.answered_on ? [workingDaysWaited(cal, d.asked_on, d.answered_on)] : [],
        );
        return {
          body,
          answered: answered.length,
          unanswered: mine.length - answered.length,
          medianDays: median(answered),
        };
      })
      .sort((a, b) =>
        bodyName(a.body, request.locale).localeCompare(
          bodyName(b.body, request.locale),
          request.locale,
        ),
      );
    return reply.page(
      t("dialogue.index.title"),
      <IndexPage t={t} locale={request.locale} rows={rows} />,
    );
  });

  app.get("/dialogue/mine", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const rows = await questionsOfAsker(db, principal.accountId);
    const bodies = new Map<string, DialogueBody>();
    for (const id of new Set(rows.map((r) => r.agency_id))) {
      const b = await bodyById(db, id);
      if (b) bodies.set(id, b);
    }
    reply.header("cache-control", "no-store");
    return reply.page(
      request.t("dialogue.mine.title"),
      <MinePage t={request.t} locale={request.locale} rows={rows} bodies={bodies} />,
    );
  });

  app.get<SlugParams>(
    "/dialogue/:slug",
    { config: { pageCache: true } },
    async (request, reply) => {
      const body = await activeBodyBySlug(db, request.params.slug);
      if (!body) throw new HalyqError("NOT_FOUND");
      const heads = await headsOf(db, body.id);
      const [unanswered, answered, answeredTotal, dates] = await Promise.all([
        questionsOf(db, body.id, ["published"]),
        answeredOf(db, body.id, ANSWERED_SHOWN),
        countByStatus(db, body.id, "answered"),
        publicQuestionDates(db, [body.id]),
      ]);
      if (heads.length === 0 && unanswered.length === 0 && answeredTotal === 0)
        throw new HalyqError("NOT_FOUND");
      const cal = ctx.calendars.forJurisdiction(body.jurisdiction);
      const today = todayOf(ctx, cal);
      const principal = request.principal;
      const own =
        principal?.kind === "citizen"
          ? (await questionsOfAsker(db, principal.accountId)).filter(
              (r) => r.agency_id === body.id && !isPublic(r.status),
            )
          : null;
      const t = request.t;
      return reply.page(
        `${t("dialogue.index.title")}: ${bodyName(body, request.locale)}`,
        <BodyPage
          t={t}
          locale={request.locale}
          body={body}
          heads={heads.map((h) =>
            [h.surname, h.given_name, h.patronymic].filter(Boolean).join(" "),
          )}
          unanswered={unanswered}
          answered={answered}
          answeredTotal={answeredTotal}
          medianDays={median(
            dates.flatMap((d) =>
              d.answered_on ? [workingDaysWaited(cal, d.asked_on, d.answered_on)] : [],
            ),
          )}
          askers={await namesOf([...unanswered, ...answered])}
          waited={(r) => workingDaysWaited(cal, r.asked_on, r.answered_on ?? today)}
          own={own}
        />,
      );
    },
  );

  /** The question at this body's address, as `principal` may see it; a 404 otherwise. */
  async function visibleQuestion(slug: string, id: string, principal: Principal | null) {
    const body = await activeBodyBySlug(db, slug);
    const row = body ? await questionById(db, id) : undefined;
    if (!body || !row || row.agency_id !== body.id) throw new HalyqError("NOT_FOUND");
    const asker = principal?.accountId === row.asker_account_id;
    if (!isPublic(row.status) && !asker) throw new HalyqError("NOT_FOUND");
    return { body, row, asker };
  }

  app.get<QuestionParams>(
    "/dialogue/:slug/questions/:id",
    { config: { pageCache: true } },
    async (request, reply) => {
      const principal = request.principal;
      const { body, row, asker } = await visibleQuestion(
        request.params.slug,
        request.params.id,
        principal,
      );
      const cal = ctx.calendars.forJurisdiction(body.jurisdiction);
      const names = await namesOf([row]);
      const viewer = !principal
        ? "anonymous"
        : asker
          ? "asker"
          : ctx.policy.can(principal, "dialogue.support", { agencyId: body.id })
            ? "supporter"
            : "other";
      const done = DONE.find((d) => d === request.query.done);
      const t = request.t;
      const subject = isPublic(row.status)
        ? redactPersonalData(row.published_subject ?? row.subject)
        : row.subject;
      return reply.page(
        subject,
        <QuestionPage
          t={t}
          locale={request.locale}
          csrf={principal ? reply.csrfToken() : null}
          body={body}
          row={row}
          asker={names.get(row.asker_account_id) ?? ""}
          waited={workingDaysWaited(cal, row.asked_on, row.answered_on ?? todayOf(ctx, cal))}
          viewer={viewer}
          supported={
            viewer === "supporter" && principal
              ? await hasSupported(db, row.id, principal.accountId)
              : false
          }
          notice={done ? t(`dialogue.done.${done}`) : undefined}
          loginHref={`/login?next=${encodeURIComponent(safeLocalPath(request.url))}`}
        />,
      );
    },
  );

  const support =
    (on: boolean) =>
    async (request: FastifyRequest<QuestionParams>, reply: import("fastify").FastifyReply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const { body, row } = await visibleQuestion(
        request.params.slug,
        request.params.id,
        principal,
      );
      const result = await supportQuestion(ctx, principal, row.id, on);
      if (result.kind === "forbidden") throw new HalyqError("FORBIDDEN");
      if (result.kind === "not_found") throw new HalyqError("NOT_FOUND");
      if (result.kind !== "ok") throw new HalyqError("CONFLICT");
      return reply.redirect(
        `${questionPath(body, row.id)}?done=${on ? "supported" : "withdrawn"}`,
        303,
      );
    };
  app.post<QuestionParams>("/dialogue/:slug/questions/:id/support", support(true));
  app.post<QuestionParams>("/dialogue/:slug/questions/:id/support/withdraw", support(false));
}
