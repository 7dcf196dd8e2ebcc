/**
 * The public statistics of bodies. The only file another capability may import from here; none uses
 * anything of it but the manifest.
 */
export { statisticsManifest } from "./manifest.js";
