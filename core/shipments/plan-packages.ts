/**
 * The rules that turn one M3 shipment document into confirmShipment requests (docs/design.md, Shipment confirmation):
 * each package with a tracking number, its shipped lines grouped by Amazon order, order item ids from the order link
 * (M3 line number, else item ↔ SKU), whole units only, one request per package × order with a stable package
 * reference, orders that Amazon's own flow reports left out. Every problem is an issue, in document order; the caller
 * (functions/shipment-confirmation) looks the order links up, checks each request against Amazon's model and parks
 * the whole document on any issue, so nothing half-right reaches the buyer.
 */
import type { ShipmentDocument, ShipmentLine, ShipmentPackage } from '../bod/shipment';
import type { AmazonCarrier } from '../mapping/resolve-carrier';
import { regionOfMarketplace } from '../marketplaces';
import { shipmentReporting } from '../orders/shipment-reporting';
import { packageReferenceId } from './package-reference';

export interface ShipmentIssue {
  code: string;
  message: string;
}

/** What the rules read of an order link (the stored link holds more). */
export interface LinkedOrder {
  sellerId: string;
  amazonOrderId: string;
  marketplaceId: string;
  fulfilledBy?: string;
  programs?: readonly string[];
  lines: ReadonlyArray<{ orderItemId: string; sku: string; itemNumber: string; lineNumber?: number }>;
}

/** A line's order link, or the issue that says why there is none. */
export type LinkLookup<L extends LinkedOrder> = { link: L } | { issue: ShipmentIssue };

/** Lines with the same key share one order link look-up (same Amazon order reference, same M3 order number). */
export function linkKey(line: ShipmentLine): string {
  return `${line.customerOrderRef ?? ''}|${line.orderNumber ?? ''}`;
}

/** The document's packages; a document without packages is one package, under the document's id, of all its lines. */
export function packagesOf(doc: ShipmentDocument): ShipmentPackage[] {
  return doc.packages.length > 0 ? doc.packages : [{ id: doc.id, trackingNumber: null, lines: doc.lines }];
}

const shippedLines = (pkg: ShipmentPackage): ShipmentLine[] => pkg.lines.filter((l) => l.quantity > 0);

/** The lines whose order link is needed: the shipped lines of the packages that have a tracking number. */
export function linesToLink(doc: ShipmentDocument): ShipmentLine[] {
  return packagesOf(doc).filter((pkg) => pkg.trackingNumber).flatMap(shippedLines);
}

/** Order item id of a shipped line: the link line with the same M3 line number (PONR), else the one with the same item/SKU. */
export function orderItemOf(line: ShipmentLine, link: LinkedOrder, packageId: string): { orderItemId: string } | { issue: ShipmentIssue } {
  if (!Number.isInteger(line.quantity)) {
    return { issue: { code: 'QUANTITY_NOT_WHOLE', message: `package ${packageId}: item ${line.itemNumber} shipped ${line.quantity}; Amazon takes whole units` } };
  }
  const lineNumber = Number(line.orderLine?.trim());
  const byLine = Number.isInteger(lineNumber) && lineNumber > 0 ? link.lines.filter((l) => l.lineNumber === lineNumber) : [];
  if (byLine.length === 1) return { orderItemId: byLine[0]!.orderItemId };
  const item = line.itemNumber.trim().toUpperCase();
  const byItem = [...new Set(link.lines.filter((l) => l.itemNumber.trim().toUpperCase() === item || l.sku.trim().toUpperCase() === item).map((l) => l.orderItemId))];
  if (byItem.length === 1) return { orderItemId: byItem[0]! };
  if (byItem.length === 0) {
    return { issue: { code: 'ORDER_ITEM_NOT_FOUND', message: `Amazon order ${link.amazonOrderId} has no line for M3 item ${line.itemNumber}${line.orderLine ? ` (M3 line ${line.orderLine})` : ''}` } };
  }
  return {
    issue: { code: 'ORDER_ITEM_AMBIGUOUS', message: `M3 item ${line.itemNumber} matches ${byItem.length} lines of Amazon order ${link.amazonOrderId} (${byItem.join(', ')}) and the shipment names no M3 line that decides: confirm it by hand` },
  };
}

/** One package with its shipped quantities per Amazon order (orders and items in document order). */
export interface PackageToConfirm<L extends LinkedOrder> {
  packageId: string;
  trackingNumber: string;
  orders: Array<{ link: L; items: Array<{ orderItemId: string; quantity: number }> }>;
}

/**
 * Groups each package's shipped lines by Amazon order. `links` holds the look-up of every line of `linesToLink(doc)`
 * by `linkKey`; a failed look-up is one issue however many lines share it.
 */
export function groupPackages<L extends LinkedOrder>(doc: ShipmentDocument, links: ReadonlyMap<string, LinkLookup<L>>): { packages: PackageToConfirm<L>[]; issues: ShipmentIssue[] } {
  const issues: ShipmentIssue[] = [];
  const reported = new Set<string>();
  const packages: PackageToConfirm<L>[] = [];
  for (const pkg of packagesOf(doc)) {
    const lines = shippedLines(pkg);
    if (lines.length === 0) continue;
    if (!pkg.trackingNumber) {
      issues.push({ code: 'TRACKING_MISSING', message: `package ${pkg.id} has no tracking number (Amazon requires one)` });
      continue;
    }
    const byOrder = new Map<string, { link: L; items: Map<string, number> }>();
    for (const line of lines) {
      const key = linkKey(line);
      const found = links.get(key);
      if (!found) throw new Error(`no order link look-up for the line key ${key}`);
      if ('issue' in found) {
        if (!reported.has(key)) issues.push(found.issue);
        reported.add(key);
        continue;
      }
      const item = orderItemOf(line, found.link, pkg.id);
      if ('issue' in item) {
        issues.push(item.issue);
        continue;
      }
      const entry = byOrder.get(found.link.amazonOrderId) ?? { link: found.link, items: new Map<string, number>() };
      entry.items.set(item.orderItemId, (entry.items.get(item.orderItemId) ?? 0) + line.quantity);
      byOrder.set(found.link.amazonOrderId, entry);
    }
    const orders = [...byOrder.values()].map(({ link, items }) => ({ link, items: [...items].map(([orderItemId, quantity]) => ({ orderItemId, quantity })) }));
    packages.push({ packageId: pkg.id, trackingNumber: pkg.trackingNumber, orders });
  }
  return { packages, issues };
}

/** The ship date Amazon is told: the document's, else the envelope's creation time; neither usable is an issue. */
export function shipDateOf(doc: ShipmentDocument, createdAt: string): { shipDate: string } | { issue: ShipmentIssue } {
  const shippedAt = new Date(doc.shippedAt ?? createdAt);
  if (Number.isNaN(shippedAt.getTime())) {
    return { issue: { code: 'SHIP_DATE_INVALID', message: `shipment ${doc.id} has no usable ship date (${JSON.stringify(doc.shippedAt ?? createdAt)})` } };
  }
  return { shipDate: shippedAt.toISOString() };
}

/** A confirmShipment request as the rules build it, before it is checked against Amazon's model. */
export interface ConfirmationDraft<L extends LinkedOrder> {
  kind: 'draft';
  packageId: string;
  link: L;
  packageReferenceId: string;
  /** The feed-batch key: seller × SP-API region. */
  batchKey: string;
  request: {
    marketplaceId: string;
    packageDetail: {
      packageReferenceId: string;
      carrierCode: string;
      carrierName?: string;
      shippingMethod?: string;
      trackingNumber: string;
      shipDate: string;
      orderItems: Array<{ orderItemId: string; quantity: number }>;
    };
  };
}

/** One step per package × order, in document order: a request to send, an order Amazon reports itself, or an issue. */
export type ConfirmationStep<L extends LinkedOrder> =
  | ConfirmationDraft<L>
  | { kind: 'reported-by-amazon'; amazonOrderId: string; reason: string }
  | { kind: 'issue'; issue: ShipmentIssue };

export interface DraftContext {
  carrier: AmazonCarrier;
  shipDate: string;
  /** The sellers this deployment serves: an order link without a marketplace takes its seller's first one. */
  sellers: ReadonlyArray<{ sellerId: string; marketplaceIds: readonly string[] }>;
}

export function confirmationSteps<L extends LinkedOrder>(documentId: string, packages: PackageToConfirm<L>[], context: DraftContext): ConfirmationStep<L>[] {
  const { carrier, shipDate, sellers } = context;
  const steps: ConfirmationStep<L>[] = [];
  for (const { packageId, trackingNumber, orders } of packages) {
    const reference = packageReferenceId(documentId, packageId);
    for (const { link, items } of orders) {
      // Ship+, Easy Ship, in-store pickup and Amazon-fulfilled orders are reported by Amazon's own flow: sending a
      // confirmation would be refused (Ship+ answers 400) or wrong. Recorded and counted, never sent, never parked.
      const reporting = shipmentReporting(link.fulfilledBy, link.programs);
      if (reporting.by === 'amazon') {
        steps.push({ kind: 'reported-by-amazon', amazonOrderId: link.amazonOrderId, reason: reporting.reason });
        continue;
      }
      const marketplaceId = link.marketplaceId || sellers.find((s) => s.sellerId === link.sellerId)?.marketplaceIds[0] || '';
      if (!marketplaceId) {
        steps.push({ kind: 'issue', issue: { code: 'MARKETPLACE_UNKNOWN', message: `Amazon order ${link.amazonOrderId} names no marketplace and seller ${link.sellerId} is not served by this deployment` } });
        continue;
      }
      steps.push({
        kind: 'draft', packageId, link, packageReferenceId: reference, batchKey: `${link.sellerId}:${regionOfMarketplace(marketplaceId) ?? 'NA'}`,
        request: {
          marketplaceId,
          packageDetail: {
            packageReferenceId: reference,
            carrierCode: carrier.carrierCode,
            ...(carrier.carrierName ? { carrierName: carrier.carrierName } : {}),
            ...(carrier.shippingMethod ? { shippingMethod: carrier.shippingMethod } : {}),
            trackingNumber,
            shipDate,
            orderItems: items,
          },
        },
      });
    }
  }
  return steps;
}
