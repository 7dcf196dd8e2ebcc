import type { Selectable } from "kysely";
import type { Locale } from "../../../kernel/i18n.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { AppContext } from "../../../platform/manifest.js";
import { agenciesOfTerritories } from "../../agencies/index.js";
import { residenceOf } from "../../identity/index.js";
import type { PetitionsTable } from "../index.js";
import { signingOpen } from "./batcher.js";
import type { PanelState } from "./outcomes.js";
import { districtTallies, signatureOf, signersPage } from "./repository.js";
import { regionOf, withinTerritory } from "./territory.js";

export const PANEL_SIGNERS = 10;

export interface TerritoryCount {
  code: string;
  /** Names of the body serving the territory, when Halyq knows one; null otherwise. */
  names: Record<Locale, string> | null;
  signatures: number;
}

/** What the signing panel of a petition's page shows. */
export interface SignaturePanelData {
  petitionId: string;
  number: string;
  count: number;
  threshold: number | null;
  open: boolean;
  closesAt: string | null;
  territoryCode: string | null;
  territoryNames: Record<Locale, string> | null;
  viewer: null | {
    kind: "citizen" | "staff";
    /** Whether the policy accepts this person's identity for signing (verified, not declared). */
    identityVerified: boolean;
    eligible: boolean;
    signature: null | { signedAt: string; notify: boolean; invalidated: boolean };
  };
  signers: { name: string; signedAt: string }[];
  moreSigners: boolean;
  regions: (TerritoryCount & { districts: TerritoryCount[] })[];
  /** What was just done (from the `signature` query parameter after a form). */
  state?: PanelState | undefined;
}

/** Names of bodies serving these territory codes (a district's akimat, a city's akimat). */
async function territoryNames(ctx: AppContext, codes: string[]) {
  const out = new Map<string, Record<Locale, string>>();
  for (const a of await agenciesOfTerritories(ctx.db.kysely, codes))
    if (a.territoryCode && !out.has(a.territoryCode)) out.set(a.territoryCode, a.names);
  return out;
}

/**
 * Everything the panel needs, from the tallies (a few rows per petition), the newest signers
 * (an index range) and the viewer's own signature (the unique index): no scan of signatures.
 */
export async function loadSignaturePanel(
  ctx: AppContext,
  petition: Selectable<PetitionsTable>,
  principal: Principal | null,
  state?: PanelState,
): Promise<SignaturePanelData> {
  const accountId = principal?.accountId ?? null;
  const db = ctx.db.kysely;
  const [tallies, signers, account] = await Promise.all([
    districtTallies(db, petition.id),
    signersPage(db, petition.id, PANEL_SIGNERS + 1),
    accountId ? residenceOf(db, accountId) : undefined,
  ]);
  const mine =
    account?.iin && account.identityVerified
      ? await signatureOf(db, petition.id, account.iin)
      : undefined;
  const regions = new Map<string, TerritoryCount & { districts: TerritoryCount[] }>();
  for (const t of tallies) {
    const region = regionOf(t.district) ?? "";
    let r = regions.get(region);
    if (!r) {
      r = { code: region, names: null, signatures: 0, districts: [] };
      regions.set(region, r);
    }
    r.signatures += t.signatures;
    if (t.district !== region)
      r.districts.push({ code: t.district, names: null, signatures: t.signatures });
  }
  const codes = [
    ...new Set(
      [...tallies.map((t) => t.district), ...regions.keys(), petition.territory_code ?? ""].filter(
        Boolean,
      ),
    ),
  ];
  const names = await territoryNames(ctx, codes);
  for (const r of regions.values()) {
    r.names = names.get(r.code) ?? null;
    for (const d of r.districts) d.names = names.get(d.code) ?? null;
  }
  return {
    petitionId: petition.id,
    number: petition.number,
    count: tallies.reduce((n, t) => n + t.signatures, 0),
    threshold: petition.threshold === null ? null : Number(petition.threshold),
    open: signingOpen(petition, ctx.clock.now()),
    closesAt: petition.signing_closes_at,
    territoryCode: petition.territory_code,
    territoryNames: petition.territory_code ? (names.get(petition.territory_code) ?? null) : null,
    viewer: account
      ? {
          kind: account.kind === "staff" ? "staff" : "citizen",
          identityVerified:
            principal !== null &&
            ctx.policy.refusal(principal, "petition_signatures.sign") !== "identity_not_verified",
          eligible: withinTerritory(account.residenceCode, petition.territory_code),
          signature: mine
            ? {
                signedAt: mine.signed_at,
                notify: Number(mine.notify) === 1,
                invalidated: mine.invalidated_at !== null,
              }
            : null,
        }
      : null,
    signers: signers
      .slice(0, PANEL_SIGNERS)
      .map((s) => ({ name: `${s.given_name} ${s.surname_initial}.`, signedAt: s.signed_at })),
    moreSigners: signers.length > PANEL_SIGNERS,
    regions: [...regions.values()].sort((a, b) => b.signatures - a.signatures),
    state,
  };
}
