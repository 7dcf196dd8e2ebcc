import { appendAudit } from "../../../kernel/audit/audit.js";
import { isValidIin } from "../../../kernel/ids.js";
import { normaliseEmail } from "../account.js";
import { findAccountRow, insertAccount, updateAccount } from "../account.repository.js";
import type { OidcIdentity } from "../auth/oidc.js";
import { createSession, deleteSessionsOf } from "../session.repository.js";
import { forgetSessions } from "../session-cache.js";
import type { SignInDeps } from "./sign-in.js";

export type EidOutcome =
  | { kind: "ok"; token: string; accountId: string; secondFactorNeeded: boolean; created: boolean }
  | { kind: "no_iin" }
  | { kind: "inactive" };

/**
 * Signs in with the national e-ID. The person is matched by the provider's subject; an account
 * with the same IIN is linked when its holder is signed in to it (proof of control), otherwise
 * the IIN is taken from it, since a declared IIN proves nothing. An account whose IIN a registrar
 * verified in person is the same person's: it is linked. Someone new gets a citizen account
 * from the e-ID's verified claims. Either way the account's identity is now verified by e-ID.
 * Staff still pass their second factor.
 */
export async function signInWithEid(
  deps: SignInDeps,
  identity: OidcIdentity,
  userAgent: string,
  signedInAccountId: string | null = null,
): Promise<EidOutcome> {
  const { ctx, settings } = deps;
  const db = ctx.db.kysely;
  const iin = identity.iin?.trim() ?? "";
  if (!isValidIin(iin)) return { kind: "no_iin" };
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  // Accounts whose sessions end or whose identity changes: forgotten by every process after commit.
  const changed: string[] = [];
  const outcome = await db.transaction().execute(async (trx) => {
    let row = await findAccountRow(trx, { oidcSubject: identity.subject });
    const byIin = row ? undefined : await findAccountRow(trx, { iin });
    if (byIin) {
      if (byIin.oidc_subject !== null) return { kind: "no_iin" as const };
      if (byIin.id === signedInAccountId || byIin.identity_assurance === "in_person") {
        // The holder proved control of the account by being signed in to it, or a registrar
        // already checked this person's document for this IIN: link them.
        row = byIin;
      } else {
        // An IIN typed at registration is not proof of identity; the e-ID is. The IIN moves to
        // the verified person, the other account keeps everything else and its sessions end.
        await updateAccount(trx, byIin.id, { iin: null }, nowIso);
        await deleteSessionsOf(trx, byIin.id);
        changed.push(byIin.id);
        await appendAudit(trx, ctx.clock, [
          {
            actor: { id: null, label: "system:e-id" },
            action: "account.iin_released",
            subjectType: "account",
            subjectId: byIin.id,
            reason: "the IIN was claimed by its holder through the national e-ID",
          },
        ]);
      }
    }
    let created = false;
    if (row && Number(row.active) !== 1) return { kind: "inactive" as const };
    if (row && row.iin !== null && row.iin !== iin) return { kind: "no_iin" as const };
    if (row) {
      if (row.oidc_subject !== identity.subject || row.identity_assurance !== "eid") {
        await updateAccount(
          trx,
          row.id,
          {
            oidc_subject: identity.subject,
            iin,
            identity_assurance: "eid",
            identity_verified_at: nowIso,
          },
          nowIso,
        );
        changed.push(row.id);
        await appendAudit(trx, ctx.clock, [
          {
            actor: { id: row.id, label: `account:${row.id}` },
            action: "account.eid_linked",
            subjectType: "account",
            subjectId: row.id,
          },
        ]);
      }
    } else {
      const email = identity.email ? normaliseEmail(identity.email) : null;
      const emailFree = email ? !(await findAccountRow(trx, { email })) : false;
      const id = await insertAccount(
        trx,
        {
          kind: "citizen",
          email: emailFree ? email : null,
          passwordHash: null,
          surname: identity.surname?.trim() || "—",
          givenName: identity.givenName?.trim() || "—",
          patronymic: identity.patronymic?.trim() || null,
          iin,
          phone: null,
          language: deps.ctx.config.defaultLocale,
          emailConfirmedAt: emailFree ? nowIso : null,
          oidcSubject: identity.subject,
          identity: "eid",
        },
        nowIso,
      );
      await appendAudit(trx, ctx.clock, [
        {
          actor: { id, label: `account:${id}` },
          action: "account.registered",
          subjectType: "account",
          subjectId: id,
          data: { kind: "citizen", via: "e-id" },
        },
      ]);
      row = await findAccountRow(trx, { id });
      created = true;
    }
    if (!row) throw new Error("account vanished");
    // The registered address's territory comes only from the e-ID, and follows it on each sign-in.
    if (identity.residence && row.residence_code !== identity.residence)
      await updateAccount(trx, row.id, { residence_code: identity.residence }, nowIso);
    const session = await createSession(trx, {
      accountId: row.id,
      kind: "browser",
      now: nowIso,
      expiresAt: new Date(now.getTime() + settings.absoluteHours * 3_600_000).toISOString(),
      secondFactorAt: null,
      userAgent,
    });
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: row.id, label: `account:${row.id}` },
        action: "session.created",
        subjectType: "account",
        subjectId: row.id,
        data: { kind: "browser", via: "e-id" },
      },
    ]);
    return {
      kind: "ok" as const,
      token: session.token,
      accountId: row.id,
      secondFactorNeeded: row.kind === "staff",
      created,
    };
  });
  await forgetSessions(ctx, { accounts: changed });
  return outcome;
}
