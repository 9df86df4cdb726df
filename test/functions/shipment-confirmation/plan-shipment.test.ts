import { planShipment } from '../../../functions/shipment-confirmation/plan-shipment';
import { packageReferenceId } from '../../../core/shipments';
import { ConfirmShipmentRequestSchema } from '../../../connectors/amazon/confirm-shipment-schema';
import { MARKETPLACE, SELLER, fakeWorld, line, link, log, shipment } from './fake-shipment-ports';

const ORDER = '171-1234567-7654321';
const orderLink = link(ORDER, '1000001234', [
  { orderItemId: '11111111111111', sku: 'SKU-A', itemNumber: 'ITEM-A', lineNumber: 1, quantity: 2 },
  { orderItemId: '22222222222222', sku: 'SKU-B', itemNumber: 'ITEM-B', lineNumber: 2, quantity: 1 },
]);

describe('planning a shipment confirmation', () => {
  it('finds the Amazon order by the customer order reference and the order items by M3 line number', async () => {
    const world = fakeWorld([orderLink]);
    const plan = await planShipment(shipment({ packages: [{ id: 'PK1', trackingNumber: '1Z999', lines: [line('ITEM-A', 2, { customerOrderRef: ORDER, orderLine: '1' }), line('ITEM-B', 1, { customerOrderRef: ORDER, orderLine: '2' })] }] }), world.ports, log);
    expect(plan.outcome).toBe('planned');
    expect(plan.confirmations).toHaveLength(1);
    const [c] = plan.confirmations;
    expect(c!.amazonOrderId).toBe(ORDER);
    expect(c!.sellerId).toBe(SELLER);
    expect(c!.body.marketplaceId).toBe(MARKETPLACE);
    expect(c!.body.packageDetail.orderItems).toEqual([{ orderItemId: '11111111111111', quantity: 2 }, { orderItemId: '22222222222222', quantity: 1 }]);
    expect(c!.body.packageDetail.trackingNumber).toBe('1Z999');
    expect(c!.body.packageDetail.shipDate).toBe('2026-03-02T10:00:00.000Z');
    expect(ConfirmShipmentRequestSchema.safeParse(c!.body).success).toBe(true);
  });

  it('falls back to the order link of the M3 order number when the shipment carries no customer order reference', async () => {
    const world = fakeWorld([orderLink]);
    const plan = await planShipment(shipment({ packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-B', 1, { orderNumber: '1000001234', orderLine: '2' })] }] }), world.ports, log);
    expect(plan.confirmations[0]!.amazonOrderId).toBe(ORDER);
    expect(plan.confirmations[0]!.body.packageDetail.orderItems).toEqual([{ orderItemId: '22222222222222', quantity: 1 }]);
  });

  it('matches the item to the SKU line when the M3 line number is missing', async () => {
    const world = fakeWorld([orderLink]);
    const plan = await planShipment(shipment({ packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: ORDER })] }] }), world.ports, log);
    expect(plan.confirmations[0]!.body.packageDetail.orderItems).toEqual([{ orderItemId: '11111111111111', quantity: 1 }]);
  });

  it('parks the shipment when an item matches several order lines and no M3 line decides', async () => {
    const twice = link('171-0000000-0000001', '1000009999', [
      { orderItemId: '1', sku: 'SKU-A', itemNumber: 'ITEM-A', lineNumber: 1, quantity: 1 },
      { orderItemId: '2', sku: 'SKU-A-GIFT', itemNumber: 'ITEM-A', lineNumber: 2, quantity: 1 },
    ]);
    const world = fakeWorld([twice]);
    const plan = await planShipment(shipment({ packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: twice.amazonOrderId })] }] }), world.ports, log);
    expect(plan.outcome).toBe('parked');
    expect(plan.reason).toBe('ORDER_ITEM_AMBIGUOUS');
    expect(world.parked).toEqual([expect.objectContaining({ flow: 'shipment-confirmation', id: 'SHIP-1', reason: 'ORDER_ITEM_AMBIGUOUS', sourceRef: 'bod:bod-1' })]);
    expect(world.parked[0]!.message).toMatch(/ITEM-A matches 2 lines/);
    expect(world.counters.get('shipment-confirmation/parked')).toBe(1);
  });

  it('parks the shipment when no order link exists for the Amazon order or the M3 order', async () => {
    const world = fakeWorld([]);
    const plan = await planShipment(shipment({ packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: '999-9999999-9999999', orderNumber: '1000000001' })] }] }), world.ports, log);
    expect(plan).toMatchObject({ outcome: 'parked', reason: 'ORDER_NOT_LINKED' });
    expect(plan.message).toContain('999-9999999-9999999');
  });

  it('parks a package without a tracking number, since Amazon requires one', async () => {
    const world = fakeWorld([orderLink]);
    const plan = await planShipment(shipment({ packages: [{ id: 'PK1', trackingNumber: null, lines: [line('ITEM-A', 1, { customerOrderRef: ORDER })] }] }), world.ports, log);
    expect(plan).toMatchObject({ outcome: 'parked', reason: 'TRACKING_MISSING' });
  });

  it('maps a known M3 forwarding agent to its Amazon carrier code', async () => {
    const world = fakeWorld([orderLink]);
    const plan = await planShipment(shipment({ carrier: { code: 'fedex', name: 'Federal Express', service: null }, packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: ORDER })] }] }), world.ports, log);
    expect(plan.confirmations[0]!.body.packageDetail.carrierCode).toBe('FedEx');
    expect(plan.confirmations[0]!.body.packageDetail.carrierName).toBeUndefined();
  });

  it('sends an unknown carrier as Other with the M3 carrier name', async () => {
    const world = fakeWorld([orderLink]);
    const plan = await planShipment(shipment({ carrier: { code: 'SPED42', name: 'Spedition Müller', service: 'EXPR' }, packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: ORDER })] }] }), world.ports, log);
    expect(plan.confirmations[0]!.body.packageDetail).toMatchObject({ carrierCode: 'Other', carrierName: 'Spedition Müller', shippingMethod: 'EXPR' });
  });

  it('derives the same positive-integer package reference for the same document and package, whatever the variation', async () => {
    const world = fakeWorld([orderLink]);
    const pkg = { id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: ORDER })] };
    const v1 = await planShipment(shipment({ variationId: 1, packages: [pkg] }), world.ports, log);
    const v2 = await planShipment(shipment({ variationId: 2, packages: [{ ...pkg, trackingNumber: 'T1-CORRECTED' }] }), world.ports, log);
    const ref = v1.confirmations[0]!.body.packageDetail.packageReferenceId;
    expect(ref).toMatch(/^[1-9]\d*$/);
    expect(Number.isSafeInteger(Number(ref))).toBe(true);
    expect(v2.confirmations[0]!.body.packageDetail.packageReferenceId).toBe(ref);
    expect(ref).toBe(packageReferenceId('SHIP-1', 'PK1'));
    expect(packageReferenceId('SHIP-1', 'PK2')).not.toBe(ref);
    expect(v1.confirmations[0]!.key).not.toBe(v2.confirmations[0]!.key);
  });

  it('makes one confirmation per package and per order, partial quantities included', async () => {
    const other = link('171-2222222-3333333', '1000005678', [{ orderItemId: '33333333333333', sku: 'SKU-C', itemNumber: 'ITEM-C', lineNumber: 1, quantity: 5 }]);
    const world = fakeWorld([orderLink, other]);
    const plan = await planShipment(shipment({
      packages: [
        { id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: ORDER, orderLine: '1' }), line('ITEM-C', 2, { customerOrderRef: other.amazonOrderId, orderLine: '1' })] },
        { id: 'PK2', trackingNumber: 'T2', lines: [line('ITEM-A', 1, { customerOrderRef: ORDER, orderLine: '1' })] },
      ],
    }), world.ports, log);
    expect(plan.confirmations.map((c) => [c.packageId, c.amazonOrderId, c.body.packageDetail.orderItems])).toEqual([
      ['PK1', ORDER, [{ orderItemId: '11111111111111', quantity: 1 }]],
      ['PK1', other.amazonOrderId, [{ orderItemId: '33333333333333', quantity: 2 }]],
      ['PK2', ORDER, [{ orderItemId: '11111111111111', quantity: 1 }]],
    ]);
  });

  it('drops packages already confirmed for this variation (the same BOD twice sends nothing)', async () => {
    const world = fakeWorld([orderLink]);
    const input = shipment({ packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: ORDER })] }] });
    const first = await planShipment(input, world.ports, log);
    await world.ports.idempotency.claim('shipment-package', first.confirmations[0]!.key);
    const again = await planShipment(input, world.ports, log);
    expect(again).toMatchObject({ outcome: 'planned', confirmations: [], duplicates: 1 });
  });

  it('records a Delete from M3 and sends nothing, since Amazon cannot un-ship', async () => {
    const world = fakeWorld([orderLink]);
    const plan = await planShipment(shipment({ packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: ORDER })] }] }, { actionCode: 'Delete' }), world.ports, log);
    expect(plan).toMatchObject({ outcome: 'deleted', confirmations: [] });
    expect(world.parked).toEqual([expect.objectContaining({ reason: 'M3_SHIPMENT_DELETED', id: 'SHIP-1' })]);
    expect(world.counters.get('shipment-confirmation/delete-recorded')).toBe(1);
  });

  it('sends nothing while the flow is paused, and records the confirmations in dry run', async () => {
    const world = fakeWorld([orderLink]);
    const input = shipment({ packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: ORDER })] }] });
    world.paused.add('shipment-confirmation');
    expect((await planShipment(input, world.ports, log)).outcome).toBe('paused');
    world.paused.clear();
    world.dryRun.add('shipment-confirmation');
    expect((await planShipment(input, world.ports, log)).outcome).toBe('dry-run');
    expect(world.parked).toEqual([expect.objectContaining({ flow: 'shipment-confirmation-dry-run', reason: 'DRY_RUN' })]);
  });
});

describe('planning a shipment Amazon would refuse', () => {
  it('parks the shipment instead of failing when the order link names no marketplace and the seller is not served', async () => {
    const foreign = { ...link('171-5555555-5555555', '1000005555', [{ orderItemId: '5', sku: 'SKU-A', itemNumber: 'ITEM-A', lineNumber: 1, quantity: 1 }]), marketplaceId: '', sellerId: 'A9OTHERSELLER' };
    const world = fakeWorld([foreign]);
    world.ports = { ...world.ports, sellers: [...world.ports.sellers, { sellerId: 'A9OTHERSELLER', marketplaceIds: [] }] };
    const plan = await planShipment(shipment({ packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: foreign.amazonOrderId })] }] }), world.ports, log);
    expect(plan).toMatchObject({ outcome: 'parked', reason: 'MARKETPLACE_UNKNOWN' });
    expect(world.parked).toEqual([expect.objectContaining({ id: 'SHIP-1', reason: 'MARKETPLACE_UNKNOWN' })]);
  });

  it('parks the shipment with the offending fields when the confirmation breaks Amazon’s model', async () => {
    const blankItem = link('171-6666666-6666666', '1000006666', [{ orderItemId: '', sku: 'SKU-A', itemNumber: 'ITEM-A', lineNumber: 1, quantity: 1 }]);
    const world = fakeWorld([blankItem]);
    const plan = await planShipment(shipment({ packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: blankItem.amazonOrderId, orderLine: '1' })] }] }), world.ports, log);
    expect(plan).toMatchObject({ outcome: 'parked', reason: 'CONFIRMATION_INVALID' });
    expect(plan.message).toContain('packageDetail.orderItems.0.orderItemId');
    expect(world.sent).toEqual([]);
  });

  it('parks the shipment when neither the document nor its envelope gives a usable ship date', async () => {
    const world = fakeWorld([orderLink]);
    const input = shipment({ shippedAt: null, packages: [{ id: 'PK1', trackingNumber: 'T1', lines: [line('ITEM-A', 1, { customerOrderRef: ORDER, orderLine: '1' })] }] }, { createdAt: 'not a date' });
    const plan = await planShipment(input, world.ports, log);
    expect(plan).toMatchObject({ outcome: 'parked', reason: 'SHIP_DATE_INVALID' });
  });
});
