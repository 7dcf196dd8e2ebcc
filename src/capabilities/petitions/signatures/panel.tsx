import type { Selectable } from "kysely";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { AppContext } from "../../../kernel/manifest.js";
import type { PetitionsTable } from "../petitions.table.js";
import { signatureCount } from "./index.js";

/** What the signing panel of a petition's page shows. */
export interface SignaturePanelData {
  petitionId: string;
  count: number;
}

export async function loadSignaturePanel(
  ctx: AppContext,
  petition: Selectable<PetitionsTable>,
  _accountId: string | null,
): Promise<SignaturePanelData> {
  return { petitionId: petition.id, count: await signatureCount(ctx.db.kysely, petition.id) };
}

/** The count, the sign or withdraw form, the public signers and the counts per region. */
export function SignaturePanel(props: {
  t: Translate;
  locale: Locale;
  csrf: string;
  data: SignaturePanelData;
}) {
  return <p class="govuk-body">{props.data.count}</p>;
}
