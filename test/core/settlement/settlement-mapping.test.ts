import { SettlementMappingSchema } from '../../../core/settlement/settlement-mapping';
import { InventoryMappingSchema } from '../../../core/inventory/inventory-mapping';
import { ListingsMappingSchema } from '../../../core/listings/listings-mapping';

describe('mapping sections', () => {
  it('fills every section with working defaults when the mapping file omits it', () => {
    expect(SettlementMappingSchema.parse(undefined).gl.lineMode).toBe('position');
    expect(InventoryMappingSchema.parse(undefined).allocationPercent).toEqual({ '*': 100 });
    expect(ListingsMappingSchema.parse(undefined).productTypes.default).toBe('PRODUCT');
  });

  it('defaults every pattern of a rule to the wildcard', () => {
    const m = SettlementMappingSchema.parse({ rules: [{ amountDescription: 'Commission', account: '6110' }] });
    expect(m.rules[0]).toMatchObject({ transactionType: '*', amountType: '*', marketplace: '*', dimensions: {} });
  });

  it('refuses an account longer than an M3 dimension (10 characters)', () => {
    expect(() => SettlementMappingSchema.parse({ rules: [{ account: '12345678901' }] })).toThrow();
  });
});
