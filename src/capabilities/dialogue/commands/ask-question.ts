import { randomUUID } from "node:crypto";
import { inTransaction } from "../../../db/database.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { dayOf } from "../ageing.js";
import { questionIssues } from "../question.js";
import { bodyById, headsOf, insertQuestion } from "../question.repository.js";

export interface AskInput {
  subject: string;
  text: string;
}

/**
 * A person asks a body's head a question. It waits for the body's moderator; nobody but the
 * asker sees it until then. A body without a head takes no questions (there is nobody to answer).
 */
export async function askQuestion(
  ctx: AppContext,
  principal: Principal,
  agencyId: string,
  input: AskInput,
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  const body = await bodyById(db, agencyId);
  if (!body) return notFound();
  if (!ctx.policy.can(principal, "dialogue.ask", { agencyId })) return forbidden();
  if ((await headsOf(db, agencyId)).length === 0) return notFound();
  const subject = input.subject.trim();
  const text = input.text.trim();
  const issues = questionIssues(subject, text);
  if (issues.length > 0) return invalid(issues);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = randomUUID();
  await inTransaction(db, async (trx) => {
    await insertQuestion(trx, {
      id,
      agency_id: agencyId,
      asker_account_id: principal.accountId,
      status: "pending",
      subject,
      body: text,
      asked_at: at,
      asked_on: dayOf(now, ctx.calendars.forJurisdiction(body.jurisdiction)),
      moderated_at: null,
      moderated_by_id: null,
      reject_reason: null,
      published_subject: null,
      published_body: null,
      published_on: null,
      answer_body: null,
      answered_at: null,
      answered_on: null,
      answered_by_id: null,
      appeal_id: null,
      appeal_number: null,
      updated_at: at,
    });
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: principal.kind },
        action: "dialogue.question.asked",
        subjectType: "dialogue_question",
        subjectId: id,
        data: { agencyId },
      },
    ]);
  });
  return ok({ id });
}
