import type { Locale, Translate } from "../../../../kernel/i18n.js";
import type { SheetColumn } from "../../../../web/spreadsheet.js";
import type { AppealRow } from "../../appeal.repository.js";
import type { NearestTerm } from "../../nearest-term.js";
import { staffStatus } from "./wording.js";

/** One line of the registration journal, with what it needs from elsewhere. */
export interface JournalLine {
  row: AppealRow;
  term: NearestTerm | null;
  executor: string;
  topic: string;
  /** The day the answer went, on the body's clock. */
  answeredOn: string | null;
}

/**
 * The registration journal's columns, in the reader's language. Applicants' names, IIN/BIN,
 * contacts and addresses are columns only when `personal` (the policy's "appeal.personal_data");
 * without it the applicant is only a kind of applicant, and nothing else about them is written.
 */
export function journalColumns(
  t: Translate,
  _locale: Locale,
  personal: boolean,
): SheetColumn<JournalLine>[] {
  const f = (key: string) => t(`appeals.staff.field.${key}`);
  const kindOfApplicant = (r: AppealRow) => t(`appeals.staff.applicant_type.${r.applicant_type}`);
  return [
    { header: f("number"), type: "text", value: (l) => l.row.number, width: 16 },
    { header: f("registered"), type: "date", value: (l) => l.row.registered_on, width: 14 },
    {
      header: f("channel"),
      type: "text",
      value: (l) => t(`appeals.channel.${l.row.channel}`),
      width: 16,
    },
    { header: f("kind"), type: "text", value: (l) => t(`appeals.kind.${l.row.kind}`), width: 18 },
    ...(personal
      ? ([
          {
            header: f("applicant"),
            type: "text",
            value: (l) => l.row.applicant_name ?? kindOfApplicant(l.row),
            width: 30,
          },
          {
            header: `${f("iin")} / ${f("bin")}`,
            type: "text",
            value: (l) => l.row.applicant_iin ?? l.row.applicant_bin,
            width: 14,
          },
          {
            header: t("appeals.staff.register_export.contacts"),
            type: "text",
            value: (l) =>
              [l.row.applicant_phone, l.row.applicant_email].filter(Boolean).join(", ") || null,
            width: 28,
          },
          {
            header: f("postal_address"),
            type: "text",
            value: (l) => l.row.applicant_address,
            width: 30,
          },
        ] satisfies SheetColumn<JournalLine>[])
      : ([
          {
            header: f("applicant_type"),
            type: "text",
            value: (l) => kindOfApplicant(l.row),
            width: 18,
          },
        ] satisfies SheetColumn<JournalLine>[])),
    { header: f("category"), type: "text", value: (l) => l.topic || null, width: 24 },
    { header: f("subject"), type: "text", value: (l) => l.row.subject, width: 40 },
    { header: f("executor"), type: "text", value: (l) => l.executor || null, width: 26 },
    { header: f("status"), type: "text", value: (l) => staffStatus(t, l.row.status), width: 22 },
    {
      header: t("appeals.staff.nearest.column"),
      type: "date",
      value: (l) => l.term?.on ?? null,
      width: 14,
    },
    {
      header: t("appeals.staff.register_export.term_kind"),
      type: "text",
      value: (l) => (l.term ? t(`appeals.staff.nearest.kind.${l.term.kind}`) : null),
      width: 30,
    },
    {
      header: t("appeals.staff.register_export.overdue"),
      type: "text",
      value: (l) => (l.term?.overdue ? t("appeals.staff.yes") : null),
      width: 12,
    },
    { header: f("answered"), type: "date", value: (l) => l.answeredOn, width: 14 },
    {
      header: f("outcome"),
      type: "text",
      value: (l) => (l.row.answer_outcome ? t(`appeals.outcome.${l.row.answer_outcome}`) : null),
      width: 22,
    },
  ];
}
