/** The shipment confirmation rules, without stores: packages, order items, ship date, one request per package × order. */
import type { ShipmentDocument, ShipmentLine } from '../../../core/bod/shipment';
import {
  confirmationSteps, groupPackages, linesToLink, linkKey, orderItemOf, packageReferenceId, shipDateOf, summarizePackages,
  type LinkLookup, type LinkedOrder,
} from '../../../core/shipments';

const ORDER = '171-1234567-7654321';
const linked: LinkedOrder = {
  sellerId: 'A1SELLER', amazonOrderId: ORDER, marketplaceId: 'A1PA6795UKMFR9',
  lines: [
    { orderItemId: '111', sku: 'SKU-A', itemNumber: 'ITEM-A', lineNumber: 1 },
    { orderItemId: '222', sku: 'SKU-B', itemNumber: 'ITEM-B', lineNumber: 2 },
  ],
};

function line(itemNumber: string, quantity: number, over: Partial<ShipmentLine> = {}): ShipmentLine {
  return { itemNumber, quantity, unit: 'EA', orderNumber: null, orderLine: null, customerOrderRef: ORDER, ...over };
}

function doc(packages: ShipmentDocument['packages'], over: Partial<ShipmentDocument> = {}): ShipmentDocument {
  return {
    id: 'SHIP-1', variationId: 1, shippedAt: '2026-03-02T10:00:00.000Z', warehouse: 'FR1', carrier: { code: 'UPS', name: null, service: null },
    orderRefs: [], packages, lines: packages.flatMap((p) => p.lines), ...over,
  };
}

const found = (...lines: ShipmentLine[]): Map<string, LinkLookup<LinkedOrder>> => new Map(lines.map((l) => [linkKey(l), { link: linked }]));

describe('the order item of a shipped line', () => {
  it('is the link line with the same M3 line number, else the one with the same item or SKU', () => {
    expect(orderItemOf(line('ITEM-A', 1, { orderLine: '2' }), linked, 'PK1')).toEqual({ orderItemId: '222' });
    expect(orderItemOf(line('sku-b', 1), linked, 'PK1')).toEqual({ orderItemId: '222' });
  });

  it('is an issue for part units, an unknown item and an item on several lines', () => {
    expect(orderItemOf(line('ITEM-A', 1.5), linked, 'PK1')).toMatchObject({ issue: { code: 'QUANTITY_NOT_WHOLE' } });
    expect(orderItemOf(line('ITEM-Z', 1), linked, 'PK1')).toMatchObject({ issue: { code: 'ORDER_ITEM_NOT_FOUND' } });
    const twice = { ...linked, lines: [...linked.lines, { orderItemId: '333', sku: 'SKU-A-GIFT', itemNumber: 'ITEM-A', lineNumber: 3 }] };
    expect(orderItemOf(line('ITEM-A', 1), twice, 'PK1')).toMatchObject({ issue: { code: 'ORDER_ITEM_AMBIGUOUS', message: expect.stringMatching(/matches 2 lines/) } });
  });
});

describe('grouping packages', () => {
  it('sums the shipped units per order item and leaves out unshipped lines', () => {
    const a = line('ITEM-A', 1, { orderLine: '1' });
    const shipment = doc([{ id: 'PK1', trackingNumber: 'T1', lines: [a, line('ITEM-A', 2, { orderLine: '1' }), line('ITEM-B', 0)] }]);
    expect(linesToLink(shipment)).toHaveLength(2);
    expect(groupPackages(shipment, found(a))).toEqual({
      packages: [{ packageId: 'PK1', trackingNumber: 'T1', orders: [{ link: linked, items: [{ orderItemId: '111', quantity: 3 }] }] }],
      issues: [],
    });
  });

  it('treats a document without packages as one package under its own id, which needs a tracking number', () => {
    const a = line('ITEM-A', 1);
    const shipment = doc([], { lines: [a] });
    expect(linesToLink(shipment)).toEqual([]);
    expect(groupPackages(shipment, found(a)).issues).toEqual([{ code: 'TRACKING_MISSING', message: 'package SHIP-1 has no tracking number (Amazon requires one)' }]);
  });

  it('reports a failed order link look-up once, however many lines share it', () => {
    const a = line('ITEM-A', 1);
    const issue = { code: 'ORDER_NOT_LINKED', message: 'no link' };
    const shipment = doc([{ id: 'PK1', trackingNumber: 'T1', lines: [a, line('ITEM-B', 1)] }]);
    expect(groupPackages(shipment, new Map([[linkKey(a), { issue }]])).issues).toEqual([issue]);
  });
});

describe('the ship date', () => {
  it("is the document's, else the envelope's creation time", () => {
    expect(shipDateOf(doc([]), '2026-03-02T11:00:00Z')).toEqual({ shipDate: '2026-03-02T10:00:00.000Z' });
    expect(shipDateOf(doc([], { shippedAt: null }), '2026-03-02T11:00:00Z')).toEqual({ shipDate: '2026-03-02T11:00:00.000Z' });
    expect(shipDateOf(doc([], { shippedAt: null }), 'not a date')).toMatchObject({ issue: { code: 'SHIP_DATE_INVALID' } });
  });
});

describe('the confirmation steps', () => {
  const carrier = { carrierCode: 'Other', carrierName: 'Colis Privé' };
  const sellers = [{ sellerId: 'A1SELLER', marketplaceIds: ['A13V1IB3VIYZZH'] }];
  const packages = (link: LinkedOrder) => [{ packageId: 'PK1', trackingNumber: 'T1', orders: [{ link, items: [{ orderItemId: '111', quantity: 1 }] }] }];

  it('make one request per package and order, with a stable package reference and the seller × region batch', () => {
    const [step] = confirmationSteps('SHIP-1', packages(linked), { carrier, shipDate: '2026-03-02T10:00:00.000Z', sellers });
    expect(step).toMatchObject({
      kind: 'draft', packageId: 'PK1', packageReferenceId: packageReferenceId('SHIP-1', 'PK1'), batchKey: 'A1SELLER:EU',
      request: { marketplaceId: 'A1PA6795UKMFR9', packageDetail: { carrierCode: 'Other', carrierName: 'Colis Privé', trackingNumber: 'T1', orderItems: [{ orderItemId: '111', quantity: 1 }] } },
    });
    expect(packageReferenceId('SHIP-1', 'PK1')).toMatch(/^[1-9]\d*$/);
  });

  it("take the seller's first marketplace when the link names none, and say so when the seller is not served", () => {
    expect(confirmationSteps('SHIP-1', packages({ ...linked, marketplaceId: '' }), { carrier, shipDate: 'x', sellers })[0]).toMatchObject({ request: { marketplaceId: 'A13V1IB3VIYZZH' } });
    expect(confirmationSteps('SHIP-1', packages({ ...linked, marketplaceId: '', sellerId: 'OTHER' }), { carrier, shipDate: 'x', sellers })[0]).toMatchObject({ kind: 'issue', issue: { code: 'MARKETPLACE_UNKNOWN' } });
  });

  it("leave out orders that Amazon's own flow reports", () => {
    expect(confirmationSteps('SHIP-1', packages({ ...linked, programs: ['FBM_SHIP_PLUS'] }), { carrier, shipDate: 'x', sellers })).toEqual([{ kind: 'reported-by-amazon', amazonOrderId: ORDER, reason: 'FBM_SHIP_PLUS' }]);
  });
});

describe('the shipment outcome', () => {
  const outcome = (o: 'confirmed' | 'rejected' | 'duplicate') => ({ outcome: o, key: 'k', amazonOrderId: ORDER, packageReferenceId: '1', message: o === 'rejected' ? 'bad' : '' });
  it('is partly rejected when some packages went through, and counts duplicates', () => {
    expect(summarizePackages([outcome('confirmed'), outcome('rejected'), outcome('duplicate')], 1)).toMatchObject({ outcome: 'partly-rejected', confirmed: 1, rejected: 1, duplicates: 2, message: `${ORDER}/1: bad` });
    expect(summarizePackages([], 0).outcome).toBe('nothing-to-send');
  });
});
