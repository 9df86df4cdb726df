/** Placeholder routes (filled in next). */
import type { SimContext } from './sim-context';
import type { Route } from './sim-http';

export function shipmentRoutes(ctx: SimContext): Route[] {
  void ctx;
  return [];
}
