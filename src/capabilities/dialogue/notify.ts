import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { type Locale, translator } from "../../kernel/i18n.js";
import { enqueueMail } from "../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../platform/manifest.js";
import { noticeAccount } from "../identity/index.js";
import type { DialogueBody } from "./question.repository.js";

/** What the asker is told about, each with texts `dialogue.mail.<event>.*` in every language. */
export type AskerNotice =
  | "approved"
  | "rejected"
  | "answered"
  | "redirected"
  | "registered_as_appeal";

/**
 * Tells the asker what became of their question, by e-mail in their language, through the
 * outbox in the caller's transaction (nothing is announced that did not happen). Respects the
 * person's choice not to receive mail and sends only to a confirmed address.
 */
export async function notifyAsker(
  trx: Kysely<Database>,
  ctx: AppContext,
  question: { id: string; asker_account_id: string; subject: string },
  body: DialogueBody,
  notice: AskerNotice,
  params: Record<string, string> | ((language: Locale) => Record<string, string>) = {},
  /** For a redirected question: the body it was sent to first. */
  fromBody?: DialogueBody,
): Promise<void> {
  const account = await noticeAccount(trx, question.asker_account_id);
  if (!account) return;
  const language = account.language;
  const t = translator(ctx.catalogues, language);
  const extra = typeof params === "function" ? params(language) : params;
  const all: Record<string, string> = {
    subject: question.subject,
    agency: body[`name_${language}`],
    link: `${ctx.config.publicUrl}/dialogue/${encodeURIComponent(body.slug)}/questions/${question.id}`,
    ...extra,
  };
  if (extra.reason) all.reason = t(`dialogue.reason.${extra.reason}`);
  if (fromBody) all.from = fromBody[`name_${language}`];
  await enqueueMail(trx, ctx.clock, {
    to: account.email,
    subject: t(`dialogue.mail.${notice}.subject`),
    text: `${t(`dialogue.mail.${notice}.body`, all)}\n\n${t("dialogue.mail.footer", all)}`,
  });
}
