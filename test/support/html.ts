import { createHash } from "node:crypto";
import { HtmlValidate } from "html-validate";

/** HTML validation as every page must pass it, the few rules that do not fit GOV.UK markup aside. */
export const htmlValidator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    "no-inline-style": "error",
    // Preact writes void elements as <meta /> and GOV.UK markup uses them: both are valid HTML.
    "void-style": "off",
    // GOV.UK's classes (govuk-!-margin-…) do not follow html-validate's naming pattern.
    "class-pattern": "off",
    "no-redundant-role": "off",
    "prefer-native-element": "off",
    // Long agency names legitimately repeat words; not an HTML validity concern.
    "long-title": "off",
  },
});

/**
 * Pages this worker has found valid, by their markup with the values that change on every
 * request or database set aside (UUIDs, CSRF tokens, CSP nonces): the same page rendered again
 * (on the other database, for another signer) is valid for the same reasons, and validation
 * costs several times what rendering does. A page with problems is never remembered.
 */
const valid = new Set<string>();
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const TOKEN = /\b(nonce|value|content)="[A-Za-z0-9_\-+/=]{20,}"/g;

/** Every problem in a page, as "rule: message" lines (empty when the page is valid). */
export async function htmlProblems(html: string): Promise<string[]> {
  const key = createHash("sha256")
    .update(html.replace(UUID, "U").replace(TOKEN, '$1="T"'))
    .digest("hex");
  if (valid.has(key)) return [];
  const report = await htmlValidator.validateString(html);
  const problems = report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message}`),
  );
  if (problems.length === 0) valid.add(key);
  return problems;
}
