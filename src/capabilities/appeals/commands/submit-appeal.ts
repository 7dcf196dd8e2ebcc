import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import { parts } from "../../../kernel/calendar/index.js";
import { isLocale, type Locale } from "../../../kernel/i18n.js";
import { isValidBin, isValidIin } from "../../../kernel/ids.js";
import type { Principal } from "../../../kernel/permissions.js";
import { type FieldIssue, forbidden, invalid, ok, type Result } from "../../../kernel/result.js";
import { normalisePhone } from "../../../platform/delivery/sms/outbox.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type Agency, competentAgencies, findAgency, findCategory } from "../../agencies/index.js";
import {
  type AccountContact,
  accountContacts,
  accountNames,
  organisationsOf,
  staffWithRole,
} from "../../identity/index.js";
import { APPEAL_KINDS, type AppealKind, type Channel, procedureOf } from "../appeal.js";
import { findDuplicate, insertAppeal, nextAppealNumber } from "../appeal.repository.js";
import { endOfTerm, registrationDay } from "../deadlines.js";
import { mailStaff, StaffDirectory } from "../jobs/staff-mail.js";
import { notifyApplicant } from "../notify.js";
import { appealProfile } from "../profiles.js";
import { recordAppealAdded } from "../stats/record.js";
import { noticeStaff } from "../tasks/staff-notices.js";

/** What a person writes, whichever channel brings it. */
export interface AppealInput {
  kind: string;
  agencyId?: string | undefined;
  categoryId?: string | undefined;
  /** Territory code of the district the matter is in: picks the local body for local matters. */
  districtCode?: string | undefined;
  subject: string;
  text: string;
  language?: string | undefined;
  address?: string | undefined;
  location?: { lat: number; long: number } | undefined;
  public?: boolean | undefined;
  /** It reports a planned or committed crime or a threat to security: never returned. */
  crimeReport?: boolean | undefined;
  /** Filing as the representative of this organisation (the person must represent it). */
  organisationId?: string | undefined;
  /** Uploaded files (from a draft) to attach, already stored and checked. */
  attachmentIds?: string[] | undefined;
}

/** The person an appeal is registered for at the counter, who may have no account. */
export interface ApplicantDetails {
  anonymous?: boolean;
  name: string;
  iin?: string;
  bin?: string;
  organisationName?: string;
  email?: string;
  phone?: string;
  postalAddress?: string;
  language: string;
}

export type Filing =
  | { channel: "online" | "api"; principal: Principal }
  | {
      channel: Exclude<Channel, "online" | "api">;
      principal: Principal;
      applicant: ApplicantDetails;
      /** The agency the registrar registers into (their own body). */
      agencyId: string;
      /**
       * The person's own account, when Halyq knows them (a booked personal reception): the
       * appeal is theirs, with their account's details, as if they had filed it online.
       */
      applicantAccountId?: string;
      /**
       * The account of the person the registrar wrote down (found by their IIN or chosen from
       * the applicant search): the appeal keeps the details as written and becomes theirs, so
       * they see it in "My Halyq" and every link they are sent opens for them.
       */
      linkAccountId?: string;
    }
  | IntegratorFiling
  | TransferredFiling;

/**
 * A question a person put online elsewhere in Halyq (an open-dialogue question) that a staff
 * member of the body registers as an appeal: the asker's account is the applicant, the channel
 * online, the body the one named in the input. The caller has checked the staff member's right.
 */
export interface TransferredFiling {
  channel: "online";
  transferredBy: Principal;
  applicantAccountId: string;
}

/**
 * A request relayed by an integrator's system (Open311 GeoReport): the person it names is the
 * applicant (anonymous when it names nobody) and the competent body is chosen as for the web.
 * The caller has checked the integrator's key and names it for the record.
 */
export interface IntegratorFiling {
  channel: "api";
  integrator: { id: string; label: string };
  applicant: ApplicantDetails;
}

export interface Registered {
  id: string;
  number: string;
  status: string;
  agencyId: string;
  registeredOn: string;
  dueOn: string;
  receivedAt: string;
  registrationHash: string;
  duplicateOf: string | null;
}

type DeskFiling = Extract<Filing, { agencyId: string }>;
const atDesk = (f: Filing): f is DeskFiling => f.channel !== "online" && f.channel !== "api";

const MAX_SUBJECT = 200;
const MAX_TEXT = 20_000;

/** A stable fingerprint of the text, ignoring case and spacing: finds the same appeal filed again. */
export function bodyFingerprint(subject: string, text: string): string {
  const norm = `${subject}\n${text}`.toLowerCase().replace(/\s+/g, " ").trim();
  return createHash("sha256").update(norm).digest("hex");
}

function checkText(input: AppealInput, issues: FieldIssue[]): void {
  const subject = input.subject?.trim() ?? "";
  const text = input.text?.trim() ?? "";
  if (!subject) issues.push({ field: "subject", key: "appeals.error.subject_required" });
  else if (subject.length > MAX_SUBJECT) {
    issues.push({ field: "subject", key: "appeals.error.too_long", params: { max: MAX_SUBJECT } });
  }
  if (!text) issues.push({ field: "text", key: "appeals.error.text_required" });
  else if (text.length > MAX_TEXT) {
    issues.push({ field: "text", key: "appeals.error.too_long", params: { max: MAX_TEXT } });
  }
  if (input.address && input.address.length > 300) {
    issues.push({ field: "address", key: "appeals.error.too_long", params: { max: 300 } });
  }
  if (input.location) {
    const { lat, long } = input.location;
    if (!(Math.abs(lat) <= 90 && Math.abs(long) <= 180)) {
      issues.push({ field: "location", key: "appeals.error.location_invalid" });
    }
  }
}

function checkApplicant(a: ApplicantDetails, currentYear: number, issues: FieldIssue[]): void {
  if (a.anonymous) return;
  if (!a.name?.trim()) issues.push({ field: "applicantName", key: "appeals.error.name_required" });
  else if (a.name.length > 300) {
    issues.push({ field: "applicantName", key: "appeals.error.too_long", params: { max: 300 } });
  }
  if (a.iin && !isValidIin(a.iin.trim())) {
    issues.push({ field: "applicantIin", key: "appeals.error.iin_invalid" });
  }
  if (a.bin && !isValidBin(a.bin.trim(), currentYear)) {
    issues.push({ field: "applicantBin", key: "appeals.error.bin_invalid" });
  }
  if (a.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email.trim())) {
    issues.push({ field: "applicantEmail", key: "appeals.error.email_invalid" });
  }
  if (a.phone && !normalisePhone(a.phone)) {
    issues.push({ field: "applicantPhone", key: "appeals.error.phone_invalid" });
  }
  if (!a.postalAddress?.trim() && !a.email?.trim() && !a.phone?.trim()) {
    issues.push({ field: "applicantContact", key: "appeals.error.contact_required" });
  }
}

/** The body an appeal goes to: the one named, or the competent one for its category and place. */
export async function resolveAgency(
  db: Kysely<Database>,
  input: Pick<AppealInput, "agencyId" | "categoryId" | "districtCode">,
): Promise<{ agency?: Agency; issue?: FieldIssue }> {
  if (input.agencyId) {
    const agency = await findAgency(db, input.agencyId, { active: true });
    return agency
      ? { agency }
      : { issue: { field: "agencyId", key: "appeals.error.agency_unknown" } };
  }
  if (!input.categoryId) {
    return { issue: { field: "agencyId", key: "appeals.error.agency_required" } };
  }
  const category = await findCategory(db, input.categoryId);
  if (!category) return { issue: { field: "categoryId", key: "appeals.error.category_unknown" } };
  const district = category.scope === "district";
  if (district && !input.districtCode) {
    return { issue: { field: "districtCode", key: "appeals.error.district_required" } };
  }
  const [found] = await competentAgencies(
    db,
    category.id,
    district ? input.districtCode : undefined,
  );
  return found
    ? { agency: found }
    : { issue: { field: "categoryId", key: "appeals.error.no_competent_body" } };
}

/**
 * Checks an appeal and returns the write that registers it, to be run in a transaction (the
 * route runs it through the group committer). Everything that can fail because of the input
 * fails here, before any write; inside, only the number, the duplicate check and the record.
 */
export async function prepareAppeal(
  ctx: AppContext,
  filing: Filing,
  input: AppealInput,
): Promise<Result<(trx: Kysely<Database>) => Promise<Registered>>> {
  const relayed = "integrator" in filing ? filing : null;
  const transferred = "transferredBy" in filing ? filing : null;
  const principal = "principal" in filing ? filing.principal : (transferred?.transferredBy ?? null);
  const issues: FieldIssue[] = [];
  const now = ctx.clock.now();
  const desk = atDesk(filing) ? filing : null;
  const online = desk === null && !transferred;
  if (relayed || transferred) {
    // Authorised by the integrator's key, or by the staff member's right, which the caller checked.
  } else if (!desk) {
    if (!ctx.policy.can(principal, "appeal.file")) return forbidden();
  } else if (!ctx.policy.can(principal, "appeal.register", { agencyId: desk.agencyId })) {
    return forbidden();
  }
  if (!(APPEAL_KINDS as readonly string[]).includes(input.kind)) {
    issues.push({ field: "kind", key: "appeals.error.kind_invalid" });
  }
  const kind = input.kind as AppealKind;
  checkText(input, issues);
  const language = input.language ?? "kk";
  if (!isLocale(language))
    issues.push({ field: "language", key: "appeals.error.language_invalid" });
  const details = desk?.applicantAccountId ? undefined : (desk?.applicant ?? relayed?.applicant);
  if (details) checkApplicant(details, parts(now.toISOString().slice(0, 10)).year, issues);

  const resolved = await resolveAgency(
    ctx.db.kysely,
    desk ? { ...input, agencyId: desk.agencyId } : input,
  );
  if (resolved.issue) issues.push(resolved.issue);

  // The applicant, from the account (online) or from what the registrar wrote down.
  let applicant: {
    type: "person" | "organisation" | "anonymous";
    accountId: string | null;
    organisationId: string | null;
    name: string | null;
    iin: string | null;
    bin: string | null;
    email: string | null;
    phone: string | null;
    address: string | null;
    language: Locale;
  } | null = null;
  let noticeAccount: AccountContact | undefined;
  if (!details) {
    if (!principal) return forbidden();
    const accountId =
      desk?.applicantAccountId ?? transferred?.applicantAccountId ?? principal.accountId;
    const account = (await accountContacts(ctx.db.kysely, [accountId])).get(accountId);
    if (!account) return forbidden();
    noticeAccount = account;
    let organisation: { id: string; name: string; bin: string } | undefined;
    if (input.organisationId) {
      organisation = (await organisationsOf(ctx, account.id)).find(
        (o) => o.id === input.organisationId,
      );
      if (!organisation) {
        issues.push({ field: "organisationId", key: "appeals.error.not_representative" });
      }
    }
    const personName = [account.surname, account.given_name, account.patronymic]
      .filter(Boolean)
      .join(" ");
    applicant = {
      type: organisation ? "organisation" : "person",
      accountId: account.id,
      organisationId: organisation?.id ?? null,
      name: organisation ? `${organisation.name} (${personName})` : personName,
      iin: account.iin,
      bin: organisation?.bin ?? null,
      email: account.email,
      phone: account.phone,
      address: null,
      language: account.language ?? "kk",
    };
  } else {
    const a = details;
    applicant = {
      type: a.anonymous ? "anonymous" : a.bin ? "organisation" : "person",
      accountId: (!a.anonymous && desk?.linkAccountId) || null,
      organisationId: null,
      name: a.anonymous
        ? null
        : a.organisationName
          ? `${a.organisationName} (${a.name})`
          : a.name.trim(),
      iin: a.anonymous ? null : a.iin?.trim() || null,
      bin: a.anonymous ? null : a.bin?.trim() || null,
      email: a.anonymous ? null : a.email?.trim() || null,
      phone: a.anonymous ? null : (a.phone && normalisePhone(a.phone)) || null,
      address: a.anonymous ? null : a.postalAddress?.trim() || null,
      language: isLocale(a.language) ? a.language : "kk",
    };
  }
  const attachmentIds = input.attachmentIds ?? [];
  if (attachmentIds.length > 0 && !principal) {
    issues.push({ field: "attachments", key: "appeals.error.attachment_unknown" });
  } else if (attachmentIds.length > 0 && principal) {
    const owned = await ctx.db.kysely
      .selectFrom("appeal_attachments")
      .select("id")
      .where("id", "in", attachmentIds)
      .where("appeal_id", "is", null)
      .where("uploaded_by_id", "=", principal.accountId)
      .execute();
    if (owned.length !== new Set(attachmentIds).size) {
      issues.push({ field: "attachments", key: "appeals.error.attachment_unknown" });
    }
  }
  if (issues.length > 0 || !resolved.agency || !applicant) return invalid(issues);

  const agency = resolved.agency;
  const profile = appealProfile(agency.jurisdiction);
  const calendar = ctx.calendars.forJurisdiction(agency.jurisdiction);
  const registeredOn = registrationDay(now, profile, calendar);
  const dueOn = endOfTerm(calendar, registeredOn, profile.consideration[kind]);
  const id = randomUUID();
  const bodyHash = bodyFingerprint(input.subject, input.text);
  const registrarId = online || !principal ? null : principal.accountId;
  const registrarName = registrarId
    ? (await accountNames(ctx.db.kysely, [registrarId])).get(registrarId)
    : undefined;
  const registrar = registrarId && registrarName ? { id: registrarId, ...registrarName } : null;
  const registeredByLabel = registrar
    ? `${registrar.surname} ${registrar.given_name}`
    : (relayed?.integrator.label ?? "online");
  const who = applicant;
  const crime = input.crimeReport === true;
  const anonymousSimplified =
    who.type === "anonymous" &&
    procedureOf(kind) === "simplified" &&
    !crime &&
    profile.terminateAnonymousSimplified;

  return ok(async (trx) => {
    const number = await nextAppealNumber(trx, agency, parts(registeredOn).year);
    const duplicate = await findDuplicate(trx, {
      agencyId: agency.id,
      accountId: who.accountId,
      iin: who.iin,
      bodyHash,
    });
    const status = duplicate ? "attached" : anonymousSimplified ? "terminated" : "registered";
    const nowIso = now.toISOString();
    const [record] = await appendAudit(trx, ctx.clock, [
      {
        actor: relayed
          ? { id: null, label: relayed.integrator.label }
          : { id: principal?.accountId ?? null, label: registrar ? "registrar" : "applicant" },
        action: "appeal.registered",
        subjectType: "appeal",
        subjectId: id,
        data: {
          number,
          agencyId: agency.id,
          kind,
          channel: filing.channel,
          registeredOn,
          dueOn,
          status,
          ...(duplicate ? { duplicateOf: duplicate.number } : {}),
        },
      },
    ]);
    const row = {
      id,
      number,
      agency_id: agency.id,
      jurisdiction: agency.jurisdiction,
      kind,
      procedure: procedureOf(kind),
      channel: filing.channel,
      status,
      applicant_account_id: who.accountId,
      organisation_id: who.organisationId,
      applicant_type: who.type,
      applicant_name: who.name,
      applicant_iin: who.iin,
      applicant_bin: who.bin,
      applicant_email: who.email,
      applicant_phone: who.phone,
      applicant_address: who.address,
      applicant_language: who.language,
      category_id: input.categoryId ?? null,
      subject: input.subject.trim(),
      body: input.text.trim(),
      body_hash: bodyHash,
      language,
      address: input.address?.trim() || null,
      district_code: input.districtCode ?? null,
      lat: input.location?.lat ?? null,
      lon: input.location?.long ?? null,
      public: input.public ? 1 : 0,
      crime_report: crime ? 1 : 0,
      registered_by_id: registrar?.id ?? null,
      registered_by_label: registeredByLabel,
      received_at: nowIso,
      registered_on: registeredOn,
      due_on: dueOn,
      original_due_on: dueOn,
      duplicate_of_id: duplicate?.id ?? null,
      closed_at: status === "registered" ? null : nowIso,
      close_reason: duplicate ? "duplicate" : anonymousSimplified ? "anonymous" : null,
      registration_hash: (record as { hash: string }).hash,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await insertAppeal(trx, row);
    // Counted in the statistics whichever way it was filed (online, at a desk, at a reception).
    await recordAppealAdded(trx, ctx.calendars, id);
    if (attachmentIds.length > 0) {
      await trx
        .updateTable("appeal_attachments")
        .set({ appeal_id: id, draft_id: null })
        .where("id", "in", attachmentIds)
        .where("appeal_id", "is", null)
        .execute();
    }
    if (crime && status === "registered") {
      // Never returned, forwarded at once: the body's heads hear of it the moment it arrives.
      const directory = new StaffDirectory();
      const heads = await directory.heads(trx, agency.id);
      await mailStaff(trx, ctx, directory, heads, "crime_report", row, true);
    }
    if (row.kind === "complaint" && status === "registered") {
      const heads = await staffWithRole(trx, agency.id, "head");
      await noticeStaff(
        trx,
        ctx,
        heads.map((h) => h.id),
        "complaint_filed",
        row,
      );
    }
    await notifyApplicant(
      trx,
      ctx,
      row,
      duplicate ? "attached" : anonymousSimplified ? "terminated" : "registered",
      duplicate ? { earlier: duplicate.number } : { reason: "anonymous" },
      { account: noticeAccount, agency: agency.names },
    );
    return {
      id,
      number,
      status,
      agencyId: agency.id,
      registeredOn,
      dueOn,
      receivedAt: nowIso,
      registrationHash: row.registration_hash,
      duplicateOf: duplicate?.number ?? null,
    };
  });
}
