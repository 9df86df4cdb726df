/** Which SKUs of an order the activity must resolve in M3 (MMS025MI alias) before `planOrder`. */
import type { CanonicalOrder } from './canonical-order';
import type { Mappings } from '../mapping/mappings-schema';
import { resolveItemStatically, type ItemResolution } from '../mapping/resolve-item';

/** SKUs without a mapping-table entry, with the MMS025MI.GetItem parameters to try (alias lookup enabled). */
export function skusToLookUp(order: CanonicalOrder, mappings: Mappings): { sku: string; lookup: Extract<ItemResolution, { kind: 'needs-alias-lookup' }> }[] {
  const seen = new Set<string>();
  const out: { sku: string; lookup: Extract<ItemResolution, { kind: 'needs-alias-lookup' }> }[] = [];
  for (const line of order.lines) {
    const sku = line.sku;
    if (sku === undefined || seen.has(sku)) continue;
    seen.add(sku);
    const resolution = resolveItemStatically(mappings, sku);
    if (resolution.kind === 'needs-alias-lookup') out.push({ sku, lookup: resolution });
  }
  return out;
}
