// Wildcard matching of settlement mapping rules: first rule whose patterns all match wins.
import type { SettlementRule } from './settlement-mapping';

export interface SettlementCombination {
  transactionType: string;
  amountType: string;
  amountDescription: string;
  marketplace: string;
}

const compiled = new Map<string, RegExp>();

/** `*` matches any run of characters (also none); everything else literally, case-insensitive. */
export function matchesPattern(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  let re = compiled.get(pattern);
  if (re === undefined) {
    const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    re = new RegExp(`^${source}$`, 'i');
    compiled.set(pattern, re);
  }
  return re.test(value.trim());
}

/** Index of the first rule matching the combination, or -1 (→ suspense account). */
export function findSettlementRule(rules: readonly SettlementRule[], c: SettlementCombination): number {
  return rules.findIndex((r) =>
    matchesPattern(r.transactionType, c.transactionType)
    && matchesPattern(r.amountType, c.amountType)
    && matchesPattern(r.amountDescription, c.amountDescription)
    && matchesPattern(r.marketplace, c.marketplace));
}
