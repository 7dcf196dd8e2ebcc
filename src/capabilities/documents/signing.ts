import type { AppContext } from "../../platform/manifest.js";
import { demoKey } from "../../platform/signing/demo-key.js";
import { pkcs12Provider } from "../../platform/signing/pkcs12-provider.js";
import type { SignatureProvider } from "../../platform/signing/provider.js";

const providers = new WeakMap<AppContext["config"], SignatureProvider>();

/**
 * This instance's signature provider: the PKCS#12 keys of its configuration. A demo or
 * development instance (demo data on, not production) with no key configured signs with a demo
 * key it makes under the data directory, its certificate saying DEMO; asked at each signing, so
 * the demo's own seeded answers are signed too. A production instance without a key signs nothing.
 */
export function signatureProvider(ctx: AppContext): SignatureProvider {
  let provider = providers.get(ctx.config);
  if (!provider) {
    const { signing, dataDir, nodeEnv, demoData } = ctx.config;
    const instance = ctx.instance;
    const demoAllowed = () =>
      signing.demoKey === "auto" &&
      !signing.p12Path &&
      !signing.p12Dir &&
      (instance.demo || (nodeEnv !== "production" && demoData === "auto"));
    provider = pkcs12Provider(signing, async () =>
      demoAllowed() ? demoKey(dataDir, ctx.clock.now()) : null,
    );
    providers.set(ctx.config, provider);
  }
  return provider;
}

/**
 * Whether a body can sign now: with its key, only with the demo key, not at all (no key), or
 * not until its key is fixed (the configured file cannot be opened). For the pages that warn
 * before a step that issues a letter.
 */
export async function signingReadiness(
  ctx: AppContext,
  bodySlug: string,
): Promise<"ready" | "demo" | "none" | "broken"> {
  try {
    const signer = await signatureProvider(ctx).signerFor(bodySlug);
    return signer ? (signer.demo ? "demo" : "ready") : "none";
  } catch {
    return "broken";
  }
}
