/**
 * Sync.Shipment → canonical shipment (docs/contracts.md, Canonical BOD JSON). Paths follow OAGIS 9.2 as Infor uses it
 * (docs/m3-facts.md, BOD structure per noun): order lines in ShipmentItem, packages and their tracking in ShipmentUnit.
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

type OrderFields = Pick<ShipmentLine, 'orderNumber' | 'orderLine' | 'customerOrderRef'>;

function groupBy(lines: ShipmentLine[], key: (line: ShipmentLine) => string | null): Map<string, ShipmentLine[]> {
  const groups = new Map<string, ShipmentLine[]>();
  for (const line of lines) {
    const k = key(line);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(line);
    else groups.set(k, [line]);
  }
  return groups;
}

/**
 * A package line often omits the order references its order line carries: they are borrowed from the matching
 * ShipmentItem (same M3 order line, else same item within the same order, else same item) when all candidates agree.
 * Candidates come from indexes and each group's agreement is computed once, so thousands of lines stay linear.
 */
function orderLineMatcher(orderLines: ShipmentLine[]): (line: ShipmentLine) => ShipmentLine {
  const key = (...parts: (string | null)[]) => JSON.stringify(parts);
  const byOrderLine = groupBy(orderLines, (l) => (l.orderNumber !== null && l.orderLine !== null ? key(l.orderNumber, l.orderLine) : null));
  const byItemInOrder = groupBy(orderLines, (l) => key(l.itemNumber, l.orderNumber));
  const byItem = groupBy(orderLines, (l) => l.itemNumber);
  const agreements = new Map<ShipmentLine[], OrderFields>();
  const agreed = (candidates: ShipmentLine[]): OrderFields => {
    let fields = agreements.get(candidates);
    if (fields === undefined) {
      const one = <K extends keyof OrderFields>(k: K): string | null => {
        const first = candidates[0][k];
        return candidates.every((l) => l[k] === first) ? first : null;
      };
      fields = { orderNumber: one('orderNumber'), orderLine: one('orderLine'), customerOrderRef: one('customerOrderRef') };
      agreements.set(candidates, fields);
    }
    return fields;
  };
  return (line) => {
    if (line.customerOrderRef !== null && line.orderNumber !== null && line.orderLine !== null) return line;
    const candidates = (line.orderNumber !== null && line.orderLine !== null ? byOrderLine.get(key(line.orderNumber, line.orderLine)) : undefined)
      ?? (line.orderNumber !== null ? byItemInOrder.get(key(line.itemNumber, line.orderNumber)) : byItem.get(line.itemNumber));
    if (candidates === undefined) return line;
    const fields = agreed(candidates);
    return {
      ...line,
      orderNumber: line.orderNumber ?? fields.orderNumber,
      orderLine: line.orderLine ?? fields.orderLine,
      customerOrderRef: line.customerOrderRef ?? fields.customerOrderRef,
    };
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

  // Ship date: ActualShipDateTime, else the first package's ShipmentDateTime, else the document date (docs/m3-facts.md, BOD structure per noun).
  const dateNode = header.child('ActualShipDateTime') ?? units.map((u) => u.child('ShipmentDateTime')).find((n) => n !== undefined) ?? header.child('DocumentDateTime');
  const dateText = dateNode?.text();
  const shippedAt = dateNode && dateText ? parseDateTime(dateText, dateNode.path) : null;

  const carrierParty = header.child('CarrierParty') ?? units.map((u) => u.child('CarrierParty')).find((n) => n !== undefined);
  // ShipmentUnit carries its own TransportationMethodCode (docs/m3-facts.md, BOD structure per noun): used when the header has none.
  const carrier = {
    code: carrierParty?.textOf('PartyIDs', 'ID') ?? null,
    name: carrierParty?.textOf('Name') ?? null,
    service: header.textOf('TransportationMethodCode') ?? units.map((u) => u.textOf('TransportationMethodCode')).find((s) => s !== null) ?? null,
  };

  const headerTracking = texts(header.children('TrackingID'));
  let packages: ShipmentPackage[];
  if (units.length > 0) {
    const complete = orderLineMatcher(lines);
    packages = units.map((unit, i) => {
      const own = texts(unit.children('TrackingID'))[0];
      // A header TrackingID stands for the packages only when it can be matched: one per unit, or one for all.
      const fromHeader = headerTracking.length === units.length ? headerTracking[i] : headerTracking.length === 1 ? headerTracking[0] : undefined;
      const contents = unit.children('ShipmentUnitItem').map((item) => complete(readLine(item)));
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
    // Without ShipmentItem the shipped lines are only known from the packages' contents (ShipmentUnitItem, the path
    // ASN senders use, docs/m3-facts.md, BOD structure per noun): they are still the shipment's lines.
    lines: lines.length > 0 ? lines : packages.flatMap((p) => p.lines),
  };
}
