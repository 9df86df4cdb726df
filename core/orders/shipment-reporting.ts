/**
 * Who tells Amazon that an order shipped. Merchant-fulfilled orders (replacements included: Amazon treats them like any
 * other order) are confirmed by the seller. Some programs report through Amazon's own flow instead:
 * - FBM Ship+: Amazon answers confirmShipment with 400 ("Ship+ orders do not support the confirmShipment operation",
 *   https://developer-docs.amazon.com/sp-api/docs/confirm-the-shipment-status);
 * - Easy Ship: the package is scheduled with the Easy Ship API, which moves the order on
 *   (https://developer-docs.amazon.com/sp-api/docs/easy-ship-api);
 * - in-store pickup: the pickup status flow, not a carrier shipment (our reading of the Orders model; unconfirmed);
 * - Amazon-fulfilled orders (booked in M3 as fulfilled): Amazon ships them.
 */
export type ShipmentReporting =
  | { by: 'seller' }
  | { by: 'amazon'; reason: 'AMAZON_FULFILLED' | 'FBM_SHIP_PLUS' | 'AMAZON_EASY_SHIP' | 'IN_STORE_PICK_UP' };

const AMAZON_FLOW_PROGRAMS = ['FBM_SHIP_PLUS', 'AMAZON_EASY_SHIP', 'IN_STORE_PICK_UP'] as const;

export function shipmentReporting(fulfilledBy: string | undefined, programs: readonly string[] | undefined): ShipmentReporting {
  if ((fulfilledBy ?? '').toUpperCase() === 'AMAZON') return { by: 'amazon', reason: 'AMAZON_FULFILLED' };
  const upper = new Set((programs ?? []).map((p) => p.toUpperCase()));
  for (const program of AMAZON_FLOW_PROGRAMS) if (upper.has(program)) return { by: 'amazon', reason: program };
  return { by: 'seller' };
}
