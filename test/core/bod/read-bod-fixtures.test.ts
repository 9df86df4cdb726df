/** Every realistic BOD under test/fixtures/bods reads to exactly the canonical JSON written next to it. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CanonicalBodSchema, readBod } from '../../../core/bod';

const DIR = path.resolve(__dirname, '../../fixtures/bods');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort();

describe('readBod on realistic BODs', () => {
  it('has the fixture set the contract needs', () => {
    expect(fixtures).toEqual(expect.arrayContaining([
      'sync-shipment-default-ns.xml', 'sync-shipment-prefixed.xml', 'sync-shipment-multi-order-partial.xml',
      'sync-shipment-unicode-cdata.xml', 'sync-shipment-utf16le.xml', 'sync-shipment-utf16be.xml',
      'sync-shipment-header-tracking.xml', 'sync-item-master.xml', 'sync-inventory-count.xml',
      'sync-inventory-balance.xml', 'sync-inventory.xml',
    ]));
  });

  it.each(fixtures)('reads %s to its expected canonical JSON', (file) => {
    const expected: unknown = JSON.parse(readFileSync(path.join(DIR, file.replace(/\.xml$/, '.expected.json')), 'utf8'));
    const bod = readBod(readFileSync(path.join(DIR, file)));
    expect(JSON.parse(JSON.stringify(bod))).toEqual(expected);
    expect(CanonicalBodSchema.safeParse(bod).success).toBe(true);
  });

  it.each(fixtures.filter((f) => !f.includes('utf16')))('reads %s the same from a string as from bytes', (file) => {
    const bytes = readFileSync(path.join(DIR, file));
    expect(readBod(bytes.toString('utf8'))).toEqual(readBod(bytes));
  });
});
