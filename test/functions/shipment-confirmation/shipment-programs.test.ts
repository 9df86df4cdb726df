import { planShipment, REPORTED_BY_AMAZON } from '../../../functions/shipment-confirmation/plan-shipment';
import { shipmentReporting } from '../../../core/orders/shipment-reporting';
import { fakeWorld, line, link, log, shipment } from './fake-shipment-ports';

const items = [{ orderItemId: '11111111111111', sku: 'SKU-A', itemNumber: 'ITEM-A', lineNumber: 1, quantity: 1 }];
const shipPlus = { ...link('171-0000000-0000010', '1000000010', items), programs: ['FBM_SHIP_PLUS'] };
const easyShip = { ...link('171-0000000-0000011', '1000000011', items), programs: ['AMAZON_EASY_SHIP', 'PRIME'] };
const merchant = { ...link('171-0000000-0000012', '1000000012', items), programs: ['PRIME'] };
const replacement = { ...link('171-0000000-0000013', '1000000013', items), programs: [] };

const shipped = (...orders: string[]) => shipment({ packages: orders.map((o, i) => ({ id: `PK${i}`, trackingNumber: `T${i}`, lines: [line('ITEM-A', 1, { customerOrderRef: o, orderLine: '1' })] })) });

describe('programs decide how a shipment is reported', () => {
  it('confirms merchant-fulfilled orders (replacements too) and leaves Ship+, Easy Ship, in-store pickup and Amazon-fulfilled ones to Amazon', () => {
    expect(shipmentReporting('MERCHANT', ['PRIME'])).toEqual({ by: 'seller' });
    expect(shipmentReporting('MERCHANT', [])).toEqual({ by: 'seller' });
    expect(shipmentReporting('MERCHANT', ['FBM_SHIP_PLUS'])).toEqual({ by: 'amazon', reason: 'FBM_SHIP_PLUS' });
    expect(shipmentReporting('MERCHANT', ['AMAZON_EASY_SHIP'])).toEqual({ by: 'amazon', reason: 'AMAZON_EASY_SHIP' });
    expect(shipmentReporting('MERCHANT', ['IN_STORE_PICK_UP'])).toEqual({ by: 'amazon', reason: 'IN_STORE_PICK_UP' });
    expect(shipmentReporting('AMAZON', [])).toEqual({ by: 'amazon', reason: 'AMAZON_FULFILLED' });
  });

  it('sends nothing for a Ship+ or an Easy Ship order, parks nothing, and counts each once as reported by Amazon', async () => {
    const world = fakeWorld([shipPlus, easyShip, merchant, replacement]);
    const input = shipped(shipPlus.amazonOrderId, easyShip.amazonOrderId, merchant.amazonOrderId, replacement.amazonOrderId);
    const plan = await planShipment(input, world.ports, log);
    expect(plan.outcome).toBe('planned');
    expect(plan.confirmations.map((c) => c.amazonOrderId).sort()).toEqual([merchant.amazonOrderId, replacement.amazonOrderId].sort());
    expect(plan.reportedByAmazon).toEqual([
      { amazonOrderId: shipPlus.amazonOrderId, reason: 'FBM_SHIP_PLUS' },
      { amazonOrderId: easyShip.amazonOrderId, reason: 'AMAZON_EASY_SHIP' },
    ]);
    expect(world.parked).toEqual([]);
    expect(world.counters.get(`shipment-confirmation/${REPORTED_BY_AMAZON}`)).toBe(2);
    await planShipment(input, world.ports, log);
    expect(world.counters.get(`shipment-confirmation/${REPORTED_BY_AMAZON}`)).toBe(2);
  });

  it('treats a link written before programs were recorded as merchant-fulfilled (as before)', async () => {
    const old = link('171-0000000-0000014', '1000000014', items);
    const world = fakeWorld([old]);
    const plan = await planShipment(shipped(old.amazonOrderId), world.ports, log);
    expect(plan.confirmations).toHaveLength(1);
  });
});
