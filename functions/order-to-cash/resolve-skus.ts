/** SKU → M3 item (mapping table, then MMS025MI alias, then identity checked against M3), cached per process. */
import { resolveItemStatically } from '../../core/mapping/resolve-item';
import type { Mappings } from '../../core/mapping/mappings-schema';
import type { ItemLookupPort } from './order-ports';

const CACHE_MS = 10 * 60 * 1000;
const cache = new Map<string, { value: string | null; at: number }>();
/**
 * Look-ups in flight, shared: at the start of a burst many orders with the same SKUs are processed at once, and each
 * would otherwise ask M3 the same question (one round trip per SKU per order).
 */
const inFlight = new Map<string, Promise<string | null>>();

/** For tests and after an operator's mapping fix: forget what was resolved. */
export function clearSkuCache(): void {
  cache.clear();
  inFlight.clear();
}

export async function resolveSkus(skus: readonly string[], mappings: Mappings, items: ItemLookupPort, now = Date.now()): Promise<Map<string, string | null>> {
  const resolved = new Map<string, string | null>();
  await Promise.all([...new Set(skus)].map(async (sku) => {
    const cached = cache.get(sku);
    // Only hits are cached: a miss must be re-checked after an operator adds the item or alias.
    if (cached && cached.value !== null && now - cached.at < CACHE_MS) {
      resolved.set(sku, cached.value);
      return;
    }
    let pending = inFlight.get(sku);
    if (!pending) {
      pending = resolveOne(sku, mappings, items).finally(() => { inFlight.delete(sku); });
      inFlight.set(sku, pending);
    }
    const value = await pending;
    if (value !== null) cache.set(sku, { value, at: now });
    resolved.set(sku, value);
  }));
  return new Map(skus.filter((s, i) => skus.indexOf(s) === i).map((s) => [s, resolved.get(s) ?? null]));
}

async function resolveOne(sku: string, mappings: Mappings, items: ItemLookupPort): Promise<string | null> {
  const known = resolveItemStatically(mappings, sku);
  switch (known.kind) {
    case 'table':
      return known.itemNumber;
    case 'not-found':
      return null;
    case 'identity':
      return (await items.itemExists(known.itemNumber)) ? known.itemNumber : null;
    case 'needs-alias-lookup': {
      const viaAlias = await items.itemByAlias(known.params);
      if (viaAlias !== null) return viaAlias;
      if (known.identityFallback !== undefined && (await items.itemExists(known.identityFallback))) return known.identityFallback;
      return null;
    }
  }
}
