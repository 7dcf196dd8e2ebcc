import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.js";
import { translator } from "../../kernel/i18n.js";
import { enqueueMail } from "../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../platform/manifest.js";
import { formatNumber } from "../../web/format.js";
import { noticeAccount } from "../identity/index.js";
import type { CycleRow, ProposalRow } from "./budget.js";

/** The public page of a proposal, where its council decision is shown. */
export const proposalPath = (p: Pick<ProposalRow, "cycle_id" | "id">): string =>
  `/budgets/${p.cycle_id}/proposals/${p.id}`;

/**
 * Tells a proposal's author the council's decision (admitted with its cost, not admitted with
 * the reason and text, or merged into another proposal), by e-mail in their language, through
 * the outbox in the caller's transaction. `changed` says the council changed an earlier
 * decision. Sends nothing to an account without a confirmed address or that chose no mail.
 */
export async function notifyDecision(
  trx: Kysely<Database> | Transaction<Database>,
  ctx: AppContext,
  cycle: Pick<CycleRow, "title_kk" | "title_ru" | "title_en">,
  proposal: ProposalRow,
  changed: boolean,
  mergedInto: Pick<ProposalRow, "title" | "number"> | null,
): Promise<void> {
  const account = await noticeAccount(trx, proposal.author_id);
  if (!account) return;
  const language = account.language;
  const t = translator(ctx.catalogues, language);
  const decision = proposal.status as "admitted" | "rejected" | "merged";
  const params: Record<string, string> = {
    title: proposal.title,
    number: String(proposal.number ?? ""),
    cycle:
      (language === "kk"
        ? cycle.title_kk
        : language === "ru"
          ? cycle.title_ru
          : (cycle.title_en ?? cycle.title_ru)) || cycle.title_kk,
    cost: t("budgets.tenge", { amount: formatNumber(proposal.council_cost ?? 0, language) }),
    reason: proposal.decision_reason ? t(`budgets.reason.${proposal.decision_reason}`) : "",
    text: proposal.decision_text ?? "",
    target: mergedInto ? `№ ${mergedInto.number ?? ""} «${mergedInto.title}»` : "",
    link: `${ctx.config.publicUrl}${proposalPath(proposal)}`,
  };
  const lead = changed ? `${t("budgets.council.mail.changed")}\n\n` : "";
  const text = proposal.decision_text
    ? `\n\n${t("budgets.council.mail.text_lead")}\n${proposal.decision_text}`
    : "";
  await enqueueMail(trx, ctx.clock, {
    to: account.email,
    subject: t(`budgets.council.mail.${decision}.subject`, params),
    text: `${lead}${t(`budgets.council.mail.${decision}.body`, params)}${text}\n\n${t("budgets.council.mail.footer", params)}`,
  });
}
