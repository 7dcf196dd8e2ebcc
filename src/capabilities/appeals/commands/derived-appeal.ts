import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { type Actor, appendAudit } from "../../../kernel/audit/audit.js";
import { parts } from "../../../kernel/calendar/index.js";
import type { AppContext } from "../../../platform/manifest.js";
import type { AppealRow } from "../appeal.repository.js";
import { insertAppeal, nextAppealNumber } from "../appeal.repository.js";
import { endOfTerm, registrationDay } from "../deadlines.js";
import { appealProfile, type Term } from "../profiles.js";
import { recordAppealChange } from "../stats/record.js";
import { bodyFingerprint } from "./submit-appeal.js";

/**
 * Registers a new appeal that grows out of another: a redirect (whole or a part) to the
 * competent body, a complaint filed against an answer, or a complaint forwarded to the higher
 * body. It gets its own number in the receiving body and its own term, counted from its
 * arrival there; the applicant and the files come with it. A complaint the applicant files
 * online is their own filing, not something another body sent on.
 */
export async function registerDerivedAppeal(
  trx: Kysely<Database>,
  ctx: AppContext,
  actor: Actor,
  source: AppealRow,
  spec: {
    agency: { id: string; code: string; jurisdiction: string };
    kind: string;
    procedure: string;
    subject: string;
    body: string;
    term: (profile: ReturnType<typeof appealProfile>) => Term;
    complaintOfId: string | null;
    action: string;
    reason?: string | null;
    /** A forwarded complaint: the body's position (отзыв) on it. */
    position?: string | null;
    /** The files that go with it; all of the source's when not given. */
    attachmentIds?: readonly string[];
  },
): Promise<AppealRow> {
  const now = ctx.clock.now();
  const profile = appealProfile(spec.agency.jurisdiction);
  const calendar = ctx.calendars.forJurisdiction(spec.agency.jurisdiction);
  const registeredOn = registrationDay(now, profile, calendar);
  const dueOn = endOfTerm(calendar, registeredOn, spec.term(profile));
  const id = randomUUID();
  const number = await nextAppealNumber(trx, spec.agency, parts(registeredOn).year);
  const channel = spec.action === "complain" ? "online" : source.channel;
  const [record] = await appendAudit(trx, ctx.clock, [
    {
      actor,
      action: "appeal.registered",
      subjectType: "appeal",
      subjectId: id,
      reason: spec.reason ?? null,
      data: {
        number,
        agencyId: spec.agency.id,
        kind: spec.kind,
        channel,
        registeredOn,
        dueOn,
        status: "registered",
        from: source.number,
        via: spec.action,
      },
    },
  ]);
  const iso = now.toISOString();
  const row: AppealRow = {
    ...source,
    id,
    number,
    agency_id: spec.agency.id,
    jurisdiction: spec.agency.jurisdiction,
    kind: spec.kind,
    procedure: spec.procedure,
    status: "registered",
    subject: spec.subject,
    body: spec.body,
    body_hash: bodyFingerprint(spec.subject, spec.body),
    registered_by_id: null,
    // A complaint is filed by the applicant in Halyq; only redirects and forwards are transfers.
    channel,
    registered_by_label: spec.action === "complain" ? "online" : "transfer",
    received_at: iso,
    registered_on: registeredOn,
    due_on: dueOn,
    original_due_on: dueOn,
    extended_at: null,
    extension_reason: null,
    executor_id: null,
    source_appeal_id: source.id,
    complaint_of_id: spec.complaintOfId,
    duplicate_of_id: null,
    correction_note: null,
    correction_due_on: null,
    answer_outcome: null,
    answer_basis: null,
    answer_text: null,
    answer_language: null,
    answer_drafted_at: null,
    answered_at: null,
    closed_at: null,
    close_reason: null,
    close_note: null,
    deemed_refused_at: null,
    complaint_position: spec.position ?? null,
    on_control_at: null,
    complained_at: null,
    rating_score: null,
    rating_resolved: null,
    rating_comment: null,
    rated_at: null,
    reminded_for: null,
    escalation_level: 0,
    registration_hash: (record as { hash: string }).hash,
    created_at: iso,
    updated_at: iso,
    version: 1,
  };
  await insertAppeal(trx, row);
  await recordAppealChange(trx, ctx.calendars, null, row);
  // The files travel with the case: new rows pointing at the same stored content.
  const files = await trx
    .selectFrom("appeal_attachments")
    .selectAll()
    .where("appeal_id", "=", source.id)
    .execute();
  const chosen = spec.attachmentIds ? new Set(spec.attachmentIds) : null;
  for (const f of files.filter((file) => chosen === null || chosen.has(file.id))) {
    await trx
      .insertInto("appeal_attachments")
      .values({ ...f, id: randomUUID(), appeal_id: id, draft_id: null })
      .execute();
  }
  return row;
}
