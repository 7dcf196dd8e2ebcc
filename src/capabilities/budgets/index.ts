/**
 * Participatory budgeting. The only file another capability may import from here; none uses
 * anything of it but the manifest.
 */
export type { BudgetTables } from "./budgets.table.js";
export { recountCycle } from "./commands/results.js";
export { budgetsManifest } from "./manifest.js";
