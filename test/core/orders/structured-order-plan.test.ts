import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadMappingsDir, type Mappings } from '../../../core/mapping';
import { OrderPlanSchema, decideOrderAction, planOrder, renderOrderPlan, toCanonicalOrder, toMiCalls, type CanonicalOrder } from '../../../core/orders';

const repo = path.resolve(__dirname, '../../..');
const order = (name: string): CanonicalOrder => toCanonicalOrder(JSON.parse(readFileSync(path.join(repo, 'test/fixtures/orders', name), 'utf8')));
const mappingsIn = (dir: string): Mappings => {
  const folder = path.join(repo, dir);
  return loadMappingsDir(readdirSync(folder).map((name) => ({ name, text: readFileSync(path.join(folder, name), 'utf8') })), dir);
};
const shipped = (): Mappings => mappingsIn('mappings');
const step = (c: { program: string; transaction: string }): string => `${c.program}.${c.transaction}`;

describe('the structured order plan', () => {
  it('keeps each line with its own charges, and the line its Amazon order item position', () => {
    const plan = planOrder(order('v0-capture.json'), shipped());
    const lines = plan.create!.lines;
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.filter((l) => l.position !== undefined)) {
      expect(line.line.params.CUPO).toBe(String(line.position));
      expect(line.charges.map(step)).toEqual(line.charges.map(() => 'OIS100MI.AddBatchLineChg'));
    }
    expect(lines.flatMap((l) => l.charges).length).toBeGreaterThan(0);
  });

  it('holds the per-buyer customer apart from a head that has no customer yet', () => {
    const plan = planOrder(order('v2026-single-line.json'), mappingsIn('test/fixtures/mappings/plan-variants-a'));
    expect(plan.create?.customer).toMatchObject({ program: 'CRS610MI', transaction: 'Add' });
    expect(plan.create?.head.params.CUNO).toBeUndefined();
    expect(planOrder(order('v2026-single-line.json'), mappingsIn('test/fixtures/mappings/plan-variants-a'), { customer: 'C42' }).create).toMatchObject({ head: { params: { CUNO: 'C42' } } });
  });

  it('marks a charge item line by its charge and keeps head charges apart, each by its kind', () => {
    const plan = planOrder(order('v2026-multi-line-promo-gift.json'), mappingsIn('test/fixtures/mappings/plan-variants-c'));
    const create = plan.create!;
    expect(create.lines.filter((l) => l.chargeKind !== undefined)).toEqual([expect.objectContaining({ chargeKind: 'giftWrap', charges: [], line: expect.objectContaining({ params: expect.objectContaining({ ITNO: 'GIFTWRAP' }) }) })]);
    expect(create.headCharges).toEqual([{ kind: 'shipping', call: expect.objectContaining({ transaction: 'AddBatchHeadChg' }) }]);
    // Rendered in charge-kind order: the shipping head charge before the gift wrap line.
    const calls = toMiCalls(plan).map(step);
    expect(calls.indexOf('OIS100MI.AddBatchHeadChg')).toBeLessThan(calls.lastIndexOf('OIS100MI.AddBatchLine'));
  });

  it('renders to the contract JSON: the same calls toMiCalls lists, schema-valid', () => {
    for (const name of ['v2026-single-line.json', 'v2026-multi-line-promo-gift.json', 'v2026-pending.json']) {
      const plan = planOrder(order(name), shipped());
      const json = renderOrderPlan(plan);
      expect(OrderPlanSchema.parse(json)).toEqual(json);
      expect(json.calls).toEqual(toMiCalls(plan));
    }
  });

  it('has no create calls when a blocking issue holds the order, and renders none', () => {
    const plan = planOrder(order('v2026-long-unicode-address.json'), shipped());
    expect(plan).toMatchObject({ action: 'create', issues: [expect.objectContaining({ code: 'ADDRESS_TOO_LONG' })] });
    expect(plan.create).toBeUndefined();
    expect(renderOrderPlan(plan).calls).toEqual([]);
  });
});

describe('decideOrderAction', () => {
  const sets = ['mappings', 'test/fixtures/mappings/override', 'test/fixtures/mappings/plan-variants-a', 'test/fixtures/mappings/plan-variants-b', 'test/fixtures/mappings/plan-variants-c'];
  const fixtures = readdirSync(path.join(repo, 'test/fixtures/orders')).filter((n) => n.endsWith('.json'));

  it('is the action and reason of the plan, for every order fixture under every mapping set', () => {
    for (const set of sets) {
      const mappings = mappingsIn(set);
      for (const name of fixtures) {
        const decision = decideOrderAction(order(name), mappings);
        const plan = planOrder(order(name), mappings);
        expect({ set, name, action: decision.action }).toEqual({ set, name, action: plan.action });
        expect(plan.reason.startsWith(decision.reason)).toBe(true);
      }
    }
  });

  it('decides create without the marketplace mapping; only the plan finds the marketplace missing', () => {
    const unmapped = { ...order('v2026-single-line.json'), marketplaceId: 'NO-SUCH-MARKETPLACE' };
    expect(decideOrderAction(unmapped, shipped()).action).toBe('create');
    expect(planOrder(unmapped, shipped()).issues.map((i) => i.code)).toContain('MARKETPLACE_NOT_MAPPED');
  });

  it('waits on an order whose status it cannot see, with a warning', () => {
    const unknown = { ...order('v2026-single-line.json'), status: 'unknown' as const, amazonStatus: '' };
    expect(decideOrderAction(unknown, shipped())).toMatchObject({ action: 'wait', issues: [{ code: 'STATUS_UNKNOWN' }] });
  });
});
