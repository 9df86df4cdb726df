import { ClaimCheckStore, CursorStore, FlowCounterStore, IdempotencyStore, OrderLinkStore, ParkedStore, VariationStore, createTableAccess } from '../../../connectors/storage';
import { azuriteConnectionString, uniqueName } from '../../support/storage';

const tables = () => createTableAccess(azuriteConnectionString(), uniqueName('t'));

describe('IdempotencyStore', () => {
  it('lets exactly one of many concurrent claims of a key win', async () => {
    const store = new IdempotencyStore(tables());
    const results = await Promise.all(Array.from({ length: 8 }, () => store.claim('notification', 'n-1')));
    expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(7);
  });

  it('accepts keys with characters Table Storage forbids in keys', async () => {
    const store = new IdempotencyStore(tables());
    expect(await store.claim('bod', 'a/b\\c#d?e')).toBe('claimed');
    expect(await store.has('bod', 'a/b\\c#d?e')).toBe(true);
  });

  it('makes a released key claimable again', async () => {
    const store = new IdempotencyStore(tables());
    await store.claim('s', 'k');
    await store.release('s', 'k');
    expect(await store.claim('s', 'k')).toBe('claimed');
  });
});

describe('IdempotencyStore leases', () => {
  it('reports a fresh unconfirmed claim as pending (its holder may have died before the work) and a confirmed one as a duplicate', async () => {
    const store = new IdempotencyStore(tables());
    const at = new Date('2026-06-01T10:00:00Z');
    expect(await store.claimLease('notification', 'n-1', '', 120_000, at)).toBe('claimed');
    expect(await store.claimLease('notification', 'n-1', '', 120_000, new Date(at.getTime() + 1_000))).toBe('pending');
    await store.confirm('notification', 'n-1');
    expect(await store.claimLease('notification', 'n-1', '', 120_000, new Date(at.getTime() + 3_600_000))).toBe('duplicate');
  });

  it('lets a redelivery take over a claim whose holder crashed before confirming it', async () => {
    const store = new IdempotencyStore(tables());
    const at = new Date('2026-06-01T10:00:00Z');
    expect(await store.claimLease('bod', 'b-1', '', 120_000, at)).toBe('claimed');
    const later = new Date(at.getTime() + 180_000);
    const racers = await Promise.all([store.claimLease('bod', 'b-1', '', 120_000, later), store.claimLease('bod', 'b-1', '', 120_000, later)]);
    expect(racers.sort()).toEqual(['claimed', 'pending']);
  });
});

describe('CursorStore', () => {
  it('only ever moves a cursor forward', async () => {
    const store = new CursorStore(tables());
    expect(await store.advance('orders', '2026-01-02T00:00:00Z')).toBe(true);
    expect(await store.advance('orders', '2026-01-01T00:00:00Z')).toBe(false);
    expect((await store.get('orders'))?.value).toBe('2026-01-02T00:00:00Z');
  });
});

describe('OrderLinkStore', () => {
  it('finds an Amazon order by its M3 order number', async () => {
    const store = new OrderLinkStore(tables());
    await store.save({ sellerId: 'S1', amazonOrderId: '113-1', marketplaceId: 'M', status: 'created', tempOrderNumber: 'T1', customerNumber: '', customFieldsPending: false, m3OrderNumber: '1000001', lines: [{ orderItemId: 'oi1', sku: 'A', itemNumber: 'A', lineNumber: 10, quantity: 2 }], updatedAt: '' });
    expect((await store.findByM3Order('1000001'))?.amazonOrderId).toBe('113-1');
    expect(await store.list('S1')).toHaveLength(1);
  });
});

describe('ParkedStore', () => {
  it('counts attempts and keeps the first-seen time when an item is parked again', async () => {
    const store = new ParkedStore(tables());
    await store.park({ flow: 'order-to-cash', id: 'o1', reason: 'SKU_NOT_FOUND', message: 'SKU X has no M3 item', sourceRef: 'amazon-order:o1' }, new Date('2026-01-01T00:00:00Z'));
    const again = await store.park({ flow: 'order-to-cash', id: 'o1', reason: 'SKU_NOT_FOUND', message: 'SKU X has no M3 item', sourceRef: 'amazon-order:o1' }, new Date('2026-01-02T00:00:00Z'));
    expect(again.attempts).toBe(2);
    expect(again.firstSeen).toBe('2026-01-01T00:00:00.000Z');
    expect(await store.list({ reason: 'SKU_NOT_FOUND', status: 'parked' })).toHaveLength(1);
    await store.setStatus('order-to-cash', 'o1', 'resolved', 'fixed');
    expect(await store.list({ status: 'parked' })).toHaveLength(0);
  });
});

describe('ClaimCheckStore', () => {
  it('returns the stored document for its reference and refuses foreign references', async () => {
    const store = new ClaimCheckStore(azuriteConnectionString(), uniqueName('cc'));
    const ref = await store.put('<xml/>', 'application/xml');
    expect((await store.get(ref)).toString()).toBe('<xml/>');
    await expect(store.get('other/../../etc')).rejects.toThrow(/not one of ours/);
  });
});

describe('FlowCounterStore', () => {
  it('adds concurrent increments without losing any', async () => {
    const store = new FlowCounterStore(tables());
    const at = new Date('2026-03-04T05:06:07Z');
    await Promise.all(Array.from({ length: 6 }, () => store.increment('order-to-cash', 'created', 1, at)));
    const counts = await store.day('2026-03-04');
    expect(counts).toEqual([{ day: '2026-03-04', hour: 5, flow: 'order-to-cash', outcome: 'created', count: 6 }]);
  });
});

describe('VariationStore', () => {
  it('drops a lower or equal variation of a document sent by another BOD', async () => {
    const store = new VariationStore(tables());
    expect(await store.offer('Shipment', 'SH-1', 3, 'bod-a')).toBe('newer');
    expect(await store.offer('Shipment', 'SH-1', 2, 'bod-b')).toBe('stale');
    expect(await store.offer('Shipment', 'SH-1', 3, 'bod-c')).toBe('stale');
    expect(await store.droppedCount('Shipment', 'SH-1')).toBe(2);
  });

  it('hands the same BOD over again when the queue redelivers it after a failed hand-over', async () => {
    const store = new VariationStore(tables());
    expect(await store.offer('Shipment', 'SH-2', 5, 'bod-1')).toBe('newer');
    // The flow start failed, the message came back: it must not be dropped as its own stale copy.
    expect(await store.offer('Shipment', 'SH-2', 5, 'bod-1')).toBe('newer');
    expect(await store.droppedCount('Shipment', 'SH-2')).toBe(0);
    expect(await store.offer('Shipment', 'SH-2', 6, 'bod-2')).toBe('newer');
    expect(await store.offer('Shipment', 'SH-2', 5, 'bod-1')).toBe('stale');
  });
});

describe('large documents in table entities', () => {
  it('parks an item whose source is larger than one table property holds, and reads it back whole', async () => {
    const store = new ParkedStore(tables());
    const lines = Array.from({ length: 1500 }, (_, i) => ({ itemNumber: `ITEM-${i}`, quantity: 1, orderNumber: '1000001', orderLine: String(i + 1) }));
    await store.park({ flow: 'shipment-confirmation', id: 'SH-BIG', reason: 'ORDER_NOT_LINKED', message: 'm', sourceRef: 'bod:b', source: { lines } });
    const item = await store.get('shipment-confirmation', 'SH-BIG');
    expect(item?.source).toEqual({ lines });
    expect((await store.list({ flow: 'shipment-confirmation' }))[0]?.source).toEqual({ lines });
  });

  it('still parks the item, with a note instead of the source, when the source is beyond what an entity holds', async () => {
    const store = new ParkedStore(tables());
    await store.park({ flow: 'f', id: 'HUGE', reason: 'R', message: 'why', sourceRef: 'bod:huge', source: 'x'.repeat(600_000) });
    const item = await store.get('f', 'HUGE');
    expect(item).toMatchObject({ reason: 'R', message: 'why', sourceRef: 'bod:huge', source: { omitted: true, sourceRef: 'bod:huge' } });
  });

  it('replaces a long parked body by a short one without leaving old chunks behind', async () => {
    const store = new ParkedStore(tables());
    await store.park({ flow: 'f', id: 'P', reason: 'R', message: 'm', sourceRef: 's', source: 'y'.repeat(100_000) });
    await store.park({ flow: 'f', id: 'P', reason: 'R2', message: 'm', sourceRef: 's', source: 'short' });
    expect((await store.get('f', 'P'))?.source).toBe('short');
  });

  it('saves an order link with hundreds of lines', async () => {
    const store = new OrderLinkStore(tables());
    const lines = Array.from({ length: 600 }, (_, i) => ({ orderItemId: `oi-${i}-${'0'.repeat(20)}`, sku: `SKU-${i}`, itemNumber: `ITEM-${i}`, lineNumber: i + 1, quantity: 1 }));
    await store.save({ sellerId: 'S1', amazonOrderId: '113-BIG', marketplaceId: 'M', status: 'created', tempOrderNumber: 'T', customerNumber: '', customFieldsPending: false, m3OrderNumber: '1000002', lines, updatedAt: '' });
    expect((await store.get('S1', '113-BIG'))?.lines).toHaveLength(600);
  });
});
