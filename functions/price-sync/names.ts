/** Names of the price flow: the `price-sweep` timer and the flow name its parked items and counters carry. */
export const PRICE_FLOW = 'price-sync';
export const PRICE_SWEEP_TIMER = 'price-sweep';

export function parkedPriceId(sellerId: string, marketplaceId: string, sku: string): string {
  return `${sellerId}:${marketplaceId}:${sku}`;
}
