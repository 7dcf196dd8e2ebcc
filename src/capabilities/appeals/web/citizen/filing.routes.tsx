import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../../kernel/errors.js";
import { isLocale, type Locale } from "../../../../kernel/i18n.js";
import type { Principal } from "../../../../kernel/permissions.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { multipartForms, uploadsOf } from "../../../../platform/files/multipart.js";
import { attachmentSettings } from "../../../../platform/files/settings.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { namePersonalData, personalDataKinds } from "../../../../platform/privacy/redact.js";
import { requirePage } from "../../../../web/guards.js";
import {
  districtAkimat,
  findAgencyBySlug,
  findCategory,
  listAgencies,
  listCategories,
} from "../../../agencies/index.js";
import { organisationsOf } from "../../../identity/index.js";
import { APPEAL_KINDS } from "../../appeal.js";
import { similarOwnAppeals } from "../../appeal.repository.js";
import {
  deleteDraftAttachment,
  draftAttachments,
} from "../../attachments/attachment.repository.js";
import { storeAttachment } from "../../attachments/attachments.js";
import { resolveAgency } from "../../commands/submit-appeal.js";
import { fileAppeal } from "../../writes.js";
import {
  createDraft,
  type Draft,
  type DraftData,
  deleteDraft,
  loadDraft,
  saveDraft,
} from "./draft.js";
import {
  CheckPage,
  DetailsPage,
  FilesPage,
  KindPage,
  MAX_ADDRESS,
  MAX_SUBJECT,
  MAX_TEXT,
  SimilarPage,
  WherePage,
} from "./filing-views.js";
import { readLocation } from "./location.js";
import { agencyNames, field } from "./shared.js";

type DraftParams = { Params: { draft: string } };
const path = (draftId: string, step: string) => `/appeals/new/${draftId}/${step}`;

/** Filing online: five short steps on a server-side draft, then the durable filing. */
export async function filingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  multipartForms(app, { maxFileBytes: attachmentSettings.maxBytes });

  /** The signed-in person who may file, or null when a redirect was sent. */
  function filer(request: FastifyRequest, reply: FastifyReply): Principal | null {
    const p = requirePage(request, reply);
    if (!p) return null;
    if (!ctx.policy.can(p, "appeal.file")) throw new HalyqError("FORBIDDEN");
    return p;
  }

  async function draftOf(p: Principal, id: string): Promise<Draft> {
    const draft = await loadDraft(db, p.accountId, id);
    if (!draft) throw new HalyqError("NOT_FOUND");
    return draft;
  }

  const now = () => ctx.clock.now().toISOString();

  // Step 1: kind and on whose behalf.
  function readKind(body: unknown, orgIds: string[]) {
    const values = { kind: field(body, "kind"), organisationId: field(body, "organisationId") };
    const issues: FieldIssue[] = [];
    if (!(APPEAL_KINDS as readonly string[]).includes(values.kind)) {
      issues.push({ field: "kind", key: "appeals.error.kind_invalid" });
    }
    if (values.organisationId && !orgIds.includes(values.organisationId)) {
      issues.push({ field: "organisationId", key: "appeals.error.not_representative" });
    }
    return { values, issues };
  }

  async function kindPage(
    request: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    opts: {
      action: string;
      values: { kind: string; organisationId: string };
      issues: FieldIssue[];
    },
  ) {
    const t = request.t;
    return reply.page(
      t("appeals.citizen.new.kind_title"),
      <KindPage
        t={t}
        csrf={reply.csrfToken()}
        action={opts.action}
        back="/appeals"
        values={opts.values}
        organisations={await organisationsOf(ctx, p.accountId)}
        issues={opts.issues}
      />,
      opts.issues.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  /**
   * "Write to this body" opens the form at `/appeals/new?body=<slug>`: an active body found by
   * that slug is chosen in advance at the "where" step (the person can still change it); any
   * other value is ignored and the form starts as usual.
   */
  async function preselected(request: FastifyRequest) {
    const slug = (request.query as Record<string, unknown> | undefined)?.body;
    if (typeof slug !== "string" || !/^[a-z0-9-]{1,100}$/.test(slug)) return undefined;
    const agency = await findAgencyBySlug(db, slug);
    return agency?.active ? agency : undefined;
  }
  const startAction = (body: { slug: string } | undefined) =>
    body ? `/appeals/new?body=${encodeURIComponent(body.slug)}` : "/appeals/new";

  app.get("/appeals/new", async (request, reply) => {
    const p = filer(request, reply);
    if (!p) return reply;
    return kindPage(request, reply, p, {
      action: startAction(await preselected(request)),
      values: { kind: "", organisationId: "" },
      issues: [],
    });
  });

  app.post("/appeals/new", async (request, reply) => {
    const p = filer(request, reply);
    if (!p) return reply;
    const body = await preselected(request);
    const orgs = await organisationsOf(ctx, p.accountId);
    const { values, issues } = readKind(
      request.body,
      orgs.map((o) => o.id),
    );
    if (issues.length > 0) {
      return kindPage(request, reply, p, { action: startAction(body), values, issues });
    }
    const id = await createDraft(
      db,
      p.accountId,
      body ? { ...values, agencyId: body.id } : values,
      now(),
    );
    return reply.redirect(path(id, "where"), 303);
  });

  app.get<DraftParams>("/appeals/new/:draft/kind", async (request, reply) => {
    const p = filer(request, reply);
    if (!p) return reply;
    const draft = await draftOf(p, request.params.draft);
    return kindPage(request, reply, p, {
      action: path(draft.id, "kind"),
      values: { kind: draft.data.kind ?? "", organisationId: draft.data.organisationId ?? "" },
      issues: [],
    });
  });

  app.post<DraftParams>("/appeals/new/:draft/kind", async (request, reply) => {
    const p = filer(request, reply);
    if (!p) return reply;
    const draft = await draftOf(p, request.params.draft);
    const orgs = await organisationsOf(ctx, p.accountId);
    const { values, issues } = readKind(
      request.body,
      orgs.map((o) => o.id),
    );
    if (issues.length > 0) {
      return kindPage(request, reply, p, { action: path(draft.id, "kind"), values, issues });
    }
    await saveDraft(db, p.accountId, draft.id, { ...draft.data, ...values }, now());
    return reply.redirect(
      path(draft.id, draft.data.agencyId || draft.data.categoryId ? "check" : "where"),
      303,
    );
  });

  // Step 2: where it goes.
  async function choices(locale: Locale) {
    const [agencies, categories] = await Promise.all([listAgencies(db), listCategories(db)]);
    const collator = new Intl.Collator(locale);
    const byLabel = (a: { label: string }, b: { label: string }) =>
      collator.compare(a.label, b.label);
    return {
      agencies: agencies.map((a) => ({ value: a.id, label: a.names[locale] })).sort(byLabel),
      categories: categories.map((c) => ({
        value: c.id,
        label: c.names[locale],
        scope: c.scope,
      })),
      districts: agencies
        .filter((a) => a.level === "district" && a.kind === "akimat" && a.territoryCode !== null)
        .map((d) => ({ value: d.territoryCode as string, label: d.names[locale] }))
        .sort(byLabel),
    };
  }

  async function wherePage(
    request: FastifyRequest,
    reply: FastifyReply,
    draftId: string,
    values: { agencyId: string; categoryId: string; districtCode: string },
    issues: FieldIssue[],
  ) {
    const t = request.t;
    const c = await choices(request.locale);
    return reply.page(
      t("appeals.citizen.new.where_title"),
      <WherePage
        t={t}
        csrf={reply.csrfToken()}
        draftId={draftId}
        values={values}
        agencies={c.agencies}
        categories={c.categories}
        districts={c.districts}
        issues={issues}
      />,
      issues.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  app.get<DraftParams>("/appeals/new/:draft/where", async (request, reply) => {
    const p = filer(request, reply);
    if (!p) return reply;
    const draft = await draftOf(p, request.params.draft);
    return wherePage(
      request,
      reply,
      draft.id,
      {
        agencyId: draft.data.agencyId ?? "",
        categoryId: draft.data.categoryId ?? "",
        districtCode: draft.data.districtCode ?? "",
      },
      [],
    );
  });

  app.post<DraftParams>("/appeals/new/:draft/where", async (request, reply) => {
    const p = filer(request, reply);
    if (!p) return reply;
    const draft = await draftOf(p, request.params.draft);
    const values = {
      agencyId: field(request.body, "agencyId"),
      categoryId: field(request.body, "categoryId"),
      districtCode: field(request.body, "districtCode"),
    };
    const resolved = await resolveAgency(db, {
      agencyId: values.agencyId || undefined,
      categoryId: values.categoryId || undefined,
      districtCode: values.districtCode || undefined,
    });
    if (resolved.issue) return wherePage(request, reply, draft.id, values, [resolved.issue]);
    const category = values.categoryId ? await findCategory(db, values.categoryId) : undefined;
    if (values.categoryId && !category) {
      return wherePage(request, reply, draft.id, values, [
        { field: "categoryId", key: "appeals.error.category_unknown" },
      ]);
    }
    const data: DraftData = {
      ...draft.data,
      agencyId: values.agencyId,
      categoryId: values.categoryId,
      districtCode: !values.agencyId && category?.scope === "district" ? values.districtCode : "",
    };
    await saveDraft(db, p.accountId, draft.id, data, now());
    return reply.redirect(path(draft.id, data.subject ? "check" : "details"), 303);
  });

  // Step 3: details.
  async function proposalOf(data: DraftData, locale: Locale) {
    const resolved = await resolveAgency(db, {
      agencyId: data.agencyId || undefined,
      categoryId: data.categoryId || undefined,
      districtCode: data.districtCode || undefined,
    });
    if (!resolved.agency) return null;
    const names = await agencyNames(db, [resolved.agency.id], locale);
    const category = data.categoryId ? await findCategory(db, data.categoryId) : undefined;
    return {
      agencyId: resolved.agency.id,
      agency: names.get(resolved.agency.id) ?? "",
      category: category ? category.names[locale] : null,
      district: data.districtCode || null,
      byTopic: !data.agencyId,
    };
  }

  async function detailsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    draft: Draft,
    values: DraftData,
    issues: FieldIssue[],
  ) {
    const t = request.t;
    return reply.page(
      t("appeals.citizen.new.details_title"),
      <DetailsPage
        t={t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        draftId={draft.id}
        values={values}
        proposal={await proposalOf(draft.data, request.locale)}
        issues={issues}
      />,
      { map: true, ...(issues.length > 0 ? { status: 400, hasErrors: true } : {}) },
    );
  }

  app.get<DraftParams>("/appeals/new/:draft/details", async (request, reply) => {
    const p = filer(request, reply);
    if (!p) return reply;
    const draft = await draftOf(p, request.params.draft);
    return detailsPage(request, reply, draft, draft.data, []);
  });

  app.post<DraftParams>("/appeals/new/:draft/details", async (request, reply) => {
    const p = filer(request, reply);
    if (!p) return reply;
    const draft = await draftOf(p, request.params.draft);
    const b = request.body;
    const values: DraftData = {
      subject: field(b, "subject").trim(),
      text: field(b, "text").trim(),
      language: field(b, "language"),
      address: field(b, "address").trim(),
      public: field(b, "public") === "yes",
      crimeReport: field(b, "crimeReport") === "yes",
    };
    const location = readLocation(b, ctx.config.defaultJurisdiction, request.locale);
    Object.assign(values, location.values);
    const issues: FieldIssue[] = [];
    if (!values.subject) issues.push({ field: "subject", key: "appeals.error.subject_required" });
    else if ((values.subject ?? "").length > MAX_SUBJECT) {
      issues.push({
        field: "subject",
        key: "appeals.error.too_long_count",
        params: { max: MAX_SUBJECT, count: (values.subject ?? "").length },
      });
    }
    if (!values.text) issues.push({ field: "text", key: "appeals.error.text_required" });
    else if ((values.text ?? "").length > MAX_TEXT) {
      issues.push({
        field: "text",
        key: "appeals.error.too_long_count",
        params: { max: MAX_TEXT, count: (values.text ?? "").length },
      });
    }
    // Asked, never preset from the site's language: people often write in another one.
    if (!values.language) {
      issues.push({ field: "language", key: "appeals.error.language_required" });
    } else if (!isLocale(values.language)) {
      issues.push({ field: "language", key: "appeals.error.language_invalid" });
    }
    if ((values.address ?? "").length > MAX_ADDRESS) {
      issues.push({
        field: "address",
        key: "appeals.error.too_long_count",
        params: { max: MAX_ADDRESS, count: (values.address ?? "").length },
      });
    }
    issues.push(...location.issues);
    if (issues.length > 0) return detailsPage(request, reply, draft, values, issues);
    await saveDraft(db, p.accountId, draft.id, { ...draft.data, ...values }, now());
    const similar = await similarOwnAppeals(db, p.accountId, values.subject ?? "");
    return reply.redirect(path(draft.id, similar.length > 0 ? "similar" : "files"), 303);
  });

  app.get<DraftParams>("/appeals/new/:draft/similar", async (request, reply) => {
    const p = filer(request, reply);
    if (!p) return reply;
    const draft = await draftOf(p, request.params.draft);
    const appeals = await similarOwnAppeals(db, p.accountId, draft.data.subject ?? "");
    if (appeals.length === 0) return reply.redirect(path(draft.id, "files"), 303);
    const t = request.t;
    return reply.page(
      t("appeals.citizen.similar.title"),
      <SimilarPage
        t={t}
        draftId={draft.id}
        appeals={appeals}
        agencies={
          await agencyNames(
            db,
            appeals.map((a) => a.agency_id),
            request.locale,
          )
        }
      />,
    );
  });

  // Step 4: files.
  async function filesPage(
    request: FastifyRequest,
    reply: FastifyReply,
    draft: Draft,
    issues: FieldIssue[],
    notice?: string,
  ) {
    const t = request.t;
    return reply.page(
      t("appeals.citizen.files.title"),
      <FilesPage
        t={t}
        csrf={reply.csrfToken()}
        draftId={draft.id}
        files={await draftAttachments(db, draft.id)}
        issues={issues}
        {...(notice ? { notice } : {})}
      />,
      issues.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  app.get<DraftParams & { Querystring: { added?: string; removed?: string } }>(
    "/appeals/new/:draft/files",
    async (request, reply) => {
      const p = filer(request, reply);
      if (!p) return reply;
      const draft = await draftOf(p, request.params.draft);
      const t = request.t;
      const notice = request.query.added
        ? t("appeals.citizen.files.added")
        : request.query.removed
          ? t("appeals.citizen.files.removed")
          : undefined;
      return filesPage(request, reply, draft, [], notice);
    },
  );

  app.post<DraftParams>("/appeals/new/:draft/files", async (request, reply) => {
    const p = filer(request, reply);
    if (!p) return reply;
    const draft = await draftOf(p, request.params.draft);
    const uploads = uploadsOf(request);
    const file = uploads.files.find((f) => f.field === "file");
    // "Continue" is a button of the same form: a file chosen and not yet uploaded is stored
    // first, so it is never dropped on the way to the check page.
    const continuing = field(request.body, "action") === "continue";
    if (continuing && !file && !uploads.tooLarge) {
      return reply.redirect(path(draft.id, "check"), 303);
    }
    if (uploads.tooLarge) {
      return filesPage(request, reply, draft, [
        {
          field: "file",
          key: "appeals.attachments.error.too_large",
          params: { max: Math.round(attachmentSettings.maxBytes / (1024 * 1024)) },
        },
      ]);
    }
    if (!file) {
      return filesPage(request, reply, draft, [
        { field: "file", key: "appeals.attachments.error.choose" },
      ]);
    }
    const stored = await storeAttachment(ctx, {
      buffer: file.buffer,
      fileName: file.fileName,
      uploadedBy: p.accountId,
      purpose: "appeal",
      draftId: draft.id,
    });
    if (stored.kind === "invalid") return filesPage(request, reply, draft, stored.issues);
    if (stored.kind !== "ok") throw new HalyqError("INTERNAL");
    if (continuing) return reply.redirect(path(draft.id, "check"), 303);
    return reply.redirect(`${path(draft.id, "files")}?added=1`, 303);
  });

  app.post<{ Params: { draft: string; file: string } }>(
    "/appeals/new/:draft/files/:file/remove",
    async (request, reply) => {
      const p = filer(request, reply);
      if (!p) return reply;
      const draft = await draftOf(p, request.params.draft);
      const removed = await deleteDraftAttachment(db, {
        id: request.params.file,
        draftId: draft.id,
        uploadedBy: p.accountId,
      });
      if (!removed) throw new HalyqError("NOT_FOUND");
      return reply.redirect(`${path(draft.id, "files")}?removed=1`, 303);
    },
  );

  // Step 5: check and send.

  /** What looks like personal data in a draft marked public (none when it is not public). */
  const personalDataOf = (d: Draft["data"]) =>
    d.public === true ? personalDataKinds(d.subject, d.text, d.address) : [];

  async function checkPage(
    request: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    draft: Draft,
    issues: FieldIssue[],
  ) {
    const t = request.t;
    const locale = request.locale;
    const d = draft.data;
    const proposal = await proposalOf(d, locale);
    const orgs = d.organisationId ? await organisationsOf(ctx, p.accountId) : [];
    const district = d.districtCode ? await districtAkimat(db, d.districtCode) : undefined;
    const found = personalDataOf(d);
    return reply.page(
      t("appeals.citizen.check.title"),
      <CheckPage
        t={t}
        csrf={reply.csrfToken()}
        draftId={draft.id}
        values={d}
        organisation={orgs.find((o) => o.id === d.organisationId)?.name ?? null}
        agency={proposal?.agency ?? null}
        category={proposal?.category ?? null}
        district={district ? district.names[locale] : null}
        files={await draftAttachments(db, draft.id)}
        issues={issues}
        personalData={found.length > 0 ? namePersonalData(t, found) : null}
      />,
      issues.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  app.get<DraftParams>("/appeals/new/:draft/check", async (request, reply) => {
    const p = filer(request, reply);
    if (!p) return reply;
    const draft = await draftOf(p, request.params.draft);
    return checkPage(request, reply, p, draft, []);
  });

  app.post<DraftParams>("/appeals/new/:draft/check", async (request, reply) => {
    const p = filer(request, reply);
    if (!p) return reply;
    const draft = await draftOf(p, request.params.draft);
    const d = draft.data;
    // A public appeal that looks like it holds personal data is sent only once the person has
    // chosen: not public, or public with that data hidden (the warning on the check page).
    const choice = field(request.body, "personalData");
    let isPublic = d.public === true;
    if (isPublic && personalDataOf(d).length > 0) {
      if (choice === "private") isPublic = false;
      else if (choice !== "acknowledged") {
        return checkPage(request, reply, p, draft, [
          { field: "details", key: "appeals.citizen.check.personal_data_choose" },
        ]);
      }
    }
    const files = await draftAttachments(db, draft.id);
    const result = await fileAppeal(
      ctx,
      { channel: "online", principal: p },
      {
        kind: d.kind ?? "",
        agencyId: d.agencyId || undefined,
        categoryId: d.categoryId || undefined,
        districtCode: d.districtCode || undefined,
        subject: d.subject ?? "",
        text: d.text ?? "",
        language: d.language || undefined,
        address: d.address || undefined,
        location:
          d.lat !== undefined && d.lon !== undefined ? { lat: d.lat, long: d.lon } : undefined,
        public: isPublic,
        crimeReport: d.crimeReport === true,
        organisationId: d.organisationId || undefined,
        attachmentIds: files.map((f) => f.id),
      },
    );
    if (result.kind === "invalid") return checkPage(request, reply, p, draft, result.issues);
    if (result.kind !== "ok")
      throw new HalyqError(result.kind === "forbidden" ? "FORBIDDEN" : "CONFLICT");
    await deleteDraft(db, p.accountId, draft.id);
    return reply.redirect(`/appeals/${encodeURIComponent(result.value.number)}/slip?new=1`, 303);
  });
}
