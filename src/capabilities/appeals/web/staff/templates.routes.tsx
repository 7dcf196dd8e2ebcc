import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../../kernel/errors.js";
import { LOCALE_NAMES, LOCALES, type Translate } from "../../../../kernel/i18n.js";
import { isSystemAdmin, type Principal } from "../../../../kernel/permissions.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { ErrorSummary } from "../../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../../web/components/fields.js";
import { Select } from "../../../../web/components/kit.js";
import { SuccessBanner } from "../../../../web/components/notices.js";
import { FormBodySchema } from "../../../../web/forms.js";
import { staffOnly } from "../../../../web/guards.js";
import { agencyChoices } from "../../../agencies/index.js";
import {
  type AnswerTemplateRow,
  deleteTemplate,
  listTemplates,
  mayManageTemplates,
  PLACEHOLDERS,
  saveTemplate,
  type TemplateInput,
} from "../../commands/answer-templates.js";
import { InputField, TextareaField } from "./components.js";
import { type FormBody, one } from "./form.js";
import { bodiesByIds } from "./scope.js";

const BASE = "/office/answer-templates";
/** Every form here is checked against the one form schema before its route reads it. */
const FORM = { schema: { hide: true, body: FormBodySchema } };
const TEXTS = ["text_kk", "text_ru", "text_en"] as const;

/** The bodies whose templates this person manages: their own as head or admin, or all for Halyq's admin. */
async function managedBodies(ctx: AppContext, principal: Principal, request: FastifyRequest) {
  if (isSystemAdmin(principal)) return agencyChoices(ctx.db.kysely, request.locale);
  const ids = [
    ...new Set(principal.grants.map((g) => g.agencyId).filter((id): id is string => id !== null)),
  ].filter((agencyId) => mayManageTemplates(ctx, principal, agencyId));
  return bodiesByIds(ctx.db.kysely, ids, request.locale);
}

/** The body a request is about: the one asked for if this person manages it (403 otherwise). */
async function bodyOf(
  ctx: AppContext,
  principal: Principal,
  request: FastifyRequest,
  asked: string | undefined,
) {
  const bodies = await managedBodies(ctx, principal, request);
  const body = asked ? bodies.find((b) => b.id === asked) : bodies[0];
  if (!body) throw new HalyqError("FORBIDDEN");
  return { body, bodies };
}

async function templateOf(ctx: AppContext, principal: Principal, id: string) {
  const row = await ctx.db.kysely
    .selectFrom("appeal_answer_templates")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  // Another body's template does not exist for this person; their own body's, without the right, is refused.
  if (!row) throw new HalyqError("NOT_FOUND");
  if (!mayManageTemplates(ctx, principal, row.agency_id)) {
    const ownBody = principal.grants.some((g) => g.agencyId === row.agency_id);
    throw new HalyqError(ownBody ? "FORBIDDEN" : "NOT_FOUND");
  }
  return row;
}

const inputOf = (body: FormBody): TemplateInput => ({
  title: one(body, "title"),
  text_kk: one(body, "text_kk"),
  text_ru: one(body, "text_ru"),
  text_en: one(body, "text_en"),
});

function Placeholders({ t }: { t: Translate }) {
  return (
    <>
      <h2 class="govuk-heading-s">{t("appeals.templates.placeholders_title")}</h2>
      <p class="govuk-body">{t("appeals.templates.placeholders_lead")}</p>
      <ul class="govuk-list govuk-list--bullet">
        {PLACEHOLDERS.map((name) => (
          <li key={name}>
            <code class="halyq-code">{`{${name}}`}</code> —{" "}
            {t(`appeals.templates.placeholder.${name}`)}
          </li>
        ))}
      </ul>
    </>
  );
}

function ListPage(p: {
  t: Translate;
  body: { id: string; name: string };
  bodies: { id: string; name: string }[];
  templates: AnswerTemplateRow[];
  csrf: string;
  notice: string | undefined;
}) {
  const { t, body } = p;
  const agency = encodeURIComponent(body.id);
  return (
    <>
      <SuccessBanner title={t("appeals.staff.done.title")} text={p.notice} />
      <span class="govuk-caption-l">{body.name}</span>
      <h1 class="govuk-heading-l">{t("appeals.templates.title")}</h1>
      <p class="govuk-body">{t("appeals.templates.lead")}</p>
      {p.bodies.length > 1 ? (
        <form method="get" action={BASE} novalidate>
          <Select
            t={t}
            issues={[]}
            id="agency"
            name="agency"
            label={t("appeals.templates.body")}
            value={body.id}
            items={p.bodies.map((b) => ({ value: b.id, label: b.name }))}
          />
          <SubmitButton secondary>{t("appeals.templates.show")}</SubmitButton>
        </form>
      ) : null}
      {p.templates.length === 0 ? (
        <p class="govuk-body">{t("appeals.templates.none")}</p>
      ) : (
        <ul class="govuk-list govuk-list--spaced">
          {p.templates.map((x) => (
            <li key={x.id}>
              <strong>{x.title}</strong>{" "}
              <span class="govuk-body-s">
                ({t("appeals.templates.languages")}:{" "}
                {LOCALES.filter((l) => x[`text_${l}`] !== null)
                  .map((l) => LOCALE_NAMES[l])
                  .join(", ")}
                )
              </span>
              <div class="govuk-button-group">
                <a class="govuk-link" href={`${BASE}/${encodeURIComponent(x.id)}`}>
                  {t("appeals.templates.edit")}
                  <span class="govuk-visually-hidden"> {x.title}</span>
                </a>
                <Form action={`${BASE}/${encodeURIComponent(x.id)}/delete`} csrf={p.csrf}>
                  <button
                    type="submit"
                    class="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                  >
                    {t("appeals.templates.delete")}
                    <span class="govuk-visually-hidden"> {x.title}</span>
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p class="govuk-body">
        <a class="govuk-button" href={`${BASE}/new?agency=${agency}`}>
          {t("appeals.templates.add")}
        </a>
      </p>
      <Placeholders t={t} />
    </>
  );
}

function EditPage(p: {
  t: Translate;
  csrf: string;
  title: string;
  bodyName: string;
  action: string;
  agencyId: string;
  values: TemplateInput;
  issues: FieldIssue[];
}) {
  const { t, issues } = p;
  const f = (name: string) => ({ t, issues, name, id: `template-${name}` });
  return (
    <>
      <ErrorSummary
        t={t}
        issues={issues}
        fieldIds={Object.fromEntries(["title", ...TEXTS].map((name) => [name, `template-${name}`]))}
      />
      <span class="govuk-caption-l">{p.bodyName}</span>
      <h1 class="govuk-heading-l">{p.title}</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Form action={p.action} csrf={p.csrf}>
            <input type="hidden" name="agency" value={p.agencyId} />
            <InputField
              {...f("title")}
              label={t("appeals.templates.field.title")}
              value={p.values.title ?? ""}
              maxLength={200}
            />
            {TEXTS.map((name) => (
              <TextareaField
                key={name}
                {...f(name)}
                label={t(`appeals.templates.field.${name}`)}
                hint={name === "text_kk" ? t("appeals.templates.text_hint") : undefined}
                value={p.values[name] ?? ""}
                rows={8}
                maxLength={20000}
              />
            ))}
            <SubmitButton>{t("appeals.templates.save")}</SubmitButton>
          </Form>
          <p class="govuk-body">
            <a class="govuk-link" href={`${BASE}?agency=${encodeURIComponent(p.agencyId)}`}>
              {t("appeals.templates.back")}
            </a>
          </p>
        </div>
        <div class="govuk-grid-column-one-third">
          <Placeholders t={t} />
        </div>
      </div>
    </>
  );
}

/**
 * A body's response templates, managed by its head or an administrator (the policy's
 * `appeal.templates`): the list, a new one, changes and deletion, each change audited.
 */
export async function templateRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const list = (agency: string, notice: string) =>
    `${BASE}?agency=${encodeURIComponent(agency)}&done=${notice}`;

  function edit(
    request: FastifyRequest,
    reply: FastifyReply,
    p: {
      title: string;
      bodyName: string;
      action: string;
      agencyId: string;
      values: TemplateInput;
      issues?: FieldIssue[];
    },
  ) {
    const issues = p.issues ?? [];
    return reply.page(
      p.title,
      <EditPage t={request.t} csrf={reply.csrfToken()} {...p} issues={issues} />,
      issues.length > 0 ? { hasErrors: true, status: 400 } : {},
    );
  }

  app.get<{ Querystring: { agency?: string; done?: string } }>(BASE, async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const { body, bodies } = await bodyOf(ctx, principal, request, request.query.agency);
    const done = request.query.done;
    return reply.page(
      request.t("appeals.templates.title"),
      <ListPage
        t={request.t}
        body={body}
        bodies={bodies}
        templates={await listTemplates(ctx.db.kysely, body.id)}
        csrf={reply.csrfToken()}
        notice={
          done === "saved" || done === "deleted"
            ? request.t(`appeals.templates.${done}`)
            : undefined
        }
      />,
    );
  });

  app.get<{ Querystring: { agency?: string } }>(`${BASE}/new`, async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const { body } = await bodyOf(ctx, principal, request, request.query.agency);
    return edit(request, reply, {
      title: request.t("appeals.templates.new_title"),
      bodyName: body.name,
      action: BASE,
      agencyId: body.id,
      values: {},
    });
  });

  app.post<{ Body: FormBody }>(BASE, FORM, async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const form = request.body ?? {};
    const { body } = await bodyOf(ctx, principal, request, one(form, "agency") || undefined);
    const saved = await saveTemplate(ctx, principal, body.id, null, inputOf(form));
    if (saved.kind === "ok") return reply.redirect(list(body.id, "saved"), 303);
    if (saved.kind !== "invalid") throw new HalyqError("FORBIDDEN");
    return edit(request, reply, {
      title: request.t("appeals.templates.new_title"),
      bodyName: body.name,
      action: BASE,
      agencyId: body.id,
      values: inputOf(form),
      issues: saved.issues,
    });
  });

  app.get<{ Params: { id: string } }>(`${BASE}/:id`, async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const row = await templateOf(ctx, principal, request.params.id);
    const { body } = await bodyOf(ctx, principal, request, row.agency_id);
    return edit(request, reply, {
      title: request.t("appeals.templates.edit_title"),
      bodyName: body.name,
      action: `${BASE}/${encodeURIComponent(row.id)}`,
      agencyId: row.agency_id,
      values: {
        title: row.title,
        text_kk: row.text_kk ?? "",
        text_ru: row.text_ru ?? "",
        text_en: row.text_en ?? "",
      },
    });
  });

  app.post<{ Params: { id: string }; Body: FormBody }>(
    `${BASE}/:id`,
    FORM,
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const row = await templateOf(ctx, principal, request.params.id);
      const { body } = await bodyOf(ctx, principal, request, row.agency_id);
      const form = request.body ?? {};
      const saved = await saveTemplate(ctx, principal, row.agency_id, row.id, inputOf(form));
      if (saved.kind === "ok") return reply.redirect(list(row.agency_id, "saved"), 303);
      if (saved.kind !== "invalid") throw new HalyqError("FORBIDDEN");
      return edit(request, reply, {
        title: request.t("appeals.templates.edit_title"),
        bodyName: body.name,
        action: `${BASE}/${encodeURIComponent(row.id)}`,
        agencyId: row.agency_id,
        values: inputOf(form),
        issues: saved.issues,
      });
    },
  );

  app.post<{ Params: { id: string } }>(`${BASE}/:id/delete`, FORM, async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const row = await templateOf(ctx, principal, request.params.id);
    const deleted = await deleteTemplate(ctx, principal, row.agency_id, row.id);
    if (deleted.kind !== "ok") throw new HalyqError("FORBIDDEN");
    return reply.redirect(list(row.agency_id, "deleted"), 303);
  });
}
