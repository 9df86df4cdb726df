import { AuthError, PermanentError, TransientError } from '../../../core/errors';
import { planShipment } from '../../../functions/shipment-confirmation/plan-shipment';
import { sendPackage } from '../../../functions/shipment-confirmation/send-package';
import type { PackageConfirmation } from '../../../functions/shipment-confirmation/shipment-model';
import { fakeWorld, line, link, log, shipment, type FakeWorld } from './fake-shipment-ports';

const ORDER = '171-1234567-7654321';
const orderLink = link(ORDER, '1000001234', [{ orderItemId: '11111111111111', sku: 'SKU-A', itemNumber: 'ITEM-A', lineNumber: 1, quantity: 2 }]);

async function planned(world: FakeWorld): Promise<PackageConfirmation> {
  const plan = await planShipment(shipment({ packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 2, { customerOrderRef: ORDER, orderLine: '1' })] }] }), world.ports, log);
  return plan.confirmations[0]!;
}

describe('sending one package confirmation', () => {
  it('calls confirmShipment once and records the package reference, so the same variation is never sent again', async () => {
    const world = fakeWorld([orderLink]);
    const c = await planned(world);
    expect((await sendPackage(c, world.ports, log)).outcome).toBe('confirmed');
    expect((await sendPackage(c, world.ports, log)).outcome).toBe('duplicate');
    expect(world.sent).toHaveLength(1);
    expect(world.sent[0]).toEqual({ sellerId: c.sellerId, amazonOrderId: ORDER, body: c.body });
    expect(world.counters.get('shipment-confirmation/confirmed')).toBe(1);
  });

  it("parks Amazon's refusal (order canceled) with Amazon's message and counts it", async () => {
    const world = fakeWorld([orderLink]);
    const c = await planned(world);
    world.failFor.set(ORDER, new PermanentError('The order has been canceled.', { code: 'InvalidInput', system: 'amazon' }));
    const outcome = await sendPackage(c, world.ports, log, 'ship:SHIP-1');
    expect(outcome).toMatchObject({ outcome: 'rejected', message: 'The order has been canceled.' });
    expect(world.parked).toEqual([expect.objectContaining({ reason: 'AMAZON_REJECTED', id: `SHIP-1:PK1:${ORDER}`, instanceId: 'ship:SHIP-1' })]);
    expect(world.parked[0]!.message).toContain('The order has been canceled.');
    expect(world.counters.get('shipment-confirmation/rejected')).toBe(1);
    expect(world.keys.size).toBe(0);
  });

  it('resolves the parked rejection once a later attempt is accepted', async () => {
    const world = fakeWorld([orderLink]);
    const c = await planned(world);
    world.failFor.set(ORDER, new PermanentError('Quantity for orderItemId 11111111111111 (3) exceeds the ordered quantity 2.', { code: 'InvalidInput', system: 'amazon' }));
    await sendPackage(c, world.ports, log);
    world.failFor.clear();
    await sendPackage(c, world.ports, log);
    expect(world.parked[0]!.status).toBe('resolved');
  });

  it('pauses with an alert on an auth failure instead of retrying', async () => {
    const world = fakeWorld([orderLink]);
    const c = await planned(world);
    world.failFor.set(ORDER, new AuthError('invalid_grant', { code: 'invalid_grant', system: 'amazon' }));
    expect((await sendPackage(c, world.ports, log)).outcome).toBe('paused');
    expect(world.parked).toEqual([expect.objectContaining({ reason: 'AUTH_FAILED', id: 'SHIP-1' })]);
    expect(world.counters.get('shipment-confirmation/auth-failed')).toBe(1);
  });

  it('lets a transient failure propagate (the orchestrator retries) without recording anything', async () => {
    const world = fakeWorld([orderLink]);
    const c = await planned(world);
    world.failFor.set(ORDER, new TransientError('QuotaExceeded', { code: 'QuotaExceeded', system: 'amazon' }));
    await expect(sendPackage(c, world.ports, log)).rejects.toBeInstanceOf(TransientError);
    expect(world.keys.size).toBe(0);
    expect(world.parked).toEqual([]);
  });
});
