/** The annotated templates in bod-templates/ are BODs the reader accepts, with every commented path filled in. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isInventoryBod, isItemMasterBod, isSalesOrderBod, isShipmentBod, readBod } from '../../../core/bod';

const DIR = path.resolve(__dirname, '../../../bod-templates');
const templates = readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort();

describe('bod-templates', () => {
  it('has the shipment, item master, inventory and sales order templates', () => {
    expect(templates).toEqual(['sync-inventory-balance.xml', 'sync-inventory-count.xml', 'sync-item-master.xml', 'sync-sales-order.xml', 'sync-shipment.xml']);
  });

  it('reads the sales order template: the M3 order, its Amazon order id, and which line M3 canceled', () => {
    const bod = readBod(readFileSync(path.join(DIR, 'sync-sales-order.xml')));
    if (!isSalesOrderBod(bod)) throw new Error('not a sales order');
    expect(bod.document).toMatchObject({ id: '1000012345', variationId: 3, customerOrderRef: '113-1234567-1234567', canceled: false });
    expect(bod.document.lines.map((l) => [l.lineNumber, l.canceled])).toEqual([['1', false], ['2', true]]);
    const deleted = readBod(readFileSync(path.join(DIR, 'sync-sales-order.xml'), 'utf8').replace('actionCode="Replace"', 'actionCode="Delete"'));
    if (!isSalesOrderBod(deleted)) throw new Error('not a sales order');
    expect(deleted.document.canceled).toBe(true);
  });

  it.each(templates)('%s parses with readBod', (file) => {
    expect(() => readBod(readFileSync(path.join(DIR, file)))).not.toThrow();
  });

  it('fills every field the shipment confirmation uses', () => {
    const bod = readBod(readFileSync(path.join(DIR, 'sync-shipment.xml')));
    if (!isShipmentBod(bod)) throw new Error('not a shipment');
    const doc = bod.document;
    expect(doc.carrier).toEqual({ code: 'CARRIER01', name: 'Example Parcel Services', service: 'STD' });
    expect(doc.orderRefs).toEqual(['111-2222222-3333333']);
    expect(doc.packages[0]).toMatchObject({ id: 'PACKAGE-0001', trackingNumber: 'TRACK-PACKAGE-0001' });
    expect(doc.packages[0].lines[0]).toEqual(doc.lines[0]);
    expect(doc.lines[0]).toEqual({ itemNumber: 'ITEM-0001', quantity: 2, unit: 'EA', orderNumber: '1000004711', orderLine: '1', customerOrderRef: '111-2222222-3333333' });
  });

  it('fills every item field the listing uses', () => {
    const bod = readBod(readFileSync(path.join(DIR, 'sync-item-master.xml')));
    if (!isItemMasterBod(bod)) throw new Error('not an item');
    for (const value of Object.values(bod.document)) expect(value).not.toBeNull();
  });

  it('reads inventory lines from both inventory templates', () => {
    for (const file of ['sync-inventory-count.xml', 'sync-inventory-balance.xml']) {
      const bod = readBod(readFileSync(path.join(DIR, file)));
      if (!isInventoryBod(bod)) throw new Error('not inventory');
      expect(bod.document.lines[0]).toMatchObject({ itemNumber: 'ITEM-0001', warehouse: 'FR1', unit: 'EA' });
    }
  });
});
