import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { arrayBufferOf, asn1, der, pki } from "./crypto.js";
import type { KeyMaterial } from "./pkcs12.js";

/** The common name every demo certificate carries, so no one mistakes it for a real key. */
export const DEMO_SUBJECT = "Halyq DEMO key - not a valid signature";

const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

interface Stored {
  key: string;
  certificate: string;
}

async function fromStored(stored: Stored): Promise<KeyMaterial> {
  const lib = await pki();
  const privateKey = await crypto.subtle.importKey(
    "pkcs8",
    arrayBufferOf(Buffer.from(stored.key, "base64")),
    ALGORITHM,
    false,
    ["sign"],
  );
  const certificate = lib.Certificate.fromBER(
    arrayBufferOf(Buffer.from(stored.certificate, "base64")),
  );
  return { privateKey, certificate, chain: [] };
}

async function makeDemo(now: Date): Promise<Stored> {
  const lib = await pki();
  const asn1js = await asn1();
  const keys = (await crypto.subtle.generateKey(
    { ...ALGORITHM, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const cert = new lib.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  cert.serialNumber = new asn1js.Integer({ valueHex: arrayBufferOf(serial) });
  const name = [
    new lib.AttributeTypeAndValue({
      type: "2.5.4.3",
      value: new asn1js.Utf8String({ value: DEMO_SUBJECT }),
    }),
    new lib.AttributeTypeAndValue({
      type: "2.5.4.10",
      value: new asn1js.Utf8String({ value: "Halyq demo" }),
    }),
  ];
  cert.issuer.typesAndValues.push(...name);
  cert.subject.typesAndValues.push(...name);
  cert.notBefore.value = new Date(now.getTime() - 86_400_000);
  cert.notAfter.value = new Date(now.getTime() + 10 * 365 * 86_400_000);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(keys.privateKey, "SHA-256");
  return {
    key: Buffer.from(await crypto.subtle.exportKey("pkcs8", keys.privateKey)).toString("base64"),
    certificate: der(cert.toSchema(true)).toString("base64"),
  };
}

/**
 * The demo instance's signing key: made at first use under `<dataDir>/signing/demo-key.json`
 * (readable by this user only; never committed: the data directory is not in the repository),
 * then read back, so every demo document stays verifiable across restarts. Two instances making
 * it at once keep the first file written.
 */
export async function demoKey(dataDir: string, now: Date): Promise<KeyMaterial> {
  const file = path.join(dataDir, "signing", "demo-key.json");
  try {
    return await fromStored(JSON.parse(await fs.readFile(file, "utf8")) as Stored);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const stored = await makeDemo(now);
  try {
    await fs.writeFile(file, JSON.stringify(stored), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return fromStored(JSON.parse(await fs.readFile(file, "utf8")) as Stored);
  }
  return fromStored(stored);
}

/** A certificate as PEM text, for people who verify with openssl. */
export function pemOf(derBytes: Buffer): string {
  const b64 = derBytes.toString("base64").replace(/(.{64})/g, "$1\n");
  return `-----BEGIN CERTIFICATE-----\n${b64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}
