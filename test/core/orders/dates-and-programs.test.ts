import { readFileSync } from 'node:fs';
import path from 'node:path';
import { planOrder, toCanonicalOrder } from '../../../core/orders';
import { loadMappingsText, type Mappings } from '../../../core/mapping';
import { renderOrderPlan } from '../../../core/orders/structured-order-plan';
import type { OrderPlan as OrderPlanJson } from '../../../core/orders/order-plan';

/** The plan as `m3sync plan-order` prints it (docs/contracts.md, Order plan JSON). */
const planJson = (...args: Parameters<typeof planOrder>): OrderPlanJson => renderOrderPlan(planOrder(...args));

const repo = path.resolve(__dirname, '../../..');
const fixture = (name: string): any => JSON.parse(readFileSync(path.join(repo, 'test/fixtures/orders', name), 'utf8'));
const defaults = (): Mappings => loadMappingsText(readFileSync(path.join(repo, 'mappings/default.json'), 'utf8'), 'default.json');

describe('dates mean what they say', () => {
  it('sends Amazon\'s latest delivery date as the requested delivery date (RLDT) and keeps the ship-by date in a custom field', () => {
    const body = fixture('v2026-single-line.json');
    body.order.fulfillment.shipByWindow = { earliestDateTime: '2026-03-02T00:00:00Z', latestDateTime: '2026-03-04T23:59:59Z' };
    body.order.fulfillment.deliverByWindow = { earliestDateTime: '2026-03-06T00:00:00Z', latestDateTime: '2026-03-10T23:59:59Z' };
    const plan = planJson(toCanonicalOrder(body), defaults());
    const head = plan.calls.find((c) => c.transaction === 'AddBatchHead')!;
    expect(head.params.RLDT).toBe('20260310');
    expect(JSON.stringify(plan.calls.filter((c) => c.program === 'CUSEXTMI'))).toContain('2026-03-04');
  });

  it('sends no RLDT when Amazon names no delivery date (the ship-by date is not a delivery date)', () => {
    const plan = planJson(toCanonicalOrder(fixture('v2026-single-line.json')), defaults());
    expect(plan.calls.find((c) => c.transaction === 'AddBatchHead')!.params.RLDT).toBeUndefined();
  });
});

describe('create-as-fulfilled follows statusActions', () => {
  const fba = (status: string) => {
    const body = fixture('v2026-fba.json');
    body.order.fulfillment.fulfillmentStatus = status;
    return toCanonicalOrder(body);
  };
  const booking = (): Mappings => {
    const m = defaults();
    m.fulfillment.amazon = 'create-as-fulfilled';
    return m;
  };

  it('books a shipped Amazon-fulfilled order, never an unfulfillable one (statusActions.unfulfillable = ignore)', () => {
    expect(planJson(fba('SHIPPED'), booking()).action).toBe('create');
    expect(planJson(fba('UNFULFILLABLE'), booking()).action).toBe('ignore');
  });

  it('does what statusActions says for the other statuses', () => {
    const m = booking();
    m.statusActions.unshipped = 'wait';
    expect(planJson(fba('UNSHIPPED'), m).action).toBe('wait');
  });
});
