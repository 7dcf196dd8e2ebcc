import type { Locale, Translate } from "../../../kernel/i18n.js";
import { StatusTag as KitStatusTag, type TagColour } from "../../../web/components/kit.js";
import { formatDate } from "../../../web/format.js";
import type { ConsultationStatus } from "../consultation.js";

const COLOURS: Record<ConsultationStatus, TagColour> = {
  open: "green",
  closed: "grey",
  reported: "blue",
};

/** Where a discussion stands, as a GOV.UK tag. */
export function StatusTag({ t, status }: { t: Translate; status: ConsultationStatus }) {
  return (
    <KitStatusTag colour={COLOURS[status]}>{t(`consultations.status.${status}`)}</KitStatusTag>
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
