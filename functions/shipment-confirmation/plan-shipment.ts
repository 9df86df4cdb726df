/**
 * Turns one M3 shipment document into confirmShipment calls (docs/design.md, Shipment confirmation): the Amazon order per line (customer
 * order reference = Amazon order id, else the order link of the M3 order), order item ids from the link lines (M3 line
 * number, else item ↔ SKU), Amazon carrier by mapping, one call per package × order with a stable package reference.
 * What cannot be resolved parks the whole document, so nothing half-right reaches the buyer.
 */
import { regionOfMarketplace } from '../../core/marketplaces';
import { ConfirmShipmentRequestSchema, type ConfirmShipmentRequest } from '../../connectors/amazon/confirm-shipment-schema';
import type { OrderLink } from '../../connectors/storage';
import { resolveCarrier } from '../../core/mapping/resolve-carrier';
import { shipmentReporting } from '../../core/orders/shipment-reporting';
import type { ShipmentLine, ShipmentPackage } from '../../core/bod/shipment';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { SHIPMENT_FLOW } from './names';
import { CONFIRMATION_SCOPE, confirmationKey, packageReferenceId } from './package-reference';
import type { PackageConfirmation, ShipmentInstanceInput, ShipmentPlan } from './shipment-model';
import type { ShipmentPorts } from './shipment-ports';

interface Issue {
  code: string;
  message: string;
}

interface ResolvedLine {
  link: OrderLink;
  orderItemId: string;
  quantity: number;
}

export async function planShipment(input: ShipmentInstanceInput, ports: ShipmentPorts, log: LogSink): Promise<ShipmentPlan> {
  const doc = input.document;
  const instanceId = input.instanceId ?? '';
  if (ports.switches.isPaused(SHIPMENT_FLOW)) return plan('paused', 'FLOW_PAUSED', 'shipment-confirmation is paused: nothing is sent until it is resumed');

  if (input.actionCode?.trim().toLowerCase() === 'delete') {
    // Amazon has no "un-ship": a confirmed package can only be edited. Record it for an operator, send nothing.
    await ports.parked.park({
      flow: SHIPMENT_FLOW, id: doc.id, reason: 'M3_SHIPMENT_DELETED', sourceRef: `bod:${input.bodId}`, source: doc, instanceId,
      message: `M3 deleted shipment ${doc.id} (variation ${doc.variationId ?? '?'}); Amazon cannot un-ship a confirmed package, so nothing was sent`,
    });
    await ports.counters.increment(SHIPMENT_FLOW, 'delete-recorded');
    logEvent(log, 'warn', 'shipment.delete-recorded', { flow: SHIPMENT_FLOW, bodId: input.bodId, documentId: doc.id, instanceId });
    return plan('deleted', 'M3_SHIPMENT_DELETED', 'recorded; Amazon cannot un-ship');
  }

  const issues: Issue[] = [];
  const linkOf = linkResolver(ports, issues);
  const packages: ShipmentPackage[] = doc.packages.length > 0 ? doc.packages : [{ id: doc.id, trackingNumber: null, lines: doc.lines }];
  const perPackage: Array<{ pkg: ShipmentPackage; trackingNumber: string; byOrder: Map<string, { link: OrderLink; items: Map<string, number> }> }> = [];
  for (const pkg of packages) {
    const shippedLines = pkg.lines.filter((l) => l.quantity > 0);
    if (shippedLines.length === 0) continue;
    if (!pkg.trackingNumber) {
      issues.push({ code: 'TRACKING_MISSING', message: `package ${pkg.id} has no tracking number (Amazon requires one)` });
      continue;
    }
    const byOrder = new Map<string, { link: OrderLink; items: Map<string, number> }>();
    for (const line of shippedLines) {
      const resolved = await resolveLine(line, pkg.id, linkOf, issues);
      if (!resolved) continue;
      const entry = byOrder.get(resolved.link.amazonOrderId) ?? { link: resolved.link, items: new Map<string, number>() };
      entry.items.set(resolved.orderItemId, (entry.items.get(resolved.orderItemId) ?? 0) + resolved.quantity);
      byOrder.set(resolved.link.amazonOrderId, entry);
    }
    perPackage.push({ pkg, trackingNumber: pkg.trackingNumber, byOrder });
  }
  if (issues.length > 0) return park(input, ports, issues, log);

  const carrier = resolveCarrier(await ports.mappings(), { code: doc.carrier.code ?? undefined, name: doc.carrier.name ?? undefined, service: doc.carrier.service ?? undefined });
  const shippedAt = new Date(doc.shippedAt ?? input.createdAt);
  if (Number.isNaN(shippedAt.getTime())) {
    return park(input, ports, [{ code: 'SHIP_DATE_INVALID', message: `shipment ${doc.id} has no usable ship date (${JSON.stringify(doc.shippedAt ?? input.createdAt)})` }], log);
  }
  const shipDate = shippedAt.toISOString();
  const confirmations: PackageConfirmation[] = [];
  const reportedByAmazon = new Map<string, string>();
  let duplicates = 0;
  for (const { pkg, trackingNumber, byOrder } of perPackage) {
    const reference = packageReferenceId(doc.id, pkg.id);
    for (const [amazonOrderId, { link, items }] of byOrder) {
      // Ship+, Easy Ship, in-store pickup and Amazon-fulfilled orders are reported by Amazon's own flow: sending a
      // confirmation would be refused (Ship+ answers 400) or wrong. Recorded and counted, never sent, never parked.
      const reporting = shipmentReporting(link.fulfilledBy, link.programs);
      if (reporting.by === 'amazon') {
        reportedByAmazon.set(amazonOrderId, reporting.reason);
        continue;
      }
      const marketplaceId = link.marketplaceId || ports.sellers.find((s) => s.sellerId === link.sellerId)?.marketplaceIds[0] || '';
      if (!marketplaceId) {
        issues.push({ code: 'MARKETPLACE_UNKNOWN', message: `Amazon order ${amazonOrderId} names no marketplace and seller ${link.sellerId} is not served by this deployment` });
        continue;
      }
      // Checked against Amazon's model here, so a body Amazon would refuse parks the document instead of failing the
      // activity over and over (a thrown ZodError is retried like an outage).
      const parsed = ConfirmShipmentRequestSchema.safeParse({
        marketplaceId,
        packageDetail: {
          packageReferenceId: reference,
          carrierCode: carrier.carrierCode,
          ...(carrier.carrierName ? { carrierName: carrier.carrierName } : {}),
          ...(carrier.shippingMethod ? { shippingMethod: carrier.shippingMethod } : {}),
          trackingNumber,
          shipDate,
          orderItems: [...items].map(([orderItemId, quantity]) => ({ orderItemId, quantity })),
        },
      });
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))].join(', ');
        issues.push({ code: 'CONFIRMATION_INVALID', message: `package ${pkg.id} for Amazon order ${amazonOrderId} does not make a valid confirmShipment request (${fields})` });
        continue;
      }
      const body: ConfirmShipmentRequest = parsed.data;
      const key = confirmationKey({ sellerId: link.sellerId, amazonOrderId, packageReferenceId: reference, variationId: doc.variationId, body });
      if (await ports.idempotency.has(CONFIRMATION_SCOPE, key)) {
        duplicates += 1;
        continue;
      }
      confirmations.push({
        key, documentId: doc.id, packageId: pkg.id, variationId: doc.variationId, bodId: input.bodId, sellerId: link.sellerId, amazonOrderId,
        batchKey: `${link.sellerId}:${regionOfMarketplace(marketplaceId) ?? 'NA'}`, body,
      });
    }
  }

  if (issues.length > 0) return park(input, ports, issues, log);
  await recordReportedByAmazon(input, reportedByAmazon, ports, log);

  if (ports.switches.isDryRun(SHIPMENT_FLOW) && confirmations.length > 0) {
    await ports.parked.park({
      flow: `${SHIPMENT_FLOW}-dry-run`, id: doc.id, reason: 'DRY_RUN', message: `would send ${confirmations.length} shipment confirmation(s)`,
      sourceRef: `bod:${input.bodId}`, source: confirmations.map((c) => ({ amazonOrderId: c.amazonOrderId, body: c.body })), instanceId,
    });
    return { ...plan('dry-run', 'DRY_RUN', `${confirmations.length} confirmation(s) recorded, none sent`), duplicates };
  }
  if (duplicates > 0) await ports.counters.increment(SHIPMENT_FLOW, 'duplicate', duplicates);
  // An earlier variation (or this one, before an operator's fix) may wait parked: it is resolved now.
  await ports.parked.setStatus(SHIPMENT_FLOW, doc.id, 'resolved', `planned ${confirmations.length} confirmation(s) from variation ${doc.variationId ?? '?'}`);
  return { outcome: 'planned', reason: '', message: '', confirmations, duplicates, reportedByAmazon: [...reportedByAmazon].map(([amazonOrderId, reason]) => ({ amazonOrderId, reason })) };
}

/** Counted once per order and shipment variation (a re-run or a repeated BOD does not count it again). */
async function recordReportedByAmazon(input: ShipmentInstanceInput, orders: Map<string, string>, ports: ShipmentPorts, log: LogSink): Promise<void> {
  for (const [amazonOrderId, reason] of orders) {
    const key = `${amazonOrderId}|${input.document.id}|${input.document.variationId ?? input.bodId}`;
    if ((await ports.idempotency.claim(REPORTED_BY_AMAZON_SCOPE, key, reason)) === 'duplicate') continue;
    await ports.counters.increment(SHIPMENT_FLOW, REPORTED_BY_AMAZON);
    logEvent(log, 'info', 'shipment.reported-by-amazon', { flow: SHIPMENT_FLOW, bodId: input.bodId, documentId: input.document.id, amazonOrderId, reason, instanceId: input.instanceId });
  }
}

/** The outcome counted for a shipment Amazon's own flow reports (visible in the ops summary). */
export const REPORTED_BY_AMAZON = 'reported-by-amazon';
const REPORTED_BY_AMAZON_SCOPE = 'shipment-reported-by-amazon';

function plan(outcome: ShipmentPlan['outcome'], reason: string, message: string): ShipmentPlan {
  return { outcome, reason, message, confirmations: [], duplicates: 0, reportedByAmazon: [] };
}

/** Finds (and caches) the order link of a line: by the Amazon order id it carries, else by its M3 order number. */
function linkResolver(ports: ShipmentPorts, issues: Issue[]): (line: ShipmentLine) => Promise<OrderLink | undefined> {
  const cache = new Map<string, Promise<OrderLink | undefined>>();
  const sellerIds = [...new Set(ports.sellers.map((s) => s.sellerId))];
  const lookUp = async (line: ShipmentLine): Promise<OrderLink | undefined> => {
    const ref = line.customerOrderRef?.trim();
    if (ref) {
      for (const sellerId of sellerIds) {
        const link = await ports.links.get(sellerId, ref);
        if (link) return link;
      }
    }
    const orderNumber = line.orderNumber?.trim();
    if (orderNumber) {
      const link = await ports.links.findByM3Order(orderNumber);
      if (link && (!ref || link.amazonOrderId === ref)) return link;
      if (link && ref) {
        issues.push({ code: 'ORDER_REFERENCE_CONFLICT', message: `M3 order ${orderNumber} is linked to Amazon order ${link.amazonOrderId}, but the shipment names ${ref}` });
        return undefined;
      }
    }
    issues.push({
      code: 'ORDER_NOT_LINKED',
      message: `no Amazon order link for ${ref ? `Amazon order ${ref}` : 'the line'}${orderNumber ? ` (M3 order ${orderNumber})` : ''}: was the order created through order-to-cash?`,
    });
    return undefined;
  };
  return (line) => {
    const cacheKey = `${line.customerOrderRef ?? ''}|${line.orderNumber ?? ''}`;
    let found = cache.get(cacheKey);
    if (!found) {
      found = lookUp(line);
      cache.set(cacheKey, found);
    }
    return found;
  };
}

/** Order item id of a shipped line: the link line with the same M3 line number (PONR), else the one with the same item/SKU. */
async function resolveLine(line: ShipmentLine, packageId: string, linkOf: (line: ShipmentLine) => Promise<OrderLink | undefined>, issues: Issue[]): Promise<ResolvedLine | undefined> {
  const link = await linkOf(line);
  if (!link) return undefined;
  if (!Number.isInteger(line.quantity)) {
    issues.push({ code: 'QUANTITY_NOT_WHOLE', message: `package ${packageId}: item ${line.itemNumber} shipped ${line.quantity}; Amazon takes whole units` });
    return undefined;
  }
  const lineNumber = Number(line.orderLine?.trim());
  const byLine = Number.isInteger(lineNumber) && lineNumber > 0 ? link.lines.filter((l) => l.lineNumber === lineNumber) : [];
  if (byLine.length === 1) return { link, orderItemId: byLine[0]!.orderItemId, quantity: line.quantity };
  const item = line.itemNumber.trim().toUpperCase();
  const byItem = [...new Set(link.lines.filter((l) => l.itemNumber.trim().toUpperCase() === item || l.sku.trim().toUpperCase() === item).map((l) => l.orderItemId))];
  if (byItem.length === 1) return { link, orderItemId: byItem[0]!, quantity: line.quantity };
  if (byItem.length === 0) {
    issues.push({ code: 'ORDER_ITEM_NOT_FOUND', message: `Amazon order ${link.amazonOrderId} has no line for M3 item ${line.itemNumber}${line.orderLine ? ` (M3 line ${line.orderLine})` : ''}` });
  } else {
    issues.push({ code: 'ORDER_ITEM_AMBIGUOUS', message: `M3 item ${line.itemNumber} matches ${byItem.length} lines of Amazon order ${link.amazonOrderId} (${byItem.join(', ')}) and the shipment names no M3 line that decides: confirm it by hand` });
  }
  return undefined;
}

async function park(input: ShipmentInstanceInput, ports: ShipmentPorts, issues: Issue[], log: LogSink): Promise<ShipmentPlan> {
  const doc = input.document;
  const reason = issues[0]!.code;
  const message = [...new Set(issues.map((i) => i.message))].join('; ');
  await ports.parked.park({
    flow: SHIPMENT_FLOW, id: doc.id, reason, message, sourceRef: `bod:${input.bodId}`, source: doc, instanceId: input.instanceId,
    details: { variationId: doc.variationId ?? -1, orderRefs: doc.orderRefs.join(',') },
  });
  await ports.counters.increment(SHIPMENT_FLOW, 'parked');
  logEvent(log, 'warn', 'shipment.parked', { flow: SHIPMENT_FLOW, bodId: input.bodId, documentId: doc.id, reason, instanceId: input.instanceId });
  return plan('parked', reason, message);
}
