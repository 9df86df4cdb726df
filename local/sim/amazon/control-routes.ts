/**
 * The simulator's own routes besides the SP-API operations: the LWA token endpoint and the `/_sim/` control surface
 * (faults, stats, violations, config, reset, health; docs/contracts.md, Sandbox control).
 */
import { FaultConfigSchema, type FaultInjector } from './faults';
import { handleTokenRequest, type LwaConfig } from './lwa-endpoint';
import type { RatePlan, SimOperation } from './rate-plans';
import type { RateEngine } from './rate-engine';
import type { SimContext } from './sim-context';
import { json, type Route, type Violation } from './sim-http';
import { emptyState } from './sim-state';

export interface ControlDeps {
  ctx: SimContext;
  lwa: LwaConfig;
  rates: RateEngine;
  faults: FaultInjector;
  violations: Violation[];
  rateLimits?: Partial<Record<SimOperation, RatePlan>>;
}

export function controlRoutes({ ctx, lwa, rates, faults, violations, rateLimits }: ControlDeps): Route[] {
  const { state, clock, notifier } = ctx;
  return [
    { method: 'POST', pattern: '/auth/o2/token', handler: (req) => { const r = handleTokenRequest(req, state, lwa, clock); ctx.persist(); return r; } },
    {
      method: 'POST', pattern: '/_sim/faults',
      handler: (req) => {
        const parsed = FaultConfigSchema.safeParse(req.body ?? {});
        if (!parsed.success) return json(400, { error: 'invalid fault configuration', reasons: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
        if (parsed.data.expireTokens) {
          for (const t of state.tokens) t.expiresAt = Math.min(t.expiresAt, clock.now());
          ctx.persist();
        }
        faults.configure({ ...parsed.data, expireTokens: undefined });
        return json(200, faults.current());
      },
    },
    { method: 'GET', pattern: '/_sim/faults', handler: () => json(200, faults.current()) },
    {
      method: 'GET', pattern: '/_sim/stats',
      handler: () => json(200, {
        operations: Object.fromEntries(rates.stats),
        faultsInjected: faults.injected,
        notifications: { sent: notifier.sent, failed: notifier.failed, redelivered: notifier.redelivered },
        violations: violations.length,
        timeScale: clock.timeScale,
      }),
    },
    { method: 'GET', pattern: '/_sim/violations', handler: () => json(200, violations) },
    { method: 'GET', pattern: '/_sim/config', handler: () => json(200, { sellerId: ctx.config.sellerId, timeScale: clock.timeScale, rateLimits: rateLimits ?? {} }) },
    {
      method: 'POST', pattern: '/_sim/reset',
      handler: () => {
        // Issued access tokens survive a reset so running clients keep working, and the id sequence goes on so no
        // report, feed, document or order id is ever handed out twice; everything else is cleared.
        const { tokens, sequence } = state;
        Object.assign(state, emptyState(), { tokens, sequence });
        rates.reset();
        faults.clear();
        violations.length = 0;
        ctx.persist();
        return json(200, { reset: true });
      },
    },
    { method: 'GET', pattern: '/_sim/health', handler: () => json(200, { ok: true }) },
  ];
}
