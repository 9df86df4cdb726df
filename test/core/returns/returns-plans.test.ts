/**
 * Refunds and returns as M3 sees them: a Finances refund read into SKUs and amounts, the merchant returns report read
 * into one return per RMA id, and the credit or customer return each becomes — or the reason it is parked.
 */
import { ReturnsMappingSchema, planCredit, planReturn, readFbaReturnsReport, readReturnsReport, refundOf, FinanceTransactionSchema } from '../../../core/returns';

const mapping = ReturnsMappingSchema.parse({
  enabled: true,
  physical: { defaultWarehouse: 'E10', warehouses: { ATVPDKIKX0DER: 'A10' }, location: 'RET01', reasons: { DEFECTIVE: 'DEF', '*': 'RET' } },
  refunds: { rules: [{ transactionType: 'Refund', method: 'credit-order', orderType: 'AMC', reasonCode: 'REF' }] },
});

const transaction = FinanceTransactionSchema.parse({
  transactionId: 'T-1', transactionType: 'Refund', postedDate: '2026-05-10T10:00:00Z',
  marketplaceDetails: { marketplaceId: 'A1PA6795UKMFR9' },
  relatedIdentifiers: [{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: '302-1' }],
  totalAmount: { currencyCode: 'EUR', currencyAmount: -23.5 },
  items: [{
    totalAmount: { currencyCode: 'EUR', currencyAmount: -21 },
    breakdowns: [{ breakdownType: 'ProductCharges', breakdownAmount: { currencyCode: 'EUR', currencyAmount: -25 } }, { breakdownType: 'AmazonFees', breakdownAmount: { currencyCode: 'EUR', currencyAmount: 4 } }],
    contexts: [{ contextType: 'ProductContext', sku: 'SKU-B', quantityShipped: 2 }],
  }],
});
const invoice = { ORNO: '1000000001', CUNO: 'AMZDE', CINO: '100001', INYR: '2026', WHLO: 'E10', FACI: 'A01' };
const lines = [{ sku: 'SKU-A', itemNumber: 'ITEM-A', quantity: 1 }, { sku: 'SKU-B', itemNumber: 'ITEM-B', quantity: 2 }];

describe('a refund becomes a credit order naming the original invoice', () => {
  const refund = refundOf(transaction)!;

  it('reads the order, the SKU, the units and the product amount (not the fees given back)', () => {
    expect(refund).toMatchObject({ adjustmentId: 'T-1', amazonOrderId: '302-1', marketplaceId: 'A1PA6795UKMFR9', currency: 'EUR', items: [{ sku: 'SKU-B', quantity: 2, amount: '25.00' }] });
  });

  it('credits the refunded line with negative quantity at the refunded unit price', () => {
    const decision = planCredit(refund, lines, invoice, mapping, new Set());
    expect(decision).toEqual({ kind: 'book', plan: expect.objectContaining({
      head: expect.objectContaining({ CUNO: 'AMZDE', ORTP: 'AMC', OIVR: '100001', OYEA: '2026', CUOR: '302-1', YREF: 'T-1', WHLO: 'E10' }),
      lines: [{ ITNO: 'ITEM-B', ORQT: '-2', SAPR: '12.50', sku: 'SKU-B' }], reasonCode: 'REF', amount: '25.00',
    }) });
  });

  it('leaves a refund of an item that came back physically to the return', () => {
    expect(planCredit(refund, lines, invoice, mapping, new Set(['SKU-B']))).toMatchObject({ kind: 'skip' });
  });

  it('parks when no rule covers the transaction type, or the SKU is not on the order', () => {
    expect(planCredit({ ...refund, transactionType: 'Retrocharge' }, lines, invoice, mapping, new Set())).toMatchObject({ kind: 'park', reason: 'no-rule' });
    expect(planCredit(refund, lines.slice(0, 1), invoice, mapping, new Set())).toMatchObject({ kind: 'park', reason: 'item-not-on-order' });
  });

  it('is no order refund without an ORDER_ID', () => {
    expect(refundOf({ ...transaction, relatedIdentifiers: [] })).toBeUndefined();
  });
});

describe('a physical return becomes one OIS390 customer return', () => {
  const report = [
    'Order ID\tOrder date\tReturn request date\tAmazon RMA ID\tMerchant SKU\tReturn quantity\tReturn Reason\tReturn delivery date',
    '302-1\t2026-05-01\t2026-05-09\tRMA-1\tSKU-A\t1\tDEFECTIVE\t',
    '302-1\t2026-05-01\t2026-05-09\tRMA-1\tSKU-B\t2\tNO_LONGER_NEEDED\t2026-05-12',
    '302-2\t2026-05-01\t2026-05-09\t\tSKU-A\t1\tDEFECTIVE\t',
  ].join('\n');

  it('groups the report rows by RMA id and skips rows without one', () => {
    const reading = readReturnsReport(report);
    expect(reading.skippedRows).toBe(1);
    expect(reading.returns).toEqual([{ returnId: 'RMA-1', amazonOrderId: '302-1', requestDate: '2026-05-09', deliveryDate: '2026-05-12', items: [
      { sku: 'SKU-A', quantity: 1, reason: 'DEFECTIVE' }, { sku: 'SKU-B', quantity: 2, reason: 'NO_LONGER_NEEDED' },
    ] }]);
  });

  it('books against the original order lines in the mapped warehouse, location and reasons', () => {
    const [ret] = readReturnsReport(report).returns;
    const decision = planReturn(ret!, 'A1PA6795UKMFR9', '1000000001', [{ sku: 'SKU-A', lineNumber: 1 }, { sku: 'SKU-B', lineNumber: 2 }], mapping);
    expect(decision).toEqual({ kind: 'book', plan: {
      head: { WHLO: 'E10', RORN: '1000000001', YREF: 'RMA-1', RSCD: 'DEF' },
      lines: [{ RORL: '1', REQ0: '1', RSCD: 'DEF', WHSL: 'RET01', sku: 'SKU-A' }, { RORL: '2', REQ0: '2', RSCD: 'RET', WHSL: 'RET01', sku: 'SKU-B' }],
    } });
  });

  it('waits for the parcel when the mapping books on delivery, and parks without a warehouse or order line', () => {
    const [ret] = readReturnsReport(report).returns;
    const onDelivery = ReturnsMappingSchema.parse({ enabled: true, physical: { defaultWarehouse: 'E10', bookOn: 'delivered' } });
    expect(planReturn({ ...ret!, deliveryDate: '' }, 'X', '1', [], onDelivery)).toMatchObject({ kind: 'wait' });
    expect(planReturn(ret!, 'X', '1', [], ReturnsMappingSchema.parse({ enabled: true }))).toMatchObject({ kind: 'park', reason: 'no-rule' });
    expect(planReturn(ret!, 'X', '1', [{ sku: 'SKU-A', lineNumber: 1 }], mapping)).toMatchObject({ kind: 'park', reason: 'item-not-on-order' });
  });
});

describe('an FBA customer return becomes an OIS390 return in the FBA returns warehouse', () => {
  const report = [
    'return-date\torder-id\tsku\tasin\tfnsku\tproduct-name\tquantity\tfulfillment-center-id\tdetailed-disposition\treason\tstatus\tlicense-plate-number\tcustomer-comments',
    '2026-05-11T08:00:00+00:00\t302-9\tSKU-A\tB000\tX000\tMug\t1\tLEJ1\tSELLABLE\tDEFECTIVE\tReimbursed\tLPN123\t',
    '2026-05-11T08:00:00+00:00\t302-9\t\tB000\tX000\tMug\t1\tLEJ1\tSELLABLE\tDEFECTIVE\tReimbursed\tLPN124\t',
  ].join('\n');

  it('reads one return per row, keyed by order, SKU and license plate, arrived on its return date', () => {
    const reading = readFbaReturnsReport(report);
    expect(reading.skippedRows).toBe(1);
    expect(reading.returns).toEqual([{ returnId: 'FBA:302-9:SKU-A:LPN123', amazonOrderId: '302-9', channel: 'fba', requestDate: '2026-05-11T08:00:00+00:00', deliveryDate: '2026-05-11T08:00:00+00:00', items: [{ sku: 'SKU-A', quantity: 1, reason: 'DEFECTIVE' }] }]);
  });

  it('books into the FBA returns warehouse, and parks without one', () => {
    const [ret] = readFbaReturnsReport(report).returns;
    const withFba = ReturnsMappingSchema.parse({ enabled: true, physical: { defaultWarehouse: 'E10', fbaWarehouse: 'FBA', reasons: { '*': 'RET' } } });
    expect(planReturn(ret!, 'A1PA6795UKMFR9', '1000000009', [{ sku: 'SKU-A', lineNumber: 1 }], withFba)).toMatchObject({ kind: 'book', plan: { head: { WHLO: 'FBA', RORN: '1000000009' } } });
    expect(planReturn(ret!, 'A1PA6795UKMFR9', '1000000009', [{ sku: 'SKU-A', lineNumber: 1 }], mapping)).toMatchObject({ kind: 'park', reason: 'no-rule' });
  });
});
