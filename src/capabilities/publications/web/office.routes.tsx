import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue, Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type FormBody, one } from "../../../web/components/form-fields.js";
import { staffOnly } from "../../../web/guards.js";
import { type ModerationStep, moderatePublication } from "../commands/moderate-publication.js";
import { createPublication, editPublication } from "../commands/write-publication.js";
import { WRITERS } from "../policies.js";
import {
  draftBodies,
  draftTitles,
  LANGS,
  PUBLICATION_ID,
  type PublicationRow,
  pick,
} from "../publication.js";
import { agencyCards, findPublication, officeList } from "../publication.repository.js";
import { publicationSettings } from "../settings.js";
import {
  type BodyFreshness,
  EditPage,
  type FormValues,
  OfficeListPage,
  OfficePublicationPage,
} from "./office-views.js";
import { sectionsOf } from "./public.routes.js";

type IdParams = { Params: { id: string } };
const DONE = ["created", "saved", "submitted", "approved", "returned", "unpublished"] as const;
const STEPS: ModerationStep[] = ["submit", "approve", "return", "unpublish"];
const DONE_OF: Record<ModerationStep, (typeof DONE)[number]> = {
  submit: "submitted",
  approve: "approved",
  return: "returned",
  unpublish: "unpublished",
};

/** The bodies whose publications `principal` may write (and so see in the office). */
function writableBodies(ctx: AppContext, principal: Principal): string[] {
  return [
    ...new Set(
      principal.grants
        .filter((g) => g.agencyId !== null && (WRITERS as readonly string[]).includes(g.role))
        .map((g) => g.agencyId as string),
    ),
  ].filter((agencyId) => ctx.policy.can(principal, "publication.write", { agencyId }));
}

function formValues(body: FormBody | undefined): FormValues {
  const values: FormValues = {
    agencyId: one(body, "agencyId"),
    kind: one(body, "kind"),
    section: one(body, "section"),
  };
  for (const l of LANGS) {
    values[`title-${l}`] = one(body, `title-${l}`);
    // Bodies keep their inner spacing; only the ends are trimmed.
    const raw = body?.[`body-${l}`];
    values[`body-${l}`] = (Array.isArray(raw) ? (raw[0] ?? "") : (raw ?? "")).trim();
  }
  return values;
}

const draftOf = (v: FormValues) => ({
  title: { kk: v["title-kk"] ?? "", ru: v["title-ru"] ?? "", en: v["title-en"] ?? "" },
  body: { kk: v["body-kk"] ?? "", ru: v["body-ru"] ?? "", en: v["body-en"] ?? "" },
});

function valuesOf(row: PublicationRow): FormValues {
  const titles = draftTitles(row);
  const bodies = draftBodies(row);
  const v: FormValues = {};
  for (const l of LANGS) {
    v[`title-${l}`] = titles[l] ?? "";
    v[`body-${l}`] = bodies[l] ?? "";
  }
  return v;
}

/** The body's pages: its publications, writing them, and moderating them. */
export async function officePublicationRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): Promise<void> {
  const db = ctx.db.kysely;
  // Publication dates are shown in the default jurisdiction's zone.
  const zone = ctx.calendars.forJurisdiction().rules.timeZone;

  app.get("/office/publications", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const ids = writableBodies(ctx, principal);
    if (ids.length === 0) throw new HalyqError("FORBIDDEN");
    const [rows, agencies, settings] = await Promise.all([
      officeList(db, ids),
      agencyCards(db, ids),
      publicationSettings(ctx),
    ]);
    const freshness: BodyFreshness[] = [];
    for (const agencyId of ids) {
      const agency = agencies.get(agencyId);
      if (!agency) continue;
      freshness.push({ agencyId, agency, entries: (await sectionsOf(ctx, agencyId)).entries });
    }
    return reply.page(
      request.t("publications.office.title"),
      <OfficeListPage
        t={request.t}
        locale={request.locale}
        zone={zone}
        rows={rows}
        agencies={agencies}
        freshness={freshness}
        months={settings.staleMonths}
      />,
    );
  });

  const showNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    kind: "news" | "information",
    values: FormValues,
    issues: FieldIssue[],
  ) => {
    const ids = writableBodies(ctx, principal);
    if (ids.length === 0) throw new HalyqError("FORBIDDEN");
    const cards = await agencyCards(db, ids);
    const settings = await publicationSettings(ctx);
    const t = request.t;
    return reply.page(
      t(`publications.form.new_${kind}`),
      <EditPage
        t={t}
        csrf={reply.csrfToken()}
        action="/office/publications"
        heading={t(`publications.form.new_${kind}`)}
        kind={kind}
        bodies={ids.map((id) => ({ id, name: cards.get(id)?.names[request.locale] ?? id }))}
        sections={kind === "information" ? settings.sections : null}
        values={values}
        issues={issues}
      />,
      { hasErrors: issues.length > 0, ...(issues.length > 0 ? { status: 400 } : {}) },
    );
  };

  app.get<{ Querystring: { kind?: string; agencyId?: string; section?: string } }>(
    "/office/publications/new",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const kind = request.query.kind === "information" ? "information" : "news";
      return showNew(
        request,
        reply,
        principal,
        kind,
        {
          agencyId: String(request.query.agencyId ?? ""),
          section: String(request.query.section ?? ""),
        },
        [],
      );
    },
  );

  app.post<{ Body: FormBody }>("/office/publications", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const values = formValues(request.body);
    const result = await createPublication(ctx, principal, {
      agencyId: values.agencyId ?? "",
      kind: values.kind ?? "",
      section: values.section ?? "",
      ...draftOf(values),
    });
    if (result.kind === "ok")
      return reply.redirect(`/office/publications/${result.value.id}?done=created`, 303);
    if (result.kind === "invalid")
      return showNew(
        request,
        reply,
        principal,
        values.kind === "information" ? "information" : "news",
        values,
        result.issues,
      );
    throw new HalyqError(result.kind === "forbidden" ? "FORBIDDEN" : "NOT_FOUND");
  });

  /** Loads a publication the staff member may see (one of their bodies'), or 404. */
  const load = async (principal: Principal, id: string) => {
    const row = PUBLICATION_ID.test(id) ? await findPublication(db, id) : undefined;
    if (!row || !writableBodies(ctx, principal).includes(row.agency_id))
      throw new HalyqError("NOT_FOUND");
    return row;
  };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    row: PublicationRow,
    state: { notice?: string; issues?: FieldIssue[]; problem?: string; values?: FormValues },
    status?: number,
  ) => {
    const agency = (await agencyCards(db, [row.agency_id])).get(row.agency_id);
    if (!agency) throw new HalyqError("NOT_FOUND");
    const issues = state.issues ?? [];
    return reply.page(
      pick(draftTitles(row), request.locale).text,
      <OfficePublicationPage
        t={request.t}
        locale={request.locale}
        zone={zone}
        csrf={reply.csrfToken()}
        row={row}
        agency={agency}
        can={{
          write: ctx.policy.can(principal, "publication.write", { agencyId: row.agency_id }),
          approve: ctx.policy.can(principal, "publication.approve", {
            agencyId: row.agency_id,
            submittedById: row.submitted_by_id,
          }),
          unpublish: ctx.policy.can(principal, "publication.unpublish", {
            agencyId: row.agency_id,
          }),
        }}
        notice={state.notice}
        issues={issues}
        problem={state.problem}
        values={state.values ?? {}}
      />,
      {
        hasErrors: issues.length > 0 || state.problem !== undefined,
        ...(status ? { status } : {}),
      },
    );
  };

  app.get<IdParams & { Querystring: { done?: string } }>(
    "/office/publications/:id",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const row = await load(principal, request.params.id);
      const done = DONE.find((d) => d === request.query.done);
      return show(request, reply, principal, row, {
        ...(done ? { notice: request.t(`publications.done.${done}`) } : {}),
      });
    },
  );

  const showEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    row: PublicationRow,
    values: FormValues,
    issues: FieldIssue[],
  ) => {
    const t = request.t;
    const heading = t("publications.form.edit");
    return reply.page(
      heading,
      <EditPage
        t={t}
        csrf={reply.csrfToken()}
        action={`/office/publications/${row.id}`}
        heading={heading}
        kind={row.kind === "information" ? "information" : "news"}
        bodies={null}
        sections={null}
        values={values}
        issues={issues}
      />,
      { hasErrors: issues.length > 0, ...(issues.length > 0 ? { status: 400 } : {}) },
    );
  };

  app.get<IdParams>("/office/publications/:id/edit", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const row = await load(principal, request.params.id);
    if (!ctx.policy.can(principal, "publication.write", { agencyId: row.agency_id }))
      throw new HalyqError("FORBIDDEN");
    return showEdit(request, reply, row, valuesOf(row), []);
  });

  /** Maps a command's outcome: to the publication's page, or the form again. */
  const outcome = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    row: PublicationRow,
    result: Result<{ id: string }>,
    done: (typeof DONE)[number],
    onInvalid: (issues: FieldIssue[]) => Promise<FastifyReply>,
  ) => {
    switch (result.kind) {
      case "ok":
        return reply.redirect(`/office/publications/${row.id}?done=${done}`, 303);
      case "invalid":
        return onInvalid(result.issues);
      case "conflict": {
        const fresh = (await findPublication(db, row.id)) ?? row;
        const reason = String(result.params?.reason ?? "state");
        return show(
          request,
          reply,
          principal,
          fresh,
          { problem: `publications.conflict.${reason}` },
          409,
        );
      }
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  };

  app.post<IdParams & { Body: FormBody }>("/office/publications/:id", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const row = await load(principal, request.params.id);
    const values = formValues(request.body);
    const result = await editPublication(ctx, principal, row.id, draftOf(values));
    return outcome(request, reply, principal, row, result, "saved", (issues) =>
      showEdit(request, reply, row, values, issues),
    );
  });

  for (const step of STEPS) {
    app.post<IdParams & { Body: FormBody }>(
      `/office/publications/:id/${step}`,
      async (request, reply) => {
        const principal = staffOnly(request, reply);
        if (!principal) return reply;
        const row = await load(principal, request.params.id);
        const reason = one(request.body, "reason");
        const result = await moderatePublication(ctx, principal, row.id, step, { reason });
        return outcome(request, reply, principal, row, result, DONE_OF[step], (issues) =>
          show(
            request,
            reply,
            principal,
            row,
            {
              issues:
                step === "unpublish"
                  ? issues.map((i) => ({ ...i, field: "unpublish-reason" }))
                  : issues,
              values: { reason },
            },
            400,
          ),
        );
      },
    );
  }
}
