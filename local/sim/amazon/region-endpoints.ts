/**
 * One simulator stands in for the three regional SP-API hosts (North America, Europe, Far East): a client may put the
 * region first in the path (`/na/orders/...`, `/eu/...`, `/fe/...`). As on Amazon, a region's endpoint only knows the
 * orders of its own marketplaces: an order asked for at another region's endpoint is not found. The simulator keeps its
 * own copy of Amazon's published marketplace list (https://developer-docs.amazon.com/sp-api/docs/marketplace-ids), so it
 * stays an independent witness of the app's table.
 */
import type { SimContext } from './sim-context';
import type { SimRequest, SimResponse } from './sim-http';
import { spError } from './sim-http';

export type SimRegion = 'na' | 'eu' | 'fe';

const REGION_OF: Record<string, SimRegion> = {
  ATVPDKIKX0DER: 'na', A2EUQ1WTGCTBG2: 'na', A1AM78C64UM0Y8: 'na', A2Q3Y263D00KWC: 'na',
  A1F83G8C2ARO7P: 'eu', A1PA6795UKMFR9: 'eu', A13V1IB3VIYZZH: 'eu', APJ6JRA9NG5V4: 'eu', A1RKKUPIHCS9HS: 'eu', A1805IZSGTT6HS: 'eu',
  A2NODRKZP88ZB9: 'eu', A1C3SOZRARQ6R3: 'eu', AMEN7PMS3EDWL: 'eu', A28R8C7NBKEWEA: 'eu', A33AVAJ2PDY3EV: 'eu', A2VIGQ35RCS4UG: 'eu',
  A17E79C6D8DWNP: 'eu', ARBP9OOSHTCHU: 'eu', A21TJRUUN4KGV: 'eu', AE08WJ6YKNBMC: 'eu',
  A1VC38T7YXB528: 'fe', A39IBJ37TRP1C6: 'fe', A19VAU5U5O7RUS: 'fe',
};

export function simRegionOfMarketplace(marketplaceId: string | undefined): SimRegion | undefined {
  return marketplaceId === undefined ? undefined : REGION_OF[marketplaceId];
}

/** `/eu/orders/...` → region `eu`, path `/orders/...`; other paths are returned unchanged. */
export function splitRegion(path: string): { region?: SimRegion; path: string } {
  const match = /^\/(na|eu|fe)(\/.*)$/.exec(path);
  return match ? { region: match[1] as SimRegion, path: match[2]! } : { path };
}

/**
 * For an SP-API call naming an order (`{orderId}` in its path) through a regional prefix: 404 when the order belongs to
 * another region, else undefined; the call is recorded on the order so tests can see which endpoint served it.
 */
export function checkOrderRegion(ctx: SimContext, req: SimRequest & { region?: SimRegion }, operation: string): SimResponse | undefined {
  const orderId = req.params.orderId;
  if (!req.region || !orderId) return undefined;
  const order = ctx.state.orders[orderId] as { salesChannel?: { marketplaceId?: string } } | undefined;
  if (!order) return undefined;
  const home = simRegionOfMarketplace(order.salesChannel?.marketplaceId);
  if (home !== undefined && home !== req.region) return spError(404, 'NotFound', `Order ${orderId} was not found.`);
  const calls = (ctx.state.regionCalls[orderId] ??= []);
  calls.push({ operation, region: req.region });
  return undefined;
}
