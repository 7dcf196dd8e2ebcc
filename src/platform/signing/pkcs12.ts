import type * as pkijs from "pkijs";
import { arrayBufferOf, der, pki } from "./crypto.js";

/** A signing key and its certificate chain, read from a PKCS#12 (.p12/.pfx) file. */
export interface KeyMaterial {
  privateKey: CryptoKey;
  /** The certificate of the private key. */
  certificate: pkijs.Certificate;
  /** The other certificates in the file (the issuing CA's), included in each signature. */
  chain: pkijs.Certificate[];
}

const KEY_BAG = "1.2.840.113549.1.12.10.1.2";
const CERT_BAG = "1.2.840.113549.1.12.10.1.3";
const RSA = "1.2.840.113549.1.1.1";
const EC = "1.2.840.10045.2.1";

export class KeyFileError extends Error {
  override name = "KeyFileError";
}

/** The WebCrypto algorithm a private key of this kind signs with (SHA-256 always). */
export function signingAlgorithm(
  keyInfo: pkijs.PrivateKeyInfo,
): RsaHashedImportParams | EcKeyImportParams {
  const oid = keyInfo.privateKeyAlgorithm.algorithmId;
  if (oid === RSA) return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  if (oid === EC) return { name: "ECDSA", namedCurve: "P-256" };
  throw new KeyFileError(`unsupported key algorithm ${oid} (RSA or ECDSA P-256 only)`);
}

/**
 * Opens a password-protected PKCS#12 file (as OpenSSL and the national CA issue them: PBES2 with
 * AES, or the older PKCS#12 PBE) and checks its integrity MAC; throws KeyFileError when the
 * password is wrong or the file holds no key with its certificate.
 */
export async function readPkcs12(file: Buffer, password: string): Promise<KeyMaterial> {
  const pkijsLib = await pki();
  const pass = arrayBufferOf(new TextEncoder().encode(password));
  let keyInfo: pkijs.PrivateKeyInfo | undefined;
  const certs: pkijs.Certificate[] = [];
  try {
    const pfx = pkijsLib.PFX.fromBER(arrayBufferOf(file));
    await pfx.parseInternalValues({ password: pass, checkIntegrity: true });
    const authSafe = pfx.parsedValue?.authenticatedSafe;
    if (!authSafe) throw new KeyFileError("no authenticated safe");
    await authSafe.parseInternalValues({
      safeContents: authSafe.safeContents.map(() => ({ password: pass })),
    });
    for (const contents of authSafe.parsedValue.safeContents) {
      for (const bag of contents.value.safeBags) {
        if (bag.bagId === KEY_BAG) {
          const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
          // Protected in pkijs's types, yet its documented way to decrypt a key bag.
          await (
            shrouded as unknown as {
              parseInternalValues(p: { password: ArrayBuffer }): Promise<void>;
            }
          ).parseInternalValues({ password: pass });
          keyInfo = shrouded.parsedValue;
        } else if (bag.bagId === CERT_BAG) {
          const parsed = (bag.bagValue as pkijs.CertBag).parsedValue;
          if (parsed instanceof pkijsLib.Certificate) certs.push(parsed);
        }
      }
    }
  } catch (error) {
    if (error instanceof KeyFileError) throw error;
    throw new KeyFileError(`cannot open the PKCS#12 file: ${(error as Error).message}`);
  }
  if (!keyInfo) throw new KeyFileError("the PKCS#12 file holds no private key");
  const algorithm = signingAlgorithm(keyInfo);
  const privateKey = await crypto.subtle.importKey(
    "pkcs8",
    arrayBufferOf(der(keyInfo.toSchema())),
    algorithm,
    false,
    ["sign"],
  );
  // The key's own certificate is the one whose public key matches the private key's.
  const publicOf = async (c: pkijs.Certificate) =>
    Buffer.from(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).toString("hex");
  const wanted = await publicKeyHex(keyInfo, algorithm);
  let certificate: pkijs.Certificate | undefined;
  for (const c of certs) if ((await publicOf(c)) === wanted) certificate = c;
  if (!certificate) throw new KeyFileError("the PKCS#12 file holds no certificate for its key");
  return { privateKey, certificate, chain: certs.filter((c) => c !== certificate) };
}

/** The public key bits belonging to a private key, as its certificate carries them. */
async function publicKeyHex(
  keyInfo: pkijs.PrivateKeyInfo,
  algorithm: RsaHashedImportParams | EcKeyImportParams,
): Promise<string> {
  const exportable = await crypto.subtle.importKey(
    "pkcs8",
    arrayBufferOf(der(keyInfo.toSchema())),
    algorithm,
    true,
    ["sign"],
  );
  const jwk = await crypto.subtle.exportKey("jwk", exportable);
  delete jwk.d;
  delete jwk.p;
  delete jwk.q;
  delete jwk.dp;
  delete jwk.dq;
  delete jwk.qi;
  jwk.key_ops = ["verify"];
  const pub = await crypto.subtle.importKey("jwk", jwk, algorithm, true, ["verify"]);
  const spki = Buffer.from(await crypto.subtle.exportKey("spki", pub));
  const info = (await pki()).PublicKeyInfo.fromBER(arrayBufferOf(spki));
  return Buffer.from(info.subjectPublicKey.valueBlock.valueHexView).toString("hex");
}
