import Decimal from 'decimal.js';
import { AuthError } from '../../../core/errors';
import { processSettlement } from '../../../functions/settlement-posting/post-settlement';
import type { PostInput } from '../../../functions/settlement-posting/settlement-outcome';
import { fakeSettlementPorts, fixtureText, mappingWith, type Fakes } from './fake-settlement-ports';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';

function given(fakes: Fakes, reference: string, text: string): void {
  fakes.reports.set(reference, text);
}

function input(reportId: string, reference: string, marketplaceId = US): PostInput {
  return { sellerId: 'A1SELLER', reportId, reference, marketplaceId, trigger: 'sweep', instanceId: `settle:A1SELLER:${reportId}` };
}

/** Σ CUAM per account (AIT1) as M3 received it, exact decimals. */
function totalsByAccount(fakes: Fakes, key1: string): Record<string, string> {
  const journal = fakes.gl.data.journals[key1];
  if (!journal) throw new Error(`no journal ${key1}`);
  const sums = new Map<string, Decimal>();
  for (const l of journal.lines) sums.set(l.fields.AIT1 ?? '', (sums.get(l.fields.AIT1 ?? '') ?? new Decimal(0)).plus(l.fields.CUAM ?? '0'));
  return Object.fromEntries([...sums].map(([k, v]) => [k, v.toFixed(2)]));
}

const logged = (fakes: Fakes, event: string) => fakes.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === event);

describe('processSettlement', () => {
  it('posts the US settlement as one balanced GLS840 batch whose clearing line equals the deposit', async () => {
    const fakes = fakeSettlementPorts();
    given(fakes, 'ref-us', fixtureText('us-settlement-v2.tsv'));
    const result = await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);

    expect(result).toMatchObject({ outcome: 'posted', settlementId: '11774473571', key1: 'AMZ11774473571', currency: 'USD', totalAmount: '991.66', difference: '0.00' });
    expect(fakes.gl.journals()).toHaveLength(1);
    expect(fakes.gl.journals()[0]).toMatchObject({ KEY1: 'AMZ11774473571', INTN: 'AMZSETTLE', status: 'posted', DIVI: 'AAA' });
    // Hand-computed (debit positive): sales 1,234.50 + 45.00; refunds 20.00; shipping 12.99; tax 98.76 − 98.76 withheld;
    // commission 185.18 + 6.75 − 3.00 + 0.60; FBA 7.34 + 3.22; promotions 5.00 + 4.50; reserve 150.00 − 120.00;
    // subscription 39.99; the unknown fee 1.25 on suspense; the deposit 991.66 on clearing.
    expect(totalsByAccount(fakes, 'AMZ11774473571')).toEqual({
      3010: '-1279.50', 3020: '20.00', 3030: '-12.99', 2610: '0.00', 6110: '189.53', 6120: '10.56',
      3090: '9.50', 1960: '30.00', 6130: '39.99', 1999: '1.25', 1950: '991.66',
    });
    const lines = fakes.gl.data.journals.AMZ11774473571!.lines;
    expect(lines.every((l) => l.fields.CUCD === 'USD' && l.fields.ACDT === '20240317')).toBe(true);
    expect(fakes.gl.calls.map((c) => c.transaction)).toEqual(['AddBatchHead', ...lines.map(() => 'AddBatchLine'), 'CtrlBatch', 'UpdBatch']);
    expect(fakes.postings.get('11774473571')).toMatchObject({ status: 'posted', key1: 'AMZ11774473571', reportId: 'R-US' });
    expect(fakes.counters.get('settlement-posting|posted')).toBe(1);
  });

  it('posts the DE settlement read with comma decimals, the French sales on their own dimension', async () => {
    const fakes = fakeSettlementPorts();
    given(fakes, 'ref-de', fixtureText('de-settlement-v2.tsv'));
    const result = await processSettlement(input('R-DE', 'ref-de', DE), fakes.ports, fakes.log);

    expect(result).toMatchObject({ outcome: 'posted', settlementId: '12345678901', currency: 'EUR', totalAmount: '1212.15', difference: '0.00' });
    // 3010: 1.234,56 + 95,00; 3020: 49,90 + 9,48; 6110: 185,18 + 14,25 − 7,49 + 1,50; 1960: 200,00 − 150,00; clearing 1.212,15.
    expect(totalsByAccount(fakes, 'AMZ12345678901')).toEqual({
      3010: '-1329.56', 3020: '59.38', 3030: '-4.99', 2610: '-234.57', 6110: '193.44', 6120: '3.05',
      3090: '10.00', 1960: '50.00', 6130: '39.00', 1999: '2.10', 1950: '1212.15',
    });
    const fr = fakes.gl.data.journals.AMZ12345678901!.lines.find((l) => l.fields.AIT2 === 'FR');
    expect(fr?.fields).toMatchObject({ AIT1: '3010', CUAM: '-95', CUCD: 'EUR' });
  });

  it('books the unknown amount description on the suspense account and raises an alert', async () => {
    const fakes = fakeSettlementPorts();
    given(fakes, 'ref-us', fixtureText('us-settlement-v2.tsv'));
    await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);

    const suspense = fakes.gl.data.journals.AMZ11774473571!.lines.filter((l) => l.fields.AIT1 === '1999');
    expect(suspense).toHaveLength(1);
    expect(suspense[0]!.fields).toMatchObject({ CUAM: '1.25', VTXT: expect.stringContaining('other-transaction') });
    const [alert] = logged(fakes, 'alert.settlement-unmapped');
    expect(alert).toMatchObject({ settlementId: '11774473571', suspenseAccount: '1999', combinations: 1, unmapped: expect.stringContaining('NewMysteryFee2026') });
    expect(fakes.counters.get('settlement-posting|unmapped')).toBe(1);
    expect(fakes.postings.get('11774473571')?.unmapped).toEqual([expect.objectContaining({ amountDescription: 'NewMysteryFee2026', amount: '-1.25' })]);
  });

  it('posts once when the same report is delivered twice', async () => {
    const fakes = fakeSettlementPorts();
    given(fakes, 'ref-us', fixtureText('us-settlement-v2.tsv'));
    await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);
    const callsAfterFirst = fakes.gl.calls.length;

    const again = await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);
    expect(again).toMatchObject({ outcome: 'exists', key1: 'AMZ11774473571' });
    expect(fakes.gl.calls).toHaveLength(callsAfterFirst);
    expect(fakes.gl.journals()).toHaveLength(1);
  });

  it('posts once when a second report (another instance) carries the same settlement', async () => {
    const fakes = fakeSettlementPorts();
    given(fakes, 'ref-1', fixtureText('us-settlement-v2.tsv'));
    given(fakes, 'ref-2', fixtureText('us-settlement-v2.tsv'));
    await processSettlement(input('R-1', 'ref-1'), fakes.ports, fakes.log);
    const second = await processSettlement(input('R-2', 'ref-2'), fakes.ports, fakes.log);
    expect(second.outcome).toBe('exists');
    expect(second.message).toContain('R-1');
    expect(fakes.gl.journals()).toHaveLength(1);
    expect(fakes.counters.get('settlement-posting|duplicate')).toBe(1);
  });

  it('finishes the same batch after a crash right after AddBatchHead, without a second head or duplicate lines', async () => {
    const fakes = fakeSettlementPorts();
    given(fakes, 'ref-us', fixtureText('us-settlement-v2.tsv'));
    fakes.gl.crashAfter = { transaction: 'AddBatchHead', times: 1 };
    await expect(processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log)).rejects.toThrow('connection reset');
    expect(fakes.gl.journals()[0]).toMatchObject({ status: 'open', lines: [] });

    const retried = await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);
    expect(retried.outcome).toBe('posted');
    expect(fakes.gl.journals()).toHaveLength(1);
    expect(fakes.gl.journals()[0]).toMatchObject({ status: 'posted' });
    expect(fakes.gl.journals()[0]!.lines).toHaveLength(fakes.postings.get('11774473571')!.lines.length);
  });

  it('recovers from a crash in the middle of the lines by skipping the lines M3 already has', async () => {
    const fakes = fakeSettlementPorts();
    given(fakes, 'ref-us', fixtureText('us-settlement-v2.tsv'));
    fakes.gl.crashAfter = { transaction: 'AddBatchLine', times: 1 };
    await expect(processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log)).rejects.toThrow();
    const retried = await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);
    expect(retried.outcome).toBe('posted');
    expect(fakes.gl.journals()[0]!.lines).toHaveLength(fakes.postings.get('11774473571')!.lines.length);
    expect(fakes.gl.journals()[0]!.status).toBe('posted');
  });

  it('does not post again after a crash between UpdBatch and the posting record', async () => {
    const fakes = fakeSettlementPorts();
    given(fakes, 'ref-us', fixtureText('us-settlement-v2.tsv'));
    fakes.gl.crashAfter = { transaction: 'UpdBatch', times: 1 };
    await expect(processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log)).rejects.toThrow();
    expect(fakes.postings.get('11774473571')?.status).toBe('posting');

    const retried = await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);
    expect(retried.outcome).toBe('exists');
    expect(fakes.gl.journals()).toHaveLength(1);
    expect(fakes.postings.get('11774473571')?.status).toBe('posted');
  });

  it('parks a settlement whose lines do not sum to the deposit with the difference, and sends nothing to M3', async () => {
    const fakes = fakeSettlementPorts();
    given(fakes, 'ref-bad', fixtureText('us-settlement-v2.tsv').replace('\t991.66\t', '\t1001.66\t'));
    const result = await processSettlement(input('R-BAD', 'ref-bad'), fakes.ports, fakes.log);

    expect(result).toMatchObject({ outcome: 'parked', reason: 'UNBALANCED', settlementId: '11774473571', difference: '-10.00' });
    expect(result.message).toContain('difference -10.00');
    expect(fakes.gl.calls).toEqual([]);
    expect(fakes.parked.get('settlement-posting|11774473571')).toMatchObject({
      reason: 'UNBALANCED', instanceId: 'settle:A1SELLER:R-BAD', details: expect.objectContaining({ difference: '-10.00', totalAmount: '1001.66', currency: 'USD' }),
    });
    expect(fakes.postings.get('11774473571')).toMatchObject({ status: 'parked', difference: '-10.00' });
    expect(logged(fakes, 'alert.settlement-parked')).toEqual([expect.objectContaining({ reason: 'UNBALANCED', difference: '-10.00' })]);
  });

  it('parks when M3 refuses the batch, naming the M3 message', async () => {
    const fakes = fakeSettlementPorts();
    fakes.mapping.current = mappingWith({ gl: { interfaceName: 'NOSUCHTPL' } });
    given(fakes, 'ref-us', fixtureText('us-settlement-v2.tsv'));
    const result = await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);
    expect(result).toMatchObject({ outcome: 'parked', reason: 'M3_REJECTED' });
    expect(result.message).toContain('NOSUCHTPL');
    expect(fakes.postings.get('11774473571')?.status).toBe('failed');
  });

  it('refuses to add to a GLS840 batch with its key that this app never claimed', async () => {
    const fakes = fakeSettlementPorts();
    await fakes.gl.execute('GLS840MI', 'AddBatchHead', { CONO: '100', KEY1: 'AMZ11774473571', INTN: 'AMZSETTLE', DESC: 'typed in by hand' });
    given(fakes, 'ref-us', fixtureText('us-settlement-v2.tsv'));
    const result = await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);
    expect(result).toMatchObject({ outcome: 'parked', reason: 'M3_BATCH_EXISTS' });
    expect(fakes.gl.journals()[0]!.lines).toEqual([]);
    // Not ours: the claim is given back, so a re-drive after the batch is deleted posts afresh instead of resuming it.
    expect([...fakes.claims.keys()].some((k) => k.endsWith('|11774473571'))).toBe(false);
  });

  it('records the plan without calling M3 in dry run', async () => {
    const fakes = fakeSettlementPorts();
    fakes.switches.dryRun.add('settlement-posting');
    given(fakes, 'ref-us', fixtureText('us-settlement-v2.tsv'));
    const result = await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);
    expect(result).toMatchObject({ outcome: 'dry-run', key1: 'AMZ11774473571' });
    expect(fakes.gl.calls).toEqual([]);
    expect(fakes.postings.get('11774473571')?.status).toBe('dry-run');
    expect(fakes.parked.get('settlement-posting-dry-run|11774473571')).toMatchObject({ reason: 'DRY_RUN' });
  });

  it('does nothing while the flow is paused', async () => {
    const fakes = fakeSettlementPorts();
    fakes.switches.paused.add('settlement-posting');
    given(fakes, 'ref-us', fixtureText('us-settlement-v2.tsv'));
    const result = await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);
    expect(result).toMatchObject({ outcome: 'paused', reason: 'FLOW_PAUSED' });
    expect(fakes.gl.calls).toEqual([]);
    expect(fakes.postings.size).toBe(0);
  });

  it('pauses with an alert when M3 refuses the credentials', async () => {
    const fakes = fakeSettlementPorts();
    fakes.gl.fail = new AuthError('M3 GLS840MI.AddBatchHead: HTTP 401', { code: 'HTTP_401', system: 'm3' });
    given(fakes, 'ref-us', fixtureText('us-settlement-v2.tsv'));
    const result = await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);
    expect(result).toMatchObject({ outcome: 'paused', reason: 'AUTH_FAILED' });
    expect(logged(fakes, 'alert.auth-failed')).toHaveLength(1);
    expect(fakes.parked.get('settlement-posting|11774473571')).toMatchObject({ reason: 'AUTH_FAILED' });
  });

  it('parks a report that is not a settlement flat file', async () => {
    const fakes = fakeSettlementPorts();
    given(fakes, 'ref-x', 'order-id\tsku\n1\t2\n');
    const result = await processSettlement(input('R-X', 'ref-x'), fakes.ports, fakes.log);
    expect(result).toMatchObject({ outcome: 'parked', reason: 'INVALID_SETTLEMENT_REPORT' });
    expect(fakes.parked.get('settlement-posting|report:R-X')).toBeDefined();
  });

  it('keeps every amount as exact decimal text in what it records', async () => {
    const fakes = fakeSettlementPorts();
    given(fakes, 'ref-us', fixtureText('us-settlement-v2.tsv'));
    await processSettlement(input('R-US', 'ref-us'), fakes.ports, fakes.log);
    const posting = fakes.postings.get('11774473571')!;
    for (const line of posting.lines) expect(line.amount).toMatch(/^-?\d+\.\d{2}$/);
    const net = posting.lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
    expect(net.toFixed(2)).toBe('0.00');
  });
});
