import { formatDateTime } from "../../../kernel/format/index.js";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { MODERATION_KINDS, MODERATION_REASONS } from "../../../platform/manifest.js";
import {
  ErrorSummary,
  FieldError,
  Radios,
  Select,
  SuccessBanner,
  TextArea,
} from "../../../web/components/kit.js";
import { CSRF_FIELD } from "../../../web/csrf-plugin.js";
import { langOf } from "../../../web/text-language.js";
import { NOTE_MAX } from "../commands/decide.js";
import { itemKey, type QueueItem } from "../queue.js";

const EXCERPT = 280;
const excerpt = (text: string) =>
  text.length > EXCERPT ? `${text.slice(0, EXCERPT).trimEnd()}…` : text;

export interface QueuePageProps {
  t: Translate;
  locale: Locale;
  csrf: string;
  timeZone: string;
  items: QueueItem[];
  kind: string;
  notice?: { done: number; refused: number } | undefined;
  issues: FieldIssue[];
  values: { items: string[]; decision: string; reason: string; note: string };
}

/** The moderator's queue: a filter by kind, then the items with one decision for those chosen. */
export function QueuePage(p: QueuePageProps) {
  const { t, locale } = p;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        {p.notice ? (
          <SuccessBanner
            title={t("moderation.notice.title")}
            text={
              p.notice.refused > 0
                ? t("moderation.notice.done_refused", p.notice)
                : t("moderation.notice.done", p.notice)
            }
          />
        ) : null}
        <ErrorSummary t={t} issues={p.issues} fieldIds={{ items: "items", reason: "reason" }} />
        <h1 class="govuk-heading-l">{t("moderation.title")}</h1>
        <p class="govuk-body">{t("moderation.lead")}</p>
        <form method="get" action="/office/moderation" class="halyq-filter">
          <Select
            t={t}
            id="kind"
            label={t("moderation.filter.kind")}
            issues={[]}
            value={p.kind}
            items={[
              { value: "", label: t("moderation.filter.all") },
              ...MODERATION_KINDS.map((k) => ({ value: k, label: t(`moderation.kinds.${k}`) })),
            ]}
          />
          <button type="submit" class="govuk-button govuk-button--secondary">
            {t("moderation.filter.apply")}
          </button>
        </form>
        {p.items.length === 0 ? (
          <p class="govuk-body">{t("moderation.empty")}</p>
        ) : (
          <form method="post" action="/office/moderation" novalidate>
            <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
            <input type="hidden" name="kind" value={p.kind} />
            <ItemList {...p} />
            <Radios
              t={t}
              id="decision"
              legend={t("moderation.decision.legend")}
              issues={p.issues}
              value={p.values.decision || "hide"}
              items={[
                { value: "hide", label: t("moderation.decision.hide") },
                {
                  value: "approve",
                  label: t("moderation.decision.approve"),
                  hint: t("moderation.decision.approve_hint"),
                },
              ]}
            />
            <Radios
              t={t}
              id="reason"
              legend={t("moderation.reason.legend")}
              hint={t("moderation.reason.hint")}
              issues={p.issues}
              value={p.values.reason}
              items={MODERATION_REASONS.map((r) => ({
                value: r,
                label: t(`moderation.reasons.${r}`),
              }))}
            />
            <TextArea
              t={t}
              id="note"
              label={t("moderation.note.label")}
              hint={t("moderation.note.hint")}
              issues={p.issues}
              value={p.values.note}
              maxLength={NOTE_MAX}
              locale={locale}
              rows={3}
            />
            <button type="submit" class="govuk-button" data-prevent-double-click="true">
              {t("moderation.submit")}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}

function ItemList(p: QueuePageProps) {
  const { t, locale } = p;
  const error = p.issues.some((i) => i.field === "items");
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={error ? "items-error" : undefined}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
          {t("moderation.items.legend", { count: p.items.length })}
        </legend>
        <FieldError t={t} issues={p.issues} field="items" id="items-error" />
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {p.items.map((item, i) => {
            const key = itemKey(item);
            const id = i === 0 ? "items" : `items-${i}`;
            const text = excerpt(item.text);
            return (
              <div key={key} class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id={id}
                  name="items[]"
                  type="checkbox"
                  value={key}
                  checked={p.values.items.includes(key)}
                  aria-describedby={`${id}-item-hint`}
                />
                <label class="govuk-label govuk-checkboxes__label" for={id}>
                  <span lang={langOf(text, locale)}>{text}</span>
                </label>
                <div id={`${id}-item-hint`} class="govuk-hint govuk-checkboxes__hint">
                  <strong>{t(`moderation.kinds.${item.kind}`)}</strong>
                  {" · "}
                  {item.state === "reported"
                    ? t("moderation.reported", { count: item.reports })
                    : t(item.pending ? "moderation.waiting" : "moderation.new")}
                  {item.at ? ` · ${formatDateTime(item.at, locale, p.timeZone)}` : ""}
                  <br />
                  <a
                    class="govuk-link"
                    href={item.source.href}
                    lang={langOf(item.source.title, locale)}
                  >
                    {item.source.title}
                  </a>
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
