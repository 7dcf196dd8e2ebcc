import { auditTrail } from "../../../../kernel/audit/audit.js";
import type { Locale } from "../../../../kernel/i18n.js";
import type { Principal } from "../../../../kernel/permissions.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { agencyChoices, agencyNames, findAgency, findCategory } from "../../../agencies/index.js";
import { inboxDates } from "../../api.routes.js";
import type { AppealRow } from "../../appeal.repository.js";
import { type AnswerDraftRow, findAnswerDraft } from "../../commands/answer-draft.js";
import { listTemplates } from "../../commands/answer-templates.js";
import { resourceOf } from "../../commands/appeal-actions.js";
import { endOfTerm, extensionLimit } from "../../deadlines.js";
import { type DeskCardView, loadDeskCard } from "../../desk/card-data.js";
import type { AppealProfile } from "../../profiles.js";
import { appealProfile } from "../../profiles.js";
import { loadResolutionData, type ResolutionData } from "./resolution-data.js";
import { bodyExecutors, personNames } from "./scope.js";

/** One step in the appeal's history, from the audit record. */
export interface TimelineEntry {
  at: string;
  action: string;
  actor: string | null;
  reason: string | null;
  from: string | null;
  to: string | null;
  created: string | null;
}

/** An appeal linked to this one, and how. */
export interface RelatedAppeal {
  number: string;
  relation: "source" | "complaint_of" | "duplicate_of" | "derived" | "complaint" | "duplicate";
  agency: string;
  status: string;
  /** Whether this person may open it (it is held by their body). */
  visible: boolean;
}

/** Everything the case page shows about one appeal, read once per request. */
export interface CaseData {
  row: AppealRow;
  profile: AppealProfile;
  agencyName: string;
  higherBody: { id: string; name: string } | null;
  category: string | null;
  today: string;
  soon: string;
  terms: {
    redirectBy: string;
    closeBy: string;
    extensionLimit: string;
    correctionDefault: string;
  };
  executorName: string | null;
  registeredByName: string | null;
  timeline: TimelineEntry[];
  attachments: { id: string; fileName: string; mediaType: string; size: number; purpose: string }[];
  related: RelatedAppeal[];
  executors: { id: string; name: string }[];
  /** Active bodies other than this one: where it may be redirected. */
  otherBodies: { id: string; name: string }[];
  /** The registration card of a desk appeal, its scans and its link to an account. */
  deskCard: DeskCardView & { canLink: boolean };
  /** The resolution in force and the body's staff by department. */
  resolution: ResolutionData;
  /** The answer being drafted, as last saved (null when none is). */
  answerDraft: AnswerDraftRow | null;
  /** The body's response templates, to start an answer from. */
  answerTemplates: { id: string; title: string }[];
}

/** Audit entries of drafting the answer, left out of the case's history. */
const DRAFTING = new Set(["appeal.answer-draft", "appeal.answer-files"]);

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** Reads what the case page needs about an appeal already loaded through the person's scope. */
export async function loadCase(
  ctx: AppContext,
  principal: Principal,
  row: AppealRow,
  locale: Locale,
): Promise<CaseData> {
  const db = ctx.db.kysely;
  const profile = appealProfile(row.jurisdiction);
  const calendar = ctx.calendars.forJurisdiction(row.jurisdiction);
  const { today, soon } = await inboxDates(ctx, row.agency_id);
  const [agency, trail, files, relatedRows, executors, bodies, category, draft, templates] =
    await Promise.all([
      findAgency(db, row.agency_id),
      auditTrail(db, "appeal", row.id),
      db
        .selectFrom("appeal_attachments")
        .select(["id", "file_name", "media_type", "size", "purpose"])
        .where("appeal_id", "=", row.id)
        .where("purpose", "!=", "scan")
        .orderBy("created_at")
        .orderBy("id")
        .execute(),
      db
        .selectFrom("appeals")
        .selectAll()
        .where((eb) => {
          const links = [row.source_appeal_id, row.complaint_of_id, row.duplicate_of_id].filter(
            (id): id is string => id !== null,
          );
          return eb.or([
            ...(links.length > 0 ? [eb("appeals.id", "in", links)] : []),
            eb("appeals.source_appeal_id", "=", row.id),
            eb("appeals.complaint_of_id", "=", row.id),
            eb("appeals.duplicate_of_id", "=", row.id),
          ]);
        })
        .orderBy("appeals.received_at")
        .orderBy("appeals.id")
        .execute(),
      bodyExecutors(db, row.agency_id),
      agencyChoices(db, locale),
      row.category_id ? findCategory(db, row.category_id) : Promise.resolve(undefined),
      findAnswerDraft(db, row.id),
      listTemplates(db, row.agency_id),
    ]);
  const resolution = await loadResolutionData(ctx, row, locale);
  const higher = agency?.higherBodyId
    ? await findAgency(db, agency.higherBodyId, { active: true })
    : undefined;
  const relatedAgencies = await agencyNames(
    db,
    relatedRows.map((r) => r.agency_id),
  );
  const names = await personNames(db, [
    row.executor_id,
    row.registered_by_id,
    ...trail.map((e) => e.actorId),
  ]);
  const relation = (r: AppealRow): RelatedAppeal["relation"] => {
    if (r.id === row.source_appeal_id) return "source";
    if (r.id === row.complaint_of_id) return "complaint_of";
    if (r.id === row.duplicate_of_id) return "duplicate_of";
    if (r.complaint_of_id === row.id) return "complaint";
    if (r.duplicate_of_id === row.id) return "duplicate";
    return "derived";
  };
  return {
    row,
    profile,
    agencyName: agency ? agency.names[locale] : "",
    higherBody: higher ? { id: higher.id, name: higher.names[locale] } : null,
    category: category ? category.names[locale] : null,
    today,
    soon,
    terms: {
      redirectBy: endOfTerm(calendar, row.registered_on, profile.redirect),
      closeBy: endOfTerm(calendar, row.registered_on, profile.returnOrTerminate),
      extensionLimit: extensionLimit(calendar, profile, today, row.due_on),
      correctionDefault: endOfTerm(calendar, today, profile.correction),
    },
    executorName: row.executor_id ? (names.get(row.executor_id) ?? null) : null,
    registeredByName: row.registered_by_id ? (names.get(row.registered_by_id) ?? null) : null,
    // Saving the answer's draft or changing its files is audited, but is not a step of the case.
    timeline: trail
      .filter((e) => !DRAFTING.has(e.action))
      .map((e) => ({
        at: e.occurredAt,
        action: e.action,
        actor: e.actorId ? (names.get(e.actorId) ?? null) : null,
        reason: e.reason,
        from: str(e.data.from),
        to: str(e.data.to),
        created: str(e.data.created),
      })),
    attachments: files.map((f) => ({
      id: f.id,
      fileName: f.file_name,
      mediaType: f.media_type,
      size: Number(f.size),
      purpose: f.purpose,
    })),
    related: relatedRows.map((r) => ({
      number: r.number,
      relation: relation(r),
      agency: relatedAgencies.get(r.agency_id)?.[locale] ?? "",
      status: r.status,
      visible: ctx.policy.can(principal, "appeal.view", resourceOf(r, [])),
    })),
    executors,
    otherBodies: bodies.filter((b) => b.id !== row.agency_id),
    deskCard: {
      ...(await loadDeskCard(db, row, locale)),
      canLink: ctx.policy.can(principal, "identity.find_applicant", { agencyId: row.agency_id }),
    },
    resolution,
    answerDraft: draft ?? null,
    answerTemplates: templates.map((x) => ({ id: x.id, title: x.title })),
  };
}
