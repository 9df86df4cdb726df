/** Names of the price flow: the `price-sweep` timer and the flow name its parked items and counters carry. */
export const PRICE_FLOW = 'price-sync';
export const PRICE_SWEEP_TIMER = 'price-sweep';

/** The business (B2B) offer's parked item carries a `:B2B` suffix beside the consumer price's. */
export function parkedPriceId(sellerId: string, marketplaceId: string, sku: string, audience?: 'B2B'): string {
  return audience === 'B2B' ? `${sellerId}:${marketplaceId}:${sku}:B2B` : `${sellerId}:${marketplaceId}:${sku}`;
}
