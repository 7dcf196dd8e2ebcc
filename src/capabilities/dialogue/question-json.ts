import type { PlainDate, WorkingCalendar } from "../../kernel/calendar/index.js";
import { redactPersonalData } from "../../platform/privacy/redact.js";
import { workingDaysWaited } from "./ageing.js";
import { isPublic } from "./question.js";
import type { QuestionRow } from "./question.repository.js";

/** A question as the API gives it. */
export interface QuestionJson {
  id: string;
  agencyId: string;
  status: string;
  subject: string;
  text: string;
  askedOn: string;
  publishedOn: string | null;
  supporters: number;
  waitingWorkingDays: number | null;
  answer: { text: string; answeredOn: string; workingDays: number } | null;
  rejectReason: string | null;
}

/**
 * A question for the API: a public one as the public reads it (the published wording), one not
 * yet public in the asker's own words (only its asker and the body's moderators are shown it).
 * What is public passes through the platform's redaction of personal data.
 */
export function questionJson(
  row: QuestionRow,
  cal: WorkingCalendar,
  today: PlainDate,
): QuestionJson {
  const published = isPublic(row.status);
  return {
    id: row.id,
    agencyId: row.agency_id,
    status: row.status,
    subject: published ? redactPersonalData(row.published_subject ?? row.subject) : row.subject,
    text: published ? redactPersonalData(row.published_body ?? row.body) : row.body,
    askedOn: row.asked_on,
    publishedOn: row.published_on,
    supporters: row.supporters,
    waitingWorkingDays:
      row.status === "published" ? workingDaysWaited(cal, row.asked_on, today) : null,
    answer:
      row.status === "answered" && row.answer_body && row.answered_on
        ? {
            text: redactPersonalData(row.answer_body),
            answeredOn: row.answered_on,
            workingDays: workingDaysWaited(cal, row.asked_on, row.answered_on),
          }
        : null,
    rejectReason: row.status === "rejected" ? row.reject_reason : null,
  };
}
