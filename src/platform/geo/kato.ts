/**
 * KATO codes are 9 digits, hierarchical by position: region (2), district (2), rural district
 * or city part (2), settlement (3). A territory code stands for everything below it: its
 * significant prefix is the code without its trailing all-zero levels, and a residence code is
 * within the territory when it starts with that prefix. `710000000` (Astana) contains
 * `711410000` (its Baikonur district); `711410000` contains itself and `711410123`, not
 * `711310000`.
 */
export function katoPrefix(code: string): string | null {
  if (!/^\d{9}$/.test(code)) return null;
  for (const cut of [2, 4, 6]) if (/^0+$/.test(code.slice(cut))) return code.slice(0, cut);
  return code;
}

export function isWithin(residence: string | null | undefined, territory: string): boolean {
  if (!residence || !/^\d{9}$/.test(residence)) return false;
  const prefix = katoPrefix(territory);
  return prefix !== null && residence.startsWith(prefix);
}
