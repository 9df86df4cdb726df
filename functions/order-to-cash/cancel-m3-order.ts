/**
 * An Amazon cancellation reaching M3 (docs/m3-facts.md, Field lengths and formats cancellation table): a batch order not yet confirmed is
 * deleted with DelBatchHead; a confirmed order below the mapped unstoppable status (default 44, released for picking)
 * is deleted with DelHead (or its lines closed, per mappings); later than that a person decides (goods may be picked).
 */
import { PermanentError } from '../../core/errors';
import { ois100mi } from '../../connectors/m3';
import type { OrderLease } from '../../connectors/storage';
import { CancellationMappingSchema, type CancellationMapping } from '../../core/mapping/mappings-schema';
import type { OrderPorts } from './order-ports';
import { LinkWriter } from './link-writer';

export type CancelResult =
  | { kind: 'canceled' | 'nothing-to-cancel'; m3OrderNumber: string; message: string }
  | { kind: 'needs-operator'; reason: string; message: string };

type CancelPolicy = Pick<CancellationMapping, 'unstoppableFromStatus' | 'm3Action' | 'reasonCode'>;

/** The mapping's defaults: below 44 (released for picking) nothing physical has happened yet; an unknown status never qualifies. */
const DEFAULT_POLICY: CancelPolicy = CancellationMappingSchema.parse({});

export async function cancelM3Order(ids: { sellerId: string; amazonOrderId: string }, ports: OrderPorts, policy: CancelPolicy = DEFAULT_POLICY): Promise<CancelResult> {
  const known = await ports.links.get(ids.sellerId, ids.amazonOrderId);
  if (known?.status === 'canceled') return { kind: 'nothing-to-cancel', m3OrderNumber: known.m3OrderNumber, message: 'already canceled in M3' };
  if (!known) return { kind: 'nothing-to-cancel', m3OrderNumber: '', message: 'canceled before it reached M3: nothing to do' };
  // The same single-writer lease as creation: a cancellation never races a Confirm of the same order.
  const lease = await ports.leases.acquire(ids.sellerId, ids.amazonOrderId);
  try {
    return await cancelUnderLease(ids, ports, lease, policy);
  } finally {
    await lease.release().catch(() => undefined);
  }
}

async function cancelUnderLease(ids: { sellerId: string; amazonOrderId: string }, ports: OrderPorts, lease: OrderLease, policy: CancelPolicy): Promise<CancelResult> {
  const link = await LinkWriter.open(ports.links, ids);
  const current = link.current;
  const linkIds = { ...ids, marketplaceId: current?.marketplaceId ?? '' };
  if (current?.status === 'canceled') return { kind: 'nothing-to-cancel', m3OrderNumber: current.m3OrderNumber, message: 'already canceled in M3' };
  let orderNumber = current?.status === 'created' ? current.m3OrderNumber : '';
  if (current && current.status !== 'created' && current.tempOrderNumber) {
    // Outages propagate (retried); only M3's "no such batch order" (NOK) means there is nothing confirmed behind it.
    const batch = await ports.m3.batchStatus(current.tempOrderNumber).catch((error: unknown) => {
      if (error instanceof PermanentError) return undefined;
      throw error;
    });
    if (batch?.status === ois100mi.BATCH_ORDER_CREATED && batch.orderNumber) {
      // Confirmed before a crash kept us from linking it: it is a real order, cancel it like one.
      orderNumber = batch.orderNumber;
      await link.update(linkIds, { status: 'created', m3OrderNumber: orderNumber });
    } else {
      await lease.renew();
      // Under the lease no Confirm of ours runs on it; M3 refuses deleting a batch order it transferred meanwhile.
      if (batch) await ois100mi.delBatchHead(ports.m3, current.tempOrderNumber);
      await link.update(linkIds, { status: 'canceled' });
      return { kind: 'canceled', m3OrderNumber: '', message: `batch order ${current.tempOrderNumber} deleted before confirmation` };
    }
  }
  if (!orderNumber) return { kind: 'nothing-to-cancel', m3OrderNumber: '', message: 'canceled before it reached M3: nothing to do' };
  const head = await ois100mi.getHead(ports.m3, orderNumber);
  const status = head.ORST?.trim() ?? '';
  const highest = /^\d\d$/.test(status) ? Number(status) : Number.NaN;
  if (status === ois100mi.ORDER_DELETED) {
    // Deleted in M3 already (by us before a crash, or by a person): nothing left to stop.
    await link.update(linkIds, { status: 'canceled' });
    return { kind: 'canceled', m3OrderNumber: orderNumber, message: `M3 order ${orderNumber} was deleted already` };
  }
  if (highest < Number(policy.unstoppableFromStatus)) {
    await lease.renew();
    if (policy.m3Action === 'close-lines') {
      const lines = await ois100mi.lstLine(ports.m3, orderNumber);
      for (const line of lines) {
        if (!line.PONR || line.ORST >= ois100mi.LINE_INVOICED) continue;
        await ois100mi.cloLine(ports.m3, orderNumber, line.PONR.trim(), { POSX: line.POSX.trim(), RSCD: policy.reasonCode });
      }
    } else {
      await ois100mi.delHead(ports.m3, orderNumber);
    }
    await link.update(linkIds, { status: 'canceled' });
    const how = policy.m3Action === 'close-lines' ? 'lines closed' : 'deleted';
    return { kind: 'canceled', m3OrderNumber: orderNumber, message: `M3 order ${orderNumber} ${how} (status ${status})` };
  }
  return { kind: 'needs-operator', reason: 'CANCEL_AFTER_PICKING', message: `Amazon canceled the order but M3 order ${orderNumber} is at status ${status || 'unknown'}: cancel or close it in M3` };
}
