import { webcrypto } from "node:crypto";
import * as pkijs from "pkijs";

/** pkijs over Node's WebCrypto: set once, for every signing and verifying in this process. */
let ready = false;
export function pki(): typeof pkijs {
  if (!ready) {
    pkijs.setEngine(
      "node",
      new pkijs.CryptoEngine({ name: "node", crypto: webcrypto as unknown as Crypto }),
    );
    ready = true;
  }
  return pkijs;
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
