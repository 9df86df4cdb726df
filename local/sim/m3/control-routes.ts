/**
 * The M3 simulator's `/_sim/` control surface (docs/contracts.md, Sandbox control; docs/m3-simulator.md): views of the
 * simulated M3 data, seeding (items, balances, aliases, customers, order status, GL templates), faults, reset, and the
 * finance, price and returns routes of their own modules. One route table (local/http-router); any other path is 404.
 */
import type http from 'node:http';
import type { z } from 'zod';
import { Router } from '../../http-router/router';
import type { SimData } from './m3-sim-state';
import type { GlTemplate } from './gl-templates';
import { FaultConfigSchema, type FaultConfig, type SimFaults } from './sim-faults';
import * as control from './sim-control';
import type { MiViolation } from './mi-violations';
import { financeControl } from './finance/finance-control';
import { priceControl } from './prices/price-control';
import { returnsControl } from './returns/returns-control';
import { parseJson, readBody, send } from './http-io';

/** The simulator state the control routes read and change (getters: reset replaces the data, stats and violations). */
export interface ControlDeps {
  data(): SimData;
  stats(): unknown;
  violations(): MiViolation[];
  faults: SimFaults;
  glTemplates: Map<string, GlTemplate>;
  ionapiFile(): unknown;
  reset(): Promise<void>;
  persist(): Promise<void>;
  configureFaults(config: FaultConfig): void;
  /** Settles batch orders whose confirmation delay has passed (before orders are shown). */
  settle(): void;
  now(): Date;
}

/** A `/_sim/` control route: `route` is the decoded path, `params` its template parameters. */
type ControlRoute = (req: http.IncomingMessage, res: http.ServerResponse, route: string, params: Record<string, string>) => Promise<void>;

const readJsonBody = async (req: http.IncomingMessage): Promise<unknown> => parseJson(await readBody(req));

export function m3ControlRoutes(deps: ControlDeps): Router<ControlRoute> {
  /** Answers with a control module's answer (finance, prices, returns), persisting when it changed the data. */
  const answer = async (res: http.ServerResponse, reply: { status: number; body: unknown; changed: boolean } | undefined, key: string): Promise<void> => {
    if (!reply) { send(res, 404, { error: `no simulator control route ${key}` }); return; }
    send(res, reply.status, reply.body);
    if (reply.changed) await deps.persist();
  };

  /** Checks the body against `schema`, applies it and answers; 400 naming the problems otherwise. True when applied. */
  const apply = <S extends z.ZodTypeAny>(res: http.ServerResponse, route: string, body: unknown, schema: S, fn: (value: z.infer<S>) => unknown): boolean => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) { send(res, 400, { error: `invalid body for ${route}`, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }); return false; }
    const result = fn(parsed.data);
    send(res, 200, result ?? { ok: true });
    return true;
  };

  /** A POST route whose body is checked against `schema`; `persistent` routes change the simulated M3 data. */
  const posted = <S extends z.ZodTypeAny>(schema: S, fn: (value: z.infer<S>) => unknown, persistent = true): ControlRoute => async (req, res, route) => {
    if (apply(res, route, await readJsonBody(req), schema, fn) && persistent) await deps.persist();
  };
  const view = (fn: () => unknown): ControlRoute => async (_req, res) => { send(res, 200, fn()); };
  const settledView = (fn: () => unknown): ControlRoute => async (_req, res) => { deps.settle(); send(res, 200, fn()); };
  const finance: ControlRoute = (req, res, route) => answer(res, financeControl(deps.data(), req.method ?? 'GET', route, deps.now()), `${req.method} ${route}`);
  const prices: ControlRoute = async (req, res, route) => answer(res, priceControl(deps.data(), req.method ?? 'GET', route, await readJsonBody(req)), `${req.method} ${route}`);
  const returns: ControlRoute = async (req, res, route) => answer(res, returnsControl(deps.data(), req.method ?? 'GET', route, await readJsonBody(req)), `${req.method} ${route}`);

  return new Router<ControlRoute>()
    .on('GET', '/_sim/violations', view(deps.violations))
    .on('GET', '/_sim/orders', settledView(() => Object.values(deps.data().orders).sort((a, b) => a.ORNO.localeCompare(b.ORNO)).map((o) => control.orderView(deps.data(), o))))
    .on('GET', '/_sim/batch-orders', settledView(() => Object.values(deps.data().batchOrders)))
    .on('GET', '/_sim/journals', view(() => control.journalsView(deps.data())))
    .on('GET', '/_sim/stats', view(deps.stats))
    .on('GET', '/_sim/faults', view(() => deps.faults.current()))
    .on('GET', '/_sim/ionapi', view(deps.ionapiFile))
    .on('GET', '/_sim/items', view(() => Object.values(deps.data().items)))
    .on('GET', '/_sim/balances', view(() => Object.values(deps.data().balances).flat()))
    .on('GET', '/_sim/customers', view(() => Object.values(deps.data().customers)))
    .on('POST', '/_sim/reset', async (_req, res) => { await deps.reset(); send(res, 200, { reset: true }); })
    .on('POST', '/_sim/orders/{orno}/invoice', finance)
    .on('GET', '/_sim/invoices', finance)
    .on('GET', '/_sim/payments', finance)
    .on(['GET', 'POST', 'DELETE'], '/_sim/prices', prices)
    .on('GET', '/_sim/returns', returns)
    .on('POST', '/_sim/order-types', returns)
    .on('POST', '/_sim/orders/{orno}/status', async (req, res, route, { orno }) => {
      const body = await readJsonBody(req);
      const data = deps.data();
      if (!data.orders[orno]) { send(res, 404, { error: `no order ${orno}` }); return; }
      const changed = apply(res, route, body, control.OrderStatusChangeSchema, (v) => (control.applyOrderStatus(data, { ORNO: orno, ORST: v.STAT, PONR: v.PONR }) ? control.orderView(data, data.orders[orno]!) : { ok: false, error: 'no such line' }));
      if (changed) await deps.persist();
    })
    .on('POST', '/_sim/items', posted(control.ItemsBodySchema, (v) => { control.applyItems(deps.data(), v); return { count: v.length }; }))
    .on('POST', '/_sim/balances', posted(control.BalancesBodySchema, (v) => { control.applyBalances(deps.data(), v); return { count: v.length }; }))
    .on('POST', '/_sim/aliases', posted(control.AliasesBodySchema, (v) => { control.applyAliases(deps.data(), v); return { count: v.length }; }))
    .on('POST', '/_sim/customers', posted(control.CustomersBodySchema, (v) => { control.applyCustomers(deps.data(), v); return { count: v.length }; }))
    .on('POST', '/_sim/order-status', posted(control.OrderStatusBodySchema, (v) => (control.applyOrderStatus(deps.data(), v) ? { ok: true } : { ok: false, error: 'no such order or line' })))
    .on('POST', '/_sim/gl-templates', posted(control.GlTemplatesBodySchema, (v) => { control.applyGlTemplates(deps.glTemplates, v); return { count: v.length }; }, false))
    .on('POST', '/_sim/faults', posted(FaultConfigSchema, (v) => { deps.configureFaults(v); return deps.faults.current(); }, false));
}

/** Answers a `/_sim/` request from `routes`. */
export async function handleControl(routes: Router<ControlRoute>, req: http.IncomingMessage, res: http.ServerResponse, route: string): Promise<void> {
  const found = routes.lookup(req.method ?? 'GET', route);
  if (found.kind !== 'found') { send(res, 404, { error: `no simulator control route ${req.method} ${route}` }); return; }
  await found.handler(req, res, route, found.params);
}
