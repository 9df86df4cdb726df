/** Placeholder routes (filled in next). */
import type { SimContext } from './sim-context';
import type { Route } from './sim-http';

export function reportsRoutes(ctx: SimContext): Route[] {
  void ctx;
  return [];
}
