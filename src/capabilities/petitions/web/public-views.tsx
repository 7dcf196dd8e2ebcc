import type { ComponentChildren } from "preact";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Input, Paragraphs, Select, SummaryRow, TextArea } from "../../../web/components/kit.js";
import { IdentityNotVerifiedNotice, SuccessBanner } from "../../../web/components/notices.js";
import { formatNumber } from "../../../web/format.js";
import { langOf } from "../../../web/text-language.js";
import { milestones, type PetitionRow, PUBLIC_STATUSES } from "../petition.js";
import type { CommentView } from "../petition.repository.js";
import { SignaturePanel, type SignaturePanelData } from "../signatures/index.js";
import { ActionForm, day, type Names, plainDay, StatusTag, Timeline, Title } from "./components.js";

const nameIn = (n: Names | undefined, locale: Locale) => (n ? n[locale] : "");

/**
 * Signatures against the threshold: the count in words, and a progress bar labelled by them
 * (a screen reader hears the same sentence). Nothing when the petition has no threshold.
 */
export function SignatureProgress({
  t,
  locale,
  id,
  count,
  threshold,
}: {
  t: Translate;
  locale: Locale;
  id: string;
  count: number;
  threshold: number | null;
}) {
  if (!threshold) return null;
  const share = new Intl.NumberFormat(locale === "en" ? "en-GB" : locale, {
    style: "percent",
    maximumFractionDigits: 1,
  }).format(count / threshold);
  return (
    <div>
      <span class="govuk-body-s govuk-!-margin-bottom-1" id={id}>
        {t("petitions.progress.label", {
          count: formatNumber(count, locale),
          threshold: formatNumber(threshold, locale),
          share,
        })}
      </span>
      <progress max={threshold} value={Math.min(count, threshold)} aria-labelledby={id}>
        {share}
      </progress>
    </div>
  );
}

/**
 * Petitions with their body, status and signatures (with progress). Each petition is a
 * stacked block, not a table row, so the list fits a phone's width.
 */
export function PetitionTable({
  t,
  locale,
  caption,
  rows,
  agencies,
  counts,
}: {
  t: Translate;
  locale: Locale;
  caption: string;
  rows: PetitionRow[];
  agencies: Map<string, Names>;
  counts?: Map<string, number>;
}) {
  return (
    <section aria-labelledby="petitions-caption">
      <h2 class="govuk-heading-m" id="petitions-caption">
        {caption}
      </h2>
      <ul class="govuk-list">
        {rows.map((p) => (
          <li key={p.id} class="govuk-!-margin-bottom-6">
            <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
              <a class="govuk-link" href={`/petitions/${p.number}`}>
                <Title p={p} locale={locale} />
              </a>
            </h3>
            <p class="govuk-body-s govuk-!-margin-bottom-1">
              {p.number} · {t("petitions.list.body")}: {nameIn(agencies.get(p.agency_id), locale)}
            </p>
            <p class="govuk-body-s govuk-!-margin-bottom-1">
              <StatusTag t={t} status={p.status} />
            </p>
            {counts ? (
              p.threshold !== null ? (
                <SignatureProgress
                  t={t}
                  locale={locale}
                  id={`progress-${p.number}`}
                  count={counts.get(p.id) ?? 0}
                  threshold={Number(p.threshold)}
                />
              ) : (
                <p class="govuk-body-s">
                  {t("petitions.list.signatures")}: {formatNumber(counts.get(p.id) ?? 0, locale)}
                </p>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PetitionsListPage(p: {
  t: Translate;
  locale: Locale;
  rows: PetitionRow[];
  total: number;
  page: number;
  pageSize: number;
  status: string;
  /** The words searched for ("" for none). */
  query: string;
  /** The body filtered by ("" for all), and the bodies that have petitions. */
  body: string;
  bodies: string[];
  agencies: Map<string, Names>;
  counts: Map<string, number>;
  lateQueue: number;
}) {
  const { t, locale } = p;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const link = (n: number) =>
    `/petitions?${new URLSearchParams({
      ...(p.query ? { q: p.query } : {}),
      ...(p.status ? { status: p.status } : {}),
      ...(p.body ? { body: p.body } : {}),
      page: String(n),
    })}`;
  const bodies = [...p.bodies].sort((a, b) =>
    nameIn(p.agencies.get(a), locale).localeCompare(nameIn(p.agencies.get(b), locale), locale),
  );
  return (
    <>
      <h1 class="govuk-heading-l">{t("petitions.list.title")}</h1>
      <p class="govuk-body">{t("petitions.list.lead")}</p>
      {p.lateQueue > 0 ? (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">{t("petitions.warning")}</span>
            {t("petitions.list.late_queue", { count: p.lateQueue })}
          </strong>
        </div>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-button" href="/petitions/new" draggable={false}>
          {t("petitions.list.start")}
        </a>{" "}
        <a class="govuk-link" href="/petitions/mine">
          {t("petitions.list.mine")}
        </a>
      </p>
      <form method="get" action="/petitions" class="govuk-!-margin-bottom-6">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-label--s" for="q">
            {t("petitions.list.search")}
          </label>
          <div id="q-hint" class="govuk-hint">
            {t("petitions.list.search_hint")}
          </div>
          <input
            class="govuk-input govuk-!-width-full"
            id="q"
            name="q"
            type="search"
            value={p.query}
            maxLength={200}
            aria-describedby="q-hint"
          />
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label govuk-label--s" for="status">
            {t("petitions.list.filter")}
          </label>
          <select class="govuk-select govuk-!-width-full" id="status" name="status">
            <option value="" selected={!p.status}>
              {t("petitions.list.all")}
            </option>
            {PUBLIC_STATUSES.map((s) => (
              <option key={s} value={s} selected={p.status === s}>
                {t(`petitions.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label govuk-label--s" for="body">
            {t("petitions.list.body_filter")}
          </label>
          <select class="govuk-select govuk-!-width-full" id="body" name="body">
            <option value="" selected={!p.body}>
              {t("petitions.list.all_bodies")}
            </option>
            {bodies.map((id) => (
              <option key={id} value={id} selected={p.body === id}>
                {nameIn(p.agencies.get(id), locale)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t("petitions.list.apply")}
        </button>
      </form>
      {p.rows.length > 0 ? (
        <PetitionTable
          t={t}
          locale={locale}
          caption={
            p.query
              ? t("petitions.list.found", { count: p.total, query: p.query })
              : t("petitions.list.caption", { count: p.total })
          }
          rows={p.rows}
          agencies={p.agencies}
          counts={p.counts}
        />
      ) : (
        <p class="govuk-body" data-testid="no-petitions">
          {p.query ? t("petitions.list.none_found", { query: p.query }) : t("petitions.list.none")}
        </p>
      )}
      {pages > 1 ? (
        <nav class="govuk-pagination" aria-label={t("petitions.list.pages")}>
          {p.page > 1 ? (
            <div class="govuk-pagination__prev">
              <a class="govuk-link govuk-pagination__link" href={link(p.page - 1)} rel="prev">
                <span class="govuk-pagination__link-title">{t("petitions.list.previous")}</span>
              </a>
            </div>
          ) : null}
          <ul class="govuk-pagination__list">
            {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
              <li
                key={n}
                class={`govuk-pagination__item${n === p.page ? " govuk-pagination__item--current" : ""}`}
              >
                <a
                  class="govuk-link govuk-pagination__link"
                  href={link(n)}
                  aria-label={t("petitions.list.page_n", { n })}
                  aria-current={n === p.page ? "page" : undefined}
                >
                  {n}
                </a>
              </li>
            ))}
          </ul>
          {p.page < pages ? (
            <div class="govuk-pagination__next">
              <a class="govuk-link govuk-pagination__link" href={link(p.page + 1)} rel="next">
                <span class="govuk-pagination__link-title">{t("petitions.list.next")}</span>
              </a>
            </div>
          ) : null}
        </nav>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href="/petitions.atom" type="application/atom+xml">
          {t("petitions.list.feed")}
        </a>
      </p>
    </>
  );
}

export interface PetitionPageData {
  petition: PetitionRow;
  agency: Names | undefined;
  coInitiators: number;
  coInitiatorsNeeded: number;
  comments: CommentView[];
  isInitiator: boolean;
  canComment: boolean;
  signatures: SignaturePanelData | null;
  publicUrl: string;
}

export interface PetitionPageState {
  done?: string;
  issues?: FieldIssue[];
  conflict?: string;
  comment?: string;
}

export function PetitionPage({
  t,
  locale,
  data,
  csrf,
  state,
  afterSigning,
}: {
  t: Translate;
  locale: Locale;
  data: PetitionPageData;
  csrf: string | null;
  state: PetitionPageState;
  /** What other capabilities offer once the signature is taken (e.g. the portal survey). */
  afterSigning?: ComponentChildren;
}) {
  const p = data.petition;
  const issues = state.issues ?? [];
  const base = `/petitions/${p.number}`;
  return (
    <>
      <SuccessBanner
        title={t("petitions.done.title")}
        text={state.done ? t(`petitions.done.${state.done}`) : undefined}
      />
      <ErrorSummary t={t} issues={issues} />
      {state.conflict ? (
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">{t("petitions.conflict.title")}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{state.conflict}</p>
            </div>
          </div>
        </div>
      ) : null}
      <span class="govuk-caption-l">{p.number}</span>
      <h1 class="govuk-heading-l">
        <Title p={p} locale={locale} />
      </h1>
      <p class="govuk-body">
        <StatusTag t={t} status={p.status} />
      </p>
      <dl class="govuk-summary-list">
        <SummaryRow label={t("petitions.page.body")}>{nameIn(data.agency, locale)}</SummaryRow>
        {p.threshold !== null ? (
          <SummaryRow label={t("petitions.page.threshold")}>
            {formatNumber(Number(p.threshold), locale)}
          </SummaryRow>
        ) : null}
        {p.signing_closes_at && p.status === "collecting" ? (
          <SummaryRow label={t("petitions.page.signing_closes")}>
            {day(p.signing_closes_at, locale)}
          </SummaryRow>
        ) : null}
        {p.status === "gathering" && p.gathering_due_on ? (
          <SummaryRow label={t("petitions.page.gathering_due")}>
            {plainDay(p.gathering_due_on, locale)}
          </SummaryRow>
        ) : null}
        {p.status === "admissibility" && p.admissibility_due_on ? (
          <SummaryRow label={t("petitions.page.admissibility_due")}>
            {plainDay(p.admissibility_due_on, locale)}
          </SummaryRow>
        ) : null}
        {p.status === "consideration" && p.consideration_due_on ? (
          <SummaryRow label={t("petitions.page.consideration_due")}>
            {plainDay(p.consideration_due_on, locale)}
          </SummaryRow>
        ) : null}
        {p.status === "refused" && p.refusal_reason ? (
          <SummaryRow label={t("petitions.page.refusal")}>
            {p.refusal_reason === "other"
              ? (p.refusal_text ?? "")
              : t(`petitions.topic.${p.refusal_reason}`)}
          </SummaryRow>
        ) : null}
      </dl>
      <h2 class="govuk-heading-m">{t("petitions.page.summary")}</h2>
      <Paragraphs text={p.summary} lang={p.language === locale ? undefined : p.language} />
      <h2 class="govuk-heading-m">{t("petitions.page.proposal")}</h2>
      <Paragraphs text={p.proposal} lang={p.language === locale ? undefined : p.language} />

      {data.signatures ? (
        <SignaturePanel
          t={t}
          locale={locale}
          csrf={csrf ?? ""}
          data={data.signatures}
          afterSigning={afterSigning}
        />
      ) : null}

      {data.signatures ? <ShareLinks t={t} locale={locale} data={data} /> : null}

      {data.isInitiator && csrf ? <InitiatorPanel t={t} data={data} csrf={csrf} /> : null}

      {p.draft_decision ? (
        <section aria-labelledby="draft-heading">
          <h2 class="govuk-heading-m" id="draft-heading">
            {t("petitions.page.draft_decision")}
          </h2>
          <Paragraphs text={p.draft_decision} />
          <h3 class="govuk-heading-s">{t("petitions.page.comments")}</h3>
          {data.comments.length === 0 ? (
            <p class="govuk-body">{t("petitions.page.no_comments")}</p>
          ) : (
            <ul class="govuk-list">
              {data.comments.map((c) => (
                <li key={c.id}>
                  <p class="govuk-body govuk-!-margin-bottom-1">
                    <strong>
                      {c.given_name} {c.surname.slice(0, 1)}.
                    </strong>{" "}
                    <span class="govuk-body-s">{day(c.created_at, locale)}</span>
                  </p>
                  <p class="govuk-body" lang={langOf(c.text, locale)}>
                    {c.text}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {data.canComment && csrf ? (
            <ActionForm
              action={`${base}/comments`}
              csrf={csrf}
              label={t("petitions.page.send_comment")}
            >
              <TextArea
                t={t}
                id="comment"
                label={t("petitions.page.your_comment")}
                hint={t("petitions.page.comment_hint")}
                value={state.comment ?? ""}
                issues={issues}
              />
            </ActionForm>
          ) : null}
        </section>
      ) : null}

      {p.decision ? (
        <section aria-labelledby="decision-heading">
          <h2 class="govuk-heading-m" id="decision-heading">
            {t("petitions.page.decision")}
          </h2>
          <Paragraphs text={p.decision} />
        </section>
      ) : null}

      <h2 class="govuk-heading-m">{t("petitions.page.milestones")}</h2>
      <Timeline t={t} locale={locale} items={milestones(p)} />
      <p class="govuk-body">
        <a class="govuk-link" href="/petitions">
          {t("petitions.page.back")}
        </a>
      </p>
    </>
  );
}

/**
 * Ways to pass the petition on: its address to copy, and plain links that open e-mail or a
 * messenger's own share page. No script or image of a third party is loaded: a link is only
 * followed when the person chooses it.
 */
function ShareLinks({ t, locale, data }: { t: Translate; locale: Locale; data: PetitionPageData }) {
  const p = data.petition;
  const url = `${data.publicUrl.replace(/\/$/, "")}/petitions/${p.number}`;
  const title = p.title;
  const text = t("petitions.share.text", { title });
  const u = encodeURIComponent(url);
  const links: [string, string][] = [
    [
      "email",
      `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(`${text}\n\n${url}`)}`,
    ],
    ["telegram", `https://t.me/share/url?url=${u}&text=${encodeURIComponent(text)}`],
    ["whatsapp", `https://wa.me/?text=${encodeURIComponent(`${text} ${url}`)}`],
    ["vk", `https://vk.com/share.php?url=${u}&title=${encodeURIComponent(title)}`],
    ["facebook", `https://www.facebook.com/sharer/sharer.php?u=${u}`],
  ];
  return (
    <section aria-labelledby="share-heading" data-testid="share">
      <h2 class="govuk-heading-m" id="share-heading">
        {t("petitions.share.heading")}
      </h2>
      <div class="govuk-form-group">
        <label class="govuk-label govuk-label--s" for="share-link">
          {t("petitions.share.copy")}
        </label>
        <div id="share-link-hint" class="govuk-hint">
          {t("petitions.share.copy_hint")}
        </div>
        <input
          class="govuk-input govuk-!-width-full"
          id="share-link"
          type="url"
          value={url}
          readOnly
          spellcheck={false}
          aria-describedby="share-link-hint"
          lang={locale === "en" ? undefined : "en"}
        />
      </div>
      <ul class="govuk-list">
        {links.map(([name, href]) => (
          <li key={name}>
            <a class="govuk-link" href={href} rel="noopener noreferrer">
              {t(`petitions.share.${name}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function InitiatorPanel({ t, data, csrf }: { t: Translate; data: PetitionPageData; csrf: string }) {
  const p = data.petition;
  const base = `/petitions/${p.number}`;
  const canWithdraw = [
    "draft",
    "gathering",
    "admissibility",
    "collecting",
    "consideration",
  ].includes(p.status);
  return (
    <section aria-labelledby="initiator-heading">
      <h2 class="govuk-heading-m" id="initiator-heading">
        {t("petitions.initiator.title")}
      </h2>
      {p.status === "draft" ? (
        <>
          <p class="govuk-body">
            {t("petitions.initiator.draft_lead", { count: data.coInitiatorsNeeded })}
          </p>
          <ActionForm
            action={`${base}/gathering`}
            csrf={csrf}
            label={t("petitions.initiator.start")}
          />
        </>
      ) : null}
      {p.status === "gathering" && p.share_token ? (
        <>
          <p class="govuk-body">{t("petitions.initiator.share")}</p>
          <p class="govuk-body">
            <code id="share-link">{`${data.publicUrl}/petitions/join?token=${p.share_token}`}</code>
          </p>
          <p class="govuk-body">
            {t("petitions.initiator.joined", {
              count: data.coInitiators,
              needed: data.coInitiatorsNeeded,
            })}
          </p>
          <ActionForm
            action={`${base}/submit`}
            csrf={csrf}
            label={t("petitions.initiator.submit")}
          />
        </>
      ) : null}
      {canWithdraw ? (
        <ActionForm
          action={`${base}/withdraw`}
          csrf={csrf}
          label={t("petitions.initiator.withdraw")}
          warning
        />
      ) : null}
    </section>
  );
}

export interface DraftValues {
  agencyId: string;
  title: string;
  summary: string;
  proposal: string;
}

/** Step 1: the body and the text. */
export function NewPetitionPage({
  t,
  locale,
  csrf,
  bodies,
  values,
  issues,
  conflict,
}: {
  t: Translate;
  locale: Locale;
  csrf: string;
  bodies: { id: string; names: Names }[];
  values: DraftValues;
  issues: FieldIssue[];
  conflict?: string;
}) {
  return (
    <>
      <ErrorSummary t={t} issues={issues} />
      {conflict ? (
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">{t("petitions.conflict.title")}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{conflict}</p>
            </div>
          </div>
        </div>
      ) : null}
      <span class="govuk-caption-l">{t("petitions.new.step", { n: 1, of: 2 })}</span>
      <h1 class="govuk-heading-l">{t("petitions.new.title")}</h1>
      <p class="govuk-body">{t("petitions.new.lead")}</p>
      <ActionForm action="/petitions/new/check" csrf={csrf} label={t("petitions.new.continue")}>
        <Select
          t={t}
          id="agencyId"
          label={t("petitions.new.body")}
          value={values.agencyId}
          issues={issues}
          items={[
            { value: "", label: t("petitions.new.choose_body") },
            ...bodies.map((b) => ({ value: b.id, label: b.names[locale] })),
          ]}
        />
        <Input
          t={t}
          id="title"
          label={t("petitions.new.title_label")}
          value={values.title}
          issues={issues}
        />
        <TextArea
          t={t}
          id="summary"
          label={t("petitions.new.summary")}
          hint={t("petitions.new.summary_hint")}
          value={values.summary}
          issues={issues}
          rows={3}
        />
        <TextArea
          t={t}
          id="proposal"
          label={t("petitions.new.proposal")}
          hint={t("petitions.new.proposal_hint")}
          value={values.proposal}
          issues={issues}
          rows={8}
        />
      </ActionForm>
    </>
  );
}

/** Step 2: similar petitions people might join instead, then the draft is made. */
export function CheckPetitionPage({
  t,
  locale,
  csrf,
  values,
  similar,
  agencies,
}: {
  t: Translate;
  locale: Locale;
  csrf: string;
  values: DraftValues;
  similar: PetitionRow[];
  agencies: Map<string, Names>;
}) {
  return (
    <>
      <span class="govuk-caption-l">{t("petitions.new.step", { n: 2, of: 2 })}</span>
      <h1 class="govuk-heading-l">{t("petitions.new.check_title")}</h1>
      {similar.length > 0 ? (
        <>
          <p class="govuk-body">{t("petitions.new.similar_lead")}</p>
          <PetitionTable
            t={t}
            locale={locale}
            caption={t("petitions.new.similar")}
            rows={similar}
            agencies={agencies}
          />
        </>
      ) : (
        <p class="govuk-body">{t("petitions.new.no_similar")}</p>
      )}
      <dl class="govuk-summary-list">
        <SummaryRow label={t("petitions.new.body")}>
          {nameIn(agencies.get(values.agencyId), locale)}
        </SummaryRow>
        <SummaryRow label={t("petitions.new.title_label")}>{values.title}</SummaryRow>
        <SummaryRow label={t("petitions.new.summary")}>{values.summary}</SummaryRow>
      </dl>
      <ActionForm action="/petitions" csrf={csrf} label={t("petitions.new.create")}>
        <input type="hidden" name="agencyId" value={values.agencyId} />
        <input type="hidden" name="title" value={values.title} />
        <input type="hidden" name="summary" value={values.summary} />
        <input type="hidden" name="proposal" value={values.proposal} />
      </ActionForm>
    </>
  );
}

/** The co-initiators' page reached by the link. */
export function JoinPage({
  t,
  locale,
  csrf,
  petition,
  agency,
  joined,
  needed,
  signedIn,
  standing,
  identityVerified,
  token,
  conflict,
}: {
  t: Translate;
  locale: Locale;
  csrf: string | null;
  petition: PetitionRow;
  agency: Names | undefined;
  joined: number;
  needed: number;
  signedIn: boolean;
  /** The viewer started the petition, or has joined it already. */
  standing: "initiator" | "joined" | null;
  /** False when the viewer's identity is only declared: joining needs a verified one. */
  identityVerified: boolean;
  token: string;
  conflict?: string;
}) {
  const p = petition;
  return (
    <>
      {conflict ? (
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">{t("petitions.conflict.title")}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{conflict}</p>
            </div>
          </div>
        </div>
      ) : null}
      <span class="govuk-caption-l">{t("petitions.join.caption")}</span>
      <h1 class="govuk-heading-l">
        <Title p={p} locale={locale} />
      </h1>
      <dl class="govuk-summary-list">
        <SummaryRow label={t("petitions.page.body")}>{nameIn(agency, locale)}</SummaryRow>
        <SummaryRow label={t("petitions.join.joined")}>
          {t("petitions.join.count", { count: joined, needed })}
        </SummaryRow>
        {p.gathering_due_on ? (
          <SummaryRow label={t("petitions.page.gathering_due")}>
            {plainDay(p.gathering_due_on, locale)}
          </SummaryRow>
        ) : null}
      </dl>
      <h2 class="govuk-heading-m">{t("petitions.page.summary")}</h2>
      <Paragraphs text={p.summary} lang={p.language === locale ? undefined : p.language} />
      <h2 class="govuk-heading-m">{t("petitions.page.proposal")}</h2>
      <Paragraphs text={p.proposal} lang={p.language === locale ? undefined : p.language} />
      <p class="govuk-body">{t("petitions.join.lead")}</p>
      {standing ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/petitions/${p.number}`}>
            {t(
              standing === "initiator"
                ? "petitions.join.initiator"
                : "petitions.join.joined_already",
            )}
          </a>
        </p>
      ) : signedIn && !identityVerified ? (
        <IdentityNotVerifiedNotice t={t} />
      ) : signedIn && csrf ? (
        <ActionForm action="/petitions/join" csrf={csrf} label={t("petitions.join.button")}>
          <input type="hidden" name="token" value={token} />
        </ActionForm>
      ) : (
        <p class="govuk-body">
          <a
            class="govuk-link"
            href={`/login?next=${encodeURIComponent(`/petitions/join?token=${token}`)}`}
          >
            {t("petitions.join.sign_in")}
          </a>
        </p>
      )}
    </>
  );
}

export function MyPetitionsPage({
  t,
  locale,
  rows,
  agencies,
}: {
  t: Translate;
  locale: Locale;
  rows: PetitionRow[];
  agencies: Map<string, Names>;
}) {
  return (
    <>
      <h1 class="govuk-heading-l">{t("petitions.mine.title")}</h1>
      {rows.length > 0 ? (
        <PetitionTable
          t={t}
          locale={locale}
          caption={t("petitions.mine.caption")}
          rows={rows}
          agencies={agencies}
        />
      ) : (
        <p class="govuk-body">{t("petitions.mine.none")}</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href="/petitions/new">
          {t("petitions.list.start")}
        </a>
      </p>
    </>
  );
}
