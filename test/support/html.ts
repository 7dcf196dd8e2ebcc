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

/** Every problem in a page, as "rule: message" lines (empty when the page is valid). */
export async function htmlProblems(html: string): Promise<string[]> {
  const report = await htmlValidator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));
}
