import { channelQuantities } from '../../../functions/inventory-sync/channel-quantities';
import { channelKey, inventoryChannels, skuIndex } from '../../../functions/inventory-sync/inventory-channels';
import { testMappings } from './inventory-fakes';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const seller = { sellerId: 'S1', region: 'NA' as const, marketplaceIds: [US, CA] };

describe('inventory channels', () => {
  it('groups marketplaces of a region that share warehouses and allocation into one channel', () => {
    const channels = inventoryChannels(testMappings({ warehouses: { NA: ['A10', 'A20'] } }), [seller]);
    expect(channels).toEqual([expect.objectContaining({ sellerId: 'S1', region: 'NA', group: `${CA}+${US}`, marketplaceIds: [CA, US], warehouses: ['A10', 'A20'] })]);
  });

  it('splits marketplaces whose allocation share differs and ignores marketplaces without warehouses', () => {
    const channels = inventoryChannels(testMappings({ warehouses: { [US]: ['A10'], [CA]: ['A10'] }, allocationPercent: { [CA]: 50, '*': 100 } }), [{ ...seller, marketplaceIds: [US, CA, 'A1AM78C64UM0Y8'] }]);
    expect(channels.map((c) => c.group).sort()).toEqual([CA, US]);
  });

  it('syncs nothing when the inventory mapping names no warehouses', () => {
    expect(inventoryChannels(testMappings({}), [seller])).toEqual([]);
  });

  it('finds the SKUs of an item through the mapping table read backwards, plus identity when the table does not redirect it', () => {
    const skus = skuIndex(testMappings({}, { table: { 'AMZ-KETTLE': 'KETTLE', KETTLE: 'OTHER' } }));
    expect(skus('KETTLE')).toEqual(['AMZ-KETTLE']);
    expect(skus('OTHER')).toEqual(['KETTLE', 'OTHER']);
    expect(skus('MUG')).toEqual(['MUG']);
  });
});

describe('available-to-sell per channel', () => {
  it('sums mapped warehouses, subtracts allocation and safety stock, caps, and zeroes blocked items', () => {
    const mappings = testMappings({ warehouses: { [US]: ['A10', 'A20'] }, safetyStock: { default: 1, perItem: { MUG: 5 } }, cap: 30 });
    const [channel] = inventoryChannels(mappings, [{ ...seller, marketplaceIds: [US] }]);
    const balances = [
      { itemNumber: 'KETTLE', warehouse: 'A10', onHand: 10, allocated: 2 },
      { itemNumber: 'KETTLE', warehouse: 'A20', onHand: 5.5, allocated: 0 },
      { itemNumber: 'KETTLE', warehouse: 'Z99', onHand: 100, allocated: 0 },
      { itemNumber: 'MUG', warehouse: 'A10', onHand: 8, allocated: 0 },
      { itemNumber: 'BIG', warehouse: 'A10', onHand: 1000, allocated: 0 },
      { itemNumber: 'OLD', warehouse: 'A10', onHand: 50, allocated: 0 },
    ];
    const rows = channelQuantities({ mappings, channels: [channel!], balances, statuses: new Map([['OLD', '90']]), alsoItems: ['GONE'] }).get(channelKey(channel!));
    expect(rows).toEqual([
      { sku: 'BIG', itemNumber: 'BIG', quantity: 30 },
      { sku: 'GONE', itemNumber: 'GONE', quantity: 0 },
      { sku: 'KETTLE', itemNumber: 'KETTLE', quantity: 12 },
      { sku: 'MUG', itemNumber: 'MUG', quantity: 3 },
      { sku: 'OLD', itemNumber: 'OLD', quantity: 0 },
    ]);
  });
});
