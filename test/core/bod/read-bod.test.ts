/** readBod behaviour beyond the fixtures: namespaces, verbs, fallbacks, several nouns, limits, dates. */
import { BodError, isInventoryBod, isItemMasterBod, isShipmentBod, readBod, type CanonicalBod } from '../../../core/bod';

const NS = 'http://schema.infor.com/InforOAGIS/2';

function shipmentBod(inner: string, opts: { root?: string; verbArea?: string; attrs?: string } = {}): string {
  const root = opts.root ?? 'SyncShipment';
  return `<?xml version="1.0"?>
<${root} xmlns="${NS}" releaseID="9.2"${opts.attrs ?? ''}>
  <ApplicationArea><CreationDateTime>2025-10-02T14:05:11Z</CreationDateTime><BODID>bod-1</BODID></ApplicationArea>
  <DataArea>${opts.verbArea ?? '<Sync><AccountingEntityID>300_001</AccountingEntityID><LocationID>FR1</LocationID></Sync>'}${inner}</DataArea>
</${root}>`;
}

const HEADER = '<ShipmentHeader><DocumentID><ID variationID="2">D1</ID></DocumentID></ShipmentHeader>';
const LINE = '<ShipmentItem><ItemID><ID>IT1</ID></ItemID><ShippedQuantity unitCode="EA">1</ShippedQuantity><PurchaseOrderReference><DocumentID><ID>111-2222222-3333333</ID></DocumentID></PurchaseOrderReference><SalesOrderReference><DocumentID><ID>1000000001</ID></DocumentID><LineNumber>1</LineNumber></SalesOrderReference></ShipmentItem>';

function shipment(bod: CanonicalBod) {
  if (!isShipmentBod(bod)) throw new Error(`expected a shipment, got ${bod.envelope.noun}`);
  return bod.document;
}

function refusal(run: () => unknown): BodError {
  try { run(); } catch (error) { if (error instanceof BodError) return error; throw error; }
  throw new Error('expected a BodError');
}

describe('readBod', () => {
  it('reads the customer order reference from PurchaseOrderReference and never from SalesOrderReference', () => {
    const doc = shipment(readBod(shipmentBod(`<Shipment>${HEADER}${LINE}</Shipment>`)));
    expect(doc.lines[0]).toMatchObject({ orderNumber: '1000000001', orderLine: '1', customerOrderRef: '111-2222222-3333333' });
    expect(doc.orderRefs).toEqual(['111-2222222-3333333']);
  });

  it('leaves the customer order reference empty when only the M3 order is known', () => {
    const line = LINE.replace(/<PurchaseOrderReference>.*<\/PurchaseOrderReference>/, '');
    const doc = shipment(readBod(shipmentBod(`<Shipment>${HEADER}${line}</Shipment>`)));
    expect(doc.lines[0].customerOrderRef).toBeNull();
    expect(doc.orderRefs).toEqual([]);
  });

  it('takes order references from the header DocumentReference too', () => {
    const header = HEADER.replace('</ShipmentHeader>', '<DocumentReference><PurchaseOrderReference><DocumentID><ID>999-0000000-0000001</ID></DocumentID></PurchaseOrderReference></DocumentReference></ShipmentHeader>');
    expect(shipment(readBod(shipmentBod(`<Shipment>${header}${LINE}</Shipment>`))).orderRefs).toEqual(['111-2222222-3333333', '999-0000000-0000001']);
  });

  it('matches elements by namespace, not by prefix: a foreign element with a BOD name is ignored', () => {
    const xml = shipmentBod(`<Shipment xmlns:v="urn:vendor">${HEADER.replace('<DocumentID>', '<v:DocumentID><v:ID>WRONG</v:ID></v:DocumentID><DocumentID>')}${LINE}</Shipment>`);
    expect(shipment(readBod(xml)).id).toBe('D1');
  });

  it('accepts a BOD whose default namespace is redeclared on an inner element under another prefix', () => {
    const xml = shipmentBod(`<b:Shipment xmlns:b="${NS}">${HEADER}</b:Shipment>`);
    expect(shipment(readBod(xml)).id).toBe('D1');
  });

  it('reads Show like Sync (M3 answers a Get with the same noun)', () => {
    const bod = readBod(shipmentBod(`<Shipment>${HEADER}</Shipment>`, { root: 'ShowShipment', verbArea: '<Show><AccountingEntityID>300_001</AccountingEntityID></Show>' }));
    expect(bod.envelope).toMatchObject({ verb: 'Show', noun: 'Shipment', accountingEntity: '300_001', actionCode: null });
  });

  it('reads a Delete that carries only the shipment id', () => {
    const bod = readBod(shipmentBod(`<Shipment>${HEADER}</Shipment>`, { verbArea: '<Sync><ActionCriteria><ActionExpression actionCode="Delete"/></ActionCriteria></Sync>' }));
    expect(bod.envelope.actionCode).toBe('Delete');
    expect(shipment(bod)).toMatchObject({ id: 'D1', variationId: 2, lines: [], packages: [], shippedAt: null, carrier: { code: null, name: null, service: null } });
  });

  it('lists every noun instance when a DataArea carries several shipments', () => {
    const second = HEADER.replace('D1', 'D2');
    const bod = readBod(shipmentBod(`<Shipment>${HEADER}</Shipment><Shipment>${second}</Shipment>`));
    if (!isShipmentBod(bod)) throw new Error('not a shipment');
    expect(bod.document.id).toBe('D1');
    expect(bod.documents?.map((d) => d.id)).toEqual(['D1', 'D2']);
  });

  it('keeps the usual single-noun output free of a documents list', () => {
    expect(readBod(shipmentBod(`<Shipment>${HEADER}</Shipment>`))).not.toHaveProperty('documents');
  });

  it('names the indexed path of the faulty line among several', () => {
    const bad = LINE.replace('>1</ShippedQuantity>', '>lots</ShippedQuantity>');
    const error = refusal(() => readBod(shipmentBod(`<Shipment>${HEADER}${LINE}${bad}</Shipment>`)));
    expect(error.code).toBe('INVALID_VALUE');
    expect(error.path).toBe('SyncShipment/DataArea/Shipment/ShipmentItem[2]/ShippedQuantity');
  });

  it('normalises date-times to UTC ISO-8601, reading a missing offset as UTC', () => {
    const header = HEADER.replace('</ShipmentHeader>', '<ActualShipDateTime>2025-10-02T23:30:00-02:00</ActualShipDateTime></ShipmentHeader>');
    const bod = readBod(shipmentBod(`<Shipment>${header}</Shipment>`).replace('2025-10-02T14:05:11Z', '2025-10-02T14:05:11.1234567'));
    expect(bod.envelope.createdAt).toBe('2025-10-02T14:05:11.123Z');
    expect(shipment(bod).shippedAt).toBe('2025-10-03T01:30:00.000Z');
  });

  it('takes the variation from the VariationID element when the attribute is absent', () => {
    const header = '<ShipmentHeader><DocumentID><ID>D1</ID><VariationID>9</VariationID></DocumentID></ShipmentHeader>';
    expect(shipment(readBod(shipmentBod(`<Shipment>${header}</Shipment>`))).variationId).toBe(9);
  });

  it('falls back to the verb area LocationID for the warehouse', () => {
    expect(shipment(readBod(shipmentBod(`<Shipment>${HEADER}</Shipment>`))).warehouse).toBe('FR1');
  });

  it('gives one header tracking number to the single package and its lines', () => {
    const header = HEADER.replace('</ShipmentHeader>', '<TrackingID>TRK1</TrackingID></ShipmentHeader>');
    const doc = shipment(readBod(shipmentBod(`<Shipment>${header}${LINE}<ShipmentUnit><ContainerID>P1</ContainerID></ShipmentUnit></Shipment>`)));
    expect(doc.packages).toEqual([{ id: 'P1', trackingNumber: 'TRK1', lines: doc.lines }]);
  });

  it('decodes character references and keeps CDATA text verbatim', () => {
    const header = HEADER.replace('</ShipmentHeader>', '<CarrierParty><Name>A&#x26;B <![CDATA[<&>]]> &#169;</Name></CarrierParty></ShipmentHeader>');
    expect(shipment(readBod(shipmentBod(`<Shipment>${header}</Shipment>`))).carrier.name).toBe('A&B <&> ©');
  });

  it('accepts a BOD without any namespace', () => {
    const xml = shipmentBod(`<Shipment>${HEADER}</Shipment>`).replace(` xmlns="${NS}"`, '');
    expect(shipment(readBod(xml)).id).toBe('D1');
  });

  it('honours an ISO-8859-1 declaration', () => {
    const xml = shipmentBod(`<Shipment>${HEADER.replace('D1', 'Café')}</Shipment>`).replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>');
    expect(shipment(readBod(Buffer.from(xml, 'latin1'))).id).toBe('Café');
  });

  it('reads UTF-16 without a byte order mark', () => {
    const xml = shipmentBod(`<Shipment>${HEADER}</Shipment>`).replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>');
    expect(shipment(readBod(Buffer.from(xml, 'utf16le'))).id).toBe('D1');
  });

  it('is a permanent error that survives JSON with its code and path', () => {
    const error = refusal(() => readBod(shipmentBod('<Shipment><ShipmentHeader/></Shipment>')));
    expect(error.toJSON()).toMatchObject({ kind: 'permanent', code: 'MISSING_ELEMENT', details: { path: 'SyncShipment/DataArea/Shipment/ShipmentHeader/DocumentID/ID' } });
  });

  it('reads an item master with defaults when optional parts are absent', () => {
    const xml = `<SyncItemMaster xmlns="${NS}" releaseID="9.2" languageCode="DE"><ApplicationArea><CreationDateTime>2025-10-01</CreationDateTime><BODID>b</BODID></ApplicationArea><DataArea><Sync/><ItemMaster><ItemMasterHeader><ItemID><ID>X1</ID></ItemID><Description>Becher</Description></ItemMasterHeader></ItemMaster></DataArea></SyncItemMaster>`;
    const bod = readBod(xml);
    if (!isItemMasterBod(bod)) throw new Error('not an item');
    expect(bod.envelope.createdAt).toBe('2025-10-01T00:00:00.000Z');
    expect(bod.document).toEqual({ id: 'X1', variationId: null, itemNumber: 'X1', descriptions: { DE: 'Becher' }, status: null, baseUnit: null, gtin: null, weight: null, dimensions: null, attributes: {} });
  });

  it('uses the available quantity for an inventory line and reports on-hand and allocated beside it', () => {
    const xml = `<SyncInventoryBalance xmlns="${NS}" releaseID="9.2"><ApplicationArea><CreationDateTime>2025-10-01T00:00:00Z</CreationDateTime><BODID>b</BODID></ApplicationArea><DataArea><Sync/><InventoryBalance><Item><ItemID><ID>X1</ID></ItemID></Item><Quantity unitCode="EA">10</Quantity><Facility><IDs><ID>W1</ID></IDs></Facility><AvailableQuantity unitCode="EA">8</AvailableQuantity><AllocatedQuantity unitCode="EA">2</AllocatedQuantity></InventoryBalance></DataArea></SyncInventoryBalance>`;
    const bod = readBod(xml);
    if (!isInventoryBod(bod)) throw new Error('not inventory');
    expect(bod.document).toEqual({ lines: [{ itemNumber: 'X1', warehouse: 'W1', quantity: 8, unit: 'EA', onHand: 10, allocated: 2, available: 8 }] });
  });

  it('refuses a DTD before anything else is looked at', () => {
    const xml = `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`;
    expect(refusal(() => readBod(xml)).code).toBe('DTD_FORBIDDEN');
  });
});
