import { appendAudit } from "../../../kernel/audit/audit.js";
import { isLocale, type Locale } from "../../../kernel/i18n.js";
import { isValidIin } from "../../../kernel/ids.js";
import { conflict, type FieldIssue, invalid, ok, type Result } from "../../../kernel/result.js";
import { enqueueMail } from "../../../platform/delivery/mail/outbox.js";
import { normaliseEmail } from "../account.js";
import { findAccountRow, insertAccount, updateAccount } from "../account.repository.js";
import { hashPassword, passwordProblems } from "../auth/passwords.js";
import { hashToken, newToken } from "../auth/tokens.js";
import { identityMail } from "../mail-texts.js";
import type { SignInDeps } from "./sign-in.js";

export interface Registration {
  surname: string;
  givenName: string;
  patronymic?: string;
  iin: string;
  email: string;
  phone?: string;
  password: string;
  language?: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
const PHONE = /^\+?[\d\s()-]{7,20}$/;
const NAME_MAX = 100;

/** Field problems as message keys; an IIN failing its check digit is reported as such. */
export function registrationIssues(r: Registration): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const name = (field: string, v: string | undefined, required: boolean) => {
    const value = (v ?? "").trim();
    if (!value && required) issues.push({ field, key: `identity.error.${field}_missing` });
    else if (value.length > NAME_MAX)
      issues.push({ field, key: "identity.error.too_long", params: { max: NAME_MAX } });
  };
  name("surname", r.surname, true);
  name("givenName", r.givenName, true);
  name("patronymic", r.patronymic, false);
  const iin = (r.iin ?? "").trim();
  if (!iin) issues.push({ field: "iin", key: "identity.error.iin_missing" });
  else if (!/^\d{12}$/.test(iin)) issues.push({ field: "iin", key: "identity.error.iin_format" });
  else if (!isValidIin(iin)) issues.push({ field: "iin", key: "identity.error.iin_invalid" });
  const email = (r.email ?? "").trim();
  if (!email) issues.push({ field: "email", key: "identity.error.email_missing" });
  else if (!EMAIL.test(email) || email.length > 254)
    issues.push({ field: "email", key: "identity.error.email_invalid" });
  if (r.phone?.trim() && !PHONE.test(r.phone.trim()))
    issues.push({ field: "phone", key: "identity.error.phone_invalid" });
  if (!r.password) issues.push({ field: "password", key: "identity.error.password_missing" });
  else {
    for (const key of passwordProblems(r.password, [email, iin]))
      issues.push({ field: "password", key });
  }
  if (r.language !== undefined && r.language !== "" && !isLocale(r.language)) {
    issues.push({ field: "language", key: "identity.error.language_invalid" });
  }
  return issues;
}

/**
 * Registers a citizen: the account waits for its e-mail to be confirmed through a link sent
 * (via the outbox, so only if this commits). A taken e-mail or IIN is a conflict; the web page
 * shows the same "check your e-mail" answer for it and mails the owner instead (no enumeration).
 */
export async function registerCitizen(
  deps: SignInDeps,
  input: Registration,
  fallbackLanguage: Locale,
): Promise<Result<{ accountId: string }>> {
  const issues = registrationIssues(input);
  if (issues.length > 0) return invalid(issues);
  const { ctx } = deps;
  const db = ctx.db.kysely;
  const email = normaliseEmail(input.email);
  const iin = input.iin.trim();
  const language: Locale = isLocale(input.language) ? input.language : fallbackLanguage;
  // Hashed first, whatever follows, so a taken address answers in the same time as a new one.
  const passwordHash = await hashPassword(input.password);
  const taken = (await findAccountRow(db, { email })) ?? (await findAccountRow(db, { iin }));
  if (taken) {
    if (taken.email) {
      await db.transaction().execute((trx) =>
        enqueueMail(
          trx,
          ctx.clock,
          identityMail(deps.catalogues, language, taken.email as string, "already_registered", {
            link: `${ctx.config.publicUrl}/login`,
          }),
        ),
      );
      ctx.mail.kick();
    }
    return conflict("ALREADY_REGISTERED");
  }
  const now = ctx.clock.now();
  const result = await db.transaction().execute(async (trx) => {
    const accountId = await insertAccount(
      trx,
      {
        kind: "citizen",
        email,
        passwordHash,
        surname: input.surname.trim(),
        givenName: input.givenName.trim(),
        patronymic: input.patronymic?.trim() || null,
        iin,
        phone: input.phone?.trim() || null,
        language,
      },
      now.toISOString(),
    );
    const token = await issueEmailToken(deps, trx, accountId, "confirm", now);
    await enqueueMail(
      trx,
      ctx.clock,
      identityMail(deps.catalogues, language, email, "confirm", {
        link: `${ctx.config.publicUrl}/confirm?token=${token}`,
        hours: deps.settings.emailTokenHours,
      }),
    );
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: accountId, label: `account:${accountId}` },
        action: "account.registered",
        subjectType: "account",
        subjectId: accountId,
        data: { kind: "citizen", language },
      },
    ]);
    return { accountId };
  });
  ctx.mail.kick();
  return ok(result);
}

/** A single-use link token for confirming an e-mail or resetting a password. */
export async function issueEmailToken(
  deps: SignInDeps,
  trx: Parameters<typeof insertAccount>[0],
  accountId: string,
  purpose: "confirm" | "reset",
  now: Date,
): Promise<string> {
  const token = newToken();
  await trx
    .insertInto("email_tokens")
    .values({
      token_hash: hashToken(token),
      account_id: accountId,
      purpose,
      expires_at: new Date(now.getTime() + deps.settings.emailTokenHours * 3_600_000).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/** Uses a link token once; returns the account it belongs to, or null when unknown, used or expired. */
export async function consumeEmailToken(
  trx: Parameters<typeof insertAccount>[0],
  token: string,
  purpose: "confirm" | "reset",
  now: Date,
): Promise<string | null> {
  const hash = hashToken(token);
  const row = await trx
    .selectFrom("email_tokens")
    .selectAll()
    .where("token_hash", "=", hash)
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  if (!row || row.used_at !== null || Date.parse(row.expires_at) <= now.getTime()) return null;
  const used = await trx
    .updateTable("email_tokens")
    .set({ used_at: now.toISOString() })
    .where("token_hash", "=", hash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? row.account_id : null;
}

/** Confirms the e-mail behind a link; true when it did. */
export async function confirmEmail(deps: SignInDeps, token: string): Promise<boolean> {
  const { ctx } = deps;
  const now = ctx.clock.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const accountId = await consumeEmailToken(trx, token, "confirm", now);
    if (!accountId) return false;
    await updateAccount(
      trx,
      accountId,
      { email_confirmed_at: now.toISOString() },
      now.toISOString(),
    );
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: accountId, label: `account:${accountId}` },
        action: "account.email_confirmed",
        subjectType: "account",
        subjectId: accountId,
      },
    ]);
    return true;
  });
}
