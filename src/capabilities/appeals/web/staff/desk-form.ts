import { isLocale } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { REGISTRAR_CHANNELS } from "../../appeal.js";
import type { AppealInput, ApplicantDetails } from "../../commands/submit-appeal.js";
import { type DeskDefaults, FIRST_DEFAULTS } from "../../desk/card.js";
import { dateField, type FormBody, one } from "./form.js";

/** The registrar's form as typed, kept to show it again when something is wrong. */
export interface DeskValues {
  channel: string;
  kind: string;
  categoryId: string;
  subject: string;
  text: string;
  language: string;
  crimeReport: boolean;
  anonymous: boolean;
  applicantName: string;
  applicantIin: string;
  organisationName: string;
  applicantBin: string;
  applicantAddress: string;
  applicantEmail: string;
  applicantPhone: string;
  applicantLanguage: string;
  /** The registration card. */
  letterNumber: string;
  letterDate: string;
  sheets: string;
  correspondent: string;
  correspondentAgencyId: string;
  correspondentReference: string;
  answerDelivery: string;
  underControl: boolean;
  /** The account chosen in the applicant search, to link the appeal to. */
  linkAccount: string;
}

/** An empty desk, its choices pre-filled with the registrar's last ones. */
export function emptyDesk(language: string, defaults: DeskDefaults = FIRST_DEFAULTS): DeskValues {
  return {
    channel: defaults.channel,
    kind: defaults.kind,
    categoryId: "",
    subject: "",
    text: "",
    language,
    crimeReport: false,
    anonymous: false,
    applicantName: "",
    applicantIin: "",
    organisationName: "",
    applicantBin: "",
    applicantAddress: "",
    applicantEmail: "",
    applicantPhone: "",
    applicantLanguage: language,
    letterNumber: "",
    letterDate: "",
    sheets: "",
    correspondent: defaults.correspondent,
    correspondentAgencyId: "",
    correspondentReference: "",
    answerDelivery: defaults.answerDelivery,
    underControl: false,
    linkAccount: "",
  };
}

export function readDesk(body: FormBody | undefined): DeskValues {
  const v = (name: keyof DeskValues) => one(body, name);
  return {
    channel: v("channel"),
    kind: v("kind"),
    categoryId: v("categoryId"),
    subject: v("subject"),
    text: v("text"),
    language: v("language"),
    crimeReport: v("crimeReport") === "yes",
    anonymous: v("anonymous") === "yes",
    applicantName: v("applicantName"),
    applicantIin: v("applicantIin").replace(/\s+/g, ""),
    organisationName: v("organisationName"),
    applicantBin: v("applicantBin").replace(/\s+/g, ""),
    applicantAddress: v("applicantAddress"),
    applicantEmail: v("applicantEmail"),
    applicantPhone: v("applicantPhone"),
    applicantLanguage: v("applicantLanguage"),
    letterNumber: v("letterNumber"),
    letterDate: dateField(body, "letterDate") ?? "",
    sheets: v("sheets"),
    correspondent: v("correspondent"),
    correspondentAgencyId: v("correspondentAgencyId"),
    correspondentReference: v("correspondentReference"),
    answerDelivery: v("answerDelivery"),
    underControl: v("underControl") === "yes",
    linkAccount: v("linkAccount"),
  };
}

/**
 * What the form itself must settle before the filing is checked: the channel, the topic and
 * the notification language. The filing command checks the rest (text, applicant, IIN, BIN).
 */
export function deskIssues(v: DeskValues, categoryIds: Set<string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!(REGISTRAR_CHANNELS as readonly string[]).includes(v.channel)) {
    issues.push({ field: "channel", key: "appeals.staff.desk.error.channel" });
  }
  if (v.categoryId && !categoryIds.has(v.categoryId)) {
    issues.push({ field: "categoryId", key: "appeals.error.category_unknown" });
  }
  if (!v.anonymous && !isLocale(v.applicantLanguage)) {
    issues.push({ field: "applicantLanguage", key: "appeals.error.language_invalid" });
  }
  if (v.organisationName.length > 300) {
    issues.push({ field: "organisationName", key: "appeals.error.too_long", params: { max: 300 } });
  }
  return issues;
}

/** The filing's input and the applicant as the command takes them. */
export function deskFiling(v: DeskValues): { input: AppealInput; applicant: ApplicantDetails } {
  const opt = (s: string) => (s ? s : undefined);
  const applicant: ApplicantDetails = {
    anonymous: v.anonymous,
    name: v.anonymous ? "" : v.applicantName,
    language: isLocale(v.applicantLanguage) ? v.applicantLanguage : "kk",
  };
  if (!v.anonymous) {
    const fields: [keyof ApplicantDetails, string][] = [
      ["iin", v.applicantIin],
      ["bin", v.applicantBin],
      ["organisationName", v.organisationName],
      ["email", v.applicantEmail],
      ["phone", v.applicantPhone],
      ["postalAddress", v.applicantAddress],
    ];
    for (const [k, value] of fields) if (value) Object.assign(applicant, { [k]: value });
  }
  return {
    input: {
      kind: v.kind,
      categoryId: opt(v.categoryId),
      subject: v.subject,
      text: v.text,
      language: v.language,
      crimeReport: v.crimeReport,
    },
    applicant,
  };
}

/** Where the error summary sends the reader for each problem the filing reports. */
export const DESK_FIELD_IDS: Record<string, string> = {
  applicantContact: "applicantAddress",
};
