import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Where the Noto Sans files are: beside this module (src/ when run from source, dist/ once the
 * build has copied them, see scripts/build-assets.mjs), else in the source tree next to dist/.
 */
const FOLDERS = [
  path.join(here, "fonts"),
  path.resolve(here, "../../../src/platform/documents/fonts"),
];

const cache = new Map<string, Promise<Buffer>>();

async function firstFound(file: string): Promise<Buffer> {
  for (const folder of FOLDERS) {
    try {
      return await fs.readFile(path.join(folder, file));
    } catch {
      // Try the next place.
    }
  }
  throw new Error(`font ${file} not found in ${FOLDERS.join(" or ")}`);
}

/** A font file's bytes, read once per process (Noto Sans covers Kazakh, Russian and English). */
export function fontBytes(weight: "regular" | "bold"): Promise<Buffer> {
  const file = weight === "bold" ? "NotoSans-Bold.ttf" : "NotoSans-Regular.ttf";
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = firstFound(file);
    cache.set(file, bytes);
    bytes.catch(() => cache.delete(file));
  }
  return bytes;
}
