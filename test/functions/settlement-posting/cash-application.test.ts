import Decimal from 'decimal.js';
import { processSettlement } from '../../../functions/settlement-posting/post-settlement';
import type { PostInput } from '../../../functions/settlement-posting/settlement-outcome';
import type { CustomerOrder } from '../../../local/sim/m3/m3-sim-state';
import { financeOf, invoiceOrder } from '../../../local/sim/m3/finance/finance-state';
import { fakeSettlementPorts, fixtureText, mappingWith, type Fakes } from './fake-settlement-ports';

const input: PostInput = { sellerId: 'A1SELLER', reportId: 'R-US', reference: 'ref-us', marketplaceId: 'ATVPDKIKX0DER', trigger: 'sweep', instanceId: 'settle:A1SELLER:R-US' };

/** An M3 order of the marketplace customer for an Amazon order, invoiced for `amount`. */
function invoicedOrder(fakes: Fakes, orno: string, cuor: string, amount: string): { CINO: string; INYR: string } {
  const order: CustomerOrder = {
    ORNO: orno, tempORNO: `5${orno}`, CUNO: 'AMZUS', CUOR: cuor, ORTP: 'AMZ', FACI: 'A01', WHLO: 'A10', ORDT: '20240305', STAT: '66',
    head: { CUCD: 'USD', ORSL: '66', ORST: '66' },
    lines: [{ PONR: '1', POSX: '0', ITNO: 'SKU-A', ORQT: '1', SAPR: amount, WHLO: 'A10', ORST: '66', ALQT: '0', fields: {} }],
    addresses: [], charges: [],
  };
  fakes.gl.data.orders[orno] = order;
  return invoiceOrder(fakes.gl.data, order, new Date('2024-03-06T00:00:00Z'));
}

function cashFakes(): Fakes & { invoices: Array<{ CINO: string; INYR: string }> } {
  const fakes = fakeSettlementPorts();
  fakes.mapping.current = mappingWith({ mode: 'cash-application' });
  fakes.reports.set('ref-us', fixtureText('us-settlement-v2.tsv'));
  // 1,234.50 + 98.76 tax + 12.99 shipping − 5.00 promotion − 98.76 withheld; 45.00 − 4.50 promotion.
  const invoices = [invoicedOrder(fakes, '1000000001', '111-0000001-0000001', '1242.49'), invoicedOrder(fakes, '1000000002', '111-0000002-0000002', '40.50')];
  return Object.assign(fakes, { invoices });
}

describe('processSettlement in cash-application mode', () => {
  it('loads one receipt order per invoiced order and books only the rest in the journal', async () => {
    const fakes = cashFakes();
    const result = await processSettlement(input, fakes.ports, fakes.log);
    expect(result).toMatchObject({ outcome: 'posted', pbid: '1774473571', payments: 2, key1: 'AMZ11774473571' });
    const batch = financeOf(fakes.gl.data).payments['1774473571'];
    expect(batch.controlled).toBe(true);
    expect(batch.lines.map((l) => [l.fields.CINO, l.fields.INYR, l.fields.PYAM])).toEqual([
      [fakes.invoices[0].CINO, '2024', '1242.49'], [fakes.invoices[1].CINO, '2024', '40.5'],
    ]);
    const journal = fakes.gl.data.journals.AMZ11774473571;
    expect(journal.status).toBe('posted');
    const accounts = new Set(journal.lines.map((l) => l.fields.AIT1));
    for (const revenueOrTax of ['3010', '3030', '2610', '3090']) expect(accounts.has(revenueOrTax)).toBe(false);
    const clearing = journal.lines.filter((l) => l.fields.AIT1 === '1950').reduce((s, l) => s.plus(l.fields.CUAM), new Decimal(0));
    expect(clearing.plus('1242.49').plus('40.50').toFixed(2)).toBe('991.66');
    expect(fakes.postings.get('11774473571')).toMatchObject({ mode: 'cash-application', pbid: '1774473571', status: 'posted' });
  });

  it('resumes a payment batch a crash interrupted where M3 stopped, without a second receipt order', async () => {
    const fakes = cashFakes();
    fakes.gl.crashAfter = { transaction: 'AddBatchLine', times: 1 };
    await expect(processSettlement(input, fakes.ports, fakes.log)).rejects.toThrow(/connection reset/);
    const result = await processSettlement(input, fakes.ports, fakes.log);
    expect(result.outcome).toBe('posted');
    expect(financeOf(fakes.gl.data).payments['1774473571'].lines.map((l) => l.TRNO)).toEqual(['1', '2']);
    expect(fakes.gl.calls.filter((c) => c.transaction === 'AddBatchHead')).toHaveLength(2); // one payment batch head, one GL head
  });

  it('finds a batch it posted by reading M3, when its own record of the posting is gone', async () => {
    const fakes = cashFakes();
    await processSettlement(input, fakes.ports, fakes.log);
    const writes = fakes.gl.calls.length;
    fakes.postings.clear();
    const again = await processSettlement(input, fakes.ports, fakes.log);
    expect(again.outcome).toBe('exists');
    expect(fakes.gl.calls).toHaveLength(writes);
  });

  it('parks a batch under its key that it never claimed, for finance to look at', async () => {
    const fakes = cashFakes();
    await processSettlement(input, fakes.ports, fakes.log);
    fakes.postings.clear();
    fakes.claims.clear();
    const result = await processSettlement(input, fakes.ports, fakes.log);
    expect(result).toMatchObject({ outcome: 'parked', reason: 'M3_PAYMENT_BATCH_EXISTS' });
  });
});

describe('processSettlement when M3 cannot answer what the cash application needs', () => {
  it('parks, posting nothing, when the batch cannot be read back with the mapped query', async () => {
    const fakes = cashFakes();
    fakes.mapping.current = mappingWith({ mode: 'cash-application', readBack: { paymentBatch: 'BPYS from NOSUCHTABLE where PBID = {PBID}' } });
    const result = await processSettlement(input, fakes.ports, fakes.log);
    expect(result).toMatchObject({ outcome: 'parked', reason: 'M3_READ_BACK_FAILED' });
    expect(result.message).toMatch(/readBack query/);
    expect(fakes.gl.calls).toEqual([]);
  });
});
