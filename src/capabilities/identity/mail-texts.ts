import type { Catalogues, Locale } from "../../kernel/i18n.js";
import { translator } from "../../kernel/i18n.js";
import type { OutgoingMail } from "../../platform/delivery/mail/mailer.js";

/** A mail in the recipient's language, from `identity.mail.<name>.subject|body` messages. */
export function identityMail(
  catalogues: Catalogues,
  locale: Locale,
  to: string,
  name: string,
  params: Record<string, string | number>,
): OutgoingMail {
  const t = translator(catalogues, locale);
  return {
    to,
    subject: t(`identity.mail.${name}.subject`, params),
    text: t(`identity.mail.${name}.body`, params),
  };
}
