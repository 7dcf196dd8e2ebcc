import { createHash } from "node:crypto";
import type * as pkijs from "pkijs";
import { der } from "./crypto.js";

/** A certificate as people and the signatures table read it. */
export interface CertificateFacts {
  /** The subject as one line, e.g. "CN=Akimat of Astana, O=Akimat, C=KZ". */
  subject: string;
  /** The common name alone (the signer or the body the key was issued to). */
  commonName: string;
  issuer: string;
  /** The serial number in hexadecimal, upper case. */
  serial: string;
  /** SHA-256 of the certificate's DER, hexadecimal, lower case. */
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
}

const NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.4": "SURNAME",
  "2.5.4.42": "G",
  "2.5.4.5": "SERIALNUMBER",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "T",
  "1.2.840.113549.1.9.1": "E",
};

function nameOf(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${NAMES[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`)
    .join(", ");
}

/** What a certificate says about itself, for records and the verification page. */
export function certificateFacts(cert: pkijs.Certificate): CertificateFacts {
  const cn = cert.subject.typesAndValues.find((tv) => tv.type === "2.5.4.3");
  return {
    subject: nameOf(cert.subject),
    commonName: cn ? String(cn.value.valueBlock.value) : nameOf(cert.subject),
    issuer: nameOf(cert.issuer),
    serial: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString("hex").toUpperCase(),
    fingerprint: createHash("sha256").update(der(cert.toSchema())).digest("hex"),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
  };
}
