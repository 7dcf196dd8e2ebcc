/**
 * An address people may follow: https only, with a host and no credentials. Anything else
 * (javascript:, data:, http:) is refused, so no stored link can run script or leak.
 */
export function isSafeHttpsUrl(value: string): boolean {
  if (value.length > 2000 || /\s/.test(value)) return false;
  try {
    const u = new URL(value);
    return u.protocol === "https:" && u.hostname !== "" && !u.username && !u.password;
  } catch {
    return false;
  }
}
