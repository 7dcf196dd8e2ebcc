import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { dateParams } from "../../kernel/format/index.js";
import { translator } from "../../kernel/i18n.js";
import { enqueueMail } from "../../platform/delivery/mail/outbox.js";
import type { AppContext } from "../../platform/manifest.js";
import { mailContacts } from "../identity/index.js";
import type { ProjectRow } from "./project.repository.js";
import { followersOf } from "./project.repository.js";

/** What happened to a project that its followers are told of. */
export type ProjectEvent =
  | { kind: "stage_started" | "stage_ended"; stage: string; date: string }
  | { kind: "news"; text: string };

/**
 * Tells every follower of the project of each event, one mail per event, in each person's
 * language, through the outbox in the caller's transaction (nobody hears of a change that rolled
 * back). Each mail has the project's address and the address that stops mail about this
 * project (it asks the person to sign in and confirm). Accounts without a confirmed address or
 * that chose no e-mail get nothing. Returns how many mails were queued.
 */
export async function notifyFollowers(
  trx: Kysely<Database>,
  ctx: AppContext,
  project: Pick<ProjectRow, "id" | "title">,
  events: ProjectEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const ids = await followersOf(trx, project.id);
  if (ids.length === 0) return 0;
  const link = `${ctx.config.publicUrl}/budgets/projects/${project.id}`;
  const unfollow = `${link}/unfollow`;
  let sent = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const people = await mailContacts(trx, ids.slice(i, i + 500));
    for (const a of people.values()) {
      if (!a.notifyEmail || !a.active) continue;
      const t = translator(ctx.catalogues, a.language);
      for (const e of events) {
        const params: Record<string, string> =
          e.kind === "news"
            ? { title: project.title }
            : {
                title: project.title,
                stage: t(`budgets.stage.${e.stage}`),
                ...dateParams("date", e.date, a.language),
              };
        const lead = t(`budgets.projects.mail.${e.kind}.body`, params);
        const text = [
          lead,
          e.kind === "news" ? e.text : "",
          `${t("budgets.projects.mail.link")} ${link}`,
          `${t("budgets.projects.mail.unfollow")} ${unfollow}`,
        ]
          .filter(Boolean)
          .join("\n\n");
        await enqueueMail(trx, ctx.clock, {
          to: a.email,
          subject: t(`budgets.projects.mail.${e.kind}.subject`, params),
          text,
        });
        sent++;
      }
    }
  }
  return sent;
}
