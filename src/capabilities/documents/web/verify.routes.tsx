import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FieldIssue } from "../../../kernel/result.js";
import { megabytes } from "../../../platform/files/incoming.js";
import { multipartForms, uploadsOf } from "../../../platform/files/multipart.js";
import { attachmentSettings } from "../../../platform/files/settings.js";
import { sniffMediaType } from "../../../platform/files/sniff.js";
import type { AppContext } from "../../../platform/manifest.js";
import { findAgency } from "../../agencies/index.js";
import { type Verification, verifyByNumber, verifyUpload } from "../commands/verify-document.js";
import { DOCUMENT_NUMBER } from "../documents.js";
import { type CheckedDocument, VerifyPage } from "./verify-page.js";

/** The public verification page: by outgoing number (GET, what the QR code opens) or by upload. */
export async function verifyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  async function checked(
    request: FastifyRequest,
    v: Verification,
  ): Promise<CheckedDocument | null> {
    if (v.kind === "unknown") return null;
    const { row } = v;
    const agency = await findAgency(ctx.db.kysely, row.agency_id);
    // The signing time is shown on the clock of the body that signed.
    const timeZone = ctx.calendars.forJurisdiction(agency?.jurisdiction ?? null).rules.timeZone;
    return {
      number: row.number,
      signature: v.signature,
      demo: row.demo_key === 1,
      bodyName: agency?.names[request.locale] || agency?.names.ru || "",
      signerName: row.signer_name,
      signerPosition: row.signer_position,
      language: row.language,
      signedAt: row.signed_at,
      timeZone,
      subjectRef: row.subject_ref,
      kind: row.kind,
      certificate:
        row.certificate_subject && row.certificate_serial
          ? { subject: row.certificate_subject, serial: row.certificate_serial }
          : null,
    };
  }

  const defaultZone = ctx.calendars.forJurisdiction(null).rules.timeZone;

  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    props: { number: string; issues: FieldIssue[]; result: CheckedDocument | null | undefined },
  ) {
    const hasErrors = props.issues.length > 0;
    return reply.page(
      request.t("documents.verify.title"),
      <VerifyPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        timeZone={props.result?.timeZone ?? defaultZone}
        {...props}
      />,
      { hasErrors, ...(hasErrors ? { status: 400 } : {}) },
    );
  }

  app.get<{ Querystring: Record<string, unknown> }>("/verify", async (request, reply) => {
    // The page differs with every check: no shared cache keeps it.
    reply.header("cache-control", "no-store");
    const raw = request.query?.number;
    if (raw === undefined)
      return render(request, reply, { number: "", issues: [], result: undefined });
    const number = typeof raw === "string" ? raw.trim() : "";
    if (!DOCUMENT_NUMBER.test(number)) {
      return render(request, reply, {
        number: typeof raw === "string" ? raw.slice(0, 80) : "",
        issues: [{ field: "number", key: "documents.verify.error.number" }],
        result: undefined,
      });
    }
    const result = await checked(request, await verifyByNumber(ctx, number));
    return render(request, reply, { number, issues: [], result });
  });

  // The upload comes as multipart: its own scope, so no other route accepts such bodies.
  await app.register(async (scope) => {
    multipartForms(scope, { maxFileBytes: attachmentSettings.maxBytes });
    scope.post("/verify", async (request, reply) => {
      reply.header("cache-control", "no-store");
      const uploads = uploadsOf(request);
      const file = uploads.files.find((f) => f.field === "file");
      let issue: FieldIssue | null = null;
      if (uploads.tooLarge) {
        issue = {
          field: "file",
          key: "documents.verify.error.too_large",
          params: { max: megabytes(attachmentSettings.maxBytes) },
        };
      } else if (!file || file.buffer.length === 0) {
        issue = { field: "file", key: "documents.verify.error.choose" };
      } else if (sniffMediaType(file.buffer) !== "application/pdf") {
        issue = { field: "file", key: "documents.verify.error.not_pdf" };
      }
      if (issue || !file) {
        return render(request, reply, {
          number: "",
          issues: issue ? [issue] : [],
          result: undefined,
        });
      }
      const result = await checked(request, await verifyUpload(ctx, file.buffer));
      return render(request, reply, { number: result?.number ?? "", issues: [], result });
    });
  });
}
