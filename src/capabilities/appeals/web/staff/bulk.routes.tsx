import type { FastifyInstance } from "fastify";
import type { Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue, Result } from "../../../../kernel/result.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { staffOnly } from "../../../../web/guards.js";
import type { AppealAction } from "../../appeal.js";
import {
  type ActionInput,
  type ActionOutcome,
  actOnAppeal,
} from "../../commands/appeal-actions.js";
import { BULK_ACTIONS, type BulkAction, type BulkOutcome, BulkResultPage } from "./bulk.js";
import { type FormBody, one } from "./form.js";
import { conflictText } from "./reasons.js";
import { many } from "./resolution-parts.js";

/** At most this many appeals in one step: a page of the inbox. */
const MAX_ITEMS = 100;

/** The appeal step a bulk choice takes, with what it sends. */
function stepOf(action: BulkAction, body: FormBody): { action: AppealAction; input: ActionInput } {
  switch (action) {
    case "assign":
      return {
        action: "assign",
        input: { executorId: one(body, "executorId"), instruction: one(body, "instruction") },
      };
    case "control_on":
      return { action: "control", input: { on: true } };
    case "control_off":
      return { action: "control", input: { on: false } };
    case "categorise":
      return { action: "categorise", input: { categoryId: one(body, "categoryId") } };
  }
}

/** Why one appeal was not changed, in the reader's language. */
function why(t: Translate, r: Result<ActionOutcome>): string | null {
  switch (r.kind) {
    case "ok":
      return null;
    case "forbidden":
      return t("appeals.bulk.why_forbidden");
    case "not_found":
      return t("appeals.bulk.why_not_found");
    case "conflict":
      return conflictText(t, r.params);
    case "invalid":
      return r.issues.map((i) => t(i.key, i.params)).join(" ");
  }
}

/**
 * POST /office/appeals/bulk: one step on each ticked appeal of the inbox. Each appeal is loaded
 * through the person's scope and asked of the policy on its own, and each change is its own
 * transaction with its audit record; the page says what was done and what was refused and why.
 */
export async function bulkRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post<{ Body: FormBody }>("/office/appeals/bulk", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const t = request.t;
    const body = request.body ?? {};
    const numbers = [...new Set(many(body, "numbers[]"))];
    const action = BULK_ACTIONS.find((a) => a === one(body, "action"));
    const agency = one(body, "agency");
    const back = `/office/appeals${/^[\w-]{1,100}$/.test(agency) ? `?agency=${encodeURIComponent(agency)}` : ""}`;
    const issues: FieldIssue[] = [];
    if (numbers.length === 0) issues.push({ field: "numbers", key: "appeals.bulk.error.none" });
    if (numbers.length > MAX_ITEMS) {
      issues.push({
        field: "numbers",
        key: "appeals.bulk.error.too_many",
        params: { max: MAX_ITEMS },
      });
    }
    if (!action) issues.push({ field: "action", key: "appeals.bulk.error.action" });
    if (action === "assign" && !one(body, "executorId")) {
      issues.push({ field: "executorId", key: "appeals.error.executor_unknown" });
    }
    if (action === "categorise" && !one(body, "categoryId")) {
      issues.push({ field: "categoryId", key: "appeals.error.category_unknown" });
    }
    const outcomes: BulkOutcome[] = [];
    if (issues.length === 0 && action) {
      const { action: step, input } = stepOf(action, body);
      for (const number of numbers) {
        const result = await actOnAppeal(ctx, principal, number, step, input);
        outcomes.push({ number, done: result.kind === "ok", why: why(t, result) });
      }
    }
    return reply.page(
      t("appeals.bulk.result_title"),
      <BulkResultPage t={t} issues={issues} outcomes={outcomes} back={back} />,
      { hasErrors: issues.length > 0, ...(issues.length > 0 ? { status: 400 } : {}) },
    );
  });
}
