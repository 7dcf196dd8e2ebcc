import { dateParams } from "../../../kernel/format/index.js";
import { type Locale, translator } from "../../../kernel/i18n.js";
import { localToUtc, utcToLocal } from "../../../kernel/time/local-time.js";
import { enqueueMail } from "../../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../../platform/manifest.js";
import { accountContacts } from "../../identity/index.js";
import { appealProfile } from "../profiles.js";

/**
 * The daily digest of staff notices: once the day's digest hour (`STAFF_DIGEST_HOUR`) has come
 * on the default jurisdiction's clock, each person who chose the digest gets one mail listing
 * the events recorded for them before that hour. The events are claimed by a conditional
 * UPDATE in the same transaction as the mail, so with several instances each goes out once;
 * events after the hour wait for the next day's digest. Returns how many digests were sent.
 */
export async function sendStaffDigests(ctx: AppContext): Promise<number> {
  const zone = appealProfile(ctx.config.defaultJurisdiction).timeZone;
  const now = ctx.clock.now();
  const local = utcToLocal(now, zone);
  const day = local.slice(0, 10);
  const hour = String(ctx.config.staffTasks.digestHour).padStart(2, "0");
  const cutoff = localToUtc(`${day}T${hour}:00`, zone);
  if (!cutoff || now < cutoff) return 0;
  const before = cutoff.toISOString();
  const db = ctx.db.kysely;
  const waiting = await db
    .selectFrom("appeal_staff_digest")
    .select("account_id")
    .where("sent_at", "is", null)
    .where("created_at", "<", before)
    .distinct()
    .execute();
  let sent = 0;
  for (const { account_id: accountId } of waiting) {
    try {
      const done = await db.transaction().execute(async (trx) => {
        const stamp = now.toISOString();
        const claimed = await trx
          .updateTable("appeal_staff_digest")
          .set({ sent_at: stamp })
          .where("account_id", "=", accountId)
          .where("sent_at", "is", null)
          .where("created_at", "<", before)
          .returning(["id"])
          .execute();
        if (claimed.length === 0) return false;
        const events = await trx
          .selectFrom("appeal_staff_digest")
          .innerJoin("appeals", "appeals.id", "appeal_staff_digest.appeal_id")
          .select([
            "appeals.number",
            "appeal_staff_digest.notice",
            "appeal_staff_digest.created_at",
          ])
          .where(
            "appeal_staff_digest.id",
            "in",
            claimed.map((c) => c.id),
          )
          .orderBy("appeal_staff_digest.created_at")
          .orderBy("appeals.number")
          .execute();
        const contact = (await accountContacts(trx, [accountId])).get(accountId);
        if (!contact?.active || !contact.email) return false;
        const language: Locale = contact.language ?? ctx.config.defaultLocale;
        const t = translator(ctx.catalogues, language);
        const when = dateParams("day", day, language);
        const lines = events.map((e) =>
          t("appeals.staff_notice.digest.line", {
            number: e.number,
            event: t(`appeals.staff_notice.${e.notice}.short`),
          }),
        );
        const text = [
          t("appeals.staff_notice.digest.intro", when),
          lines.join("\n"),
          t("appeals.staff_notice.settings", {
            link: `${ctx.config.publicUrl}/office/tasks#notices`,
          }),
        ].join("\n\n");
        await enqueueMail(trx, ctx.clock, {
          to: contact.email,
          subject: t("appeals.staff_notice.digest.subject", when),
          text,
        });
        return true;
      });
      if (done) sent++;
    } catch (err) {
      ctx.log.error({ err, job: "appeals-staff-digest" }, "staff digest failed; retried next run");
    }
  }
  if (sent > 0) ctx.mail.kick();
  return sent;
}
