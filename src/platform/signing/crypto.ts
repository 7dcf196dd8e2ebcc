import { webcrypto } from "node:crypto";
import type * as Asn1 from "asn1js";
import type * as Pkijs from "pkijs";

let loaded: Promise<{ pkijs: typeof Pkijs; asn1js: typeof Asn1 }> | undefined;
/**
 * pkijs over Node's WebCrypto, and asn1js: loaded by the first signing or verifying in this
 * process, not at start (some 10 MB of memory that most serving processes never use); the
 * engine is set once.
 */
function libraries(): Promise<{ pkijs: typeof Pkijs; asn1js: typeof Asn1 }> {
  loaded ??= Promise.all([import("pkijs"), import("asn1js")]).then(
    ([pkijs, asn1js]) => {
      pkijs.setEngine(
        "node",
        new pkijs.CryptoEngine({ name: "node", crypto: webcrypto as unknown as Crypto }),
      );
      return { pkijs, asn1js };
    },
    (err: unknown) => {
      loaded = undefined;
      throw err;
    },
  );
  return loaded;
}

export async function pki(): Promise<typeof Pkijs> {
  return (await libraries()).pkijs;
}

export async function asn1(): Promise<typeof Asn1> {
  return (await libraries()).asn1js;
}

/** The DER bytes of a pkijs object's schema, as a Buffer. */
export function der(schema: { toBER(sizeOnly?: boolean): ArrayBuffer }): Buffer {
  return Buffer.from(schema.toBER(false));
}

/** A fresh ArrayBuffer holding exactly these bytes (pkijs reads whole ArrayBuffers). */
export function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}
