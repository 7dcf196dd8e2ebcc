import { dateIn } from "../../../kernel/format/index.js";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import {
  ErrorSummary,
  Form,
  InsetText,
  Paragraphs,
  Radios,
  ResponsiveTable,
  Select,
  StatusTag,
  SubmitButton,
  SuccessBanner,
  SummaryList,
  type TagColour,
  TextArea,
  TextField,
  WarningText,
} from "../../../web/components/kit.js";
import { formatDatePhrase, formatInstantDate, formatNumber } from "../../../web/format.js";
import type { CycleRow, ProposalRow, TerritoryRow } from "../budget.js";
import { REJECTION_REASONS } from "../budget.js";
import type { DecisionInput } from "../commands/council.js";
import { MAX_CONFLICT_NOTE, MAX_DECISION_TEXT } from "../commands/council.js";
import type { ConflictRow, ExpertRow } from "../council.repository.js";
import type { BudgetFileRow } from "../files.js";
import { fileHref } from "../files.js";
import { proposalPath } from "../notify.js";

const ZONE = "Asia/Almaty";

/** A date phrase ("on 7 March 2027") for an instant, on Kazakhstan's clock. */
const on = (instant: string, locale: Locale, phrase: "on" | "from" = "on") =>
  formatDatePhrase(dateIn(instant, ZONE), locale, phrase);

/** A person as the council pages name them: surname, given name, patronymic. */
export interface Named {
  id: string;
  surname: string;
  given_name: string;
  patronymic: string | null;
}
export const nameOf = (n: Omit<Named, "id"> | undefined): string =>
  n ? [n.surname, n.given_name, n.patronymic].filter(Boolean).join(" ") : "—";

export const councilPath = (cycleId: string) => `/office/budgets/${cycleId}/council`;

const cycleTitle = (c: CycleRow, locale: Locale) =>
  (locale === "kk" ? c.title_kk : locale === "ru" ? c.title_ru : (c.title_en ?? c.title_ru)) ||
  c.title_kk;

const territoryName = (t: TerritoryRow | undefined, locale: Locale) =>
  t ? t[`name_${locale}`] || t.name_ru : "—";

const tenge = (t: Translate, n: number | null, locale: Locale) =>
  n === null ? "—" : t("budgets.tenge", { amount: formatNumber(n, locale) });

const STATUS_COLOUR: Record<string, TagColour> = {
  submitted: "blue",
  admitted: "green",
  rejected: "red",
  merged: "grey",
};

function Status({ t, status }: { t: Translate; status: string }) {
  return (
    <StatusTag colour={STATUS_COLOUR[status]}>{t(`budgets.proposal_status.${status}`)}</StatusTag>
  );
}

/** The council's composition: its members, a form naming one more, a button removing each. */
export function MembersPage(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  cycle: CycleRow;
  members: (ExpertRow & { name: string })[];
  candidates: Named[];
  closed: boolean;
  done: string | undefined;
  issues: FieldIssue[];
  chosen: string;
}) {
  const { t, locale, cycle } = p;
  const base = `${councilPath(cycle.id)}/members`;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a class="govuk-back-link" href="/office/budgets">
          {t("budgets.council.back_to_cycles")}
        </a>
        <ErrorSummary t={t} issues={p.issues} />
        <SuccessBanner
          title={t("budgets.council.done_title")}
          text={p.done ? t(`budgets.council.done.${p.done}`) : undefined}
        />
        <span class="govuk-caption-l">{cycleTitle(cycle, locale)}</span>
        <h1 class="govuk-heading-l">{t("budgets.council.members.title")}</h1>
        <p class="govuk-body">{t("budgets.council.members.lead")}</p>
        <h2 class="govuk-heading-m">{t("budgets.council.members.current")}</h2>
        {p.members.length === 0 ? (
          <p class="govuk-body" id="no-members">
            {t("budgets.council.members.none")}
          </p>
        ) : (
          <ul class="govuk-list" id="members">
            {p.members.map((m) => (
              <li key={m.account_id} class="halyq-council-member">
                <span>{m.name}</span>{" "}
                <span class="govuk-hint govuk-!-display-inline">
                  {t("budgets.council.members.named_on", { dateOn: on(m.added_at, locale) })}
                </span>
                {p.closed ? null : (
                  <Form action={`${base}/remove`} csrf={p.csrf}>
                    <input type="hidden" name="accountId" value={m.account_id} />
                    <button
                      type="submit"
                      class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
                      data-prevent-double-click="true"
                    >
                      {t("budgets.council.members.remove")}
                      <span class="govuk-visually-hidden"> {m.name}</span>
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
        {p.closed ? (
          <InsetText>{t("budgets.council.members.closed")}</InsetText>
        ) : p.candidates.length === 0 ? (
          <InsetText>{t("budgets.council.members.no_candidates")}</InsetText>
        ) : (
          <>
            <h2 class="govuk-heading-m">{t("budgets.council.members.add_title")}</h2>
            <Form action={base} csrf={p.csrf}>
              <Select
                t={t}
                id="accountId"
                label={t("budgets.council.members.who")}
                hint={t("budgets.council.members.who_hint")}
                value={p.chosen}
                issues={p.issues}
                items={[
                  { value: "", label: t("budgets.council.members.choose") },
                  ...p.candidates.map((c) => ({ value: c.id, label: nameOf(c) })),
                ]}
              />
              <SubmitButton>{t("budgets.council.members.add")}</SubmitButton>
            </Form>
          </>
        )}
        <p class="govuk-body">
          <a class="govuk-link" href={councilPath(cycle.id)}>
            {t("budgets.council.queue.title")}
          </a>
        </p>
      </div>
    </div>
  );
}

/** The council's queue: the proposals before it, filtered, with what is still undecided. */
export function QueuePage(p: {
  t: Translate;
  locale: Locale;
  cycle: CycleRow;
  phase: string;
  territories: TerritoryRow[];
  rows: ProposalRow[];
  undecided: number;
  conflicted: Set<string>;
  filter: { territory: string; status: string };
  canManage: boolean;
}) {
  const { t, locale, cycle } = p;
  const territories = new Map(p.territories.map((tr) => [tr.code, tr]));
  const votingOn = on(cycle.voting_at, locale);
  return (
    <>
      <a class="govuk-back-link" href="/office/budgets">
        {t("budgets.council.back_to_cycles")}
      </a>
      <span class="govuk-caption-l">{cycleTitle(cycle, locale)}</span>
      <h1 class="govuk-heading-l">{t("budgets.council.queue.title")}</h1>
      <p class="govuk-body">
        {t("budgets.council.queue.phase", { phase: t(`budgets.phase.${p.phase}`) })}
      </p>
      <InsetText>
        <p class="govuk-body" id="undecided">
          {t("budgets.council.queue.undecided", { count: p.undecided, votingOn })}
        </p>
        <p class="govuk-body">{t("budgets.council.queue.undecided_note")}</p>
      </InsetText>
      <p class="govuk-body">
        <a class="govuk-link" href={`/budgets/${cycle.id}`}>
          {t("budgets.council.queue.public_cycle")}
        </a>
        {p.canManage ? (
          <>
            {" · "}
            <a class="govuk-link" href={`${councilPath(cycle.id)}/members`}>
              {t("budgets.council.members.title")}
            </a>
          </>
        ) : null}
      </p>
      <form method="get" action={councilPath(cycle.id)} class="halyq-filter">
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third">
            <Select
              t={t}
              id="territory"
              label={t("budgets.council.queue.territory")}
              value={p.filter.territory}
              issues={[]}
              items={[
                { value: "", label: t("budgets.council.queue.all_territories") },
                ...p.territories.map((tr) => ({
                  value: tr.code,
                  label: territoryName(tr, locale),
                })),
              ]}
            />
          </div>
          <div class="govuk-grid-column-one-third">
            <Select
              t={t}
              id="status"
              label={t("budgets.council.queue.status")}
              value={p.filter.status}
              issues={[]}
              items={[
                { value: "", label: t("budgets.council.queue.all_statuses") },
                ...["submitted", "admitted", "rejected", "merged"].map((s) => ({
                  value: s,
                  label: t(`budgets.proposal_status.${s}`),
                })),
              ]}
            />
          </div>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t("budgets.council.queue.filter")}
        </button>
      </form>
      <ResponsiveTable
        id="council-queue"
        caption={t("budgets.council.queue.caption")}
        rows={p.rows}
        rowKey={(r) => r.id}
        empty={t("budgets.council.queue.empty")}
        columns={[
          {
            key: "number",
            header: t("budgets.council.queue.number"),
            rowHeader: true,
            cell: (r) => `№ ${r.number ?? ""}`,
          },
          {
            key: "title",
            header: t("budgets.council.queue.proposal"),
            cell: (r) => (
              <>
                <a class="govuk-link" href={`${councilPath(cycle.id)}/${r.id}`} lang={r.language}>
                  {r.title}
                </a>
                {p.conflicted.has(r.id) ? (
                  <span class="govuk-hint"> {t("budgets.council.queue.your_conflict")}</span>
                ) : null}
                <br />
                <a class="govuk-link govuk-body-s" href={proposalPath(r)}>
                  {t("budgets.council.public_page")}
                  <span class="govuk-visually-hidden"> № {r.number ?? ""}</span>
                </a>
              </>
            ),
          },
          {
            key: "territory",
            header: t("budgets.council.queue.territory"),
            cell: (r) => territoryName(territories.get(r.territory_code), locale),
          },
          {
            key: "category",
            header: t("budgets.council.category"),
            cell: (r) => t(`budgets.category.${r.category}`),
          },
          {
            key: "estimate",
            header: t("budgets.council.estimate"),
            numeric: true,
            cell: (r) => tenge(t, r.cost_estimate, locale),
          },
          {
            key: "status",
            header: t("budgets.council.queue.status"),
            cell: (r) => <Status t={t} status={r.status} />,
          },
          {
            key: "cost",
            header: t("budgets.council.council_cost"),
            numeric: true,
            cell: (r) => tenge(t, r.council_cost, locale),
          },
        ]}
      />
    </>
  );
}

/** The proposal before the council: all of it, its conflicts, the decision and its form. */
export function ProposalPage(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  cycle: CycleRow;
  phase: string;
  proposal: ProposalRow;
  territory: TerritoryRow | undefined;
  files: BudgetFileRow[];
  conflicts: (ConflictRow & { name: string })[];
  conflicted: boolean;
  canDecide: boolean;
  decidedBy: string | null;
  mergedInto: ProposalRow | undefined;
  neighbours: ProposalRow[];
  mergeTargets: ProposalRow[];
  values: DecisionInput;
  issues: FieldIssue[];
  note: string;
  done: string | undefined;
  problem: string | undefined;
}) {
  const { t, locale, cycle, proposal: pr } = p;
  const here = `${councilPath(cycle.id)}/${pr.id}`;
  const decided = pr.decided_at !== null;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a class="govuk-back-link" href={councilPath(cycle.id)}>
          {t("budgets.council.queue.title")}
        </a>
        <ErrorSummary t={t} issues={p.issues} />
        {p.problem ? (
          <div class="govuk-error-summary" data-module="govuk-error-summary">
            <div role="alert">
              <h2 class="govuk-error-summary__title">{t("budgets.council.problem_title")}</h2>
              <div class="govuk-error-summary__body">
                <p class="govuk-body" id="problem">
                  {p.problem}
                </p>
              </div>
            </div>
          </div>
        ) : null}
        <SuccessBanner
          title={t("budgets.council.done_title")}
          text={p.done ? t(`budgets.council.done.${p.done}`) : undefined}
        />
        <span class="govuk-caption-l">
          {cycleTitle(cycle, locale)} · № {pr.number ?? ""}
        </span>
        <h1 class="govuk-heading-l" lang={pr.language}>
          {pr.title}
        </h1>
        <p class="govuk-body">
          <Status t={t} status={pr.status} />
        </p>
        <SummaryList
          rows={[
            {
              label: t("budgets.council.queue.territory"),
              value: territoryName(p.territory, locale),
            },
            { label: t("budgets.council.category"), value: t(`budgets.category.${pr.category}`) },
            { label: t("budgets.council.estimate"), value: tenge(t, pr.cost_estimate, locale) },
            {
              label: t("budgets.council.territory_amount"),
              value: tenge(t, p.territory?.amount ?? null, locale),
            },
            {
              label: t("budgets.council.place"),
              value: (
                <>
                  {pr.address ? <span lang={pr.language}>{pr.address}</span> : null}
                  {pr.lat !== null && pr.lng !== null ? (
                    <span class="govuk-hint">
                      {" "}
                      {pr.lat.toFixed(5)}, {pr.lng.toFixed(5)}
                    </span>
                  ) : null}
                </>
              ),
            },
            {
              label: t("budgets.council.author_kind"),
              value:
                pr.author_kind === "organisation"
                  ? `${t("budgets.council.organisation")}: ${pr.organisation_name ?? ""}`
                  : t("budgets.council.person"),
            },
            {
              label: t("budgets.council.submitted_on"),
              value: pr.submitted_at ? formatInstantDate(pr.submitted_at, locale, ZONE) : "—",
            },
          ]}
        />
        <h2 class="govuk-heading-m">{t("budgets.council.description")}</h2>
        <Paragraphs text={pr.description} lang={pr.language} />
        <h2 class="govuk-heading-m">{t("budgets.council.files")}</h2>
        {p.files.length === 0 ? (
          <p class="govuk-body">{t("budgets.council.no_files")}</p>
        ) : (
          <ul class="govuk-list" id="files">
            {p.files.map((f) => (
              <li key={f.id}>
                <a class="govuk-link halyq-break" href={fileHref(f)}>
                  {t(`budgets.council.file_kind.${f.kind}`)}: {f.file_name}
                </a>
              </li>
            ))}
          </ul>
        )}
        <p class="govuk-body">
          <a class="govuk-link" href={proposalPath(pr)}>
            {t("budgets.council.public_page")}
          </a>
        </p>

        <h2 class="govuk-heading-m">{t("budgets.council.decision.title")}</h2>
        {decided ? (
          <SummaryList
            id="council-decision"
            rows={[
              {
                label: t("budgets.council.decision.label"),
                value: t(`budgets.proposal_status.${pr.status}`),
              },
              ...(pr.council_cost !== null
                ? [
                    {
                      label: t("budgets.council.council_cost"),
                      value: tenge(t, pr.council_cost, locale),
                    },
                  ]
                : []),
              ...(pr.decision_reason
                ? [
                    {
                      label: t("budgets.council.decision.reason"),
                      value: t(`budgets.reason.${pr.decision_reason}`),
                    },
                  ]
                : []),
              ...(p.mergedInto
                ? [
                    {
                      label: t("budgets.council.decision.merged_into"),
                      value: (
                        <a class="govuk-link" href={`${councilPath(cycle.id)}/${p.mergedInto.id}`}>
                          № {p.mergedInto.number ?? ""}{" "}
                          <span lang={p.mergedInto.language}>{p.mergedInto.title}</span>
                        </a>
                      ),
                    },
                  ]
                : []),
              ...(pr.decision_text
                ? [
                    {
                      label: t("budgets.council.decision.text"),
                      value: <Paragraphs text={pr.decision_text} />,
                    },
                  ]
                : []),
              {
                label: t("budgets.council.decision.by"),
                value: `${p.decidedBy ?? "—"}, ${formatInstantDate(pr.decided_at as string, locale, ZONE)}`,
              },
            ]}
          />
        ) : (
          <p class="govuk-body">{t("budgets.council.decision.none")}</p>
        )}

        {p.conflicted ? (
          <WarningText label={t("budgets.council.warning")} testId="own-conflict">
            {t("budgets.council.conflict.own")}
          </WarningText>
        ) : p.phase !== "review" ? (
          <InsetText>
            {t("budgets.council.decision.out_of_phase", {
              reviewFrom: on(cycle.review_at, locale, "from"),
              votingOn: on(cycle.voting_at, locale),
            })}
          </InsetText>
        ) : p.canDecide ? (
          <DecisionForm {...p} action={`${here}/decision`} changing={decided} />
        ) : null}

        <h2 class="govuk-heading-m">{t("budgets.council.conflict.title")}</h2>
        {p.conflicts.length === 0 ? (
          <p class="govuk-body">{t("budgets.council.conflict.none")}</p>
        ) : (
          <ul class="govuk-list" id="conflicts">
            {p.conflicts.map((c) => (
              <li key={c.account_id}>
                {t("budgets.council.conflict.declared", {
                  name: c.name,
                  dateOn: on(c.declared_at, locale),
                })}
                {c.note ? <span class="govuk-hint"> {c.note}</span> : null}
              </li>
            ))}
          </ul>
        )}
        {p.conflicted ? null : (
          <details class="govuk-details">
            <summary class="govuk-details__summary">
              <span class="govuk-details__summary-text">
                {t("budgets.council.conflict.declare")}
              </span>
            </summary>
            <div class="govuk-details__text">
              <p class="govuk-body">{t("budgets.council.conflict.lead")}</p>
              <Form action={`${here}/conflict`} csrf={p.csrf}>
                <TextArea
                  t={t}
                  id="note"
                  label={t("budgets.council.conflict.note")}
                  hint={t("budgets.council.conflict.note_hint")}
                  value={p.note}
                  issues={p.issues}
                  rows={3}
                  maxLength={MAX_CONFLICT_NOTE}
                  locale={locale}
                />
                <SubmitButton warning>{t("budgets.council.conflict.submit")}</SubmitButton>
              </Form>
            </div>
          </details>
        )}

        <h2 class="govuk-heading-m">{t("budgets.council.neighbours.title")}</h2>
        {p.neighbours.length === 0 ? (
          <p class="govuk-body">{t("budgets.council.neighbours.none")}</p>
        ) : (
          <ul class="govuk-list" id="neighbours">
            {p.neighbours.map((n) => (
              <li key={n.id}>
                <a class="govuk-link" href={`${councilPath(cycle.id)}/${n.id}`}>
                  № {n.number ?? ""} <span lang={n.language}>{n.title}</span>
                </a>{" "}
                — {t(`budgets.category.${n.category}`)}, {t(`budgets.proposal_status.${n.status}`)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function DecisionForm(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  action: string;
  changing: boolean;
  proposal: ProposalRow;
  mergeTargets: ProposalRow[];
  values: DecisionInput;
  issues: FieldIssue[];
}) {
  const { t, locale, values, issues } = p;
  return (
    <Form action={p.action} csrf={p.csrf}>
      {p.changing ? <p class="govuk-body">{t("budgets.council.decision.changing")}</p> : null}
      <Radios
        t={t}
        id="decision"
        legend={t("budgets.council.decision.legend")}
        value={values.decision}
        issues={issues}
        items={[
          { value: "admitted", label: t("budgets.council.decision.admit") },
          { value: "rejected", label: t("budgets.council.decision.reject") },
        ]}
      />
      <TextField
        t={t}
        name="cost"
        label={t("budgets.council.decision.cost")}
        hint={t("budgets.council.decision.cost_hint")}
        value={values.cost}
        issues={issues}
        inputmode="numeric"
        width="govuk-input--width-20"
      />
      <Radios
        t={t}
        id="reason"
        legend={t("budgets.council.decision.reason_legend")}
        hint={t("budgets.council.decision.reason_hint")}
        value={values.reason}
        issues={issues}
        items={REJECTION_REASONS.map((r) => ({ value: r, label: t(`budgets.reason.${r}`) }))}
      />
      <Select
        t={t}
        id="mergedInto"
        label={t("budgets.council.decision.merged_into")}
        hint={t("budgets.council.decision.merged_into_hint")}
        value={values.mergedInto}
        issues={issues}
        items={[
          { value: "", label: t("budgets.council.decision.choose_target") },
          ...p.mergeTargets.map((m) => ({
            value: m.id,
            label: `№ ${m.number ?? ""} ${m.title}`,
            lang: m.language,
          })),
        ]}
      />
      <TextArea
        t={t}
        id="text"
        label={t("budgets.council.decision.text")}
        hint={t("budgets.council.decision.text_hint")}
        value={values.text}
        issues={issues}
        rows={5}
        maxLength={MAX_DECISION_TEXT}
        locale={locale}
      />
      <SubmitButton>{t("budgets.council.decision.submit")}</SubmitButton>
    </Form>
  );
}
