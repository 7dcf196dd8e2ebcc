import type { Translate } from "../../../../kernel/i18n.js";
import { INBOX_STAGES, type InboxStage } from "../../tasks/stages.js";
import { type InboxParams, inboxHref } from "./inbox-query.js";

/**
 * The inbox's tabs by stage, as plain links (they work without JavaScript); the one in force is
 * marked as the current page. Choosing a tab clears a chosen status, which would contradict it.
 */
export function InboxTabs({
  t,
  params,
  stage,
}: {
  t: Translate;
  params: InboxParams;
  stage: InboxStage;
}) {
  return (
    <nav aria-label={t("appeals.tasks.stage.label")} class="halyq-inbox-scope">
      <ul class="govuk-list halyq-inline-list">
        {INBOX_STAGES.map((s) => {
          const label = t(`appeals.tasks.stage.${s}`);
          const href = inboxHref({ ...params, status: "", stage: s === "open" ? "" : s }, 1);
          return (
            <li key={s}>
              {s === stage ? (
                <a class="govuk-link" href={href} aria-current="page">
                  <strong>{label}</strong>
                </a>
              ) : (
                <a class="govuk-link" href={href}>
                  {label}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
