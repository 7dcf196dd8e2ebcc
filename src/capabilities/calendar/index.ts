/**
 * Working days per jurisdiction. The only file another capability may import from here; none uses
 * anything of it but the manifest.
 */
export { calendarManifest } from "./manifest.js";
