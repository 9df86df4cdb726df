/**
 * Plans the confirmShipment calls of one M3 shipment document: the flow switches, the order link look-ups, Amazon's
 * model check, the idempotency keys and parking around the planning rules of core/shipments (docs/design.md, Shipment
 * confirmation). What cannot be resolved parks the whole document, so nothing half-right reaches the buyer.
 */
import { ConfirmShipmentRequestSchema } from '../../connectors/amazon';
import type { OrderLink } from '../../connectors/storage';
import { resolveCarrier } from '../../core/mapping/resolve-carrier';
import type { ShipmentLine } from '../../core/bod/shipment';
import { confirmationKey, confirmationSteps, groupPackages, linesToLink, linkKey, shipDateOf, type LinkLookup, type ShipmentIssue } from '../../core/shipments';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { CONFIRMATION_SCOPE, SHIPMENT_FLOW } from './names';
import type { PackageConfirmation, ShipmentInstanceInput, ShipmentPlan } from './shipment-model';
import type { ShipmentPorts } from './shipment-ports';

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

  const links = await lookUpLinks(linesToLink(doc), ports);
  const grouped = groupPackages(doc, links);
  if (grouped.issues.length > 0) return park(input, ports, grouped.issues, log);

  const carrier = resolveCarrier(await ports.mappings(), { code: doc.carrier.code ?? undefined, name: doc.carrier.name ?? undefined, service: doc.carrier.service ?? undefined });
  const date = shipDateOf(doc, input.createdAt);
  if ('issue' in date) return park(input, ports, [date.issue], log);
  const issues: ShipmentIssue[] = [];
  const confirmations: PackageConfirmation[] = [];
  const reportedByAmazon = new Map<string, string>();
  let duplicates = 0;
  for (const step of confirmationSteps(doc.id, grouped.packages, { carrier, shipDate: date.shipDate, sellers: ports.sellers })) {
    if (step.kind === 'issue') { issues.push(step.issue); continue; }
    if (step.kind === 'reported-by-amazon') { reportedByAmazon.set(step.amazonOrderId, step.reason); continue; }
    const { link, packageId } = step;
    // Checked against Amazon's model here, so a body Amazon would refuse parks the document instead of failing the
    // activity over and over (a thrown ZodError is retried like an outage).
    const parsed = ConfirmShipmentRequestSchema.safeParse(step.request);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))].join(', ');
      issues.push({ code: 'CONFIRMATION_INVALID', message: `package ${packageId} for Amazon order ${link.amazonOrderId} does not make a valid confirmShipment request (${fields})` });
      continue;
    }
    const body = parsed.data;
    const key = confirmationKey({ sellerId: link.sellerId, amazonOrderId: link.amazonOrderId, packageReferenceId: step.packageReferenceId, variationId: doc.variationId, body });
    if (await ports.idempotency.has(CONFIRMATION_SCOPE, key)) {
      duplicates += 1;
      continue;
    }
    confirmations.push({
      key, documentId: doc.id, packageId, variationId: doc.variationId, bodId: input.bodId, sellerId: link.sellerId, amazonOrderId: link.amazonOrderId,
      batchKey: step.batchKey, body,
    });
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

/** Looks up the order link of each distinct line key, in order: by the Amazon order id the line carries, else by its M3 order number. */
async function lookUpLinks(lines: ShipmentLine[], ports: ShipmentPorts): Promise<Map<string, LinkLookup<OrderLink>>> {
  const found = new Map<string, LinkLookup<OrderLink>>();
  const sellerIds = [...new Set(ports.sellers.map((s) => s.sellerId))];
  for (const line of lines) {
    const key = linkKey(line);
    if (!found.has(key)) found.set(key, await lookUpLink(line, sellerIds, ports));
  }
  return found;
}

async function lookUpLink(line: ShipmentLine, sellerIds: string[], ports: ShipmentPorts): Promise<LinkLookup<OrderLink>> {
  const ref = line.customerOrderRef?.trim();
  if (ref) {
    for (const sellerId of sellerIds) {
      const link = await ports.links.get(sellerId, ref);
      if (link) return { link };
    }
  }
  const orderNumber = line.orderNumber?.trim();
  if (orderNumber) {
    const link = await ports.links.findByM3Order(orderNumber);
    if (link && (!ref || link.amazonOrderId === ref)) return { link };
    if (link && ref) {
      return { issue: { code: 'ORDER_REFERENCE_CONFLICT', message: `M3 order ${orderNumber} is linked to Amazon order ${link.amazonOrderId}, but the shipment names ${ref}` } };
    }
  }
  return {
    issue: {
      code: 'ORDER_NOT_LINKED',
      message: `no Amazon order link for ${ref ? `Amazon order ${ref}` : 'the line'}${orderNumber ? ` (M3 order ${orderNumber})` : ''}: was the order created through order-to-cash?`,
    },
  };
}

async function park(input: ShipmentInstanceInput, ports: ShipmentPorts, issues: ShipmentIssue[], log: LogSink): Promise<ShipmentPlan> {
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
