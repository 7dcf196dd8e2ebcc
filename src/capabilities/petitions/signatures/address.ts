import { createHmac } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";

/**
 * What is kept of a signer's address: a keyed hash (so bursts from one address can be grouped
 * without storing it, and the hash cannot be reversed by trying all four billion addresses
 * without the instance secret) and its network, /24 for IPv4 and /48 for IPv6, in the clear.
 */
export function addressTraits(secret: Buffer, ip: string): Traits {
  let cached = recent.get(ip);
  if (cached && cached.secret === secret) return cached.traits;
  cached = { secret, traits: computeTraits(secret, ip) };
  if (recent.size >= 4096) recent.clear();
  recent.set(ip, cached);
  return cached.traits;
}

type Traits = { addressHash: string | null; subnet: string | null };
/** Addresses seen lately: a surge comes from far fewer addresses than signatures. */
const recent = new Map<string, { secret: Buffer; traits: Traits }>();

function computeTraits(secret: Buffer, ip: string): Traits {
  const address = ip.startsWith("::ffff:") && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (isIPv4(address)) {
    const parts = address.split(".");
    return { addressHash: hash(secret, address), subnet: `${parts.slice(0, 3).join(".")}.0/24` };
  }
  if (isIPv6(address)) {
    return { addressHash: hash(secret, address.toLowerCase()), subnet: ipv6Network(address) };
  }
  return { addressHash: null, subnet: null };
}

function hash(secret: Buffer, address: string): string {
  return createHmac("sha256", secret)
    .update(`petition-signer|${address}`)
    .digest("hex")
    .slice(0, 20);
}

function ipv6Network(address: string): string {
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [
    ...left,
    ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"),
    ...right,
  ];
  return `${groups
    .slice(0, 3)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/48`;
}

/** The domain of an e-mail address, lower case; null when there is none. */
export function emailDomain(email: string | null): string | null {
  const at = email?.lastIndexOf("@") ?? -1;
  return email && at > 0 ? email.slice(at + 1).toLowerCase() : null;
}
