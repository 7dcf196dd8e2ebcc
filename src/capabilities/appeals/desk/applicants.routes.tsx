import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type FormBody, FormBodySchema, one } from "../../../web/forms.js";
import { staffOnly } from "../../../web/guards.js";
import { agencyNames } from "../../agencies/index.js";
import { deskQueryKind, findApplicants } from "../../identity/index.js";
import { loadVisibleAppeal } from "../commands/appeal-actions.js";
import { ApplicantsPage } from "./applicants-page.js";
import { linkAppealToAccount } from "./link-account.js";

const APPEAL_NUMBER = "^[A-Za-z0-9-]{1,80}$";

/**
 * The registrar's applicant search (GET /office/appeals/applicants) and linking an appeal to
 * the account found (POST /office/appeals/:number/link-account). Only a registrar or head of
 * the body; every account shown is audited by identity.
 */
export async function applicantRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get<{ Querystring: { agency?: string; q?: string; appeal?: string; linked?: string } }>(
    "/office/appeals/applicants",
    {
      schema: {
        querystring: {
          type: "object",
          properties: {
            agency: { type: "string", maxLength: 100 },
            q: { type: "string", maxLength: 100 },
            appeal: { type: "string", pattern: APPEAL_NUMBER },
            linked: { type: "string", maxLength: 1 },
          },
        },
      },
    },
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const { q = "", appeal } = request.query;
      let agencyId = request.query.agency ?? "";
      if (appeal) {
        const found = await loadVisibleAppeal(ctx, principal, appeal);
        if (!found) throw new HalyqError("NOT_FOUND");
        agencyId = found.row.agency_id;
      }
      if (!agencyId) {
        agencyId =
          principal.grants.find(
            (g) =>
              g.agencyId &&
              ctx.policy.can(principal, "identity.find_applicant", { agencyId: g.agencyId }),
          )?.agencyId ?? "";
      }
      if (
        !agencyId ||
        !ctx.policy.can(principal, "identity.find_applicant", { agencyId }) ||
        !ctx.policy.can(principal, "appeal.register", { agencyId })
      )
        throw new HalyqError("FORBIDDEN");
      const query = q.trim();
      const unclear = query !== "" && deskQueryKind(query) === null;
      const results =
        query && !unclear ? await findApplicants(ctx, principal, agencyId, query) : null;
      const names = await agencyNames(db, [agencyId]);
      return reply.page(
        request.t("appeals.desk_card.search.title"),
        <ApplicantsPage
          t={request.t}
          csrf={reply.csrfToken()}
          agencyId={agencyId}
          bodyName={names.get(agencyId)?.[request.locale] ?? ""}
          query={query}
          results={results}
          unclear={unclear}
          appeal={appeal ?? null}
          linked={request.query.linked === "1"}
        />,
        unclear ? { status: 400, hasErrors: true } : {},
      );
    },
  );

  app.post<{ Params: { number: string }; Body: FormBody }>(
    "/office/appeals/:number/link-account",
    {
      schema: {
        params: {
          type: "object",
          properties: { number: { type: "string", pattern: APPEAL_NUMBER } },
          required: ["number"],
        },
        body: FormBodySchema,
      },
    },
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const result = await linkAppealToAccount(
        ctx,
        principal,
        request.params.number,
        one(request.body, "accountId"),
      );
      switch (result.kind) {
        case "ok":
          return reply.redirect(`/office/appeals/${encodeURIComponent(result.value.number)}`, 303);
        case "forbidden":
          throw new HalyqError("FORBIDDEN");
        case "not_found":
          throw new HalyqError("NOT_FOUND");
        case "conflict":
          throw new HalyqError("CONFLICT");
        default:
          throw new HalyqError("BAD_REQUEST");
      }
    },
  );
}
