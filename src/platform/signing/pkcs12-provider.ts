import fs from "node:fs/promises";
import path from "node:path";
import type { SigningConfig } from "../config.js";
import { certificateFacts } from "./certificate.js";
import { signDetached } from "./cms.js";
import { type KeyMaterial, readPkcs12 } from "./pkcs12.js";
import type { DocumentSigner, SignatureProvider } from "./provider.js";

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

async function readIfThere(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function signerOf(key: KeyMaterial, demo: boolean): DocumentSigner {
  return {
    certificate: certificateFacts(key.certificate),
    demo,
    sign: (content, at) => signDetached(key, content, at),
  };
}

/**
 * Signs with PKCS#12 keys from configuration: the body's own `<SIGNING_P12_DIR>/<slug>.p12`,
 * else the instance's `SIGNING_P12_PATH`, else (demo only) `fallback`. Each file is opened
 * once and kept; a wrong password or a broken file fails loudly rather than signing nothing.
 */
export function pkcs12Provider(
  config: SigningConfig,
  fallback?: () => Promise<KeyMaterial | null>,
): SignatureProvider {
  const opened = new Map<string, Promise<KeyMaterial>>();
  const open = (file: string, bytes: Buffer) => {
    let key = opened.get(file);
    if (!key) {
      key = readPkcs12(bytes, config.password);
      opened.set(file, key);
      key.catch(() => opened.delete(file));
    }
    return key;
  };
  return {
    name: "pkcs12",
    async signerFor(bodySlug) {
      if (config.p12Dir && SLUG.test(bodySlug)) {
        const file = path.join(config.p12Dir, `${bodySlug}.p12`);
        const bytes = await readIfThere(file);
        if (bytes) return signerOf(await open(file, bytes), false);
      }
      if (config.p12Path) {
        const bytes = await fs.readFile(config.p12Path);
        return signerOf(await open(config.p12Path, bytes), false);
      }
      const demo = fallback ? await fallback() : null;
      return demo ? signerOf(demo, true) : null;
    },
  };
}
