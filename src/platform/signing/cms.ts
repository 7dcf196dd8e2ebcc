import { createHash } from "node:crypto";
import type * as Asn1 from "asn1js";
import type * as pkijs from "pkijs";
import { type CertificateFacts, certificateFacts } from "./certificate.js";
import { arrayBufferOf, asn1, der, pki } from "./crypto.js";
import type { KeyMaterial } from "./pkcs12.js";

const DATA = "1.2.840.113549.1.7.1";
const SIGNED_DATA = "1.2.840.113549.1.7.2";
const CONTENT_TYPE = "1.2.840.113549.1.9.3";
const MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
const SIGNING_TIME = "1.2.840.113549.1.9.5";

/**
 * A detached CMS SignedData (RFC 5652) over `content`, DER-encoded (a `.p7s`): SHA-256, the
 * signed attributes content type, message digest and signing time, and the signer's certificate
 * with its chain, so `openssl cms -verify -binary -inform DER -content <file>` checks it with
 * nothing but the issuing CA's certificate.
 */
export async function signDetached(
  key: KeyMaterial,
  content: Buffer,
  signingTime: Date,
): Promise<Buffer> {
  const lib = await pki();
  const asn1js = await asn1();
  const digest = createHash("sha256").update(content).digest();
  const signed = new lib.SignedData({
    version: 1,
    encapContentInfo: new lib.EncapsulatedContentInfo({ eContentType: DATA }),
    signerInfos: [
      new lib.SignerInfo({
        version: 1,
        sid: new lib.IssuerAndSerialNumber({
          issuer: key.certificate.issuer,
          serialNumber: key.certificate.serialNumber,
        }),
        signedAttrs: new lib.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new lib.Attribute({
              type: CONTENT_TYPE,
              values: [new asn1js.ObjectIdentifier({ value: DATA })],
            }),
            new lib.Attribute({
              type: SIGNING_TIME,
              values: [new asn1js.UTCTime({ valueDate: signingTime })],
            }),
            new lib.Attribute({
              type: MESSAGE_DIGEST,
              values: [new asn1js.OctetString({ valueHex: arrayBufferOf(digest) })],
            }),
          ],
        }),
      }),
    ],
    certificates: [key.certificate, ...key.chain],
  });
  await signed.sign(key.privateKey, 0, "SHA-256", arrayBufferOf(content));
  const info = new lib.ContentInfo({ contentType: SIGNED_DATA, content: signed.toSchema(true) });
  return der(info.toSchema());
}

/** What a detached signature says, and whether it holds for the content given. */
export type DetachedCheck =
  | {
      valid: boolean;
      signer: CertificateFacts;
      /** The signing time the signer put in the signed attributes (null when absent). */
      signedAt: Date | null;
    }
  | { valid: false; signer: null; signedAt: null };

/**
 * Checks a detached CMS signature against its content: the message digest matches and the
 * signature verifies with the certificate inside. Whose certificate it is (trusted or not) is
 * the caller's question: compare `signer.fingerprint` with the one recorded at signing.
 */
export async function verifyDetached(p7s: Buffer, content: Buffer): Promise<DetachedCheck> {
  const lib = await pki();
  let signed: pkijs.SignedData;
  try {
    const info = lib.ContentInfo.fromBER(arrayBufferOf(p7s));
    if (info.contentType !== SIGNED_DATA) return { valid: false, signer: null, signedAt: null };
    signed = new lib.SignedData({ schema: info.content });
  } catch {
    return { valid: false, signer: null, signedAt: null };
  }
  const signerInfo = signed.signerInfos[0];
  const sid = signerInfo?.sid;
  const cert = (signed.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof lib.Certificate &&
      sid instanceof lib.IssuerAndSerialNumber &&
      c.issuer.isEqual(sid.issuer) &&
      c.serialNumber.isEqual(sid.serialNumber),
  );
  if (!signerInfo || !cert) return { valid: false, signer: null, signedAt: null };
  const timeAttr = signerInfo.signedAttrs?.attributes.find((a) => a.type === SIGNING_TIME);
  const time = timeAttr?.values[0] as Asn1.UTCTime | Asn1.GeneralizedTime | undefined;
  let valid = false;
  try {
    const result = await signed.verify({
      signer: 0,
      data: arrayBufferOf(content),
      checkChain: false,
      extendedMode: true,
    });
    valid = result.signatureVerified === true;
  } catch {
    valid = false;
  }
  return { valid, signer: certificateFacts(cert), signedAt: time ? time.toDate() : null };
}
