import type { Locale, Translate } from "../../../kernel/i18n.js";
import { isSafeHttpsUrl } from "../../../kernel/safe-url.js";
import { InLang, StatusTag, SummaryRow } from "../../../web/components/kit.js";
import { formatEventTime } from "../../../web/format-time.js";
import { type MeetingPhase, type MeetingRow, pick, type Texts } from "../meeting.js";

/** A three-language text in the reader's language, or the first given, marked with its language. */
export function Localised({ texts, locale }: { texts: Texts; locale: Locale }) {
  const { text, lang } = pick(texts, locale);
  return (
    <InLang lang={lang} page={locale}>
      {text}
    </InLang>
  );
}

export function PhaseTag({ t, phase }: { t: Translate; phase: MeetingPhase }) {
  const colour = phase === "upcoming" ? "blue" : phase === "in_progress" ? "green" : "grey";
  return <StatusTag colour={colour}>{t(`meetings.phase.${phase}`)}</StatusTag>;
}

/** The facts of a meeting every reader sees: body, time, place or link, places, who may come. */
export function MeetingFacts({
  t,
  locale,
  meeting,
  agency,
  territory,
  counts,
  phase,
}: {
  t: Translate;
  locale: Locale;
  meeting: MeetingRow;
  agency: Texts;
  territory: Texts | null;
  counts: { confirmed: number; waiting: number };
  phase: MeetingPhase;
}) {
  const url = meeting.online_url && isSafeHttpsUrl(meeting.online_url) ? meeting.online_url : null;
  return (
    <dl class="govuk-summary-list">
      <SummaryRow label={t("meetings.facts.status")}>
        <PhaseTag t={t} phase={phase} />
      </SummaryRow>
      <SummaryRow label={t("meetings.facts.body")}>
        <Localised texts={agency} locale={locale} />
      </SummaryRow>
      <SummaryRow label={t("meetings.facts.when")}>
        {formatEventTime(meeting, locale)}
        <div class="govuk-hint govuk-!-margin-bottom-0">
          {t("meetings.facts.zone", { zone: meeting.time_zone })}
        </div>
      </SummaryRow>
      {meeting.place ? (
        <SummaryRow label={t("meetings.facts.place")}>{meeting.place}</SummaryRow>
      ) : null}
      {url ? (
        <SummaryRow label={t("meetings.facts.online")}>
          <a class="govuk-link" href={url} rel="noopener noreferrer nofollow">
            {url}
          </a>
        </SummaryRow>
      ) : null}
      <SummaryRow label={t("meetings.facts.places")}>
        {t("meetings.facts.places_value", {
          capacity: meeting.capacity,
          confirmed: counts.confirmed,
          waiting: counts.waiting,
        })}
      </SummaryRow>
      <SummaryRow label={t("meetings.facts.who")}>
        {meeting.eligibility === "residents" && territory
          ? t("meetings.eligibility.residents_of", { name: pick(territory, locale).text })
          : t(`meetings.eligibility.${meeting.eligibility}`)}
      </SummaryRow>
    </dl>
  );
}
