import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import {
  ErrorSummary,
  FieldError,
  FileUpload,
  Form,
  InLang,
  Input,
  Paragraphs,
  ResponsiveTable,
  Select,
  StatusTag,
  SubmitButton,
  SuccessBanner,
  SummaryList,
  TextArea,
  WarningText,
} from "../../../web/components/kit.js";
import { PointsMap, pointAttributes } from "../../../web/components/map.js";
import { formatDate, formatNumber } from "../../../web/format.js";
import { PROJECT_FILE_KINDS, PROJECT_STATUSES, STAGES } from "../budget.js";
import { stageField } from "../commands/projects.js";
import type { BudgetFileRow } from "../files.js";
import { fileHref } from "../files.js";
import type { ListedProject, NewsRow, ProjectRow, StageRow } from "../project.repository.js";
import { anyLate, currentStage, isLate } from "../project-status.js";

type Named = { name_kk?: string | null; name_ru?: string | null; name_en?: string | null };

/** A name in the page's language (Russian when there is no English). */
export const named = (
  locale: Locale,
  n: { kk: string | null; ru: string | null; en: string | null },
) => (locale === "kk" ? n.kk : locale === "en" ? (n.en ?? n.ru) : n.ru) ?? n.ru ?? n.kk ?? "";

export const cycleTitle = (
  locale: Locale,
  c: { title_kk: string; title_ru: string; title_en: string | null },
) => named(locale, { kk: c.title_kk, ru: c.title_ru, en: c.title_en });

export const territoryName = (locale: Locale, n: Named, code: string) =>
  named(locale, { kk: n.name_kk ?? null, ru: n.name_ru ?? null, en: n.name_en ?? null }) || code;

const money = (t: Translate, locale: Locale, n: number | null) =>
  n === null ? t("budgets.projects.none") : t("budgets.tenge", { amount: formatNumber(n, locale) });

const date = (locale: Locale, d: string | null, none: string) =>
  d ? formatDate(d, locale, "long") : none;

/** The "late" mark: a word, not only a colour. */
function LateTag({ t }: { t: Translate }) {
  return <StatusTag colour="red">{t("budgets.projects.late")}</StatusTag>;
}

const statusColour = (s: string) =>
  s === "completed" ? "green" : s === "in_progress" ? "blue" : ("grey" as const);

/** Percent complete: a progress bar with its number in words beside it. */
function Progress({ t, id, percent }: { t: Translate; id: string; percent: number }) {
  return (
    <div class="govuk-!-margin-bottom-4">
      <p class="govuk-body govuk-!-margin-bottom-1" id={id}>
        {t("budgets.projects.percent_text", { percent })}
      </p>
      <progress max={100} value={percent} aria-labelledby={id}>
        {percent}%
      </progress>
    </div>
  );
}

export interface ListFilter {
  cycle: string;
  territory: string;
  category: string;
  status: string;
}

/** The public list of projects: a filter (GET), a map of those with a place, and the list. */
export function ProjectListPage({
  t,
  locale,
  action,
  heading,
  filter,
  cycles,
  territories,
  categories,
  rows,
  stages,
  today,
}: {
  t: Translate;
  locale: Locale;
  action: string;
  heading: string;
  filter: ListFilter;
  cycles:
    | { id: string; year: number; title_kk: string; title_ru: string; title_en: string | null }[]
    | null;
  territories: { code: string; name_kk: string; name_ru: string; name_en: string }[];
  categories: string[];
  rows: ListedProject[];
  stages: Map<string, StageRow[]>;
  today: string;
}) {
  const any = { value: "", label: t("budgets.projects.filter.any") };
  return (
    <>
      <h1 class="govuk-heading-l">{heading}</h1>
      <p class="govuk-body">{t("budgets.projects.list.lead")}</p>
      <form method="get" action={action} class="halyq-filter">
        {cycles ? (
          <Select
            t={t}
            id="cycle"
            label={t("budgets.projects.filter.cycle")}
            issues={[]}
            value={filter.cycle}
            items={[
              any,
              ...cycles.map((c) => ({
                value: c.id,
                label: `${c.year} — ${cycleTitle(locale, c)}`,
              })),
            ]}
          />
        ) : null}
        <Select
          t={t}
          id="territory"
          label={t("budgets.projects.filter.territory")}
          issues={[]}
          value={filter.territory}
          items={[
            any,
            ...territories.map((tr) => ({
              value: tr.code,
              label: territoryName(locale, tr, tr.code),
            })),
          ]}
        />
        <Select
          t={t}
          id="category"
          label={t("budgets.projects.filter.category")}
          issues={[]}
          value={filter.category}
          items={[any, ...categories.map((c) => ({ value: c, label: t(`budgets.category.${c}`) }))]}
        />
        <Select
          t={t}
          id="status"
          label={t("budgets.projects.filter.status")}
          issues={[]}
          value={filter.status}
          items={[
            any,
            ...PROJECT_STATUSES.map((s) => ({ value: s, label: t(`budgets.project_status.${s}`) })),
          ]}
        />
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t("budgets.projects.filter.show")}
        </button>
      </form>
      <h2 class="govuk-heading-m">{t("budgets.projects.list.count", { count: rows.length })}</h2>
      {rows.some((r) => r.lat !== null && r.lng !== null) ? (
        <PointsMap t={t} listId="project-list" label={t("budgets.projects.list.map")} />
      ) : null}
      {rows.length === 0 ? (
        <p class="govuk-body">{t("budgets.projects.list.empty")}</p>
      ) : (
        <ul class="govuk-list" id="project-list">
          {rows.map((r) => {
            const s = stages.get(r.id) ?? [];
            const current = currentStage(s);
            return (
              <li
                key={r.id}
                class="govuk-!-margin-bottom-4"
                {...pointAttributes({ lat: r.lat, lon: r.lng })}
              >
                <a class="govuk-link govuk-!-font-weight-bold" href={`/budgets/projects/${r.id}`}>
                  <InLang lang={r.language} page={locale}>
                    {r.title}
                  </InLang>
                </a>
                <br />
                <span class="govuk-body-s">
                  {territoryName(
                    locale,
                    { name_kk: r.territory_kk, name_ru: r.territory_ru, name_en: r.territory_en },
                    r.territory_code,
                  )}
                  {" · "}
                  {t(`budgets.category.${r.category}`)}
                  {" · "}
                  {r.cycle_year}
                </span>
                <br />
                <StatusTag colour={statusColour(r.status)}>
                  {t(`budgets.project_status.${r.status}`)}
                </StatusTag>{" "}
                {anyLate(s, today) ? <LateTag t={t} /> : null}{" "}
                <span class="govuk-body-s">
                  {t("budgets.projects.percent_text", { percent: r.percent })}
                  {" · "}
                  {current
                    ? t("budgets.projects.current", { stage: t(`budgets.stage.${current}`) })
                    : t("budgets.projects.all_done")}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** The stages table: planned and actual dates, and whether each is late, in words. */
function StagesTable({
  t,
  locale,
  stages,
  today,
}: {
  t: Translate;
  locale: Locale;
  stages: StageRow[];
  today: string;
}) {
  const none = t("budgets.projects.none");
  return (
    <ResponsiveTable
      id="stages"
      caption={t("budgets.projects.stages.title")}
      rows={stages}
      rowKey={(s) => s.stage}
      columns={[
        {
          key: "stage",
          header: t("budgets.projects.stages.stage"),
          rowHeader: true,
          cell: (s) => t(`budgets.stage.${s.stage}`),
        },
        {
          key: "planned",
          header: t("budgets.projects.stages.planned"),
          cell: (s) =>
            `${date(locale, s.planned_start, none)} — ${date(locale, s.planned_end, none)}`,
        },
        {
          key: "actual",
          header: t("budgets.projects.stages.actual"),
          cell: (s) =>
            s.actual_start || s.actual_end
              ? `${date(locale, s.actual_start, none)} — ${date(locale, s.actual_end, t("budgets.projects.stages.ongoing"))}`
              : t("budgets.projects.stages.not_started"),
        },
        {
          key: "state",
          header: t("budgets.projects.stages.state"),
          cell: (s) =>
            isLate(s, today) ? (
              <LateTag t={t} />
            ) : s.actual_end ? (
              t("budgets.projects.stages.on_time")
            ) : (
              none
            ),
        },
      ]}
    />
  );
}

/** Photos before, during and after, each group under its heading, alt text from the caption. */
function Photos({
  t,
  photos,
  remove,
}: {
  t: Translate;
  photos: BudgetFileRow[];
  remove?: { csrf: string; action: (id: string) => string };
}) {
  return (
    <>
      {PROJECT_FILE_KINDS.map((kind) => {
        const group = photos.filter((p) => p.kind === kind);
        return (
          <section key={kind} aria-labelledby={`photos-${kind}`}>
            <h3 class="govuk-heading-s" id={`photos-${kind}`}>
              {t(`budgets.projects.photos.${kind}`)}
            </h3>
            {group.length === 0 ? (
              <p class="govuk-body">{t("budgets.projects.photos.none")}</p>
            ) : (
              <div class="halyq-photos">
                {group.map((p) => (
                  <div key={p.id} class="govuk-!-margin-bottom-4">
                    <figure class="govuk-!-margin-0">
                      <img src={fileHref(p)} alt={p.caption ?? ""} loading="lazy" />
                      <figcaption class="govuk-body-s">{p.caption}</figcaption>
                    </figure>
                    {remove ? (
                      <Form action={remove.action(p.id)} csrf={remove.csrf}>
                        <button type="submit" class="govuk-button govuk-button--warning">
                          {t("budgets.projects.photos.remove")}
                          <span class="govuk-visually-hidden">: {p.caption}</span>
                        </button>
                      </Form>
                    ) : null}
                  </div>
                ))}
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}

function News({ t, locale, news }: { t: Translate; locale: Locale; news: NewsRow[] }) {
  if (news.length === 0) return <p class="govuk-body">{t("budgets.projects.news.none")}</p>;
  return (
    <ol class="govuk-list">
      {news.map((n) => (
        <li key={n.id} class="govuk-!-margin-bottom-4">
          <p class="govuk-body-s govuk-!-margin-bottom-1">
            <time datetime={n.created_at}>
              {formatDate(n.created_at.slice(0, 10), locale, "long")}
            </time>
          </p>
          <Paragraphs text={n.body} lang={n.language === locale ? undefined : n.language} />
        </li>
      ))}
    </ol>
  );
}

/** The facts of a project: where it came from, where it is, who builds it, and the money. */
function Facts({
  t,
  locale,
  project,
  territory,
  cycle,
}: {
  t: Translate;
  locale: Locale;
  project: ProjectRow;
  territory: string;
  cycle: { id: string; title: string };
}) {
  const over =
    project.amount_spent !== null &&
    project.amount_contracted !== null &&
    project.amount_spent > project.amount_contracted;
  return (
    <>
      <SummaryList
        id="facts"
        rows={[
          {
            label: t("budgets.projects.facts.status"),
            value: t(`budgets.project_status.${project.status}`),
          },
          {
            label: t("budgets.projects.facts.proposal"),
            value: (
              <a
                class="govuk-link"
                href={`/budgets/${project.cycle_id}/proposals/${project.proposal_id}`}
              >
                {t("budgets.projects.facts.proposal_link")}
              </a>
            ),
          },
          {
            label: t("budgets.projects.facts.cycle"),
            value: (
              <a class="govuk-link" href={`/budgets/${cycle.id}`}>
                {cycle.title}
              </a>
            ),
          },
          { label: t("budgets.projects.facts.territory"), value: territory },
          {
            label: t("budgets.projects.facts.category"),
            value: t(`budgets.category.${project.category}`),
          },
          {
            label: t("budgets.projects.facts.place"),
            value: project.address ?? t("budgets.projects.none"),
          },
          {
            label: t("budgets.projects.facts.contractor"),
            value: project.contractor ?? t("budgets.projects.none"),
          },
          {
            label: t("budgets.projects.facts.allocated"),
            value: money(t, locale, project.amount_allocated),
          },
          {
            label: t("budgets.projects.facts.contracted"),
            value: money(t, locale, project.amount_contracted),
          },
          {
            label: t("budgets.projects.facts.spent"),
            value: money(t, locale, project.amount_spent),
          },
        ]}
      />
      {over ? (
        <WarningText label={t("budgets.projects.warning")}>
          {t("budgets.projects.facts.overspent")}
        </WarningText>
      ) : null}
    </>
  );
}

/** The public page of a project, with follow and ask. */
export function ProjectPage({
  t,
  locale,
  project,
  territory,
  cycle,
  stages,
  photos,
  news,
  today,
  viewer,
  issues,
  values,
  done,
}: {
  t: Translate;
  locale: Locale;
  project: ProjectRow;
  territory: string;
  cycle: { id: string; title: string };
  stages: StageRow[];
  photos: BudgetFileRow[];
  news: NewsRow[];
  today: string;
  viewer: { csrf: string; citizen: boolean; following: boolean } | null;
  issues: FieldIssue[];
  values: { question: string };
  done: string | undefined;
}) {
  const base = `/budgets/projects/${project.id}`;
  const current = currentStage(stages);
  return (
    <>
      <ErrorSummary t={t} issues={issues} />
      <SuccessBanner
        title={t("budgets.projects.done_title")}
        text={done ? t(`budgets.projects.done.${done}`) : undefined}
      />
      <span class="govuk-caption-l">{t("budgets.projects.caption")}</span>
      <h1 class="govuk-heading-l" lang={project.language === locale ? undefined : project.language}>
        {project.title}
      </h1>
      <p class="govuk-body">
        <StatusTag colour={statusColour(project.status)}>
          {t(`budgets.project_status.${project.status}`)}
        </StatusTag>{" "}
        {anyLate(stages, today) ? <LateTag t={t} /> : null}{" "}
        {current
          ? t("budgets.projects.current", { stage: t(`budgets.stage.${current}`) })
          : t("budgets.projects.all_done")}
      </p>
      <Progress t={t} id="percent" percent={project.percent} />
      <Facts t={t} locale={locale} project={project} territory={territory} cycle={cycle} />
      <StagesTable t={t} locale={locale} stages={stages} today={today} />
      <h2 class="govuk-heading-m">{t("budgets.projects.photos.title")}</h2>
      <Photos t={t} photos={photos} />
      <h2 class="govuk-heading-m">{t("budgets.projects.news.title")}</h2>
      <News t={t} locale={locale} news={news} />
      <h2 class="govuk-heading-m" id="follow">
        {t("budgets.projects.follow.title")}
      </h2>
      <p class="govuk-body">{t("budgets.projects.follow.lead")}</p>
      {viewer?.citizen ? (
        <Form action={`${base}/${viewer.following ? "unfollow" : "follow"}`} csrf={viewer.csrf}>
          <SubmitButton secondary={viewer.following}>
            {viewer.following
              ? t("budgets.projects.follow.stop")
              : t("budgets.projects.follow.start")}
          </SubmitButton>
        </Form>
      ) : viewer ? null : (
        <p class="govuk-body">
          <a class="govuk-link" href={`/login?next=${encodeURIComponent(base)}`}>
            {t("budgets.projects.follow.sign_in")}
          </a>
        </p>
      )}
      <h2 class="govuk-heading-m" id="ask">
        {t("budgets.projects.ask.title")}
      </h2>
      <p class="govuk-body">{t("budgets.projects.ask.lead")}</p>
      {viewer?.citizen ? (
        <Form action={`${base}/ask`} csrf={viewer.csrf}>
          <TextArea
            t={t}
            id="question"
            label={t("budgets.projects.ask.label")}
            hint={t("budgets.projects.ask.hint")}
            issues={issues}
            value={values.question}
            rows={5}
          />
          <SubmitButton>{t("budgets.projects.ask.submit")}</SubmitButton>
        </Form>
      ) : viewer ? null : (
        <p class="govuk-body">
          <a class="govuk-link" href={`/login?next=${encodeURIComponent(`${base}#ask`)}`}>
            {t("budgets.projects.ask.sign_in")}
          </a>
        </p>
      )}
    </>
  );
}

/** Confirming that mail about a project stops (the link every mail to a follower carries). */
export function UnfollowPage({
  t,
  project,
  csrf,
  following,
}: {
  t: Translate;
  project: ProjectRow;
  csrf: string;
  following: boolean;
}) {
  const base = `/budgets/projects/${project.id}`;
  return (
    <>
      <h1 class="govuk-heading-l">{t("budgets.projects.unfollow.title")}</h1>
      <p class="govuk-body">
        {following
          ? t("budgets.projects.unfollow.lead", { title: project.title })
          : t("budgets.projects.unfollow.not_following", { title: project.title })}
      </p>
      {following ? (
        <Form action={`${base}/unfollow`} csrf={csrf}>
          <SubmitButton>{t("budgets.projects.follow.stop")}</SubmitButton>
        </Form>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href={base}>
          {t("budgets.projects.back")}
        </a>
      </p>
    </>
  );
}

/** The office list of a cycle's projects. */
export function OfficeProjectsPage({
  t,
  locale,
  cycle,
  rows,
  stages,
  today,
}: {
  t: Translate;
  locale: Locale;
  cycle: { id: string; title: string };
  rows: ListedProject[];
  stages: Map<string, StageRow[]>;
  today: string;
}) {
  return (
    <>
      <span class="govuk-caption-l">{cycle.title}</span>
      <h1 class="govuk-heading-l">{t("budgets.projects.office.list_title")}</h1>
      <ResponsiveTable
        id="office-projects"
        caption={t("budgets.projects.office.list_title")}
        captionHidden
        rows={rows}
        rowKey={(r) => r.id}
        empty={t("budgets.projects.list.empty")}
        columns={[
          {
            key: "title",
            header: t("budgets.projects.office.project"),
            rowHeader: true,
            cell: (r) => (
              <a class="govuk-link" href={`/office/budgets/projects/${r.id}`}>
                <InLang lang={r.language} page={locale}>
                  {r.title}
                </InLang>
              </a>
            ),
          },
          {
            key: "territory",
            header: t("budgets.projects.facts.territory"),
            cell: (r) =>
              territoryName(
                locale,
                { name_kk: r.territory_kk, name_ru: r.territory_ru, name_en: r.territory_en },
                r.territory_code,
              ),
          },
          {
            key: "status",
            header: t("budgets.projects.facts.status"),
            cell: (r) => t(`budgets.project_status.${r.status}`),
          },
          {
            key: "percent",
            header: t("budgets.projects.office.percent"),
            numeric: true,
            cell: (r) => `${r.percent}%`,
          },
          {
            key: "late",
            header: t("budgets.projects.stages.state"),
            cell: (r) =>
              anyLate(stages.get(r.id) ?? [], today) ? (
                <LateTag t={t} />
              ) : (
                t("budgets.projects.stages.on_time")
              ),
          },
        ]}
      />
    </>
  );
}

/**
 * A date as the browser's own date control takes it (its value is YYYY-MM-DD; a browser without
 * the control shows a text box that takes the same), with its label, hint and error.
 */
function DateField(p: {
  t: Translate;
  id: string;
  label: string;
  hint: string;
  issues: FieldIssue[];
  value: string;
}) {
  const error = p.issues.some((i) => i.field === p.id);
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--s" for={p.id}>
        {p.label}
      </label>
      <div id={`${p.id}-hint`} class="govuk-hint">
        {p.hint}
      </div>
      <FieldError t={p.t} issues={p.issues} field={p.id} id={`${p.id}-error`} />
      <input
        class={`govuk-input govuk-input--width-10${error ? " govuk-input--error" : ""}`}
        id={p.id}
        name={p.id}
        type="date"
        value={p.value}
        aria-describedby={`${p.id}-hint${error ? ` ${p.id}-error` : ""}`}
      />
    </div>
  );
}

/** The office page of one project: stages, details, photos and news, each its own form. */
export function OfficeProjectPage({
  t,
  locale,
  csrf,
  project,
  stages,
  photos,
  news,
  today,
  issues,
  values,
  done,
}: {
  t: Translate;
  locale: Locale;
  csrf: string;
  project: ProjectRow;
  stages: StageRow[];
  photos: BudgetFileRow[];
  news: NewsRow[];
  today: string;
  issues: FieldIssue[];
  values: Record<string, string>;
  done: string | undefined;
}) {
  const base = `/office/budgets/projects/${project.id}`;
  const v = (name: string, fallback: string | number | null) =>
    values[name] ?? (fallback === null ? "" : String(fallback));
  return (
    <>
      <ErrorSummary t={t} issues={issues} />
      <SuccessBanner
        title={t("budgets.projects.done_title")}
        text={done ? t(`budgets.projects.done.${done}`) : undefined}
      />
      <span class="govuk-caption-l">{t("budgets.projects.office.caption")}</span>
      <h1 class="govuk-heading-l" lang={project.language === locale ? undefined : project.language}>
        {project.title}
      </h1>
      <p class="govuk-body">
        {t("budgets.projects.facts.status")}: {t(`budgets.project_status.${project.status}`)}{" "}
        {anyLate(stages, today) ? <LateTag t={t} /> : null}{" "}
        <a class="govuk-link" href={`/budgets/projects/${project.id}`}>
          {t("budgets.projects.office.public_page")}
        </a>
      </p>
      <h2 class="govuk-heading-m">{t("budgets.projects.stages.title")}</h2>
      <p class="govuk-body">{t("budgets.projects.office.stages_lead")}</p>
      <Form action={`${base}/stages`} csrf={csrf}>
        {STAGES.map((stage) => {
          const s = stages.find((x) => x.stage === stage);
          return (
            <fieldset key={stage} class="govuk-fieldset govuk-!-margin-bottom-6">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                {t(`budgets.stage.${stage}`)}
              </legend>
              {(
                [
                  ["plannedStart", s?.planned_start],
                  ["plannedEnd", s?.planned_end],
                  ["actualStart", s?.actual_start],
                  ["actualEnd", s?.actual_end],
                ] as const
              ).map(([f, current]) => (
                <DateField
                  key={f}
                  t={t}
                  id={stageField(stage, f)}
                  label={t(`budgets.projects.office.${f}`, { stage: t(`budgets.stage.${stage}`) })}
                  hint={t("budgets.projects.office.date_hint")}
                  issues={issues}
                  value={v(stageField(stage, f), current ?? null)}
                />
              ))}
            </fieldset>
          );
        })}
        <SubmitButton>{t("budgets.projects.office.save_stages")}</SubmitButton>
      </Form>
      <h2 class="govuk-heading-m">{t("budgets.projects.office.details")}</h2>
      <Form action={`${base}/details`} csrf={csrf}>
        <Input
          t={t}
          id="contractor"
          label={t("budgets.projects.facts.contractor")}
          issues={issues}
          value={v("contractor", project.contractor)}
          spellcheck
        />
        <Input
          t={t}
          id="contracted"
          label={t("budgets.projects.facts.contracted")}
          hint={t("budgets.projects.office.amount_hint")}
          issues={issues}
          value={v("contracted", project.amount_contracted)}
          width="govuk-input--width-20"
          inputmode="numeric"
        />
        <Input
          t={t}
          id="spent"
          label={t("budgets.projects.facts.spent")}
          hint={t("budgets.projects.office.amount_hint")}
          issues={issues}
          value={v("spent", project.amount_spent)}
          width="govuk-input--width-20"
          inputmode="numeric"
        />
        <Input
          t={t}
          id="percent"
          label={t("budgets.projects.office.percent")}
          hint={t("budgets.projects.office.percent_hint")}
          issues={issues}
          value={v("percent", project.percent)}
          width="govuk-input--width-5"
          inputmode="numeric"
        />
        <SubmitButton>{t("budgets.projects.office.save_details")}</SubmitButton>
      </Form>
      <h2 class="govuk-heading-m">{t("budgets.projects.photos.title")}</h2>
      <Photos
        t={t}
        photos={photos}
        remove={{ csrf, action: (id) => `${base}/photos/${id}/remove` }}
      />
      <form method="post" action={`${base}/photos`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <Select
          t={t}
          id="photoKind"
          label={t("budgets.projects.office.photo_kind")}
          issues={issues}
          value={v("photoKind", "during")}
          items={PROJECT_FILE_KINDS.map((k) => ({
            value: k,
            label: t(`budgets.projects.photos.${k}`),
          }))}
        />
        <Input
          t={t}
          id="caption"
          label={t("budgets.projects.office.caption_label")}
          hint={t("budgets.projects.office.caption_hint")}
          issues={issues}
          value={v("caption", null)}
          spellcheck
        />
        <FileUpload
          t={t}
          id="photo"
          label={t("budgets.projects.office.photo")}
          hint={t("budgets.projects.office.photo_hint")}
          issues={issues}
          accept=".jpg,.jpeg,.png,image/jpeg,image/png"
        />
        <SubmitButton>{t("budgets.projects.office.add_photo")}</SubmitButton>
      </form>
      <h2 class="govuk-heading-m">{t("budgets.projects.news.title")}</h2>
      <Form action={`${base}/news`} csrf={csrf}>
        <TextArea
          t={t}
          id="news"
          label={t("budgets.projects.office.news_label")}
          hint={t("budgets.projects.office.news_hint")}
          issues={issues}
          value={v("news", null)}
          rows={4}
          spellcheck
        />
        <SubmitButton>{t("budgets.projects.office.add_news")}</SubmitButton>
      </Form>
      <News t={t} locale={locale} news={news} />
    </>
  );
}
