import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import type { Actor } from "../../../kernel/audit/audit.js";
import { toPlainDate } from "../../../kernel/calendar/index.js";
import { translator } from "../../../kernel/i18n.js";
import { hasRole, type Principal } from "../../../kernel/permissions.js";
import { renderLetter } from "../../../platform/documents/letter.js";
import type { AppContext } from "../../../platform/manifest.js";
import { findAgency } from "../../agencies/index.js";
import { prepareDocument, recordDocument } from "../../documents/index.js";
import { accountNames } from "../../identity/index.js";
import type { AppealRow } from "../appeal.repository.js";
import { appealProfile } from "../profiles.js";
import { appealLetter, isLetterNotice, letterLanguage, signatureName } from "./letter-content.js";

/** The signer's position as the letter prints it, from the role they act in for this body. */
function positionKey(principal: Principal, agencyId: string): string {
  if (hasRole(principal, "head", agencyId)) return "appeals.letters.position.head";
  if (hasRole(principal, "executor", agencyId)) return "appeals.letters.position.executor";
  return "appeals.letters.position.registrar";
}

/**
 * Issues the outgoing letter of a step that has one (the answer at approval; a redirect, return,
 * correction request or extension notice), in the step's transaction: rendered on the body's
 * letterhead, signed with the body's key, numbered, stored and audited. Other steps issue none.
 */
export async function issueAppealLetter(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  actor: Actor,
  row: AppealRow,
  notice: string,
  params: Record<string, string | number>,
): Promise<void> {
  if (!isLetterNotice(notice)) return;
  const agency = await findAgency(trx, row.agency_id);
  if (!agency) return;
  const language = letterLanguage(row, notice);
  const t = translator(ctx.catalogues, language);
  const name = (await accountNames(trx, [principal.accountId])).get(principal.accountId);
  const signer = {
    name: name ? signatureName(name) : "",
    position: t(positionKey(principal, row.agency_id)),
  };
  const target =
    typeof params.targetAgencyId === "string"
      ? await findAgency(trx, params.targetAgencyId)
      : undefined;
  const now = ctx.clock.now();
  const issuedOn = toPlainDate(now, appealProfile(row.jurisdiction).timeZone);
  const prepared = await prepareDocument(
    trx,
    ctx,
    {
      agencyId: agency.id,
      agencySlug: agency.slug,
      kind: notice === "answered" ? "answer" : notice,
      subjectRef: row.number,
      language,
      signer: { accountId: principal.accountId, ...signer },
      render: (number, verifyUrl, signature) =>
        renderLetter(
          appealLetter(ctx.catalogues, row, notice, params, {
            agency,
            ...(target ? { targetName: target.names[language] || target.names.ru } : {}),
            signer,
            number,
            issuedOn,
            verifyUrl,
            signature,
            createdAt: now,
          }),
        ),
    },
    now,
  );
  await recordDocument(trx, ctx, prepared, actor);
}
