/**
 * Password hashing and the password rules (NIST SP 800-63B: a length floor, no composition
 * rules, refuse the commonest passwords and those built from the person's own data).
 */
import { type Algorithm, hash, parseOptions, verify } from "@node-rs/argon2";

/** argon2id; @node-rs/argon2 declares `Algorithm` as an ambient const enum, which isolatedModules cannot read. */
const ARGON2ID = 2 as Algorithm;

/** OWASP's argon2id baseline: 19 MiB, two passes, one lane. Stored in every hash (PHC string). */
export const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Passwords are compared after NFKC normalisation, so the same password typed on two keyboards
 * (composed or decomposed letters, full-width digits) hashes the same.
 */
function normalise(pw: string): string {
  return pw.normalize("NFKC");
}

/** The PHC string to store for a new or changed password (salted, parameters included). */
export function hashPassword(pw: string): Promise<string> {
  return hash(normalise(pw), ARGON2_OPTIONS);
}

/** Checks a password against its stored hash; a malformed hash throws rather than hiding a bug. */
export function verifyPassword(stored: string, pw: string): Promise<boolean> {
  return verify(stored, normalise(pw));
}

/** True when a stored hash was made with weaker or different parameters: rehash after sign-in. */
export function needsRehash(stored: string): boolean {
  const o = parseOptions(stored);
  return (
    o.algorithm !== ARGON2_OPTIONS.algorithm ||
    o.memoryCost !== ARGON2_OPTIONS.memoryCost ||
    o.timeCost !== ARGON2_OPTIONS.timeCost ||
    o.parallelism !== ARGON2_OPTIONS.parallelism
  );
}

/**
 * A hash of a random, forgotten password made with ARGON2_OPTIONS. Verifying against it costs
 * what a real check costs, so a sign-in for an unknown e-mail answers no faster than one for a
 * known e-mail with a wrong password.
 */
export const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$cM6X6ldsiYD/+EiE4cmU2Q$WSTwF9nvJYrdb6tw6OefpCrEK3/6HIjjSe7gJMciGKQ";

/** Spends the time of a real password check and always fails (no account enumeration by timing). */
export async function verifyAgainstDummy(pw: string): Promise<false> {
  await verify(DUMMY_HASH, normalise(pw));
  return false;
}

/**
 * Some of the commonest passwords in breach corpora (NCSC/SecLists top lists, plus regional
 * keyboard walks and place names), lower-case. Short ones are also caught by the length rule;
 * they stay so the list documents itself.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
123456 password 123456789 12345678 12345 qwerty 1234567 111111 1234567890 123123 abc123 1234
password1 iloveyou 1q2w3e4r 000000 qwerty123 zaq12wsx dragon sunshine princess letmein 654321
monkey 1qaz2wsx 123321 qwertyuiop superman asdfghjkl 666666 121212 7777777 123qwe 1q2w3e4r5t
football baseball welcome admin master shadow michael login passw0rd starwars 888888 hello
freedom whatever qazwsx trustno1 987654321 0987654321 1111111111 123456a 123456789a a123456
qwe123 1q2w3e aa123456 password123 password1234 qwerty1234 qwerty12345 1234qwer q1w2e3r4
q1w2e3r4t5 1q2w3e4r5t6y 1qaz2wsx3edc zxcvbnm zxcvbnm123 asdf1234 11111111 12341234 112233 123654
159753 147258369 123123123 11223344 1234512345 12345678910 1234567891 0000000000 5555555555
9876543210 iloveyou1 computer internet samsung charlie access flower mustang changeme secret
administrator default test1234 qwertyqwerty qazwsxedc qazwsxedcrfv passwordpassword welcome123
adminadmin йцукен йцукенгшщз пароль пароль123 qwerty123456 kazakhstan almaty astana nursultan
halyq halyq123
`
    .trim()
    .split(/\s+/),
);

/**
 * What is wrong with a proposed password, as message keys (empty when acceptable). `context`
 * holds what an attacker would try first: the person's e-mail (its local part is used) and IIN.
 */
export function passwordProblems(pw: string, context: string[]): string[] {
  const normal = normalise(pw);
  const length = [...normal].length;
  const problems: string[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push("identity.password_too_short");
  if (length > PASSWORD_MAX_LENGTH) problems.push("identity.password_too_long");
  const lower = normal.toLowerCase();
  const personal = context
    .map((c) => normalise(c).trim().toLowerCase())
    .map((c) => (c.includes("@") ? c.slice(0, c.lastIndexOf("@")) : c))
    // A one- or two-letter local part would forbid half the dictionary.
    .filter((c) => c.length >= 3);
  if (personal.some((c) => lower.includes(c))) {
    problems.push("identity.password_contains_personal_data");
  }
  if (COMMON_PASSWORDS.has(lower)) problems.push("identity.password_too_common");
  return problems;
}
