import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../../kernel/errors.js";
import { contentDisposition } from "../../../../platform/files/download.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { requirePage, staffOnly } from "../../../../web/guards.js";
import { findAgency } from "../../../agencies/index.js";
import {
  type DocumentRow,
  documentFile,
  documentsOf,
  signingReadiness,
} from "../../../documents/index.js";
import type { AppealRow } from "../../appeal.repository.js";
import { loadVisibleAppeal } from "../../commands/appeal-actions.js";
import { isApplicant } from "../../policies.js";
import type { LetterItem } from "./letters.js";

/** An appeal's letters, as registered under its number (and its number before renumbering). */
export async function lettersOf(ctx: AppContext, row: AppealRow): Promise<DocumentRow[]> {
  const refs = [row.number, ...(row.legacy_number ? [row.legacy_number] : [])];
  return (await Promise.all(refs.map((r) => documentsOf(ctx.db.kysely, r)))).flat();
}

/** The case page's list of letters. */
export function letterItems(rows: DocumentRow[]): LetterItem[] {
  return rows.map((d) => ({
    number: d.number,
    seq: d.number.slice(d.number.lastIndexOf("/") + 1),
    kind: d.kind,
    state: !d.signature_sha256 ? "unsigned" : d.demo_key === 1 ? "demo" : "signed",
    signer: d.signer_name,
    position: d.signer_position,
    at: d.signed_at,
  }));
}

/** Before approval: whether the body cannot sign the answer's letter, and why. */
export async function keyWarningFor(
  ctx: AppContext,
  row: AppealRow,
  actions: readonly string[],
): Promise<"none" | "broken" | undefined> {
  if (!actions.includes("approve")) return undefined;
  const agency = await findAgency(ctx.db.kysely, row.agency_id);
  const readiness = agency ? await signingReadiness(ctx, agency.slug) : "none";
  return readiness === "none" || readiness === "broken" ? readiness : undefined;
}

type LetterParams = { Params: { number: string; seq: string } };

/**
 * The letters' files for the staff who may see the appeal, and for the applicant from their own
 * appeal's page (`/appeals/...`): the PDF to print or keep, and its detached signature for
 * anyone checking it with their own tools. Never cached: they carry the applicant's name and
 * address; nobody else, a public appeal's readers included, gets them.
 */
export async function letterRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  for (const root of ["/office/appeals", "/appeals"] as const) {
    for (const file of ["pdf", "p7s"] as const) {
      const path = `${root}/:number/letters/:seq/${file === "pdf" ? "letter.pdf" : "signature.p7s"}`;
      app.get<LetterParams>(path, async (request, reply) => {
        const principal =
          root === "/office/appeals" ? staffOnly(request, reply) : requirePage(request, reply);
        if (!principal) return reply;
        const found = await loadVisibleAppeal(ctx, principal, request.params.number);
        if (!found) throw new HalyqError("NOT_FOUND");
        if (root === "/appeals" && !isApplicant(principal, found.resource))
          throw new HalyqError("NOT_FOUND");
        const letter = (await lettersOf(ctx, found.row)).find(
          (d) => d.number.slice(d.number.lastIndexOf("/") + 1) === request.params.seq,
        );
        if (!letter) throw new HalyqError("NOT_FOUND");
        const bytes = await documentFile(ctx, letter, file);
        if (!bytes) throw new HalyqError("NOT_FOUND");
        const name = `${letter.number.replace(/\//g, "-")}.${file}`;
        return reply
          .header(
            "content-type",
            file === "pdf" ? "application/pdf" : "application/pkcs7-signature",
          )
          .header("content-disposition", contentDisposition(name))
          .header("x-content-type-options", "nosniff")
          .header("cache-control", "private, no-store")
          .send(bytes);
      });
    }
  }
}
