/**
 * One credit per refunded item, whichever Amazon reports first: the refund or the return that claimed the item's
 * credit credits it; the other one does not (a refund is not credited again, a return carries the goods at price 0).
 */
import { creditOwner, creditOwnerKind, returnWithoutDoubleCredit, ReturnsMappingSchema, skusCreditedByReturns, type ReturnPlan } from '../../../core/returns';

const firstComes = ReturnsMappingSchema.parse({ enabled: true, refunds: { rules: [{ method: 'credit-order', orderType: 'AMC' }] } });
const refundAlways = ReturnsMappingSchema.parse({ enabled: true, refunds: { rules: [{ method: 'credit-order', orderType: 'AMC' }], skipWhenReturned: false } });
const plan: ReturnPlan = {
  head: { WHLO: 'E10', RORN: '1000000001', YREF: 'RMA-1' },
  lines: [{ RORL: '1', REQ0: '1', sku: 'SKU-A' }, { RORL: '2', REQ0: '1', sku: 'SKU-B' }],
};

describe('one credit per refunded item', () => {
  it('names the owner of a credit by kind and Amazon id', () => {
    expect(creditOwner('refund', 'T-1')).toBe('refund:T-1');
    expect([creditOwnerKind('return:RMA-1'), creditOwnerKind('refund:T:1'), creditOwnerKind('other')]).toEqual(['return', 'refund', undefined]);
  });

  it('return first: a refund does not credit the SKUs a return claimed (or recorded as returned before claims existed)', () => {
    const owners = new Map([['SKU-A', 'return:RMA-1'], ['SKU-B', 'refund:T-1']]);
    expect([...skusCreditedByReturns(firstComes, owners, new Set(['SKU-C']))].sort()).toEqual(['SKU-A', 'SKU-C']);
  });

  it('refund first: the return registers the goods of the SKUs a refund credited at sales price 0, the others at their price', () => {
    const { plan: goods, goodsOnly } = returnWithoutDoubleCredit(plan, firstComes, new Map([['SKU-A', 'return:RMA-1'], ['SKU-B', 'refund:T-1']]));
    expect(goods.lines).toEqual([{ RORL: '1', REQ0: '1', sku: 'SKU-A' }, { RORL: '2', REQ0: '1', sku: 'SKU-B', SAPR: '0' }]);
    expect(goodsOnly).toEqual(['SKU-B']);
  });

  it('with skipWhenReturned off, the refund is always the credit and every return carries the goods only', () => {
    expect([...skusCreditedByReturns(refundAlways, new Map([['SKU-A', 'return:RMA-1']]), new Set(['SKU-A']))]).toEqual([]);
    expect(returnWithoutDoubleCredit(plan, refundAlways, new Map()).goodsOnly).toEqual(['SKU-A', 'SKU-B']);
  });
});
