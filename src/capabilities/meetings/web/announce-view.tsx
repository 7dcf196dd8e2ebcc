import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { DateInput, Input, Radios, Select, TextArea } from "../../../web/components/kit.js";
import { ELIGIBILITIES, MEETING_KINDS, pick, type Texts } from "../meeting.js";

/** The announcement form as last sent (all text), for refilling it. */
export type AnnounceValues = Record<string, string>;

const LANGS = ["kk", "ru", "en"] as const;

/** The form a body fills in to announce a hearing, assembly or conference of delegates. */
export function AnnouncePage({
  t,
  locale,
  csrf,
  bodies,
  territories,
  values,
  issues,
}: {
  t: Translate;
  locale: Locale;
  csrf: string;
  bodies: { id: string; names: Texts }[];
  territories: { code: string; names: Texts }[];
  values: AnnounceValues;
  issues: FieldIssue[];
}) {
  const v = (k: string) => values[k] ?? "";
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href="/office/meetings" class="govuk-back-link">
          {t("meetings.office.back")}
        </a>
        <ErrorSummary t={t} issues={issues} />
        <h1 class="govuk-heading-l">{t("meetings.announce.title")}</h1>
        <Form action="/office/meetings" csrf={csrf}>
          <Select
            t={t}
            id="agencyId"
            label={t("meetings.announce.body")}
            issues={issues}
            value={v("agencyId")}
            items={bodies.map((b) => ({ value: b.id, label: pick(b.names, locale).text }))}
          />
          <Radios
            t={t}
            id="kind"
            legend={t("meetings.announce.kind")}
            issues={issues}
            value={v("kind")}
            items={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))}
          />
          <h2 class="govuk-heading-m">{t("meetings.announce.texts")}</h2>
          <p class="govuk-body">{t("meetings.announce.texts_hint")}</p>
          {LANGS.map((l) => (
            <Input
              key={`title-${l}`}
              t={t}
              id={`title-${l}`}
              label={t(`meetings.announce.title_${l}`)}
              issues={issues}
              value={v(`title-${l}`)}
              lang={l}
            />
          ))}
          {LANGS.map((l) => (
            <TextArea
              key={`agenda-${l}`}
              t={t}
              id={`agenda-${l}`}
              label={t(`meetings.announce.agenda_${l}`)}
              issues={issues}
              value={v(`agenda-${l}`)}
              lang={l}
            />
          ))}
          <h2 class="govuk-heading-m">{t("meetings.announce.where_when")}</h2>
          <Input
            t={t}
            id="place"
            label={t("meetings.announce.place")}
            hint={t("meetings.announce.place_hint")}
            issues={issues}
            value={v("place")}
          />
          <Input
            t={t}
            id="onlineUrl"
            type="url"
            label={t("meetings.announce.online_url")}
            hint={t("meetings.announce.online_url_hint")}
            issues={issues}
            value={v("onlineUrl")}
          />
          <DateInput
            t={t}
            id="date"
            legend={t("meetings.announce.date")}
            hint={t("meetings.announce.date_hint")}
            issues={issues}
            value={{ day: v("date-day"), month: v("date-month"), year: v("date-year") }}
          />
          <Input
            t={t}
            id="startTime"
            label={t("meetings.announce.start_time")}
            hint={t("meetings.announce.time_hint")}
            issues={issues}
            value={v("startTime")}
            width="govuk-input--width-5"
          />
          <Input
            t={t}
            id="endTime"
            label={t("meetings.announce.end_time")}
            hint={t("meetings.announce.time_hint")}
            issues={issues}
            value={v("endTime")}
            width="govuk-input--width-5"
          />
          <Input
            t={t}
            id="capacity"
            label={t("meetings.announce.capacity")}
            hint={t("meetings.announce.capacity_hint")}
            issues={issues}
            value={v("capacity")}
            width="govuk-input--width-5"
            inputmode="numeric"
          />
          <h2 class="govuk-heading-m">{t("meetings.announce.who")}</h2>
          <Radios
            t={t}
            id="eligibility"
            legend={t("meetings.announce.eligibility")}
            issues={issues}
            value={v("eligibility") || "everyone"}
            items={ELIGIBILITIES.map((e) => ({
              value: e,
              label: t(`meetings.eligibility.${e}`),
              hint: t(`meetings.eligibility_hint.${e}`),
            }))}
          />
          <Select
            t={t}
            id="territoryCode"
            label={t("meetings.announce.territory")}
            hint={t("meetings.announce.territory_hint")}
            issues={issues}
            value={v("territoryCode")}
            items={[
              { value: "", label: t("meetings.announce.territory_own") },
              ...territories.map((k) => ({
                value: k.code,
                label: t("meetings.territory.area", { name: pick(k.names, locale).text }),
              })),
            ]}
          />
          <TextArea
            t={t}
            id="delegates"
            label={t("meetings.announce.delegates")}
            hint={t("meetings.announce.delegates_hint")}
            issues={issues}
            value={v("delegates")}
          />
          <SubmitButton>{t("meetings.announce.submit")}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
