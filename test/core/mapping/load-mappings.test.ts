import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadMappings, loadMappingsDir, loadMappingsText, MappingError, resolveCarrier, resolveItemStatically } from '../../../core/mapping';

const repo = path.resolve(__dirname, '../../..');
const defaultText = readFileSync(path.join(repo, 'mappings/default.json'), 'utf8');
const defaultJson = (): Record<string, any> => JSON.parse(defaultText) as Record<string, any>;

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof MappingError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a MappingError');
}

// Every one of Amazon's 23 marketplaces, with the customer the sandbox seeds and the warehouse of its region.
const MARKETPLACES: Record<string, [string, string]> = {
  ATVPDKIKX0DER: ['AMZUS', 'A10'], A2EUQ1WTGCTBG2: ['AMZCA', 'A10'], A1AM78C64UM0Y8: ['AMZMX', 'A10'], A2Q3Y263D00KWC: ['AMZBR', 'A10'],
  A1F83G8C2ARO7P: ['AMZUK', 'E10'], A1PA6795UKMFR9: ['AMZDE', 'E10'], A13V1IB3VIYZZH: ['AMZFR', 'E10'], APJ6JRA9NG5V4: ['AMZIT', 'E10'],
  A1RKKUPIHCS9HS: ['AMZES', 'E10'], A1805IZSGTT6HS: ['AMZNL', 'E10'], A2NODRKZP88ZB9: ['AMZSE', 'E10'], A1C3SOZRARQ6R3: ['AMZPL', 'E10'],
  AMEN7PMS3EDWL: ['AMZBE', 'E10'], A28R8C7NBKEWEA: ['AMZIE', 'E10'], A33AVAJ2PDY3EV: ['AMZTR', 'E10'], A2VIGQ35RCS4UG: ['AMZAE', 'E10'],
  A17E79C6D8DWNP: ['AMZSA', 'E10'], ARBP9OOSHTCHU: ['AMZEG', 'E10'], A21TJRUUN4KGV: ['AMZIN', 'E10'], AE08WJ6YKNBMC: ['AMZZA', 'E10'],
  A1VC38T7YXB528: ['AMZJP', 'F10'], A39IBJ37TRP1C6: ['AMZAU', 'F10'], A19VAU5U5O7RUS: ['AMZSG', 'F10'],
};

describe('default mappings', () => {
  it('map every marketplace to its AMZ customer, order type AMZ, facility A01 and the regional warehouse', () => {
    const mappings = loadMappingsText(defaultText, 'default.json');
    expect(Object.keys(mappings.marketplaces).sort()).toEqual(Object.keys(MARKETPLACES).sort());
    for (const [id, [customer, warehouse]] of Object.entries(MARKETPLACES)) {
      expect(mappings.marketplaces[id]).toMatchObject({ customer, warehouse, orderType: 'AMZ', facility: 'A01' });
    }
    expect(mappings.items).toMatchObject({ strategy: 'identity', alias: { enabled: true } });
    expect(mappings.inventory).toBeDefined();
  });

  it('map common forwarding agents to Amazon carrier codes and anything else to Other with its name', () => {
    const mappings = loadMappingsText(defaultText, 'default.json');
    expect(resolveCarrier(mappings, { code: 'ups' })).toMatchObject({ carrierCode: 'UPS' });
    expect(resolveCarrier(mappings, { code: 'FEDEX', service: 'Ground' })).toEqual({ carrierCode: 'FedEx', carrierName: undefined, shippingMethod: 'Ground' });
    expect(resolveCarrier(mappings, { code: 'ROYALMAIL' }).carrierCode).toBe('Royal Mail');
    expect(resolveCarrier(mappings, { code: 'XYZ01', name: 'Local Courier' })).toMatchObject({ carrierCode: 'Other', carrierName: 'Local Courier' });
  });

  it('ask for an MMS025MI alias lookup before identity', () => {
    const mappings = loadMappingsText(defaultText, 'default.json');
    expect(resolveItemStatically(mappings, 'WIDGET-1')).toMatchObject({ kind: 'needs-alias-lookup', program: 'MMS025MI', params: { ALWT: '2', POPN: 'WIDGET-1' }, identityFallback: 'WIDGET-1' });
    mappings.items.table.X = 'ITEM-X';
    expect(resolveItemStatically(mappings, 'X')).toEqual({ kind: 'table', itemNumber: 'ITEM-X' });
  });
});

describe('loadMappings', () => {
  it('names the JSON path of a value of the wrong type', () => {
    const bad = defaultJson();
    bad.marketplaces.ATVPDKIKX0DER.warehouse = 10;
    expect(problemsOf(() => loadMappings(bad, 'default.json'))).toContain('marketplaces.ATVPDKIKX0DER.warehouse: expected string, got number');
    expect(() => loadMappings(bad, 'default.json')).toThrow(/^default\.json: marketplaces\.ATVPDKIKX0DER\.warehouse: expected string/);
  });

  it('names too-long M3 codes, unknown keys, bad enum values and missing sections', () => {
    const bad = defaultJson();
    bad.marketplaces.A1PA6795UKMFR9.customer = 'AMZDE-TOO-LONG';
    bad.marketplaces.A1PA6795UKMFR9.wharehouse = 'E10';
    bad.charges.shipping = { mode: 'freight', chargeId: 'FRT' };
    bad.statusActions.pending = 'later';
    const problems = problemsOf(() => loadMappings(bad, 'm.json'));
    expect(problems).toEqual(expect.arrayContaining([
      'marketplaces.A1PA6795UKMFR9.customer: at most 10 characters',
      'marketplaces.A1PA6795UKMFR9: unknown key "wharehouse"',
      expect.stringMatching(/^charges\.shipping\.mode: expected one of/),
      expect.stringMatching(/^statusActions\.pending: expected one of/),
    ]));
    expect(problemsOf(() => loadMappings({}, 'empty.json'))).toEqual(['marketplaces: required object']);
  });

  it('rejects hostile JSON: invalid text, __proto__, wrong root types and huge arrays', () => {
    expect(problemsOf(() => loadMappingsText('{"marketplaces": ', 'x.json'))[0]).toMatch(/^invalid JSON/);
    expect(problemsOf(() => loadMappingsText('{"__proto__": {"polluted": 1}, "marketplaces": {}}', 'x.json'))).toEqual(['forbidden key "__proto__"']);
    expect(problemsOf(() => loadMappings([], 'x.json'))).toEqual(['(root): expected object, got array']);
    expect(problemsOf(() => loadMappings(null, 'x.json'))).toEqual(['(root): expected object, got null']);
    const huge = defaultJson();
    huge.customFields = Array.from({ length: 10_000 }, () => ({ attribute: 'isPrime', field: 'A030' }));
    expect(problemsOf(() => loadMappings(huge, 'x.json'))).toEqual(['customFields: at most 100 entries']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('loadMappingsDir', () => {
  it('merges override files over default.json and names the file that holds a bad value', () => {
    const files = [
      { name: 'zz-seller.json', text: JSON.stringify({ items: { table: { 'LONG-SKU-OVER-FIFTEEN': 'ITEM1' } }, marketplaces: { ATVPDKIKX0DER: { warehouse: 'A20' } } }) },
      { name: 'default.json', text: defaultText },
      { name: 'README.md', text: '# not json' },
    ];
    const mappings = loadMappingsDir(files);
    expect(mappings.marketplaces.ATVPDKIKX0DER).toMatchObject({ warehouse: 'A20', customer: 'AMZUS' });
    expect(mappings.items.table['LONG-SKU-OVER-FIFTEEN']).toBe('ITEM1');
    files[0].text = JSON.stringify({ marketplaces: { ATVPDKIKX0DER: { warehouse: 7 } } });
    expect(() => loadMappingsDir(files)).toThrow(/^zz-seller\.json: marketplaces\.ATVPDKIKX0DER\.warehouse: expected string/);
    expect(() => loadMappingsDir([])).toThrow(MappingError);
  });
});
