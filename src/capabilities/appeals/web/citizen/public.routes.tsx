import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema.js";
import { HalyqError } from "../../../../kernel/errors.js";
import type { Locale, Translate } from "../../../../kernel/i18n.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { redactOptional, redactPersonalData } from "../../../../platform/privacy/redact.js";
import { SummaryRow } from "../../../../web/components/kit.js";
import { formatDate, formatInstantDate } from "../../../../web/format.js";
import { type AppealRow, normaliseAppealNumber } from "../../appeal.repository.js";
import { appealProfile } from "../../profiles.js";
import { redirectToCurrentNumber } from "../canonical-number.js";
import { AppealTable } from "./list-views.js";
import { agencyNames, otherLang, Paragraphs, StatusTag } from "./shared.js";

const PAGE_SIZE = 20;

/** Appeals their applicants made public (duplicates aside), newest first, one page. */
async function publicAppeals(
  db: Kysely<Database>,
  page: number,
): Promise<{ rows: AppealRow[]; total: number }> {
  const q = db.selectFrom("appeals").where("public", "=", 1).where("status", "!=", "attached");
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy("received_at", "desc")
      .orderBy("id")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(published), total: Number(count.n) };
}

async function findPublicAppeal(db: Kysely<Database>, number: string) {
  const row = await db
    .selectFrom("appeals")
    .selectAll()
    .where((eb) => {
      const n = normaliseAppealNumber(number);
      return eb.or([eb("number", "=", n), eb("legacy_number", "=", n)]);
    })
    .where("public", "=", 1)
    .where("status", "!=", "attached")
    .executeTakeFirst();
  return row ? published(row) : undefined;
}

/**
 * A public appeal as it may be shown: its subject, text, address and answer with what looks
 * like personal data removed (the platform's one redaction, as in Open311 and open data). The
 * answer is redacted too: it often quotes the applicant.
 */
function published(row: AppealRow): AppealRow {
  return {
    ...row,
    subject: redactPersonalData(row.subject),
    body: redactPersonalData(row.body),
    address: redactOptional(row.address),
    answer_text: redactOptional(row.answer_text),
    answer_basis: redactOptional(row.answer_basis),
  };
}

/** A sample of the public appeal pages, for the sitemap and the accessibility suite. */
export async function publicAppealPaths(ctx: AppContext): Promise<string[]> {
  const { rows } = await publicAppeals(ctx.db.kysely, 1);
  return [
    "/appeals",
    "/appeals/public",
    "/appeals/map",
    ...rows.slice(0, 2).map((r) => `/appeals/public/${encodeURIComponent(r.number)}`),
  ];
}

function Pagination({ t, page, pages }: { t: Translate; page: number; pages: number }) {
  if (pages <= 1) return null;
  const href = (n: number) => `/appeals/public?page=${n}`;
  return (
    <nav class="govuk-pagination" aria-label={t("appeals.citizen.public.pages")}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title">{t("appeals.citizen.public.previous")}</span>
          </a>
        </div>
      ) : null}
      <ul class="govuk-pagination__list">
        {Array.from({ length: pages }, (_, i) => i + 1)
          .filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 2)
          .map((n) => (
            <li
              key={n}
              class={`govuk-pagination__item${n === page ? " govuk-pagination__item--current" : ""}`}
            >
              <a
                class="govuk-link govuk-pagination__link"
                href={href(n)}
                aria-label={t("appeals.citizen.public.page", { n })}
                aria-current={n === page ? "page" : undefined}
              >
                {n}
              </a>
            </li>
          ))}
      </ul>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">{t("appeals.citizen.public.next")}</span>
          </a>
        </div>
      ) : null}
    </nav>
  );
}

function PublicAppealPage({
  t,
  locale,
  row,
  agency,
}: {
  t: Translate;
  locale: Locale;
  row: AppealRow;
  agency: string;
}) {
  const date = (d: string) => formatDate(d, locale, "long");
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href="/appeals/public" class="govuk-back-link">
          {t("appeals.citizen.public.back")}
        </a>
        <span class="govuk-caption-l">
          {t("appeals.citizen.appeal.caption", { number: row.number })}
        </span>
        <h1 class="govuk-heading-l">{row.subject}</h1>
        <p class="govuk-body">
          <StatusTag t={t} status={row.status} />
        </p>
        <dl class="govuk-summary-list">
          <SummaryRow label={t("appeals.citizen.appeal.kind")}>
            {t(`appeals.kind.${row.kind}`)}
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.agency")}>{agency}</SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.registered_on")}>
            {date(row.registered_on)}
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.due")}>{date(row.due_on)}</SummaryRow>
        </dl>
        <h2 class="govuk-heading-m">{t("appeals.citizen.appeal.text")}</h2>
        <Paragraphs text={row.body} lang={otherLang(row.language, locale)} />
        {row.status === "answered" && row.answer_text ? (
          <>
            <h2 class="govuk-heading-m">{t("appeals.citizen.answer.title")}</h2>
            <dl class="govuk-summary-list">
              <SummaryRow label={t("appeals.citizen.answer.outcome")}>
                {t(`appeals.outcome.${row.answer_outcome}`)}
              </SummaryRow>
              {row.answered_at ? (
                <SummaryRow label={t("appeals.citizen.answer.date")}>
                  {formatInstantDate(
                    row.answered_at,
                    locale,
                    appealProfile(row.jurisdiction).timeZone,
                  )}
                </SummaryRow>
              ) : null}
              {row.answer_basis ? (
                <SummaryRow label={t("appeals.citizen.answer.basis")}>
                  {row.answer_basis}
                </SummaryRow>
              ) : null}
            </dl>
            <Paragraphs
              text={row.answer_text}
              lang={otherLang(row.answer_language ?? row.language, locale)}
            />
          </>
        ) : null}
        <p class="govuk-body-s">{t("appeals.citizen.public.privacy")}</p>
      </div>
    </div>
  );
}

/** Public appeals: the list and each appeal with the applicant's personal data left out. */
export async function publicRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get<{ Querystring: { page?: string } }>(
    "/appeals/public",
    { config: { pageCache: true } },
    async (request, reply) => {
      const t = request.t;
      const page = /^\d{1,6}$/.test(request.query.page ?? "")
        ? Math.max(1, Number(request.query.page))
        : 1;
      const { rows, total } = await publicAppeals(db, page);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const agencies = await agencyNames(
        db,
        rows.map((r) => r.agency_id),
        request.locale,
      );
      return reply.page(
        t("appeals.citizen.public.title"),
        <>
          <h1 class="govuk-heading-l">{t("appeals.citizen.public.title")}</h1>
          <p class="govuk-body">{t("appeals.citizen.public.lead")}</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/appeals/map">
              {t("appeals.citizen.map.link")}
            </a>
          </p>
          {rows.length > 0 ? (
            <AppealTable
              t={t}
              locale={request.locale}
              rows={rows}
              agencies={agencies}
              caption={t("appeals.citizen.public.count", { count: total })}
              href={(n) => `/appeals/public/${encodeURIComponent(n)}`}
            />
          ) : (
            <p class="govuk-body">{t("appeals.citizen.public.empty")}</p>
          )}
          <Pagination t={t} page={page} pages={pages} />
        </>,
      );
    },
  );

  app.get<{ Params: { number: string } }>(
    "/appeals/public/:number",
    { config: { pageCache: true } },
    async (request, reply) => {
      const row = await findPublicAppeal(db, request.params.number);
      if (!row) throw new HalyqError("NOT_FOUND");
      if (redirectToCurrentNumber(request, reply, request.params.number, row.number)) return reply;
      const agencies = await agencyNames(db, [row.agency_id], request.locale);
      return reply.page(
        row.subject,
        <PublicAppealPage
          t={request.t}
          locale={request.locale}
          row={row}
          agency={agencies.get(row.agency_id) ?? ""}
        />,
      );
    },
  );
}
