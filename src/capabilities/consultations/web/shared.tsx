import type { Locale, Translate } from "../../../kernel/i18n.js";
import { formatDate } from "../../../web/format.js";
import type { ConsultationStatus } from "../consultation.js";

const COLOURS: Record<ConsultationStatus, string> = {
  open: "govuk-tag--green",
  closed: "govuk-tag--grey",
  reported: "govuk-tag--blue",
};

/** Where a discussion stands, as a GOV.UK tag. */
export function StatusTag({ t, status }: { t: Translate; status: ConsultationStatus }) {
  return (
    <strong class={`govuk-tag ${COLOURS[status]}`}>{t(`consultations.status.${status}`)}</strong>
  );
}

/** "From 19 March 2025 to 2 April 2025 inclusive", in the reader's language. */
export function windowText(
  t: Translate,
  locale: Locale,
  v: { opens_on: string; closes_on: string },
): string {
  return t("consultations.window", {
    from: formatDate(v.opens_on, locale, "long"),
    to: formatDate(v.closes_on, locale, "long"),
  });
}

/** Text with its line breaks kept. */
export function Lines({ text }: { text: string }) {
  const lines = text.split("\n");
  return (
    <>
      {lines.map((line, i) => (
        <span key={i}>
          {i > 0 ? <br /> : null}
          {line}
        </span>
      ))}
    </>
  );
}

/** Several paragraphs of text (blank lines between), as GOV.UK body paragraphs. */
export function Paragraphs({ text, lang }: { text: string; lang?: string | undefined }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== "")
        .map((p, i) => (
          <p key={i} class="govuk-body" lang={lang}>
            <Lines text={p} />
          </p>
        ))}
    </>
  );
}

/** One row of a GOV.UK summary list. */
export function Row({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** Messages for the conflicts the commands return, by their `reason`. */
export function conflictText(
  t: Translate,
  params: Record<string, string | number> | undefined,
  locale: Locale,
): string {
  const reason = String(params?.reason ?? "");
  const closes =
    typeof params?.closes === "string" ? formatDate(params.closes, locale, "long") : "";
  const known = [
    "window_closed",
    "window_open",
    "reported",
    "unanswered",
    "hidden",
    "already_hidden",
    "report_first",
    "changed",
    "files_closed",
  ];
  return known.includes(reason)
    ? t(`consultations.conflict.${reason}`, { closes, n: Number(params?.n ?? 0) })
    : t("consultations.conflict.changed");
}
