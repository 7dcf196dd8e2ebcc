/**
 * The administration of bodies and staff accounts. The only file another capability may import from here; none uses
 * anything of it but the manifest.
 */
export { adminManifest } from "./manifest.js";
