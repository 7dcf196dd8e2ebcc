import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { ErrorSummary, FieldError } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { SuccessBanner } from "../../../web/components/notices.js";
import { requirePage } from "../../../web/guards.js";
import { collectingPetitions } from "../index.js";
import { findPetition } from "./api.routes.js";
import { invalidateSignatures } from "./commands.js";
import { formatCount, formatInstant } from "./format.js";
import { signatureCounts } from "./index.js";
import { type Burst, bursts, SOURCES, type Source } from "./repository.js";

type NumberParams = { Params: { number: string } };
type FormBody = Record<string, string | string[] | undefined>;
const NUMBER = /^[A-Za-z0-9-]{1,40}$/;
export const WINDOWS = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 604_800_000,
  all: null,
} as const;
type WindowName = keyof typeof WINDOWS;
const MIN_DEFAULT = 5;

const field = (body: FormBody | undefined, name: string) => {
  const v = body?.[name];
  return ((Array.isArray(v) ? v[0] : v) ?? "").trim();
};

function sinceOf(ctx: AppContext, w: WindowName): string {
  const ms = WINDOWS[w];
  return ms === null ? "0000" : new Date(ctx.clock.now().getTime() - ms).toISOString();
}

/** The petition, when the caller may moderate its signatures; 403 otherwise (fails closed). */
async function moderated(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const number = (request.params as { number: string }).number;
  if (!NUMBER.test(number)) throw new HalyqError("NOT_FOUND");
  const principal = requirePage(request, reply);
  if (!principal) return null;
  const petition = await findPetition(ctx, { number });
  if (!petition) throw new HalyqError("NOT_FOUND");
  if (!ctx.policy.can(principal, "petition_signatures.moderate", { agencyId: petition.agency_id }))
    throw new HalyqError("FORBIDDEN");
  return { principal, petition };
}

interface AbuseState {
  window: WindowName;
  min: number;
  issues: FieldIssue[];
  done?: number | undefined;
  values?: { source: string; value: string; reason: string };
}

function BurstTable({
  t,
  locale,
  csrf,
  action,
  rows,
  state,
  source,
}: {
  t: Translate;
  locale: "kk" | "ru" | "en";
  csrf: string;
  action: string;
  rows: Burst[];
  state: AbuseState;
  source: Source;
}) {
  if (rows.length === 0) return <p class="govuk-body">{t("petition_signatures.abuse.none")}</p>;
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">
        {t(`petition_signatures.abuse.source.${source}`)}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            {t(`petition_signatures.abuse.value.${source}`)}
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            {t("petition_signatures.panel.signatures_column")}
          </th>
          <th scope="col" class="govuk-table__header">
            {t("petition_signatures.abuse.between")}
          </th>
          <th scope="col" class="govuk-table__header">
            {t("petition_signatures.abuse.action")}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((b, i) => {
          const id = `${source}-${i}`;
          const mine = state.values?.source === source && state.values.value === b.value;
          const issues = mine ? state.issues : [];
          return (
            <tr class="govuk-table__row" key={b.value}>
              <td class="govuk-table__cell">
                <code>{b.value}</code>
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                {formatCount(b.signatures, locale)}
              </td>
              <td class="govuk-table__cell">
                {formatInstant(b.first, locale)} – {formatInstant(b.last, locale)}
              </td>
              <td class="govuk-table__cell">
                <Form action={action} csrf={csrf}>
                  <input type="hidden" name="source" value={source} />
                  <input type="hidden" name="value" value={b.value} />
                  <input type="hidden" name="window" value={state.window} />
                  <div class={`govuk-form-group${issues.length ? " govuk-form-group--error" : ""}`}>
                    <label class="govuk-label govuk-label--s" for={`reason-${id}`}>
                      {t("petition_signatures.abuse.reason")}
                    </label>
                    <FieldError t={t} issues={issues} field="reason" id={`reason-${id}-error`} />
                    <textarea
                      class={`govuk-textarea${issues.length ? " govuk-textarea--error" : ""}`}
                      id={`reason-${id}`}
                      name="reason"
                      rows={2}
                      maxLength={500}
                      aria-describedby={issues.length ? `reason-${id}-error` : undefined}
                    >
                      {mine ? state.values?.reason : ""}
                    </textarea>
                  </div>
                  <SubmitButton warning>
                    {t("petition_signatures.abuse.invalidate", { count: b.signatures })}
                  </SubmitButton>
                </Form>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The moderator's view of signing bursts, and bulk invalidation with a reason. */
export async function signatureOfficeRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get("/office/petitions/signatures", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const agencies = [
      ...new Set(
        principal.grants
          .filter((g) => g.agencyId && (g.role === "moderator" || g.role === "head"))
          .map((g) => g.agencyId as string),
      ),
    ];
    if (principal.kind !== "staff") throw new HalyqError("FORBIDDEN");
    const petitions = await collectingPetitions(ctx.db.kysely, agencies, 200);
    const visible = petitions.filter((p) =>
      ctx.policy.can(principal, "petition_signatures.moderate", { agencyId: p.agency_id }),
    );
    const counts = await signatureCounts(
      ctx.db.kysely,
      visible.map((p) => p.id),
    );
    const t = request.t;
    return reply.page(
      t("petition_signatures.office.title"),
      <>
        <h1 class="govuk-heading-l">{t("petition_signatures.office.title")}</h1>
        {visible.length === 0 ? (
          <p class="govuk-body">{t("petition_signatures.office.none")}</p>
        ) : (
          <ul class="govuk-list">
            {visible.map((p) => (
              <li key={p.id}>
                <a
                  class="govuk-link"
                  href={`/office/petitions/${encodeURIComponent(p.number)}/signatures`}
                >
                  {p.number}: {p.title}
                </a>{" "}
                (
                {t("petition_signatures.panel.count", {
                  count: formatCount(counts.get(p.id) ?? 0, request.locale),
                })}
                )
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    petition: NonNullable<Awaited<ReturnType<typeof findPetition>>>,
    state: AbuseState,
    status?: number,
  ) => {
    const t = request.t;
    const since = sinceOf(ctx, state.window);
    const db = ctx.db.kysely;
    const [byAddress, bySubnet, byDomain, counts] = await Promise.all([
      bursts(db, petition.id, "address", since, state.min),
      bursts(db, petition.id, "subnet", since, state.min),
      bursts(db, petition.id, "domain", since, state.min),
      signatureCounts(db, [petition.id]),
    ]);
    const base = `/office/petitions/${encodeURIComponent(petition.number)}/signatures`;
    const csrf = reply.csrfToken();
    const tables = { address: byAddress, subnet: bySubnet, domain: byDomain };
    const failed = state.values;
    const row = failed
      ? (tables[failed.source as Source] ?? []).findIndex((b) => b.value === failed.value)
      : -1;
    return reply.page(
      t("petition_signatures.abuse.title", { number: petition.number }),
      <>
        <a class="govuk-back-link" href="/office/petitions/signatures">
          {t("petition_signatures.office.title")}
        </a>
        <ErrorSummary
          t={t}
          issues={state.issues}
          fieldIds={{ reason: `reason-${failed?.source ?? "address"}-${Math.max(0, row)}` }}
        />
        <SuccessBanner
          title={t("petition_signatures.state.success_title")}
          text={
            state.done !== undefined
              ? t("petition_signatures.abuse.done", { count: state.done })
              : undefined
          }
        />
        <h1 class="govuk-heading-l">
          {t("petition_signatures.abuse.title", { number: petition.number })}
        </h1>
        <p class="govuk-body-l">{petition.title}</p>
        <p class="govuk-body">
          {t("petition_signatures.panel.count", {
            count: formatCount(counts.get(petition.id) ?? 0, request.locale),
          })}
        </p>
        <p class="govuk-body">{t("petition_signatures.abuse.explain", { min: state.min })}</p>
        <form method="get" action={base} novalidate>
          <div class="govuk-form-group">
            <label class="govuk-label govuk-label--s" for="window">
              {t("petition_signatures.abuse.window")}
            </label>
            <select class="govuk-select" id="window" name="window">
              {(Object.keys(WINDOWS) as WindowName[]).map((w) => (
                <option key={w} value={w} selected={w === state.window}>
                  {t(`petition_signatures.abuse.windows.${w}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label govuk-label--s" for="min">
              {t("petition_signatures.abuse.min")}
            </label>
            <input
              class="govuk-input govuk-input--width-5"
              id="min"
              name="min"
              type="text"
              inputmode="numeric"
              value={String(state.min)}
            />
          </div>
          <button type="submit" class="govuk-button govuk-button--secondary">
            {t("petition_signatures.abuse.show")}
          </button>
        </form>
        {SOURCES.map((s) => (
          <section key={s} aria-labelledby={`heading-${s}`}>
            <h2 class="govuk-heading-m" id={`heading-${s}`}>
              {t(`petition_signatures.abuse.source.${s}`)}
            </h2>
            <BurstTable
              t={t}
              locale={request.locale}
              csrf={csrf}
              action={`${base}/invalidate`}
              rows={tables[s]}
              state={state}
              source={s}
            />
          </section>
        ))}
      </>,
      { hasErrors: state.issues.length > 0, ...(status ? { status } : {}) },
    );
  };

  const windowOf = (v: unknown): WindowName =>
    typeof v === "string" && v in WINDOWS ? (v as WindowName) : "24h";

  app.get<NumberParams & { Querystring: { window?: string; min?: string; done?: string } }>(
    "/office/petitions/:number/signatures",
    async (request, reply) => {
      const found = await moderated(ctx, request, reply);
      if (!found) return reply;
      const q = request.query;
      const min = /^\d{1,6}$/.test(q.min ?? "") ? Math.max(2, Number(q.min)) : MIN_DEFAULT;
      const done = /^\d{1,9}$/.test(q.done ?? "") ? Number(q.done) : undefined;
      return show(request, reply, found.petition, {
        window: windowOf(q.window),
        min,
        issues: [],
        done,
      });
    },
  );

  app.post<NumberParams & { Body: FormBody }>(
    "/office/petitions/:number/signatures/invalidate",
    async (request, reply) => {
      const found = await moderated(ctx, request, reply);
      if (!found) return reply;
      const { principal, petition } = found;
      const source = field(request.body, "source");
      const value = field(request.body, "value");
      const reason = field(request.body, "reason");
      const window = windowOf(field(request.body, "window"));
      if (!SOURCES.includes(source as Source) || value === "" || value.length > 200)
        throw new HalyqError("BAD_REQUEST");
      const issues: FieldIssue[] = [];
      if (reason.length < 5)
        issues.push({ field: "reason", key: "petition_signatures.abuse.reason_required" });
      else if (reason.length > 500)
        issues.push({ field: "reason", key: "petition_signatures.abuse.reason_long" });
      if (issues.length > 0)
        return show(
          request,
          reply,
          petition,
          { window, min: MIN_DEFAULT, issues, values: { source, value, reason } },
          400,
        );
      const count = await invalidateSignatures(ctx, principal, petition.id, {
        source: source as Source,
        value,
        since: sinceOf(ctx, window),
        reason,
      });
      return reply.redirect(
        `/office/petitions/${encodeURIComponent(petition.number)}/signatures?window=${window}&done=${count}`,
        303,
      );
    },
  );
}
