/** SKU → M3 item number by mapping table and identity, and the MMS025MI alias lookup the activity should try. */
import type { Mappings } from './mappings-schema';

/** M3 item numbers (ITNO) are 15 characters (docs/m3-facts.md, Field lengths and formats). */
export const ITNO_LENGTH = 15;

export type ItemResolution =
  | { kind: 'table'; itemNumber: string }
  | { kind: 'needs-alias-lookup'; program: 'MMS025MI'; transaction: 'GetItem'; params: Record<string, string>; identityFallback?: string }
  | { kind: 'identity'; itemNumber: string }
  | { kind: 'not-found'; reason: string };

/**
 * What is known about a SKU without calling M3. Order: mapping table, then the alias (if enabled; the
 * caller runs MMS025MI.GetItem and falls back to `identityFallback`), then identity for SKUs that fit ITNO.
 */
export function resolveItemStatically(mappings: Mappings, sku: string): ItemResolution {
  const fromTable = mappings.items.table[sku];
  if (fromTable !== undefined) return { kind: 'table', itemNumber: fromTable };
  const identity = mappings.items.strategy === 'identity' && fitsItemNumber(sku) ? sku : undefined;
  const alias = mappings.items.alias;
  if (alias.enabled && [...sku].length <= 30) {
    const params: Record<string, string> = { ALWT: String(alias.category), POPN: sku };
    if (alias.qualifier !== undefined) params.ALWQ = alias.qualifier;
    if (alias.partner !== undefined) params.E0PA = alias.partner;
    if (mappings.company !== undefined) params.CONO = mappings.company;
    return { kind: 'needs-alias-lookup', program: 'MMS025MI', transaction: 'GetItem', params, identityFallback: identity };
  }
  if (identity !== undefined) return { kind: 'identity', itemNumber: identity };
  return { kind: 'not-found', reason: fitsItemNumber(sku) ? 'no table entry (strategy table-only)' : `longer than ${ITNO_LENGTH} characters and not in the mapping table` };
}

export function fitsItemNumber(sku: string): boolean {
  return sku.trim().length > 0 && [...sku].length <= ITNO_LENGTH;
}
