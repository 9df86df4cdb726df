import { createTableAccess, ParkedStore } from '../../../connectors/storage';
import { settlementView } from '../../../functions/settlement-posting/settlement-ops';
import { SettlementPostingStore, type SettlementPosting } from '../../../functions/settlement-posting/settlement-posting-store';
import { azuriteConnectionString, uniqueName } from '../../support/storage';

const posting: SettlementPosting = {
  settlementId: '11774479999', status: 'parked', key1: 'AMZ11774479999', sellerId: 'A1SELLER', reportId: 'R7', instanceId: 'settle:A1SELLER:R7',
  currency: 'USD', totalAmount: '990.66', difference: '1.00',
  lines: [{ account: '1950', dimensions: {}, currency: 'USD', amount: '990.66', text: 'Amazon deposit 11774479999', source: 'clearing' }],
  totalsByAccount: { 1950: '990.66' }, unmapped: [], alerts: [{ code: 'SETTLEMENT_TOTAL_MISMATCH', message: 'difference 1.00' }],
  reason: 'UNBALANCED', message: 'difference 1.00', updatedAt: '',
  mode: 'gl-only', pbid: '', payments: [], charges: [], unapplied: [],
};

describe('settlement postings and the ops endpoint', () => {
  const tables = createTableAccess(azuriteConnectionString(), uniqueName('t'));
  const store = new SettlementPostingStore(tables);
  const parked = new ParkedStore(tables);

  it('keeps one record per settlement id, the last save winning, amounts as exact text', async () => {
    await store.save({ ...posting, status: 'posting' });
    await store.save(posting);
    const read = await store.get('11774479999');
    expect(read).toMatchObject({ status: 'parked', difference: '1.00', totalAmount: '990.66', lines: [{ amount: '990.66' }] });
    expect(read?.updatedAt).not.toBe('');
    expect(await store.get('nope')).toBeUndefined();
  });

  it('answers the recorded posting with its parked item, 404 for an unknown id and 400 for a malformed one', async () => {
    await store.save(posting);
    await parked.park({ flow: 'settlement-posting', id: '11774479999', reason: 'UNBALANCED', message: 'difference 1.00', sourceRef: 'settlement-report:A1SELLER:R7' });
    const found = await settlementView(store, parked, '11774479999');
    expect(found.status).toBe(200);
    expect(found.jsonBody).toMatchObject({ settlementId: '11774479999', status: 'parked', difference: '1.00', parked: { reason: 'UNBALANCED', status: 'parked' } });
    expect((await settlementView(store, parked, '404404')).status).toBe(404);
    expect((await settlementView(store, parked, "x' or 1 eq 1")).status).toBe(400);
  });
});
