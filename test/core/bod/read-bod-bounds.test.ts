/**
 * The BOD reader's bounds and door checks: element, nesting and document caps (refused while parsing, with memory far
 * below the input's tenfold), BODID shape, real UTC offsets only, foreign-namespace attributes ignored, and messages
 * that never repeat the value they refuse.
 */
import { BodError, isShipmentBod, readBod } from '../../../core/bod';

const NS = 'http://schema.infor.com/InforOAGIS/2';
const HEADER = '<ShipmentHeader><DocumentID><ID variationID="2">D1</ID></DocumentID></ShipmentHeader>';
const LINE = '<ShipmentItem><ItemID><ID>IT1</ID></ItemID><ShippedQuantity unitCode="EA">1</ShippedQuantity><SalesOrderReference><DocumentID><ID>1000000001</ID></DocumentID><LineNumber>1</LineNumber></SalesOrderReference></ShipmentItem>';

function bod(inner: string, opts: { bodId?: string; created?: string; rootAttrs?: string } = {}): string {
  return `<?xml version="1.0"?><SyncShipment xmlns="${NS}" releaseID="9.2"${opts.rootAttrs ?? ''}>`
    + `<ApplicationArea><CreationDateTime>${opts.created ?? '2025-10-02T14:05:11Z'}</CreationDateTime><BODID>${opts.bodId ?? 'bod-1'}</BODID></ApplicationArea>`
    + `<DataArea><Sync><AccountingEntityID>300_001</AccountingEntityID></Sync>${inner}</DataArea></SyncShipment>`;
}

function refusal(run: () => unknown): BodError {
  try { run(); } catch (error) { if (error instanceof BodError) return error; throw error; }
  throw new Error('expected a BodError');
}

describe('readBod bounds', () => {
  it('refuses a document with more elements than maxElements while parsing', () => {
    const error = refusal(() => readBod(bod(`<Shipment>${HEADER}${'<x/>'.repeat(200)}${LINE}</Shipment>`), { maxElements: 100 }));
    expect(error.code).toBe('TOO_MANY_ELEMENTS');
    expect(error.message).toMatch(/more than 100 elements/);
  });

  it('reads a document at the element cap', () => {
    const xml = bod(`<Shipment>${HEADER}${LINE}</Shipment>`);
    const elements = (xml.match(/<[A-Za-z]/g) ?? []).length;
    expect(() => readBod(xml, { maxElements: elements })).not.toThrow();
    expect(refusal(() => readBod(xml, { maxElements: elements - 1 })).code).toBe('TOO_MANY_ELEMENTS');
  });

  it('refuses nesting deeper than maxDepth', () => {
    expect(refusal(() => readBod(bod(`<Shipment>${HEADER}${LINE}${'<a>'.repeat(30)}${'</a>'.repeat(30)}</Shipment>`), { maxDepth: 20 })).code).toBe('TOO_DEEP');
  });

  it('refuses more noun documents per BOD than maxDocuments, naming the noun and the cap', () => {
    const three = `<Shipment>${HEADER}${LINE}</Shipment>`.repeat(3);
    expect(readBod(bod(three), { maxDocuments: 3 }).envelope.noun).toBe('Shipment');
    const error = refusal(() => readBod(bod(three), { maxDocuments: 2 }));
    expect(error.code).toBe('TOO_MANY_DOCUMENTS');
    expect(error.message).toMatch(/3 Shipment documents, more than 2/);
  });

  it('keeps memory within ten times the input on 10 MB of empty elements (refused by the element cap)', () => {
    const size = 10 * 1024 * 1024;
    const xml = Buffer.from(bod(`<Shipment>${'<a/>'.repeat(Math.floor((size - 400) / 4))}</Shipment>`));
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 1);
    const error = refusal(() => readBod(xml));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    expect(error.code).toBe('TOO_MANY_ELEMENTS');
    expect(peak - before).toBeLessThan(10 * xml.length);
  });
});

describe('readBod door checks', () => {
  it.each([
    ['longer than 128 characters', 'b'.repeat(129)],
    ['with a space', 'bod 1'],
    ['with a control character', 'bod&#x7;1'],
    ['with a non-ASCII character', 'bod-é'],
  ])('refuses a BODID %s, naming the field and not the value', (_label, bodId) => {
    const error = refusal(() => readBod(bod(`<Shipment>${HEADER}${LINE}</Shipment>`, { bodId })));
    expect(error.code).toMatch(/INVALID_VALUE|NOT_WELL_FORMED/);
    if (error.code === 'INVALID_VALUE') {
      expect(error.message).toMatch(/BODID must be 1 to 128 printable ASCII/);
      expect(error.message).not.toContain(bodId);
    }
  });

  it('accepts an ION BODID with colons, ? and & (escaped in XML) up to 128 characters', () => {
    const bodId = 'infor-nid:infor:100:AAA:0000012345:?Shipment&amp;verb=Sync';
    expect(readBod(bod(`<Shipment>${HEADER}${LINE}</Shipment>`, { bodId })).envelope.bodId).toBe('infor-nid:infor:100:AAA:0000012345:?Shipment&verb=Sync');
    expect(readBod(bod(`<Shipment>${HEADER}${LINE}</Shipment>`, { bodId: 'x'.repeat(128) })).envelope.bodId).toHaveLength(128);
  });

  it.each(['-99:99', '+15:00', '-14:01', '+02:60', '+9999'])('refuses a CreationDateTime with the offset %s at the door', (offset) => {
    const error = refusal(() => readBod(bod(`<Shipment>${HEADER}${LINE}</Shipment>`, { created: `2025-10-02T14:05:11${offset}` })));
    expect(error.code).toBe('INVALID_VALUE');
    expect(error.path).toMatch(/CreationDateTime$/);
    expect(error.message).not.toContain(offset);
  });

  it.each([['+14:00', '2025-10-02T00:05:11.000Z'], ['-12:00', '2025-10-03T02:05:11.000Z'], ['+05:45', '2025-10-02T08:20:11.000Z']])('accepts the real offset %s', (offset, utc) => {
    expect(readBod(bod(`<Shipment>${HEADER}${LINE}</Shipment>`, { created: `2025-10-02T14:05:11${offset}` })).envelope.createdAt).toBe(utc);
  });

  it('ignores an attribute in a foreign namespace: z:variationID neither overrides nor stands in for variationID', () => {
    const withBoth = HEADER.replace('<ID variationID="2">', '<ID xmlns:z="urn:not-infor" z:variationID="99" variationID="2">');
    const read = readBod(bod(`<Shipment>${withBoth}${LINE}</Shipment>`));
    if (!isShipmentBod(read)) throw new Error('expected a shipment');
    expect(read.document.variationId).toBe(2);
    const foreignFirst = HEADER.replace('<ID variationID="2">', '<ID xmlns:z="urn:not-infor" z:variationID="99">');
    const only = readBod(bod(`<Shipment>${foreignFirst}${LINE}</Shipment>`));
    if (!isShipmentBod(only)) throw new Error('expected a shipment');
    expect(only.document.variationId).not.toBe(99);
  });

  it('reads an attribute qualified with the BOD namespace itself', () => {
    const qualified = HEADER.replace('<ID variationID="2">', '<ID xmlns:i="http://schema.infor.com/InforOAGIS/2" i:variationID="3">');
    const read = readBod(bod(`<Shipment>${qualified}${LINE}</Shipment>`));
    if (!isShipmentBod(read)) throw new Error('expected a shipment');
    expect(read.document.variationId).toBe(3);
  });

  it('never repeats a refused quantity in the message', () => {
    const error = refusal(() => readBod(bod(`<Shipment>${HEADER}${LINE.replace('>1</ShippedQuantity>', '>12abc-SECRET</ShippedQuantity>')}</Shipment>`)));
    expect(error.code).toBe('INVALID_VALUE');
    expect(error.message).not.toContain('SECRET');
  });
});
