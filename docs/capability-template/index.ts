/**
 * Example, as other capabilities may use it: the only file they import from here.
 */

/** What an example is, for the pages of other capabilities that show one. */
export type { Example } from "./model/example.js";
/** Reading examples (another capability never queries this capability's tables itself). */
export { findExample } from "./queries/find-example.js";
/** The capability itself, for the composition root. */
export { exampleManifest } from "./manifest.js";
