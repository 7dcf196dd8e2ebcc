import type { Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import {
  ErrorSummary,
  Form,
  Radios,
  SubmitButton,
  SuccessBanner,
} from "../../../../web/components/kit.js";
import { type BodyTasks, countersFor, type TaskCounter } from "../../tasks/counters.js";
import { NOTICE_MODES, type NoticeMode } from "../../tasks/notice-settings.js";

/** Where each counter leads: the inbox of the body, filtered to exactly what was counted. */
export function counterHref(body: BodyTasks, counter: TaskCounter): string {
  const q = new URLSearchParams({ agency: body.agencyId });
  const wide = body.roles.head || body.roles.registrar;
  switch (counter) {
    case "to_assign":
      q.set("scope", "all");
      q.set("stage", "new");
      break;
    case "to_answer":
      q.set("scope", "mine");
      q.set("stage", "in_work");
      break;
    case "sent_back":
      q.set("scope", "mine");
      q.set("stage", "sent_back");
      break;
    case "to_approve":
      q.set("scope", "all");
      q.set("stage", "approval");
      break;
    case "complaints":
      q.set("scope", "all");
      q.set("kind", "complaint");
      break;
    case "due_soon":
      q.set("scope", wide ? "all" : "mine");
      q.set("due", "soon");
      break;
    case "overdue":
      q.set("scope", wide ? "all" : "mine");
      q.set("due", "overdue");
      break;
  }
  return `/office/appeals?${q.toString()}`;
}

export interface TasksPageProps {
  t: Translate;
  csrf: string;
  bodies: (BodyTasks & { name: string })[];
  dueDays: number;
  digestHour: number;
  mode: NoticeMode;
  notice?: string | undefined;
  issues: FieldIssue[];
}

/** "My tasks": per body, what waits for the person, each count a link to those appeals. */
export function TasksPage(p: TasksPageProps) {
  const { t } = p;
  return (
    <>
      <ErrorSummary t={t} issues={p.issues} />
      <SuccessBanner title={t("appeals.tasks.notices.heading")} text={p.notice} />
      <h1 class="govuk-heading-l">{t("appeals.tasks.title")}</h1>
      {p.bodies.length === 0 ? <p class="govuk-body">{t("appeals.tasks.no_roles")}</p> : null}
      {p.bodies.map((body) => {
        const counters = countersFor(body.roles);
        const headingId = `tasks-${body.agencyId}`;
        return (
          <section key={body.agencyId} aria-labelledby={headingId}>
            <h2 class="govuk-heading-m" id={headingId}>
              {body.name}
            </h2>
            <ul class="govuk-list govuk-list--spaced halyq-task-counters">
              {counters.map((c) => (
                <li key={c}>
                  <a class="govuk-link" href={counterHref(body, c)} data-counter={c}>
                    <span class="halyq-task-count">{body.counts[c] ?? 0}</span>
                    {t(`appeals.tasks.counter.${c}`, { days: p.dueDays })}
                  </a>
                </li>
              ))}
            </ul>
            <p class="govuk-body">
              <a
                class="govuk-link"
                href={`/office/appeals?agency=${encodeURIComponent(body.agencyId)}`}
              >
                {t("appeals.tasks.inbox")}
              </a>
            </p>
          </section>
        );
      })}
      {p.bodies.length > 0 ? (
        <section aria-labelledby="notices">
          <h2 class="govuk-heading-m" id="notices">
            {t("appeals.tasks.notices.heading")}
          </h2>
          <Form action="/office/tasks/notices" csrf={p.csrf}>
            <Radios
              t={t}
              id="mode"
              legend={t("appeals.tasks.notices.heading")}
              hint={t("appeals.tasks.notices.hint")}
              issues={p.issues}
              value={p.mode}
              items={NOTICE_MODES.map((m) => ({
                value: m,
                label: t(`appeals.tasks.notices.${m}`, { hour: p.digestHour }),
              }))}
            />
            <SubmitButton>{t("appeals.tasks.notices.save")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </>
  );
}
