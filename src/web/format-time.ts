/** Kept for the pages that import it here; the formatter lives in src/kernel/format. */
export { formatEventTime } from "../kernel/format/index.js";
