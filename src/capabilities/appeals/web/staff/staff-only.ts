/** Office pages use the web kit's guard; kept under this name for the appeals' office routes. */
export { staffOnly } from "../../../../web/guards.js";
