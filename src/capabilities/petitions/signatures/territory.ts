/**
 * KATO territory codes are nine digits, hierarchical by position: region (2), district (2),
 * rural district or city (2), settlement (3). A territory named at a level has zeros in every
 * place below it, so `710000000` is the city of Astana and `711410000` its Baikonur district.
 * A code lies within a territory when it starts with the territory's significant prefix.
 */
const KATO = /^\d{9}$/;
const LEVEL_ENDS = [2, 4, 6, 9] as const;

export function isKato(code: string | null | undefined): code is string {
  return typeof code === "string" && KATO.test(code);
}

/** The leading digits that name a territory: the shortest level whose remainder is all zeros. */
export function significantPrefix(territory: string): string {
  for (const end of LEVEL_ENDS) {
    if (/^0*$/.test(territory.slice(end))) return territory.slice(0, end);
  }
  return territory;
}

/** Whether a person registered in `residence` may sign a petition limited to `territory`. */
export function withinTerritory(residence: string | null, territory: string | null): boolean {
  if (territory === null || territory === "") return true;
  if (!isKato(residence) || !isKato(territory)) return false;
  return residence.startsWith(significantPrefix(territory));
}

/** The region (oblast or city of republican significance) a code lies in. */
export function regionOf(code: string | null): string | null {
  return isKato(code) ? `${code.slice(0, 2)}0000000` : null;
}
