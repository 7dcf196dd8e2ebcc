import { appendAudit } from "../../../kernel/audit/audit.js";
import { isValidIin } from "../../../kernel/ids.js";
import { normaliseEmail } from "../account.js";
import { findAccountRow, insertAccount, updateAccount } from "../account.repository.js";
import type { OidcIdentity } from "../auth/oidc.js";
import { createSession } from "../session.repository.js";
import type { SignInDeps } from "./sign-in.js";

export type EidOutcome =
  | { kind: "ok"; token: string; accountId: string; secondFactorNeeded: boolean; created: boolean }
  | { kind: "no_iin" }
  | { kind: "inactive" };

/**
 * Signs in with the national e-ID. The person is matched by the provider's subject, then by
 * IIN (linking the account to the e-ID on first use); someone new gets a citizen account from
 * the e-ID's claims, which the state has already verified. Staff still pass their second factor.
 */
export async function signInWithEid(
  deps: SignInDeps,
  identity: OidcIdentity,
  userAgent: string,
): Promise<EidOutcome> {
  const { ctx, settings } = deps;
  const db = ctx.db.kysely;
  const iin = identity.iin?.trim() ?? "";
  if (!isValidIin(iin)) return { kind: "no_iin" };
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let row =
      (await findAccountRow(trx, { oidcSubject: identity.subject })) ??
      (await findAccountRow(trx, { iin }));
    let created = false;
    if (row && Number(row.active) !== 1) return { kind: "inactive" as const };
    if (row && row.iin !== null && row.iin !== iin) return { kind: "no_iin" as const };
    if (row) {
      if (row.oidc_subject !== identity.subject) {
        await updateAccount(trx, row.id, { oidc_subject: identity.subject, iin }, nowIso);
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
}
