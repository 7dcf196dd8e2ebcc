import type { FastifyInstance, FastifyReply } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { AppContext } from "../../../platform/manifest.js";
import { requirePage } from "../../../web/guards.js";
import { addressTraits } from "./address.js";
import { findPetition } from "./api.routes.js";
import { withdrawSignature } from "./commands.js";
import { formatCount, formatInstant } from "./format.js";
import { type PanelState, signPanelState, withdrawPanelState } from "./outcomes.js";
import { listedSignersCount, signersPage, talliedCounts } from "./repository.js";
import { signing, withinLimits } from "./service.js";

type NumberParams = { Params: { number: string } };
type FormBody = Record<string, string | string[] | undefined>;
const NUMBER = /^[A-Za-z0-9-]{1,40}$/;
const PAGE = 50;
const CURSOR = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_([0-9a-f-]{36})$/;

function back(reply: FastifyReply, number: string, state: PanelState) {
  return reply.redirect(
    `/petitions/${encodeURIComponent(number)}?signature=${state}#signature`,
    303,
  );
}

/** The petition page's forms (sign, withdraw) and the public list of signers. */
export async function signatureWebRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post<NumberParams & { Body: FormBody }>(
    "/petitions/:number/signature",
    async (request, reply) => {
      if (!NUMBER.test(request.params.number)) throw new HalyqError("NOT_FOUND");
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const number = request.params.number;
      const petition = await findPetition(ctx, { number });
      if (!petition) throw new HalyqError("NOT_FOUND");
      const denied = ctx.policy.refusal(principal, "petition_signatures.sign", {
        agencyId: petition.agency_id,
      });
      if (denied === "identity_not_verified") return back(reply, number, "identity_not_verified");
      if (denied) return back(reply, number, "citizens_only");
      const notify = request.body?.notify;
      if (notify !== undefined && notify !== "yes") throw new HalyqError("BAD_REQUEST");
      const showName = request.body?.showName;
      if (showName !== undefined && showName !== "yes" && showName !== "no")
        throw new HalyqError("BAD_REQUEST");
      if (!withinLimits(ctx, principal.accountId, request.ip))
        return back(reply, number, "rate_limited");
      const outcome = await signing(ctx).batcher.sign({
        petitionId: petition.id,
        accountId: principal.accountId,
        notify: notify === "yes",
        // The form asks explicitly; a form without the question (an old page) keeps the rule
        // that was shown with it, which listed the name.
        showName: showName !== "no",
        ...addressTraits(ctx.secret, request.ip),
      });
      return back(reply, number, signPanelState(outcome));
    },
  );

  app.post<NumberParams>("/petitions/:number/signature/withdraw", async (request, reply) => {
    if (!NUMBER.test(request.params.number)) throw new HalyqError("NOT_FOUND");
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const number = request.params.number;
    const petition = await findPetition(ctx, { number });
    if (!petition) throw new HalyqError("NOT_FOUND");
    if (!withinLimits(ctx, principal.accountId, request.ip))
      return back(reply, number, "rate_limited");
    return back(
      reply,
      number,
      withdrawPanelState(await withdrawSignature(ctx, principal, petition)),
    );
  });

  app.get<NumberParams & { Querystring: { before?: string } }>(
    "/petitions/:number/signers",
    { config: { pageCache: true } },
    async (request, reply) => {
      const t = request.t;
      const locale = request.locale;
      if (!NUMBER.test(request.params.number)) throw new HalyqError("NOT_FOUND");
      const petition = await findPetition(ctx, { number: request.params.number });
      if (!petition || ["draft", "gathering", "admissibility"].includes(petition.status))
        throw new HalyqError("NOT_FOUND");
      const m = request.query.before ? CURSOR.exec(request.query.before) : null;
      if (request.query.before && !m) throw new HalyqError("BAD_REQUEST");
      const rows = await signersPage(
        ctx.db.kysely,
        petition.id,
        PAGE + 1,
        m ? { signedAt: m[1] as string, id: m[2] as string } : undefined,
      );
      const [listed, totals] = await Promise.all([
        listedSignersCount(ctx.db.kysely, petition.id),
        talliedCounts(ctx.db.kysely, [petition.id]),
      ]);
      const total = totals.get(petition.id) ?? 0;
      const shown = rows.slice(0, PAGE);
      const last = shown[shown.length - 1];
      const base = `/petitions/${encodeURIComponent(petition.number)}`;
      return reply.page(
        t("petition_signatures.signers.title", { number: petition.number }),
        <>
          <a class="govuk-back-link" href={base}>
            {t("petition_signatures.signers.back")}
          </a>
          <h1 class="govuk-heading-l">
            {t("petition_signatures.signers.title", { number: petition.number })}
          </h1>
          <p class="govuk-body-l">{petition.title}</p>
          <p class="govuk-body">{t("petition_signatures.signers.privacy")}</p>
          {listed < total ? (
            <p class="govuk-body" data-testid="signers-listed">
              {t("petition_signatures.signers.listed", {
                listed: formatCount(listed, locale),
                total: formatCount(total, locale),
              })}
            </p>
          ) : null}
          {shown.length === 0 ? (
            <p class="govuk-body">{t("petition_signatures.panel.no_signers")}</p>
          ) : (
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-table__caption--s">
                {t("petition_signatures.signers.caption")}
              </caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    {t("petition_signatures.signers.name")}
                  </th>
                  <th scope="col" class="govuk-table__header">
                    {t("petition_signatures.signers.when")}
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {shown.map((s) => (
                  <tr class="govuk-table__row" key={s.id}>
                    <td class="govuk-table__cell">{`${s.given_name} ${s.surname_initial}.`}</td>
                    <td class="govuk-table__cell">{formatInstant(s.signed_at, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <nav class="govuk-pagination" aria-label={t("petition_signatures.signers.pages")}>
            <ul class="govuk-pagination__list">
              {request.query.before ? (
                <li class="govuk-pagination__item">
                  <a class="govuk-link govuk-pagination__link" href={`${base}/signers`}>
                    {t("petition_signatures.signers.newest")}
                  </a>
                </li>
              ) : null}
              {rows.length > PAGE && last ? (
                <li class="govuk-pagination__item">
                  <a
                    class="govuk-link govuk-pagination__link"
                    href={`${base}/signers?before=${encodeURIComponent(`${last.signed_at}_${last.id}`)}`}
                  >
                    {t("petition_signatures.signers.older")}
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
        </>,
      );
    },
  );
}
