/**
 * Sync.Shipment → canonical shipment (ARCHITECTURE §3.3). Paths follow OAGIS 9.2 as Infor uses it
 * (research/bods/STRUCTURE.md §1): order lines in ShipmentItem, packages and their tracking in ShipmentUnit.
 */
import { z } from 'zod';
import { BodNode, missing } from './bod-node';
import { parseDateTime, parseQuantity } from './bod-values';
import { readVariation } from './bod-variation';

export const ShipmentLineSchema = z.object({
  itemNumber: z.string(),
  quantity: z.number().nonnegative(),
  unit: z.string().nullable(),
  /** The M3 customer order (ORNO) and line (PONR) from SalesOrderReference. */
  orderNumber: z.string().nullable(),
  orderLine: z.string().nullable(),
  /** The buyer's order number (M3 CUOR; the Amazon order id) from PurchaseOrderReference — never the M3 order number. */
  customerOrderRef: z.string().nullable(),
});

export const ShipmentPackageSchema = z.object({
  id: z.string(),
  trackingNumber: z.string().nullable(),
  lines: z.array(ShipmentLineSchema),
});

export const ShipmentDocumentSchema = z.object({
  id: z.string(),
  variationId: z.number().int().nonnegative().nullable(),
  shippedAt: z.string().datetime().nullable(),
  warehouse: z.string().nullable(),
  carrier: z.object({ code: z.string().nullable(), name: z.string().nullable(), service: z.string().nullable() }),
  orderRefs: z.array(z.string()),
  packages: z.array(ShipmentPackageSchema),
  lines: z.array(ShipmentLineSchema),
});

export type ShipmentLine = z.infer<typeof ShipmentLineSchema>;
export type ShipmentPackage = z.infer<typeof ShipmentPackageSchema>;
export type ShipmentDocument = z.infer<typeof ShipmentDocumentSchema>;

/** ShipmentItem and ShipmentUnitItem share the ItemInstance shape. */
function readLine(node: BodNode): ShipmentLine {
  const itemNumber = node.textOf('ItemID', 'ID');
  if (itemNumber === null) throw missing(`${node.path}/ItemID/ID`);
  const quantityNode = node.child('ShippedQuantity') ?? node.child('Quantity');
  const quantityText = quantityNode?.text();
  if (quantityNode === undefined || !quantityText) throw missing(`${node.path}/ShippedQuantity`);
  return {
    itemNumber,
    quantity: parseQuantity(quantityText, quantityNode.path),
    unit: quantityNode.attr('unitCode')?.trim() || null,
    orderNumber: node.textOf('SalesOrderReference', 'DocumentID', 'ID'),
    orderLine: node.textOf('SalesOrderReference', 'LineNumber'),
    customerOrderRef: node.textOf('PurchaseOrderReference', 'DocumentID', 'ID'),
  };
}

/** A package line often omits the order references its order line carries: borrow them from the matching ShipmentItem. */
function completeFromOrderLines(line: ShipmentLine, orderLines: ShipmentLine[]): ShipmentLine {
  if (line.customerOrderRef !== null && line.orderNumber !== null) return line;
  const sameOrderLine = line.orderNumber !== null && line.orderLine !== null
    ? orderLines.filter((l) => l.orderNumber === line.orderNumber && l.orderLine === line.orderLine)
    : [];
  const candidates = sameOrderLine.length > 0
    ? sameOrderLine
    : orderLines.filter((l) => l.itemNumber === line.itemNumber && (line.orderNumber === null || l.orderNumber === line.orderNumber));
  const agree = <K extends 'orderNumber' | 'orderLine' | 'customerOrderRef'>(key: K): string | null => {
    const values = new Set(candidates.map((l) => l[key]));
    return values.size === 1 ? [...values][0] : null;
  };
  return {
    ...line,
    orderNumber: line.orderNumber ?? agree('orderNumber'),
    orderLine: line.orderLine ?? agree('orderLine'),
    customerOrderRef: line.customerOrderRef ?? agree('customerOrderRef'),
  };
}

function texts(nodes: BodNode[]): string[] {
  return nodes.map((n) => n.text()).filter((t) => t !== '');
}

export function readShipment(shipment: BodNode, fallbackWarehouse: string | null): ShipmentDocument {
  const header = shipment.child('ShipmentHeader');
  const id = header?.textOf('DocumentID', 'ID') ?? null;
  if (header === undefined || id === null) throw missing(`${shipment.path}/ShipmentHeader/DocumentID/ID`);
  const units = shipment.children('ShipmentUnit');
  const lines = shipment.children('ShipmentItem').map(readLine);

  // Ship date: ActualShipDateTime, else the first package's ShipmentDateTime, else the document date (STRUCTURE.md §1.6).
  const dateNode = header.child('ActualShipDateTime') ?? units.map((u) => u.child('ShipmentDateTime')).find((n) => n !== undefined) ?? header.child('DocumentDateTime');
  const dateText = dateNode?.text();
  const shippedAt = dateNode && dateText ? parseDateTime(dateText, dateNode.path) : null;

  const carrierParty = header.child('CarrierParty') ?? units.map((u) => u.child('CarrierParty')).find((n) => n !== undefined);
  const carrier = {
    code: carrierParty?.textOf('PartyIDs', 'ID') ?? null,
    name: carrierParty?.textOf('Name') ?? null,
    service: header.textOf('TransportationMethodCode'),
  };

  const headerTracking = texts(header.children('TrackingID'));
  let packages: ShipmentPackage[];
  if (units.length > 0) {
    packages = units.map((unit, i) => {
      const own = texts(unit.children('TrackingID'))[0];
      // A header TrackingID stands for the packages only when it can be matched: one per unit, or one for all.
      const fromHeader = headerTracking.length === units.length ? headerTracking[i] : headerTracking.length === 1 ? headerTracking[0] : undefined;
      const contents = unit.children('ShipmentUnitItem').map((item) => completeFromOrderLines(readLine(item), lines));
      return {
        id: unit.textOf('ContainerID') ?? `${id}-${unit.textOf('ShipUnitSequenceID') ?? i + 1}`,
        trackingNumber: own ?? fromHeader ?? null,
        lines: contents.length > 0 || units.length > 1 ? contents : lines,
      };
    });
  } else {
    // Header-level tracking only: M3 gives no split of the lines over parcels, so the first parcel carries them all.
    packages = headerTracking.map((trackingNumber, i) => ({
      id: headerTracking.length === 1 ? id : `${id}-${i + 1}`,
      trackingNumber,
      lines: i === 0 ? lines : [],
    }));
  }

  const headerRefs = [
    ...header.children('PurchaseOrderReference'),
    ...header.children('DocumentReference').flatMap((d) => d.children('PurchaseOrderReference')),
  ].map((r) => r.textOf('DocumentID', 'ID'));
  const orderRefs = [...new Set([
    ...lines.map((l) => l.customerOrderRef),
    ...packages.flatMap((p) => p.lines.map((l) => l.customerOrderRef)),
    ...headerRefs,
  ].filter((r): r is string => r !== null))];

  return {
    id,
    variationId: readVariation(header.child('DocumentID')),
    shippedAt,
    warehouse: header.textOf('WarehouseLocation', 'ID') ?? fallbackWarehouse,
    carrier,
    orderRefs,
    packages,
    lines,
  };
}
