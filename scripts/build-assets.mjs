// Compiles the stylesheet and copies the browser files into public/build/.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import * as sass from "sass";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, "public", "build");
const govuk = path.join(root, "node_modules", "govuk-frontend", "dist", "govuk");

fs.mkdirSync(out, { recursive: true });
const css = sass.compile(path.join(root, "src", "web", "assets", "halyq.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter(root)],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
fs.writeFileSync(path.join(out, "halyq.css"), css.css);
fs.copyFileSync(path.join(govuk, "govuk-frontend.min.js"), path.join(out, "govuk-frontend.min.js"));
for (const file of ["halyq.js", "halyq-map.js", "favicon.svg"]) {
  fs.copyFileSync(path.join(root, "src", "web", "assets", file), path.join(out, file));
}
// Leaflet, for the pages with a map only: its script, and its stylesheet with the images beside
// it as leaflet-*.png, each addressed with its content hash (every asset is cached for a year).
const leaflet = path.join(root, "node_modules", "leaflet", "dist");
fs.copyFileSync(path.join(leaflet, "leaflet.js"), path.join(out, "leaflet.js"));
let leafletCss = fs.readFileSync(path.join(leaflet, "leaflet.css"), "utf8");
for (const image of fs.readdirSync(path.join(leaflet, "images"))) {
  const body = fs.readFileSync(path.join(leaflet, "images", image));
  fs.writeFileSync(path.join(out, `leaflet-${image}`), body);
  const v = createHash("sha256").update(body).digest("hex").slice(0, 12);
  leafletCss = leafletCss.replaceAll(`url(images/${image})`, `url(leaflet-${image}?v=${v})`);
}
fs.writeFileSync(path.join(out, "leaflet.css"), leafletCss);
// Pre-compressed copies for slow connections, and a content hash for long-lived caching.
const manifest = {};
for (const file of fs.readdirSync(out)) {
  if (/\.(br|gz|json)$/.test(file)) continue;
  const body = fs.readFileSync(path.join(out, file));
  manifest[file] = createHash("sha256").update(body).digest("hex").slice(0, 12);
  if (file.endsWith(".png")) continue; // already compressed
  fs.writeFileSync(path.join(out, `${file}.gz`), zlib.gzipSync(body, { level: 9 }));
  fs.writeFileSync(
    path.join(out, `${file}.br`),
    zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}
fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify(manifest, null, 2));
// The letters' fonts beside the compiled renderer, so dist/ runs without the source tree.
const fontsDist = path.join(root, "dist", "platform", "documents");
if (fs.existsSync(fontsDist)) {
  fs.cpSync(
    path.join(root, "src", "platform", "documents", "fonts"),
    path.join(fontsDist, "fonts"),
    {
      recursive: true,
    },
  );
}
console.log(
  `assets built in ${path.relative(root, out)} (css ${(css.css.length / 1024).toFixed(1)} KB)`,
);
