import { appendAudit } from "../../../kernel/audit/audit.js";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { formatDatePhrase } from "../../../web/format.js";
import { writtenIn } from "../../../web/text-language.js";
import { fileAppeal } from "../../appeals/index.js";
import { notifyAsker } from "../notify.js";
import { QUESTION_APPEAL_KINDS, registerStep, TRANSITIONS } from "../question.js";
import { bodyById, questionById, updateQuestionFrom } from "../question.repository.js";

export interface RegisteredQuestion {
  id: string;
  appealId: string;
  appealNumber: string;
  dueOn: string;
}

/**
 * A moderator or head of the body registers a waiting or published question as an appeal of
 * the same body: the appeals' own registration numbers it and counts its statutory term from
 * today, with the asker's account as the applicant (channel online, so it is in their My
 * Halyq). The question leaves the dialogue; the change, its audit record and the mail telling
 * the asker the appeal's number ride in the appeal's own commit, or none of them happens.
 */
export async function registerQuestionAsAppeal(
  ctx: AppContext,
  principal: Principal,
  id: string,
  kind: string,
): Promise<Result<RegisteredQuestion>> {
  const db = ctx.db.kysely;
  const question = await questionById(db, id);
  if (!question) return notFound();
  if (!ctx.policy.can(principal, "dialogue.register-appeal", { agencyId: question.agency_id }))
    return forbidden();
  const step = registerStep(question.status);
  if (!step) return conflict("CONFLICT", { status: question.status });
  if (!(QUESTION_APPEAL_KINDS as readonly string[]).includes(kind))
    return invalid([{ field: "kind", key: "dialogue.register.errors.kind" }]);
  const body = await bodyById(db, question.agency_id);
  if (!body) return notFound();
  const from = TRANSITIONS[step].from;
  const at = ctx.clock.now().toISOString();
  let filed: Awaited<ReturnType<typeof fileAppeal>>;
  try {
    filed = await fileAppeal(
      ctx,
      {
        channel: "online",
        transferredBy: principal,
        applicantAccountId: question.asker_account_id,
      },
      {
        kind,
        agencyId: question.agency_id,
        subject: question.subject,
        text: question.body,
        // The language the question is written in, as the appeal records it.
        language: writtenIn(`${question.subject}\n${question.body}`) ?? "kk",
      },
      async (trx, appeal) => {
        const moved = await updateQuestionFrom(trx, id, from, {
          status: TRANSITIONS[step].to,
          appeal_id: appeal.id,
          appeal_number: appeal.number,
          moderated_at: question.moderated_at ?? at,
          moderated_by_id: question.moderated_by_id ?? principal.accountId,
          updated_at: at,
        });
        // Someone else moved the question on: the appeal is not registered either.
        if (!moved) throw new HalyqError("CONFLICT");
        await appendAudit(trx, ctx.clock, [
          {
            actor: { id: principal.accountId, label: principal.kind },
            action: "dialogue.question.registered_as_appeal",
            subjectType: "dialogue_question",
            subjectId: id,
            data: { from, appealId: appeal.id, number: appeal.number, kind, dueOn: appeal.dueOn },
          },
        ]);
        await notifyAsker(trx, ctx, question, body, "registered_as_appeal", (language) => ({
          number: appeal.number,
          dueBy: formatDatePhrase(appeal.dueOn, language, "until"),
          appeal: `${ctx.config.publicUrl}/appeals/${encodeURIComponent(appeal.number)}`,
        }));
      },
    );
  } catch (error) {
    if (error instanceof HalyqError && error.code === "CONFLICT") return conflict("CONFLICT");
    throw error;
  }
  if (filed.kind === "invalid") return invalid(filed.issues.map((i) => ({ ...i, field: "kind" })));
  if (filed.kind !== "ok") return filed;
  ctx.pageCache.invalidate();
  return ok({
    id,
    appealId: filed.value.id,
    appealNumber: filed.value.number,
    dueOn: filed.value.dueOn,
  });
}
