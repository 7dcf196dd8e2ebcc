import { randomUUID } from "node:crypto";
import { appendAudit } from "../../../kernel/audit/audit.js";
import { isLocale } from "../../../kernel/i18n.js";
import { isValidBin } from "../../../kernel/ids.js";
import { conflict, type FieldIssue, invalid, ok, type Result } from "../../../kernel/result.js";
import { enqueueMail } from "../../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../../platform/manifest.js";
import { findAccountRow, updateAccount } from "../account.repository.js";
import { identityMail } from "../mail-texts.js";
import { deleteSessionsOf } from "../session.repository.js";
import { forgetSessions } from "../session-cache.js";
import type { Client } from "../sign-in-throttle.js";
import { checkPasswordAgain, type SignInDeps } from "./sign-in.js";

export interface ProfileChange {
  phone: string;
  language: string;
  notifyEmail: boolean;
  notifySms: boolean;
}

/** Contacts, language and how the person wants to be told of progress. */
export async function updateProfile(
  ctx: AppContext,
  accountId: string,
  input: ProfileChange,
): Promise<Result<null>> {
  const issues: FieldIssue[] = [];
  const phone = input.phone.trim();
  if (phone && !/^\+?[\d\s()-]{7,20}$/.test(phone))
    issues.push({ field: "phone", key: "identity.error.phone_invalid" });
  if (!isLocale(input.language))
    issues.push({ field: "language", key: "identity.error.language_invalid" });
  if (input.notifySms && !phone)
    issues.push({ field: "phone", key: "identity.error.phone_for_sms" });
  if (issues.length > 0) return invalid(issues);
  const now = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await updateAccount(
      trx,
      accountId,
      {
        phone: phone || null,
        language: input.language,
        notify_email: input.notifyEmail ? 1 : 0,
        notify_sms: input.notifySms ? 1 : 0,
      },
      now,
    );
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: accountId, label: `account:${accountId}` },
        action: "account.profile_updated",
        subjectType: "account",
        subjectId: accountId,
        data: {
          language: input.language,
          notifyEmail: input.notifyEmail,
          notifySms: input.notifySms,
          phoneSet: phone !== "",
        },
      },
    ]);
  });
  return ok(null);
}

/**
 * Deletes a citizen's account: sign-in ends everywhere and personal data is erased, while the
 * record that the account existed stays (the audit record and, later, appeals keep what the
 * law requires them to keep). Confirmed with the password, whose wrong answers are counted
 * like sign-in's (a stolen session cannot guess at it freely).
 */
export async function deleteAccount(
  deps: SignInDeps,
  accountId: string,
  password: string,
  client: Client,
): Promise<Result<null> | { kind: "paused"; until: Date }> {
  const { ctx } = deps;
  const row = await findAccountRow(ctx.db.kysely, { id: accountId });
  if (!row) return invalid([{ field: "password", key: "identity.error.credentials" }]);
  const check = await checkPasswordAgain(deps, row, password, client);
  if (check.kind === "paused") return check;
  if (check.kind === "wrong")
    return invalid([{ field: "password", key: "identity.error.password_wrong" }]);
  const now = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await deleteSessionsOf(trx, accountId);
    await trx.deleteFrom("organisation_members").where("account_id", "=", accountId).execute();
    await trx.deleteFrom("recovery_codes").where("account_id", "=", accountId).execute();
    await updateAccount(
      trx,
      accountId,
      {
        email: null,
        password_hash: null,
        surname: "—",
        given_name: "—",
        patronymic: null,
        iin: null,
        phone: null,
        totp_secret: null,
        totp_enabled_at: null,
        oidc_subject: null,
        active: 0,
        deleted_at: now,
      },
      now,
    );
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: accountId, label: `account:${accountId}` },
        action: "account.deleted",
        subjectType: "account",
        subjectId: accountId,
        reason: "by the account holder",
      },
    ]);
  });
  await forgetSessions(ctx, { accounts: [accountId] });
  return ok(null);
}

/** Registers an organisation (validated BIN) with the person as its representative. */
export async function addOrganisation(
  ctx: AppContext,
  accountId: string,
  input: { name: string; bin: string },
): Promise<Result<{ id: string }>> {
  const issues: FieldIssue[] = [];
  const name = input.name.trim();
  const bin = input.bin.replace(/\s+/g, "");
  if (!name) issues.push({ field: "name", key: "identity.error.org_name_missing" });
  else if (name.length > 300)
    issues.push({ field: "name", key: "identity.error.too_long", params: { max: 300 } });
  if (!bin) issues.push({ field: "bin", key: "identity.error.bin_missing" });
  else if (!isValidBin(bin, ctx.clock.now().getUTCFullYear()))
    issues.push({ field: "bin", key: "identity.error.bin_invalid" });
  if (issues.length > 0) return invalid(issues);
  const db = ctx.db.kysely;
  const now = ctx.clock.now().toISOString();
  const existing = await db
    .selectFrom("organisations")
    .select("id")
    .where("bin", "=", bin)
    .executeTakeFirst();
  return db.transaction().execute(async (trx) => {
    let id = existing?.id;
    if (!id) {
      id = randomUUID();
      await trx.insertInto("organisations").values({ id, name, bin, created_at: now }).execute();
    } else {
      const member = await trx
        .selectFrom("organisation_members")
        .select("account_id")
        .where("organisation_id", "=", id)
        .executeTakeFirst();
      // Joining an organisation that already has representatives needs one of them to add you.
      if (member) return conflict<{ id: string }>("ALREADY_REGISTERED");
    }
    await trx
      .insertInto("organisation_members")
      .values({ organisation_id: id, account_id: accountId, created_at: now })
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: accountId, label: `account:${accountId}` },
        action: "organisation.representative_added",
        subjectType: "organisation",
        subjectId: id,
        data: { bin, accountId },
      },
    ]);
    return ok({ id });
  });
}

/**
 * A representative adds another person (an existing, confirmed account, found by e-mail) who
 * may act for the organisation, and that person is told by e-mail. Only a current
 * representative may; an unknown address gets the same answer, so the form reveals nobody.
 */
export async function addRepresentative(
  ctx: AppContext,
  actorId: string,
  organisationId: string,
  email: string,
): Promise<Result<{ accountId: string | null }>> {
  const db = ctx.db.kysely;
  const isMember = await db
    .selectFrom("organisation_members")
    .select("account_id")
    .where("organisation_id", "=", organisationId)
    .where("account_id", "=", actorId)
    .executeTakeFirst();
  if (!isMember) return invalid([{ field: "repEmail", key: "identity.error.not_representative" }]);
  const person = await findAccountRow(db, { email: email.trim().toLowerCase() });
  // The same answer whether or not the address has an account: this form reveals nobody.
  if (
    !person ||
    person.email_confirmed_at === null ||
    Number(person.active) !== 1 ||
    person.kind !== "citizen"
  ) {
    return ok({ accountId: null });
  }
  const already = await db
    .selectFrom("organisation_members")
    .select("account_id")
    .where("organisation_id", "=", organisationId)
    .where("account_id", "=", person.id)
    .executeTakeFirst();
  if (already) return ok({ accountId: person.id });
  const now = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("organisation_members")
      .values({ organisation_id: organisationId, account_id: person.id, created_at: now })
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: actorId, label: `account:${actorId}` },
        action: "organisation.representative_added",
        subjectType: "organisation",
        subjectId: organisationId,
        data: { accountId: person.id },
      },
    ]);
    const org = await trx
      .selectFrom("organisations")
      .select("name")
      .where("id", "=", organisationId)
      .executeTakeFirstOrThrow();
    await enqueueMail(
      trx,
      ctx.clock,
      identityMail(
        ctx.catalogues,
        isLocale(person.language) ? person.language : ctx.config.defaultLocale,
        person.email as string,
        "representative_added",
        {
          organisation: org.name,
          link: `${ctx.config.publicUrl}/account`,
        },
      ),
    );
  });
  ctx.mail.kick();
  return ok({ accountId: person.id });
}

export async function organisationsOf(ctx: AppContext, accountId: string) {
  return ctx.db.kysely
    .selectFrom("organisations")
    .innerJoin("organisation_members", "organisation_members.organisation_id", "organisations.id")
    .select(["organisations.id", "organisations.name", "organisations.bin"])
    .where("organisation_members.account_id", "=", accountId)
    .orderBy("organisations.name")
    .execute();
}
