import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { multipartForms, uploadsOf } from "../../../platform/files/multipart.js";
import { attachmentSettings } from "../../../platform/files/settings.js";
import { readPoint } from "../../../platform/geo/territory.js";
import type { AppContext } from "../../../platform/manifest.js";
import { redactPersonalData } from "../../../platform/privacy/redact.js";
import { type FormBody, readForm } from "../../../web/forms.js";
import { requirePage } from "../../../web/guards.js";
import {
  type CycleRow,
  categoriesOf,
  checkAmount,
  PROPOSAL_FILE_KINDS,
  type ProposalRow,
  phaseAt,
  type TerritoryRow,
} from "../budget.js";
import {
  checkInput,
  closingDate,
  hasSupported,
  MAX_ADDRESS,
  MAX_DESCRIPTION,
  MAX_TITLE,
  missingForSubmit,
  type NewFiles,
  type ProposalInput,
  proposeRefusal,
  proposerOf,
  removeDraftFile,
  saveDraft,
  submitProposal,
  supportProposal,
  supportRefusal,
} from "../commands/proposals.js";
import { checkBudgetFiles, filesOf } from "../files.js";
import {
  findCycle,
  findProposal,
  proposalByToken,
  publicProposals,
  similarProposals,
  territoriesOf,
} from "../proposal.repository.js";
import {
  type FormValues,
  ProposalFormPage,
  ProposalListPage,
  ProposalPage,
  RefusalPage,
  SubmitCheckPage,
  SupportPage,
} from "./proposal-views.js";

type CycleParams = { Params: { id: string } };
type ProposalParams = { Params: { id: string; pid: string } };

/** The proposal form's fields, as typed (a draft may leave any empty). */
const ProposalFields = Type.Object({
  title: Type.Optional(Type.String({ maxLength: MAX_TITLE })),
  description: Type.Optional(Type.String({ maxLength: MAX_DESCRIPTION })),
  category: Type.Optional(Type.String({ maxLength: 40 })),
  territory: Type.Optional(Type.String({ pattern: "^[0-9]{9,12}$" })),
  address: Type.Optional(Type.String({ maxLength: MAX_ADDRESS })),
  lat: Type.Optional(Type.String({ maxLength: 30 })),
  lon: Type.Optional(Type.String({ maxLength: 30 })),
  cost: Type.Optional(Type.String({ maxLength: 30 })),
  organisationId: Type.Optional(Type.String({ maxLength: 100 })),
  action: Type.Optional(Type.Union([Type.Literal("save"), Type.Literal("submit")])),
});

const ListQuery = Type.Object(
  {
    territory: Type.Optional(Type.String({ pattern: "^([0-9]{9,12})?$" })),
    category: Type.Optional(Type.String({ pattern: "^[a-z_]{0,40}$" })),
    status: Type.Optional(
      Type.Union(
        ["", "collecting", "submitted", "admitted", "rejected", "merged"].map((s) =>
          Type.Literal(s),
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

/** Photos and documents of one form may together be this large. */
const FORM_FILE_BYTES = attachmentSettings.maxBytes * 4;

/** Proposals: a resident's form, drafts, neighbours' support and each proposal's public page. */
export async function proposalRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    multipartForms(scope, { maxFileBytes: FORM_FILE_BYTES });
    await routes(scope, ctx);
  });
}

async function routes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  /** A cycle the public may see (announced), or 404. */
  async function publicCycle(
    id: string,
  ): Promise<{ cycle: CycleRow; territories: TerritoryRow[] }> {
    const cycle = await findCycle(db, id);
    if (!cycle || phaseAt(cycle, ctx.clock.now()) === "draft") throw new HalyqError("NOT_FOUND");
    return { cycle, territories: await territoriesOf(db, cycle.id) };
  }

  /** A proposal as `who` may see it: a draft only by its author; anything else is a 404. */
  async function visible(cycle: CycleRow, pid: string, who: Principal | undefined) {
    const p = await findProposal(db, cycle.id, pid);
    if (!p || (p.status === "draft" && p.author_id !== who?.accountId))
      throw new HalyqError("NOT_FOUND");
    return p;
  }

  /** The author's draft, or 404 (a submitted one goes to its page). */
  async function ownDraft(cycle: CycleRow, pid: string, who: Principal) {
    const p = await findProposal(db, cycle.id, pid);
    if (!p || p.author_id !== who.accountId) throw new HalyqError("NOT_FOUND");
    return p;
  }

  function valuesOf(p: ProposalRow): FormValues {
    return {
      title: p.title,
      description: p.description,
      category: p.category,
      territory: p.territory_code,
      address: p.address ?? "",
      lat: p.lat ?? undefined,
      lon: p.lng ?? undefined,
      cost: p.cost_estimate > 0 ? String(p.cost_estimate) : "",
      organisationId: "",
    };
  }

  async function refusalPage(
    request: FastifyRequest,
    reply: FastifyReply,
    cycle: CycleRow,
    reason: { key: string; params?: Record<string, string | number> },
  ) {
    const t = request.t;
    return reply
      .status(403)
      .page(
        t("budgets.proposals.refused.title"),
        <RefusalPage
          t={t}
          heading={t("budgets.proposals.refused.title")}
          reason={t(reason.key, reason.params)}
          back={{ href: `/budgets/${cycle.id}/proposals`, text: t("budgets.proposals.page.all") }}
        />,
      );
  }

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    o: {
      cycle: CycleRow;
      territories: TerritoryRow[];
      principal: Principal;
      draft: ProposalRow | null;
      values: FormValues;
      issues: FieldIssue[];
    },
  ) {
    const t = request.t;
    const proposer = await proposerOf(ctx, o.principal);
    const title = t(o.draft ? "budgets.proposals.form.edit_title" : "budgets.proposals.form.title");
    return reply.page(
      title,
      <ProposalFormPage
        t={t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        action={
          o.draft
            ? `/budgets/${o.cycle.id}/proposals/${o.draft.id}/edit`
            : `/budgets/${o.cycle.id}/proposals/new`
        }
        cycle={o.cycle}
        territories={o.territories}
        categories={categoriesOf(o.cycle)}
        organisations={proposer.organisations}
        values={o.values}
        files={o.draft ? await filesOf(db, "proposal", [o.draft.id]) : []}
        draftId={o.draft?.id ?? null}
        saved={(request.query as Record<string, unknown> | undefined)?.saved === "1"}
        closes={closingDate(ctx, o.cycle, request.locale)}
        issues={o.issues}
      />,
      o.issues.length > 0 ? { status: 400, hasErrors: true, map: true } : { map: true },
    );
  }

  /** Reads the form and its files; the issues say what is wrong with either. */
  async function readProposalForm(request: FastifyRequest, draft: ProposalRow | null) {
    const body = request.body as FormBody | undefined;
    const read = readForm(ProposalFields, body);
    const v = read.values as Record<string, string>;
    const issues: FieldIssue[] = read.ok ? [] : [...read.issues];
    const values: FormValues = {
      title: v.title ?? "",
      description: v.description ?? "",
      category: v.category ?? "",
      territory: v.territory ?? "",
      address: v.address ?? "",
      lat: undefined,
      lon: undefined,
      cost: v.cost ?? "",
      organisationId: v.organisationId ?? "",
    };
    const point = readPoint(v.lat ?? "", v.lon ?? "", "");
    if (point.kind === "ok") {
      values.lat = point.point.lat;
      values.lon = point.point.lon;
    } else if (point.kind !== "none")
      issues.push({ field: "location", key: "map.error.point_invalid" });
    let cost: number | null = null;
    if (values.cost !== "") {
      const c = checkAmount("cost", values.cost);
      if (typeof c === "number") cost = c;
      else issues.push(c);
    }
    const uploads = uploadsOf(request);
    const files: NewFiles = [];
    if (uploads.tooLarge)
      issues.push({
        field: "sketch",
        key: "budgets.files.error.too_large",
        params: { max: Math.round(FORM_FILE_BYTES / 1024 / 1024) },
      });
    else {
      let already = draft ? (await filesOf(db, "proposal", [draft.id])).length : 0;
      for (const kind of PROPOSAL_FILE_KINDS) {
        const mine = uploads.files.filter((f) => f.field === kind);
        if (mine.length === 0) continue;
        const checked = checkBudgetFiles(kind, mine, {
          already,
          imagesOnly: kind === "photo",
        });
        if (!checked.ok) issues.push(...checked.issues);
        else {
          files.push({ kind, files: checked.files });
          already += checked.files.length;
        }
      }
    }
    const input: ProposalInput = {
      title: values.title,
      description: values.description,
      category: values.category,
      territory: values.territory,
      address: values.address,
      lat: values.lat ?? null,
      lng: values.lon ?? null,
      cost,
      organisationId: values.organisationId,
      language: request.locale,
    };
    return { values, input, files, issues, submit: v.action === "submit" };
  }

  async function saveFromForm(
    request: FastifyRequest,
    reply: FastifyReply,
    cycle: CycleRow,
    territories: TerritoryRow[],
    p: Principal,
    draft: ProposalRow | null,
  ) {
    const proposer = await proposerOf(ctx, p);
    const refusal = await proposeRefusal(ctx, p, proposer, cycle, territories, request.locale);
    if (refusal) return refusalPage(request, reply, cycle, refusal);
    const form = await readProposalForm(request, draft);
    const issues = [
      ...form.issues,
      ...(await checkInput(ctx, proposer, cycle, territories, form.input)),
    ];
    if (issues.length > 0)
      return formPage(request, reply, {
        cycle,
        territories,
        principal: p,
        draft,
        values: form.values,
        issues,
      });
    const id = await saveDraft(ctx, p, proposer, cycle, draft, form.input, form.files);
    if (!id) throw new HalyqError("NOT_FOUND");
    const base = `/budgets/${cycle.id}/proposals/${id}`;
    return reply.redirect(form.submit ? `${base}/submit` : `${base}/edit?saved=1`, 303);
  }

  app.get<CycleParams>(
    "/budgets/:id/proposals",
    { schema: { querystring: ListQuery } },
    async (request, reply) => {
      const { cycle, territories } = await publicCycle(request.params.id);
      const q = request.query as { territory?: string; category?: string; status?: string };
      const filter = {
        territory: q.territory ?? "",
        category: q.category ?? "",
        status: q.status ?? "",
      };
      const rows = await publicProposals(db, cycle.id, filter);
      const t = request.t;
      return reply.page(
        t("budgets.proposals.list.title"),
        <ProposalListPage
          t={t}
          locale={request.locale}
          cycle={cycle}
          territories={territories}
          categories={categoriesOf(cycle)}
          rows={rows}
          filter={filter}
          mayPropose={phaseAt(cycle, ctx.clock.now()) === "proposals"}
        />,
      );
    },
  );

  app.get<CycleParams>("/budgets/:id/proposals/new", async (request, reply) => {
    const { cycle, territories } = await publicCycle(request.params.id);
    const p = requirePage(request, reply);
    if (!p) return reply;
    const proposer = await proposerOf(ctx, p);
    const refusal = await proposeRefusal(ctx, p, proposer, cycle, territories, request.locale);
    if (refusal) return refusalPage(request, reply, cycle, refusal);
    const own = territories.find((x) => x.code === proposer.resident.residence)?.code ?? "";
    return formPage(request, reply, {
      cycle,
      territories,
      principal: p,
      draft: null,
      values: {
        title: "",
        description: "",
        category: "",
        territory: own,
        address: "",
        lat: undefined,
        lon: undefined,
        cost: "",
        organisationId: "",
      },
      issues: [],
    });
  });

  app.post<CycleParams>("/budgets/:id/proposals/new", async (request, reply) => {
    const { cycle, territories } = await publicCycle(request.params.id);
    const p = requirePage(request, reply);
    if (!p) return reply;
    return saveFromForm(request, reply, cycle, territories, p, null);
  });

  app.get<ProposalParams>("/budgets/:id/proposals/:pid", async (request, reply) => {
    const { cycle, territories } = await publicCycle(request.params.id);
    const who = request.principal ?? undefined;
    const found = await visible(cycle, request.params.pid, who);
    const isAuthor = who?.accountId === found.author_id;
    // Submission refuses personal data in a proposal's words; anything older is still hidden here.
    const proposal = isAuthor
      ? found
      : {
          ...found,
          title: redactPersonalData(found.title),
          description: redactPersonalData(found.description),
          address: found.address === null ? null : redactPersonalData(found.address),
        };
    const merged = proposal.merged_into_id
      ? ((await findProposal(db, cycle.id, proposal.merged_into_id)) ?? null)
      : null;
    const t = request.t;
    const query = request.query as Record<string, unknown> | undefined;
    const notice =
      query?.submitted === "1" && isAuthor
        ? t(
            proposal.status === "collecting"
              ? "budgets.proposals.page.now_collecting"
              : "budgets.proposals.page.now_submitted",
            { number: proposal.number ?? "" },
          )
        : null;
    if (isAuthor) reply.header("cache-control", "private, no-store");
    return reply.page(
      proposal.title || t("budgets.proposals.untitled"),
      <ProposalPage
        t={t}
        locale={request.locale}
        cycle={cycle}
        territories={territories}
        proposal={proposal}
        files={await filesOf(db, "proposal", [proposal.id])}
        mergedInto={merged && merged.status !== "draft" ? merged : null}
        isAuthor={isAuthor}
        supportUrl={
          isAuthor && proposal.support_token
            ? `${ctx.config.publicUrl}/budgets/support/${proposal.support_token}`
            : null
        }
        supportRequired={cycle.support_required}
        phaseOpen={phaseAt(cycle, ctx.clock.now()) === "proposals"}
        resultsPublished={cycle.results_published_at !== null}
        notice={notice}
      />,
    );
  });

  app.get<ProposalParams>("/budgets/:id/proposals/:pid/edit", async (request, reply) => {
    const { cycle, territories } = await publicCycle(request.params.id);
    const p = requirePage(request, reply);
    if (!p) return reply;
    const draft = await ownDraft(cycle, request.params.pid, p);
    if (draft.status !== "draft")
      return reply.redirect(`/budgets/${cycle.id}/proposals/${draft.id}`, 303);
    const values = valuesOf(draft);
    if (draft.author_kind === "organisation") {
      const orgs = (await proposerOf(ctx, p)).organisations;
      values.organisationId = orgs.find((o) => o.bin === draft.organisation_bin)?.id ?? "";
    }
    return formPage(request, reply, {
      cycle,
      territories,
      principal: p,
      draft,
      values,
      issues: [],
    });
  });

  app.post<ProposalParams>("/budgets/:id/proposals/:pid/edit", async (request, reply) => {
    const { cycle, territories } = await publicCycle(request.params.id);
    const p = requirePage(request, reply);
    if (!p) return reply;
    const draft = await ownDraft(cycle, request.params.pid, p);
    if (draft.status !== "draft")
      return reply.redirect(`/budgets/${cycle.id}/proposals/${draft.id}`, 303);
    return saveFromForm(request, reply, cycle, territories, p, draft);
  });

  app.post<{ Params: { id: string; pid: string; fileId: string } }>(
    "/budgets/:id/proposals/:pid/files/:fileId/remove",
    async (request, reply) => {
      const { cycle } = await publicCycle(request.params.id);
      const p = requirePage(request, reply);
      if (!p) return reply;
      const draft = await ownDraft(cycle, request.params.pid, p);
      const done = await removeDraftFile(ctx, p, draft, request.params.fileId);
      if (!done) throw new HalyqError("NOT_FOUND");
      return reply.redirect(`/budgets/${cycle.id}/proposals/${draft.id}/edit`, 303);
    },
  );

  async function checkPage(
    request: FastifyRequest,
    reply: FastifyReply,
    cycle: CycleRow,
    territories: TerritoryRow[],
    draft: ProposalRow,
    missing: FieldIssue[],
  ) {
    const t = request.t;
    return reply.page(
      t("budgets.proposals.check.title"),
      <SubmitCheckPage
        t={t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        cycle={cycle}
        territories={territories}
        draft={draft}
        missing={missing}
        similar={await similarProposals(db, draft)}
        supportRequired={cycle.support_required}
      />,
      missing.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  app.get<ProposalParams>("/budgets/:id/proposals/:pid/submit", async (request, reply) => {
    const { cycle, territories } = await publicCycle(request.params.id);
    const p = requirePage(request, reply);
    if (!p) return reply;
    const draft = await ownDraft(cycle, request.params.pid, p);
    if (draft.status !== "draft")
      return reply.redirect(`/budgets/${cycle.id}/proposals/${draft.id}`, 303);
    const proposer = await proposerOf(ctx, p);
    const refusal = await proposeRefusal(ctx, p, proposer, cycle, territories, request.locale);
    if (refusal) return refusalPage(request, reply, cycle, refusal);
    return checkPage(request, reply, cycle, territories, draft, await missingForSubmit(ctx, draft));
  });

  app.post<ProposalParams>("/budgets/:id/proposals/:pid/submit", async (request, reply) => {
    const { cycle, territories } = await publicCycle(request.params.id);
    const p = requirePage(request, reply);
    if (!p) return reply;
    const draft = await ownDraft(cycle, request.params.pid, p);
    const r = await submitProposal(ctx, p, cycle, draft, request.locale);
    switch (r.kind) {
      case "submitted":
      case "collecting":
        return reply.redirect(`/budgets/${cycle.id}/proposals/${draft.id}?submitted=1`, 303);
      case "not_draft":
        return reply.redirect(`/budgets/${cycle.id}/proposals/${draft.id}`, 303);
      case "missing":
        return checkPage(request, reply, cycle, territories, draft, r.issues);
      case "refused":
        return refusalPage(request, reply, cycle, r.reason);
    }
  });

  async function supportPage(request: FastifyRequest, reply: FastifyReply, supported: boolean) {
    const token = (request.params as { token: string }).token;
    const proposal = await proposalByToken(db, token);
    if (!proposal) throw new HalyqError("NOT_FOUND");
    const { cycle, territories } = await publicCycle(proposal.cycle_id);
    const who = request.principal;
    const t = request.t;
    let refusal: string | null = null;
    if (who) {
      const proposer = await proposerOf(ctx, who);
      const why = await supportRefusal(ctx, who, proposer, cycle, proposal, request.locale);
      if (why) refusal = t(why.key, why.params);
      else if (await hasSupported(ctx, proposer, proposal))
        refusal = t("budgets.proposals.support.already");
    }
    reply.header("cache-control", "private, no-store");
    return reply.page(
      t("budgets.proposals.support.title"),
      <SupportPage
        t={t}
        locale={request.locale}
        csrf={who ? reply.csrfToken() : null}
        cycle={cycle}
        territories={territories}
        proposal={proposal}
        required={cycle.support_required}
        refusal={supported ? null : refusal}
        supported={supported}
        signIn={who ? null : `/login?next=${encodeURIComponent(`/budgets/support/${token}`)}`}
      />,
    );
  }

  app.get<{ Params: { token: string } }>("/budgets/support/:token", async (request, reply) =>
    supportPage(request, reply, (request.query as Record<string, unknown>)?.done === "1"),
  );

  app.post<{ Params: { token: string } }>("/budgets/support/:token", async (request, reply) => {
    const p = requirePage(request, reply);
    if (!p) return reply;
    const proposal = await proposalByToken(db, request.params.token);
    if (!proposal) throw new HalyqError("NOT_FOUND");
    const { cycle } = await publicCycle(proposal.cycle_id);
    const r = await supportProposal(ctx, p, cycle, proposal, request.locale);
    if (r.kind === "supported")
      return reply.redirect(`/budgets/support/${request.params.token}?done=1`, 303);
    reply.status(r.kind === "already" ? 409 : 403);
    return supportPage(request, reply, false);
  });
}
