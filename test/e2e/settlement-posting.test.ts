import fs from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import { main } from '../../cli/main';
import { memorySink } from '../../local/host';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { getJson, m3Violations, postJson, startTestSandbox } from './sandbox-support';

const REPORT_TYPE = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, '../fixtures/settlements', name), 'utf8');

interface SimJournal { KEY1: string; INTN: string; status: string; lines: Array<Record<string, string>> }

function totalsByAccount(journal: SimJournal): Record<string, string> {
  const sums = new Map<string, Decimal>();
  for (const l of journal.lines) sums.set(l.AIT1 ?? '', (sums.get(l.AIT1 ?? '') ?? new Decimal(0)).plus(l.CUAM ?? '0'));
  return Object.fromEntries([...sums].map(([k, v]) => [k, v.toFixed(2)]));
}

describe('settlement posting end to end', () => {
  let sandbox: Sandbox;
  const sink = memorySink();

  const postReport = async (content: string, marketplaceIds: string[]) => {
    // notify:false: the daily sweep is the trigger under test.
    const seeded = await postJson(`${sandbox.amazon.url}/_sim/reports`, { reportType: REPORT_TYPE, content, marketplaceIds, notify: false });
    expect(seeded.status).toBe(201);
  };
  const sweep = async () => {
    await sandbox.host.invokeTimer('settlement-sweep');
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
  };
  const journals = () => getJson<SimJournal[]>(`${sandbox.m3.url}/_sim/journals`);
  const ops = (id: string) => getJson<Record<string, unknown>>(`${sandbox.url}/api/ops/settlements/${id}`, { 'x-api-key': sandbox.opsKey });

  beforeAll(async () => {
    sandbox = await startTestSandbox({ sink });
  });
  afterAll(async () => { await sandbox?.stop(); });

  it('posts a US and a DE settlement as one balanced journal each whose clearing line is the deposit', async () => {
    await postReport(fixture('us-settlement-v2.tsv'), ['ATVPDKIKX0DER']);
    await postReport(fixture('de-settlement-v2.tsv'), ['A1PA6795UKMFR9']);
    await sweep();

    const posted = await journals();
    expect(posted.map((j) => j.KEY1).sort()).toEqual(['AMZ11774473571', 'AMZ12345678901']);
    const us = posted.find((j) => j.KEY1 === 'AMZ11774473571')!;
    const de = posted.find((j) => j.KEY1 === 'AMZ12345678901')!;
    expect(us).toMatchObject({ INTN: 'AMZSETTLE', status: 'posted' });
    expect(de).toMatchObject({ INTN: 'AMZSETTLE', status: 'posted' });
    // Hand-computed from the fixtures (debit positive; see test/core/settlement/settlement-aggregate.test.ts):
    // US sales 1,234.50 + 45.00; commission 185.18 + 6.75 − 3.00 + 0.60; reserve 150.00 − 120.00; deposit 991.66.
    expect(totalsByAccount(us)).toEqual({
      3010: '-1279.50', 3020: '20.00', 3030: '-12.99', 2610: '0.00', 6110: '189.53', 6120: '10.56',
      3090: '9.50', 1960: '30.00', 6130: '39.99', 1999: '1.25', 1950: '991.66',
    });
    // DE (comma decimals) sales 1.234,56 + 95,00 (FR); refunds 49,90 + 9,48; deposit 1.212,15.
    expect(totalsByAccount(de)).toEqual({
      3010: '-1329.56', 3020: '59.38', 3030: '-4.99', 2610: '-234.57', 6110: '193.44', 6120: '3.05',
      3090: '10.00', 1960: '50.00', 6130: '39.00', 1999: '2.10', 1950: '1212.15',
    });
    for (const j of [us, de]) {
      const net = j.lines.reduce((s, l) => s.plus(l.CUAM ?? '0'), new Decimal(0));
      expect(net.isZero()).toBe(true);
    }
    expect(us.lines.every((l) => l.CUCD === 'USD')).toBe(true);
    expect(de.lines.every((l) => l.CUCD === 'EUR')).toBe(true);

    expect(await ops('11774473571')).toMatchObject({ status: 'posted', key1: 'AMZ11774473571', difference: '0.00', totalAmount: '991.66', currency: 'USD' });
  });

  it('books the unknown amount description on the suspense account and raises an alert', async () => {
    const us = (await journals()).find((j) => j.KEY1 === 'AMZ11774473571')!;
    expect(us.lines.filter((l) => l.AIT1 === '1999')).toEqual([expect.objectContaining({ CUAM: '1.25' })]);
    const alerts = sink.entries.filter((e) => e.message.includes('"event":"alert.settlement-unmapped"'));
    expect(alerts.some((e) => e.message.includes('NewMysteryFee2026'))).toBe(true);
    expect(alerts.some((e) => e.message.includes('Lagergebühr-Neu'))).toBe(true);
  });

  it('posts once when the same settlement is delivered again, in a new report and by a second sweep', async () => {
    await postReport(fixture('us-settlement-v2.tsv'), ['ATVPDKIKX0DER']);
    await sweep();
    await sweep();
    const posted = await journals();
    expect(posted.filter((j) => j.KEY1 === 'AMZ11774473571')).toHaveLength(1);
    expect(posted).toHaveLength(2);
    expect(posted.find((j) => j.KEY1 === 'AMZ11774473571')!.lines).toHaveLength(16);
    // The second report did reach the flow, which recognised the settlement as posted.
    expect(sink.entries.some((e) => e.message.includes('"event":"settlement.duplicate"') && e.message.includes('11774473571'))).toBe(true);
  });

  it('parks a settlement whose lines do not add up to the deposit, with the difference, and posts nothing', async () => {
    const unbalanced = fixture('us-settlement-v2.tsv').replace(/11774473571/g, '11774479999').replace('\t991.66\t', '\t990.66\t');
    await postReport(unbalanced, ['ATVPDKIKX0DER']);
    await sweep();
    expect((await journals()).map((j) => j.KEY1)).not.toContain('AMZ11774479999');
    const view = await ops('11774479999');
    expect(view).toMatchObject({ status: 'parked', reason: 'UNBALANCED', difference: '1.00', parked: expect.objectContaining({ reason: 'UNBALANCED', status: 'parked' }) });
  });

  it('shows a posted settlement with m3sync settlement show against the running app', async () => {
    let stdout = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
    let code: number;
    try {
      code = await main(['settlement', 'show', '12345678901', '--url', sandbox.url, '--key', sandbox.opsKey, '--json']);
    } finally {
      write.mockRestore();
    }
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ settlementId: '12345678901', status: 'posted', currency: 'EUR', totalAmount: '1212.15', difference: '0.00', totalsByAccount: { 1999: '2.10' } });
  });

  it('sends Amazon only requests that conform to the official Reports model', async () => {
    expect(await getJson<unknown[]>(`${sandbox.amazon.url}/_sim/violations`)).toEqual([]);
  });

  it('made every M3 MI call the way the MI repository describes it (no unknown, over-long or missing fields)', async () => {
    expect(await m3Violations(sandbox)).toEqual([]);
  });
});
