import type { Principal } from "../../../kernel/permissions.js";
import type { AppContext } from "../../../platform/manifest.js";
import { redactOptional, redactPersonalData } from "../../../platform/privacy/redact.js";
import { findAccount } from "../../identity/index.js";
import { type MeetingPhase, type MeetingRow, phaseOf, type Texts } from "../meeting.js";
import {
  agencyNames,
  decisionsOf,
  findMeeting,
  isDelegate,
  questionsOf,
  registrationCounts,
  registrationOf,
  territories,
  waitingPosition,
} from "../meeting.repository.js";

export type QuestionRow = Awaited<ReturnType<typeof questionsOf>>[number];
export type DecisionRow = Awaited<ReturnType<typeof decisionsOf>>[number];

/** Everything the public page of a meeting shows, for one reader. */
export interface MeetingPageData {
  meeting: MeetingRow;
  phase: MeetingPhase;
  agency: Texts;
  territory: Texts | null;
  territories: { code: string; names: Texts }[];
  counts: { confirmed: number; waiting: number };
  questions: QuestionRow[];
  decisions: DecisionRow[];
  viewer: {
    kind: "citizen" | "staff";
    standing: { status: "confirmed" | "waiting"; position: number | null } | null;
    /** False only for a delegates' meeting the reader is not named for. */
    eligible: boolean;
    canManage: boolean;
    canModerate: boolean;
  } | null;
}

/** A meeting id as Halyq makes them; anything else is a 404 without a query. */
export const MEETING_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function loadMeetingPage(
  ctx: AppContext,
  id: string,
  principal: Principal | null,
): Promise<MeetingPageData | null> {
  if (!MEETING_ID.test(id)) return null;
  const db = ctx.db.kysely;
  const meeting = await findMeeting(db, id);
  if (!meeting) return null;
  const [agencies, known, counts, questions, decisions] = await Promise.all([
    agencyNames(db, [meeting.agency_id]),
    territories(db),
    registrationCounts(db, id),
    // Approved questions are published: what looks like personal data in them is removed.
    questionsOf(db, id, "approved").then((all) =>
      all.map((q) => ({
        ...q,
        text: redactPersonalData(q.text),
        answer: redactOptional(q.answer),
      })),
    ),
    decisionsOf(db, id),
  ]);
  const a = agencies[0];
  let viewer: MeetingPageData["viewer"] = null;
  if (principal) {
    const resource = { agencyId: meeting.agency_id };
    const mine = await registrationOf(db, id, principal.accountId);
    let standing: NonNullable<MeetingPageData["viewer"]>["standing"] = null;
    if (mine?.status === "confirmed") standing = { status: "confirmed", position: null };
    if (mine?.status === "waiting")
      standing = { status: "waiting", position: await waitingPosition(db, id, mine.queue_no) };
    let eligible = true;
    if (meeting.eligibility === "delegates") {
      const account = await findAccount(db, principal.accountId);
      eligible =
        !!account?.email && account.emailConfirmed && (await isDelegate(db, id, account.email));
    }
    viewer = {
      kind: principal.kind,
      standing,
      eligible,
      canManage: ctx.policy.can(principal, "meeting.manage", resource),
      canModerate: ctx.policy.can(principal, "meeting.moderate", resource),
    };
  }
  return {
    meeting,
    phase: phaseOf(meeting, ctx.clock.now()),
    agency: a ? { kk: a.name_kk, ru: a.name_ru, en: a.name_en } : { kk: "", ru: "", en: "" },
    territory: known.find((k) => k.code === meeting.territory_code)?.names ?? null,
    territories: known,
    counts,
    questions,
    decisions,
    viewer,
  };
}
