import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import { LOCALES, type Locale } from "../../../kernel/i18n.js";
import type { AppContext } from "../../../platform/manifest.js";
import { redactPersonalData } from "../../../platform/privacy/redact.js";
import { atomFeed } from "../../../web/atom.js";
import { formatDate } from "../../../web/format.js";
import { type FormBody, one } from "../../../web/forms.js";
import { requirePage } from "../../../web/guards.js";
import { describeFiles, fileOperation } from "../../../web/openapi.js";
import { addComment, type VoteChoice, voteOnComment } from "../commands/comments.js";
import { setSubscription } from "../commands/subscriptions.js";
import {
  CONSULTATION_STATUSES,
  type ConsultationStatus,
  consultationStatus,
} from "../consultation.js";
import {
  bodyDays,
  bodyNames,
  commentsOf,
  defaultToday,
  findDraft,
  isSubscribed,
  listDrafts,
  paragraphsOf,
  versionsOf,
  votesBy,
} from "../consultation.repository.js";
import { diffParagraphs } from "../diff.js";
import { filesOf } from "../files/files.repository.js";
import { loadReports, reportCsv } from "../report.js";
import { ChangesPage } from "./changes-page.js";
import { DraftPage, type DraftPageState, formId } from "./draft-page.js";
import { fileDownloadRoutes } from "./files.routes.js";
import { ListPage, RulesPage } from "./list-pages.js";
import { ReportPage } from "./report-page.js";
import { conflictText } from "./shared.js";

type IdParams = { Params: { id: string } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NOTICES = ["comment", "vote", "subscribed", "unsubscribed"] as const;

function draftId(id: string): string {
  if (!UUID.test(id)) throw new HalyqError("NOT_FOUND");
  return id;
}

/** A sample of every kind of public page of consultations (list, rules, draft, changes, report). */
export async function publicConsultationPaths(ctx: AppContext): Promise<string[]> {
  const today = defaultToday(ctx);
  const paths = ["/consultations", "/consultations?status=closed", "/consultations/rules"];
  for (const status of CONSULTATION_STATUSES) {
    const { rows } = await listDrafts(ctx.db.kysely, { status, today, limit: 20 });
    const first = rows[0];
    if (first) paths.push(`/consultations/${first.id}`);
    if (first && status === "reported") paths.push(`/consultations/${first.id}/report`);
    const revised = rows.find((r) => r.current_version > 1);
    if (revised) {
      paths.push(`/consultations/${revised.id}/changes/${revised.current_version}`);
      if (revised !== first) paths.push(`/consultations/${revised.id}`);
    }
  }
  return paths;
}

/** The public pages: list, rules, feed, a draft with its comments, changes, report and its CSV. */
export async function publicRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook(
    "onRoute",
    describeFiles({
      "/consultations/feed.atom": fileOperation({
        operationId: "getConsultationsFeed",
        tags: ["feeds"],
        summary: "Atom feed of drafts opened for consultation and their reports",
        types: { "application/atom+xml": { type: "string" } },
      }),
      "/consultations/:id/report.csv": fileOperation({
        operationId: "getConsultationReportCsv",
        tags: ["consultations"],
        summary: "A consultation's report as CSV: every comment with the body's answer",
        description:
          "RFC 4180 (CRLF, every field quoted), UTF-8 with a byte-order mark in front so that spreadsheets read Cyrillic right: a program should skip U+FEFF before the header row.",
        types: { "text/csv": { type: "string" } },
        statuses: ["404"],
      }),
    }),
  );
  const db = ctx.db.kysely;
  await fileDownloadRoutes(app, ctx);

  app.get<{ Querystring: { status?: string } }>(
    "/consultations",
    { config: { pageCache: true } },
    async (request, reply) => {
      const t = request.t;
      const asked = request.query.status;
      const status: ConsultationStatus = CONSULTATION_STATUSES.find((s) => s === asked) ?? "open";
      const today = defaultToday(ctx);
      const { rows, total } = await listDrafts(db, { status, today, limit: 100 });
      const agencies = await bodyNames(
        db,
        rows.map((r) => r.agency_id),
        request.locale,
      );
      return reply.page(
        t("consultations.list.title"),
        <ListPage
          t={t}
          locale={request.locale}
          status={status}
          rows={rows}
          total={total}
          agencies={agencies}
          today={today}
        />,
      );
    },
  );

  app.get("/consultations/rules", { config: { pageCache: true } }, async (request, reply) =>
    reply.page(request.t("consultations.rules.title"), <RulesPage t={request.t} />),
  );

  app.get("/consultations/feed.atom", { config: { pageCache: true } }, async (request, reply) => {
    const t = request.t;
    const locale = request.locale;
    const today = defaultToday(ctx);
    const { rows } = await listDrafts(db, { status: "open", today, limit: 100 });
    const agencies = await bodyNames(
      db,
      rows.map((r) => r.agency_id),
      locale,
    );
    const base = ctx.config.publicUrl;
    const xml = atomFeed({
      id: `${base}/consultations/feed.atom`,
      title: t("consultations.feed.title"),
      self: `${base}/consultations/feed.atom`,
      alternate: `${base}/consultations`,
      lang: locale,
      updated:
        rows
          .map((r) => r.updated_at)
          .sort()
          .at(-1) ?? ctx.clock.now().toISOString(),
      entries: rows.map((r) => ({
        id: `urn:uuid:${r.id}`,
        title: r[`title_${locale}`],
        link: `${base}/consultations/${r.id}`,
        updated: r.updated_at,
        author: agencies.get(r.agency_id) ?? "",
        summary: `${r[`summary_${locale}`]}\n\n${t("consultations.feed.closes", { date: formatDate(r.closes_on, locale, "long") })}`,
      })),
    });
    return reply.type("application/atom+xml; charset=utf-8").send(xml);
  });

  const showDraft = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: DraftPageState = {},
    status?: number,
  ) => {
    const found = await findDraft(db, draftId(id));
    if (!found) throw new HalyqError("NOT_FOUND");
    const { consultation, version } = found;
    const t = request.t;
    const days = await bodyDays(ctx, db, consultation.agency_id);
    const [paragraphs, comments, versions, agencies, files] = await Promise.all([
      paragraphsOf(db, version.id),
      // Comments as the public reads them: personal data in their text removed.
      commentsOf(db, [version.id]).then((all) =>
        all.map((c) => ({ ...c, body: redactPersonalData(c.body) })),
      ),
      versionsOf(db, consultation.id),
      bodyNames(db, [consultation.agency_id], request.locale),
      filesOf(db, consultation.id, version.number),
    ]);
    const p = request.principal;
    const reader =
      p && (p.kind === "citizen" || p.secondFactor)
        ? {
            csrf: reply.csrfToken(),
            accountId: p.accountId,
            canComment: ctx.policy.can(p, "consultation.comment", {
              agencyId: consultation.agency_id,
            }),
            canVote: true,
            canReport: ctx.policy.can(p, "moderation.report"),
            subscribed: await isSubscribed(db, consultation.id, p.accountId),
            votes: await votesBy(
              db,
              p.accountId,
              comments.map((c) => c.id),
            ),
          }
        : null;
    return reply.page(
      consultation[`title_${request.locale}`],
      <DraftPage
        t={t}
        locale={request.locale}
        consultation={consultation}
        version={version}
        agency={agencies.get(consultation.agency_id) ?? ""}
        status={consultationStatus(version, days.today)}
        paragraphs={paragraphs}
        comments={comments}
        hasReport={versions.some((v) => v.report_published_at !== null)}
        files={files}
        reader={reader}
        path={`/consultations/${consultation.id}`}
        state={state}
      />,
      {
        hasErrors: state.failed !== undefined || state.conflict !== undefined,
        ...(status ? { status } : {}),
      },
    );
  };

  app.get<IdParams & { Querystring: { done?: string } }>(
    "/consultations/:id",
    { config: { pageCache: true } },
    async (request, reply) => {
      const done = NOTICES.find((n) => n === request.query.done);
      return showDraft(request, reply, request.params.id, {
        notice: done ? request.t(`consultations.done.${done}`) : undefined,
      });
    },
  );

  app.get<{ Params: { id: string; n: string } }>(
    "/consultations/:id/changes/:n",
    { config: { pageCache: true } },
    async (request, reply) => {
      const found = await findDraft(db, draftId(request.params.id));
      if (!found || !/^\d{1,4}$/.test(request.params.n)) throw new HalyqError("NOT_FOUND");
      const n = Number(request.params.n);
      const versions = await versionsOf(db, found.consultation.id);
      const newer = versions.find((v) => v.number === n);
      const older = versions.find((v) => v.number === n - 1);
      if (!newer || !older) throw new HalyqError("NOT_FOUND");
      const [a, b] = await Promise.all([paragraphsOf(db, older.id), paragraphsOf(db, newer.id)]);
      const locale = request.locale;
      const both = (l: Locale) => a.every((p) => p[`text_${l}`]) && b.every((p) => p[`text_${l}`]);
      const lang = both(locale) ? locale : (LOCALES.find(both) ?? locale);
      const changes = diffParagraphs(
        a.map((p) => p[`text_${lang}`] ?? ""),
        b.map((p) => p[`text_${lang}`] ?? ""),
      );
      return reply.page(
        request.t("consultations.changes.title", { from: n - 1, to: n }),
        <ChangesPage
          t={request.t}
          locale={locale}
          consultation={found.consultation}
          version={newer}
          changes={changes}
          lang={lang}
        />,
      );
    },
  );

  app.get<IdParams>(
    "/consultations/:id/report",
    { config: { pageCache: true } },
    async (request, reply) => {
      const found = await findDraft(db, draftId(request.params.id));
      if (!found) throw new HalyqError("NOT_FOUND");
      const reports = await loadReports(db, found.consultation.id);
      if (reports.length === 0) throw new HalyqError("NOT_FOUND");
      const agencies = await bodyNames(db, [found.consultation.agency_id], request.locale);
      return reply.page(
        request.t("consultations.report.title", {
          title: found.consultation[`title_${request.locale}`],
        }),
        <ReportPage
          t={request.t}
          locale={request.locale}
          consultation={found.consultation}
          agency={agencies.get(found.consultation.agency_id) ?? ""}
          reports={reports}
        />,
      );
    },
  );

  app.get<IdParams>("/consultations/:id/report.csv", async (request, reply) => {
    const found = await findDraft(db, draftId(request.params.id));
    if (!found) throw new HalyqError("NOT_FOUND");
    const reports = await loadReports(db, found.consultation.id);
    if (reports.length === 0) throw new HalyqError("NOT_FOUND");
    return reply
      .type("text/csv; charset=utf-8")
      .header(
        "content-disposition",
        `attachment; filename="consultation-report-${found.consultation.id}.csv"`,
      )
      .send(reportCsv(request.t, reports));
  });

  app.post<IdParams>("/consultations/:id/comments", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const id = draftId(request.params.id);
    const body = request.body;
    const rawParagraph = one(body as FormBody, "paragraph");
    const paragraph = /^\d{1,4}$/.test(rawParagraph) ? Number(rawParagraph) : null;
    const text = one(body as FormBody, "text");
    const result = await addComment(ctx, principal, id, { paragraph, text });
    switch (result.kind) {
      case "ok":
        ctx.pageCache.invalidate();
        return reply.redirect(`/consultations/${id}?done=comment#c-${result.value.id}`, 303);
      case "invalid":
        return showDraft(
          request,
          reply,
          id,
          { failed: { form: formId(paragraph), issues: result.issues, text } },
          400,
        );
      case "conflict":
        return showDraft(
          request,
          reply,
          id,
          { conflict: conflictText(request.t, result.params, request.locale) },
          409,
        );
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  });

  app.post<{ Params: { id: string; commentId: string } }>(
    "/consultations/:id/comments/:commentId/vote",
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const id = draftId(request.params.id);
      const raw = one(request.body as FormBody, "value");
      const choice: VoteChoice | undefined = (["agree", "disagree", "none"] as const).find(
        (c) => c === raw,
      );
      if (!choice) throw new HalyqError("BAD_REQUEST");
      const result = await voteOnComment(ctx, principal, id, request.params.commentId, choice);
      switch (result.kind) {
        case "ok":
          ctx.pageCache.invalidate();
          return reply.redirect(
            `/consultations/${id}?done=vote#c-${request.params.commentId}`,
            303,
          );
        case "conflict":
          return showDraft(
            request,
            reply,
            id,
            { conflict: conflictText(request.t, result.params, request.locale) },
            409,
          );
        case "forbidden":
          throw new HalyqError("FORBIDDEN");
        default:
          throw new HalyqError("NOT_FOUND");
      }
    },
  );

  for (const [suffix, on] of [
    ["", true],
    ["/delete", false],
  ] as const) {
    app.post<IdParams>(`/consultations/:id/subscription${suffix}`, async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const id = draftId(request.params.id);
      const result = await setSubscription(ctx, principal, id, on);
      if (result.kind === "forbidden") throw new HalyqError("FORBIDDEN");
      if (result.kind !== "ok") throw new HalyqError("NOT_FOUND");
      return reply.redirect(`/consultations/${id}?done=${on ? "subscribed" : "unsubscribed"}`, 303);
    });
  }
}
