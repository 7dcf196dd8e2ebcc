import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { appendAudit } from "../../../../kernel/audit/audit.js";
import { toPlainDate } from "../../../../kernel/calendar/plain-date.js";
import { HalyqError } from "../../../../kernel/errors.js";
import { isValidIin } from "../../../../kernel/ids.js";
import type { Principal } from "../../../../kernel/permissions.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { cleanFileName, inspectFile, megabytes } from "../../../../platform/files/incoming.js";
import { multipartForms, uploadsOf } from "../../../../platform/files/multipart.js";
import { attachmentSettings } from "../../../../platform/files/settings.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { requirePage } from "../../../../web/guards.js";
import { agencyChoices, findAgency, listCategories } from "../../../agencies/index.js";
import {
  type DeskApplicant,
  findApplicantAccount,
  grantsOf,
  showApplicant,
} from "../../../identity/index.js";
import { insertAttachment } from "../../attachments/attachment.repository.js";
import { loadVisibleAppeal } from "../../commands/appeal-actions.js";
import { prepareAppeal } from "../../commands/submit-appeal.js";
import { applicantRoutes } from "../../desk/applicants.routes.js";
import { cardIssues, insertCard, registrarDefaults, rememberDefaults } from "../../desk/card.js";
import { loadDeskCard } from "../../desk/card-data.js";
import { asReadableBy } from "../../personal-data.js";
import { appealProfile } from "../../profiles.js";
import { fileAppeal } from "../../writes.js";
import { redirectToCurrentNumber } from "../canonical-number.js";
import { type DeskValues, deskFiling, deskIssues, emptyDesk, readDesk } from "./desk-form.js";
import { DeskPage } from "./desk-page.js";
import type { FormBody } from "./form.js";
import { one } from "./form.js";
import { bodiesByIds, personNames, staffBodies } from "./scope.js";
import { SlipPage } from "./slip-page.js";

/** The registrar's desk (GET/POST /office/appeals/new) and the registration slip. */
export async function deskRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  const scanMaxMb = megabytes(attachmentSettings.maxBytes);
  await applicantRoutes(app, ctx);

  /** The body to register into: the one asked for, if allowed, else the person's first. */
  function bodyFor(principal: Principal, asked: string): { mine: string[]; agencyId: string } {
    const mine = staffBodies(ctx, principal, "appeal.register");
    const agencyId = asked || mine[0];
    if (!agencyId || !ctx.policy.can(principal, "appeal.register", { agencyId })) {
      throw new HalyqError("FORBIDDEN");
    }
    return { mine, agencyId };
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    asked: string,
    values: DeskValues,
    issues: FieldIssue[],
    linking: DeskApplicant | null = null,
  ) {
    const { mine, agencyId } = bodyFor(principal, asked);
    const bodies = await bodiesByIds(db, mine, request.locale);
    const [body] = await bodiesByIds(db, [agencyId], request.locale);
    if (!body) throw new HalyqError("NOT_FOUND");
    const categories = await listCategories(db);
    const allBodies = (await agencyChoices(db, request.locale)).filter((b) => b.id !== agencyId);
    return reply.page(
      request.t("appeals.staff.desk.title"),
      <DeskPage
        t={request.t}
        csrf={reply.csrfToken()}
        bodies={bodies}
        body={body}
        categories={categories.map((c) => ({ value: c.id, label: c.names[request.locale] }))}
        values={values}
        issues={issues}
        allBodies={allBodies}
        linking={linking ? { id: linking.id, name: linking.name } : null}
        scanMaxMb={scanMaxMb}
      />,
      issues.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  /**
   * The registrar's desk, its choices pre-filled with their last ones. Coming from the
   * applicant search (`?account=`), the person's details are filled in from their account and
   * the appeal will be linked to it.
   */
  app.get<{ Querystring: { agency?: string; account?: string } }>(
    "/office/appeals/new",
    {
      schema: {
        querystring: {
          type: "object",
          properties: {
            agency: { type: "string", maxLength: 100 },
            account: { type: "string", maxLength: 64 },
          },
        },
      },
    },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const asked = typeof request.query.agency === "string" ? request.query.agency : "";
      const values = emptyDesk(request.locale, await registrarDefaults(db, principal.accountId));
      let linking: DeskApplicant | null = null;
      if (request.query.account) {
        const { agencyId } = bodyFor(principal, asked);
        if (!ctx.policy.can(principal, "identity.find_applicant", { agencyId }))
          throw new HalyqError("FORBIDDEN");
        linking = await showApplicant(ctx, principal, agencyId, request.query.account);
        if (!linking) throw new HalyqError("NOT_FOUND");
        Object.assign(values, {
          applicantName: linking.name,
          applicantIin: linking.iin ?? "",
          applicantEmail: linking.email ?? "",
          applicantPhone: linking.phone ?? "",
          linkAccount: linking.id,
        });
      }
      return show(request, reply, principal, asked, values, [], linking);
    },
  );

  // The desk's form carries the letter's scans: multipart, parsed before the CSRF check.
  await app.register(async (scope) => {
    multipartForms(scope, {
      maxFileBytes: attachmentSettings.maxBytes * attachmentSettings.maxFiles,
    });
    scope.post<{ Body: FormBody }>("/office/appeals/new", async (request, reply) =>
      register(request, reply),
    );
  });

  async function register(request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply) {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const asked = one(request.body, "agency");
    const { agencyId } = bodyFor(principal, asked);
    const values = readDesk(request.body);
    const categories = await listCategories(db);
    const issues = deskIssues(values, new Set(categories.map((c) => c.id)));

    // The person's account: the one chosen in the search, or the one holding the card's IIN
    // when its holder's identity was checked (a declared IIN may be anyone's).
    let link: DeskApplicant | undefined;
    let unverifiedMatch = false;
    if (!values.anonymous && values.linkAccount) {
      link = await findApplicantAccount(db, { id: values.linkAccount });
      if (!link || (values.applicantIin && link.iin && link.iin !== values.applicantIin)) {
        link = undefined;
        issues.push({ field: "applicantIin", key: "appeals.desk_card.error.link_account" });
      }
    } else if (!values.anonymous && isValidIin(values.applicantIin)) {
      const match = await findApplicantAccount(db, { iin: values.applicantIin });
      if (match?.verified) link = match;
      else if (match) unverifiedMatch = true;
    }

    // A post without the card's choices (an older form) gets the usual ones.
    if (!values.correspondent) values.correspondent = "applicant";
    if (!values.answerDelivery)
      values.answerDelivery = link
        ? "account"
        : values.applicantEmail.trim()
          ? "email"
          : values.applicantAddress.trim()
            ? "post"
            : "in_person";
    const agency = await findAgency(db, agencyId);
    const today = toPlainDate(
      ctx.clock.now(),
      appealProfile(agency?.jurisdiction ?? "kz").timeZone,
    );
    const checked = cardIssues(values, {
      today,
      agencyIds: new Set((await agencyChoices(db, request.locale)).map((b) => b.id)),
      email: values.applicantEmail.trim() !== "",
      postalAddress: values.applicantAddress.trim() !== "",
      linked: link !== undefined,
    });
    issues.push(...checked.issues);

    // The scans: checked before anything is written; a refused file changes nothing.
    const uploads = uploadsOf(request);
    const scans = uploads.files.filter((f) => f.field === "scan");
    const scanTypes: string[] = [];
    if (uploads.tooLarge) {
      issues.push({
        field: "scan",
        key: "appeals.attachments.error.too_large",
        params: { max: scanMaxMb },
      });
    } else if (scans.length > attachmentSettings.maxFiles) {
      issues.push({
        field: "scan",
        key: "appeals.attachments.error.too_many",
        params: { max: attachmentSettings.maxFiles },
      });
    } else {
      for (const scan of scans) {
        const inspected = inspectFile(scan.buffer);
        if (inspected.ok) {
          scanTypes.push(inspected.mediaType);
          continue;
        }
        issues.push({
          field: "scan",
          key: `appeals.attachments.error.${inspected.problem}`,
          ...(inspected.problem === "too_large" ? { params: { max: scanMaxMb } } : {}),
        });
        break;
      }
    }

    const { input, applicant } = deskFiling(values);
    const channel = (issues.some((i) => i.field === "channel") ? "paper" : values.channel) as
      | "paper"
      | "phone"
      | "video"
      | "walk_in";
    const filing = {
      channel,
      principal,
      agencyId,
      applicant,
      ...(link ? { linkAccountId: link.id } : {}),
    };
    if (issues.length > 0 || !checked.card) {
      // The filing's own problems are reported with the form's, so everything is fixed at once.
      const prepared = await prepareAppeal(ctx, filing, input);
      if (prepared.kind === "invalid") issues.push(...prepared.issues);
      return show(request, reply, principal, asked, values, issues, link ?? null);
    }
    const card = checked.card;
    const stored = await Promise.all(
      scans.map(async (scan, i) => ({
        sha256: await ctx.blobStore.write(scan.buffer),
        fileName: cleanFileName(scan.fileName),
        mediaType: scanTypes[i] ?? "application/octet-stream",
        size: scan.buffer.length,
      })),
    );
    const result = await fileAppeal(ctx, filing, input, async (trx, registered) => {
      const now = ctx.clock.now().toISOString();
      await insertCard(trx, registered.id, card, now);
      for (const scan of stored) {
        await insertAttachment(trx, {
          id: randomUUID(),
          appeal_id: registered.id,
          draft_id: null,
          purpose: "scan",
          uploaded_by_id: principal.accountId,
          file_name: scan.fileName,
          media_type: scan.mediaType,
          size: scan.size,
          sha256: scan.sha256,
          created_at: now,
        });
      }
      await rememberDefaults(
        trx,
        principal.accountId,
        {
          channel,
          kind: values.kind,
          correspondent: card.correspondent,
          answerDelivery: card.answerDelivery,
        },
        now,
      );
      await appendAudit(trx, ctx.clock, [
        {
          actor: { id: principal.accountId, label: "registrar" },
          action: "appeal.card_recorded",
          subjectType: "appeal",
          subjectId: registered.id,
          data: {
            correspondent: card.correspondent,
            answerDelivery: card.answerDelivery,
            underControl: card.underControl,
            sheets: card.sheets,
            scans: stored.length,
            ...(link
              ? { linkedAccount: link.id, linkedBy: values.linkAccount ? "search" : "iin" }
              : {}),
          },
        },
      ]);
    });
    if (result.kind === "ok") {
      return reply.redirect(
        `/office/appeals/${encodeURIComponent(result.value.number)}/slip?registered=1${unverifiedMatch ? "&unverified=1" : ""}`,
        303,
      );
    }
    if (result.kind !== "invalid") throw new HalyqError("FORBIDDEN");
    return show(request, reply, principal, asked, values, result.issues, link ?? null);
  }

  app.get<{
    Params: { number: string };
    Querystring: { registered?: string; unverified?: string };
  }>("/office/appeals/:number/slip", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    if (principal.kind !== "staff") throw new HalyqError("NOT_FOUND");
    const found = await loadVisibleAppeal(ctx, principal, request.params.number);
    if (!found) throw new HalyqError("NOT_FOUND");
    if (redirectToCurrentNumber(request, reply, request.params.number, found.row.number))
      return reply;
    found.row = asReadableBy(ctx, principal, found.row, request.t);
    const { row } = found;
    const agency = await findAgency(db, row.agency_id);
    let acceptedBy: { name: string; roles: string[] } | null = null;
    if (row.registered_by_id) {
      const names = await personNames(db, [row.registered_by_id]);
      const grants = await grantsOf(db, row.registered_by_id);
      acceptedBy = {
        name: names.get(row.registered_by_id) ?? row.registered_by_label,
        roles: grants
          .filter(
            (g) =>
              g.agencyId === row.agency_id &&
              (g.role === "registrar" || g.role === "executor" || g.role === "head"),
          )
          .map((g) => g.role),
      };
    }
    return reply.page(
      request.t("appeals.staff.slip.title"),
      <SlipPage
        t={request.t}
        locale={request.locale}
        row={row}
        agencyName={agency ? agency.names[request.locale] : ""}
        timeZone={appealProfile(row.jurisdiction).timeZone}
        acceptedBy={acceptedBy}
        justRegistered={request.query.registered === "1"}
        card={await loadDeskCard(db, row, request.locale)}
        unverifiedMatch={request.query.unverified === "1"}
      />,
    );
  });
}
