import fs from 'node:fs';
import path from 'node:path';
import { aggregateSettlement } from '../../../core/settlement/settlement-aggregate';
import { parseSettlementReport } from '../../../core/settlement/settlement-report';
import { batchKeyForSettlement, planGlPosting } from '../../../core/settlement/gl-posting-plan';
import { buildParm } from '../../../core/settlement/gl-parm';
import { SettlementMappingSchema } from '../../../core/settlement/settlement-mapping';
import { PermanentError } from '../../../core/errors';
import { fixtureMapping } from './settlement-fixture-mapping';

const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, '../../fixtures/settlements', name), 'utf8');
const usAggregate = () => aggregateSettlement(parseSettlementReport(fixture('us-settlement-v2.tsv')), fixtureMapping);

describe('planGlPosting', () => {
  it('plans AddBatchHead, one AddBatchLine per GL line, CtrlBatch and UpdBatch in that order', () => {
    const plan = planGlPosting(usAggregate(), fixtureMapping);
    expect(plan.action).toBe('post');
    expect(plan.key1).toBe('AMZ11774473571');
    expect(plan.calls[0]).toEqual({
      program: 'GLS840MI', transaction: 'AddBatchHead',
      params: { CONO: '100', DIVI: 'AAA', KEY1: 'AMZ11774473571', INTN: 'AMZSETTLE', DESC: 'Amazon 11774473571 20240301-20240315' },
    });
    const kinds = plan.calls.map((c) => c.transaction);
    expect(kinds.filter((k) => k === 'AddBatchLine')).toHaveLength(usAggregate().lines.length);
    expect(kinds.slice(-2)).toEqual(['CtrlBatch', 'UpdBatch']);
    expect(plan.calls.at(-1)).toEqual({ program: 'GLS840MI', transaction: 'UpdBatch', params: { CONO: '100', DIVI: 'AAA', KEY1: 'AMZ11774473571' } });
  });

  it('lays the PARM out at the template positions, dated with the deposit date', () => {
    const plan = planGlPosting(usAggregate(), fixtureMapping);
    const clearing = plan.calls.filter((c) => c.transaction === 'AddBatchLine').at(-1);
    const parm = clearing?.params.PARM ?? '';
    expect(parm.slice(0, 2)).toBe('I1');
    expect(parm.slice(2, 12)).toBe('1950      ');
    expect(parm.slice(72, 75)).toBe('USD');
    expect(parm.slice(75, 92)).toBe('           991.66');
    expect(parm.slice(92, 100)).toBe('20240317');
    expect(parm.slice(100)).toBe('Amazon deposit 11774473571');
    expect(clearing?.params.LINE).toBe(String(usAggregate().lines.length));
  });

  it('sends field-based lines with AddBatchLineFld when the template is usage type 2', () => {
    const mapping = { ...fixtureMapping, gl: { ...fixtureMapping.gl, lineMode: 'field' as const, sign: 'dbcr' as const } };
    const plan = planGlPosting(usAggregate(), mapping);
    const sub = plan.calls.find((c) => c.transaction === 'AddBatchLineFld' && c.params.AIT1 === '6130');
    expect(sub?.params).toEqual({
      DIVI: 'AAA', KEY1: 'AMZ11774473571', LINE: expect.any(String), INRI: 'I1', AIT1: '6130', AIT3: 'AMAZON',
      CUCD: 'USD', CUAM: '39.99', ACDT: '20240317', VTXT: 'ServiceFee/other-transaction/Subscriptio', DBCR: 'D',
    });
  });

  it('plans no calls for a parked aggregate', () => {
    const text = fixture('us-settlement-v2.tsv').replace('\t991.66\t', '\t1000.00\t');
    const plan = planGlPosting(aggregateSettlement(parseSettlementReport(text), fixtureMapping), fixtureMapping);
    expect(plan).toMatchObject({ action: 'park', reason: 'SETTLEMENT_TOTAL_MISMATCH', calls: [] });
  });

  it('leaves the batch for review when autoUpdate is off', () => {
    const mapping = { ...fixtureMapping, gl: { ...fixtureMapping.gl, autoUpdate: false } };
    expect(planGlPosting(usAggregate(), mapping).calls.at(-1)?.transaction).toBe('CtrlBatch');
  });

  it('derives the same 15-character batch key for the same settlement every time', () => {
    expect(batchKeyForSettlement('11774473571')).toBe('AMZ11774473571');
    expect(batchKeyForSettlement('123456789012345')).toBe('123456789012345');
    expect(batchKeyForSettlement('12345678901234567890').length).toBeLessThanOrEqual(15);
  });

  it('uses the decimal comma in PARM amounts when the template expects it', () => {
    const mapping = SettlementMappingSchema.parse({ ...fixtureMapping, gl: { ...fixtureMapping.gl, parmDecimalSeparator: ',' } });
    const plan = planGlPosting(usAggregate(), mapping);
    expect(plan.calls.filter((c) => c.transaction === 'AddBatchLine').at(-1)?.params.PARM.slice(75, 92)).toBe('           991,66');
  });
});

describe('buildParm', () => {
  it('refuses an account longer than its positions instead of cutting it', () => {
    expect(() => buildParm([{ name: 'AIT1', start: 1, length: 4 }], { AIT1: '123456' })).toThrow(PermanentError);
  });

  it('truncates only the voucher text', () => {
    expect(buildParm([{ name: 'VTXT', start: 1, length: 5 }, { name: 'CONST', start: 7, length: 2, value: 'XY' }], { VTXT: 'Gebühren' })).toBe('Gebüh XY');
  });
});
