import type { Translate } from "../kernel/i18n.js";
import { Rich } from "./components/foreign.js";
import { ResponsiveTable } from "./components/table.js";

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: {
    type?: string;
    format?: string;
    pattern?: string;
    minimum?: number;
    maximum?: number;
    enum?: unknown[];
  };
}

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  responses?: Record<string, { description?: string }>;
}

export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function signInText(t: Translate, security: Operation["security"]) {
  if (!security || security.length === 0) return t("api_docs.sign_in_none");
  if (security.some((s) => Object.keys(s).length === 0)) return t("api_docs.sign_in_optional");
  return (
    <Rich
      t={t}
      message="api_docs.sign_in_required"
      slots={{
        bearer: <code class="halyq-code">Bearer</code>,
        csrf: <code class="halyq-code">X-CSRF-Token</code>,
      }}
    />
  );
}

function schemaText(p: Parameter): string {
  const s = p.schema ?? {};
  const parts = [s.type ?? "string"];
  if (s.format) parts.push(s.format);
  if (s.enum) parts.push(s.enum.join(" | "));
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  return parts.join(", ");
}

/**
 * A server-rendered reader for the OpenAPI document: works without JavaScript and with a
 * screen reader. Operation texts are written in English, the language of the API itself.
 */
export function ApiDocs({ t, spec }: { t: Translate; spec: OpenApiDocument }) {
  const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] as Operation })),
  );
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        <h1 class="govuk-heading-l">{t("api_docs.title")}</h1>
        <p class="govuk-body">{t("api_docs.intro")}</p>
        <p class="govuk-body">
          <a class="govuk-link" href="/api/openapi.json">
            {t("api_docs.download")}
          </a>{" "}
          <span class="govuk-body-s">(OpenAPI {spec.info.version})</span>
        </p>
        <p class="govuk-body">
          <Rich
            t={t}
            message="api_docs.errors"
            slots={{
              shape: <code class="halyq-code">{'{"error": {"code": "…", "message": "…"}}'}</code>,
              header: <code class="halyq-code">Accept-Language</code>,
            }}
          />
        </p>
        <h2 class="govuk-heading-m">{t("api_docs.operations")}</h2>
        {operations.map(({ path, method, op }) => {
          const id = `${method}-${path.replace(/[^a-z0-9]+/gi, "-")}`;
          return (
            <section key={id} class="govuk-!-margin-bottom-8" aria-labelledby={id}>
              <h3 class="govuk-heading-s" id={id}>
                <span class="govuk-tag govuk-tag--blue">{method.toUpperCase()}</span>{" "}
                <code class="halyq-code">{path}</code>
              </h3>
              {op.summary ? (
                <p class="govuk-body" lang="en">
                  {op.summary}
                </p>
              ) : null}
              <p class="govuk-body-s">
                {op.operationId ? (
                  <>
                    {t("api_docs.operation_id")}: <code class="halyq-code">{op.operationId}</code>.{" "}
                  </>
                ) : null}
                {t("api_docs.sign_in")}: {signInText(t, op.security)}.
              </p>
              {op.description ? (
                <p class="govuk-body-s" lang="en">
                  {op.description}
                </p>
              ) : null}
              {op.parameters && op.parameters.length > 0 ? (
                <ResponsiveTable
                  id={`${id}-parameters`}
                  caption={
                    // Each scroll region is named by its caption, so the operation is in it
                    // (hidden) to keep the names of the page's regions unique.
                    <>
                      {t("api_docs.parameters")}
                      <span class="govuk-visually-hidden">
                        {" "}
                        {method.toUpperCase()} {path}
                      </span>
                    </>
                  }
                  captionClass="govuk-table__caption--s"
                  rows={op.parameters}
                  rowKey={(p) => `${p.in}-${p.name}`}
                  columns={[
                    {
                      key: "name",
                      header: t("api_docs.name"),
                      cell: (p) => <code class="halyq-code">{p.name}</code>,
                    },
                    {
                      key: "in",
                      header: t("api_docs.where"),
                      cell: (p) => <code class="halyq-code">{p.in}</code>,
                    },
                    {
                      key: "type",
                      header: t("api_docs.type"),
                      cell: (p) => <code class="halyq-code">{schemaText(p)}</code>,
                    },
                    {
                      key: "required",
                      header: t("api_docs.required"),
                      cell: (p) => (p.required ? t("api_docs.yes") : t("api_docs.no")),
                    },
                    {
                      key: "description",
                      header: t("api_docs.description"),
                      cell: (p) => <span lang="en">{p.description ?? ""}</span>,
                    },
                  ]}
                />
              ) : null}
              {op.responses ? (
                <dl class="govuk-summary-list govuk-summary-list--no-border">
                  {Object.entries(op.responses).map(([status, r]) => (
                    <div key={status} class="govuk-summary-list__row">
                      <dt class="govuk-summary-list__key">{status}</dt>
                      <dd class="govuk-summary-list__value" lang="en">
                        {r.description ?? ""}
                      </dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </section>
          );
        })}
      </div>
    </div>
  );
}
