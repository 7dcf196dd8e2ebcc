import type { Updateable } from "kysely";
import { appendAudit, systemActor } from "../../kernel/audit/audit.js";
import type { AppContext } from "../../platform/manifest.js";
import type { Job } from "../../platform/scheduler.js";
import { findAgency } from "../agencies/index.js";
import { dueAfter, todayIn } from "./deadlines.js";
import { type Milestone, notifyMilestone } from "./notify.js";
import type { PetitionRow } from "./petition.js";
import type { PetitionsTable } from "./petitions.table.js";
import { isCentral, petitionProfile } from "./profiles.js";
import { signatureCount, signatureCounts } from "./signatures/index.js";

type Outcome = "consideration" | "expired" | null;

/**
 * Moves one petition on when its time or its signatures say so: collecting with at least the
 * threshold → consideration (with its due date: 40 working days for central bodies, 20 for
 * local); collecting past the close of signing below the threshold → expired; gathering past
 * the co-initiators' term → expired. Each move is a conditional UPDATE on the status, so with
 * several instances exactly one wins; the winner appends the audit record and queues the
 * notices in the same transaction.
 */
async function advance(ctx: AppContext, p: PetitionRow, count: number | null): Promise<Outcome> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const iso = now.toISOString();
  let to: Outcome = null;
  let set: Updateable<PetitionsTable> = {};
  // The body's calendar is read only when a date is needed (most runs move nothing).
  const place = async () => {
    const agency = await findAgency(db, p.agency_id);
    const calendar = ctx.calendars.forJurisdiction(agency?.jurisdiction);
    return { agency, calendar, today: todayIn(calendar, now) };
  };
  if (p.status === "collecting") {
    const n = count ?? (await signatureCount(db, p.id));
    if (p.threshold !== null && n >= Number(p.threshold)) {
      const { agency, calendar, today } = await place();
      const profile = await petitionProfile(db);
      const days = isCentral(agency?.level ?? "republic")
        ? profile.considerationWorkingDays.central
        : profile.considerationWorkingDays.local;
      to = "consideration";
      set = {
        threshold_reached_at: iso,
        consideration_due_on: dueAfter(calendar, today, days),
      };
    } else if (p.signing_closes_at !== null && iso >= p.signing_closes_at) {
      to = "expired";
      set = { expired_at: iso };
    }
  } else if (p.status === "gathering" && p.gathering_due_on) {
    const { today } = await place();
    if (today > p.gathering_due_on) {
      to = "expired";
      set = { expired_at: iso, share_token: null };
    }
  }
  if (!to) return null;
  const target = to;
  const won = await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("petitions")
      .set({
        ...set,
        status: target,
        updated_at: iso,
        version: Number(p.version) + 1,
      })
      .where("id", "=", p.id)
      .where("status", "=", p.status)
      .executeTakeFirst();
    if (res.numUpdatedRows !== 1n) return false;
    const after = (await trx
      .selectFrom("petitions")
      .selectAll()
      .where("id", "=", p.id)
      .executeTakeFirstOrThrow()) as PetitionRow;
    await appendAudit(trx, ctx.clock, [
      {
        actor: systemActor("petitions"),
        action: target === "consideration" ? "petition.reach_threshold" : "petition.expire",
        subjectType: "petition",
        subjectId: p.id,
        data: { from: p.status, to: target, ...(count !== null ? { signatures: count } : {}) },
      },
    ]);
    const milestone: Milestone = target === "consideration" ? "threshold_reached" : "expired";
    await notifyMilestone(trx, ctx, after, milestone);
    return true;
  });
  if (!won) return null;
  ctx.pageCache.invalidate();
  ctx.mail.kick();
  return target;
}

/**
 * Checks one petition now (the signing side may call it after a signature): returns the state
 * it moved to, or null when it stays.
 */
export async function checkThreshold(ctx: AppContext, petitionId: string): Promise<Outcome> {
  const p = (await ctx.db.kysely
    .selectFrom("petitions")
    .selectAll()
    .where("id", "=", petitionId)
    .executeTakeFirst()) as PetitionRow | undefined;
  if (!p || (p.status !== "collecting" && p.status !== "gathering")) return null;
  return advance(ctx, p, null);
}

/** One pass over every collecting or gathering petition; returns how many moved. */
export async function sweepPetitions(ctx: AppContext): Promise<number> {
  const db = ctx.db.kysely;
  const rows = (await db
    .selectFrom("petitions")
    .selectAll()
    .where("status", "in", ["collecting", "gathering"])
    .execute()) as PetitionRow[];
  const collecting = rows.filter((r) => r.status === "collecting").map((r) => r.id);
  const counts = collecting.length > 0 ? await signatureCounts(db, collecting) : new Map();
  let moved = 0;
  for (const p of rows) {
    const n = p.status === "collecting" ? (counts.get(p.id) ?? 0) : null;
    if (await advance(ctx, p, n)) moved++;
  }
  return moved;
}

export function petitionJobs(ctx: AppContext): Job[] {
  return [
    {
      name: "petitions.threshold",
      everyMs: 30_000,
      run: () => sweepPetitions(ctx).then(() => undefined),
    },
  ];
}
