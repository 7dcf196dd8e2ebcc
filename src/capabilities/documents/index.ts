/**
 * Signed outgoing documents, as other capabilities use them: the only file they import from here.
 * The owner of a document (appeals) renders its PDF; this capability numbers it, signs it with
 * the body's key, stores it and answers for it on the public verification page.
 */
export {
  type DocumentRequest,
  documentFile,
  type PreparedDocument,
  prepareDocument,
  recordDocument,
} from "./commands/sign-document.js";
export { type DocumentKind, isDocumentKind, verifyUrl } from "./documents.js";
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { DocumentTables } from "./documents.table.js";
/** The capability itself, for the composition root. */
export { documentsManifest } from "./manifest.js";
/** A subject's documents (an appeal's letters), for its owner's pages. */
export { type DocumentRow, documentsOf, findDocumentByNumber } from "./repository.js";
/** Whether a body can sign now (for warnings before a step that issues a letter). */
export { signingReadiness } from "./signing.js";
