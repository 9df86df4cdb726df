/**
 * An Amazon cancellation reaching M3 (research/m3/FIELDS.md §2 cancellation table): a batch order not yet confirmed is
 * deleted with DelBatchHead; a confirmed order not yet on a picking list is deleted with DelHead; later than that a
 * person decides (goods may be picked), so it is parked with the M3 order number.
 */
import type { OrderPorts } from './order-ports';

export type CancelResult =
  | { kind: 'canceled' | 'nothing-to-cancel'; m3OrderNumber: string; message: string }
  | { kind: 'needs-operator'; reason: string; message: string };

/** Highest line status below 44 (on picking list): nothing physical has happened yet (FACTS §3.3). */
const LAST_DELETABLE_STATUS = 33;

export async function cancelM3Order(ids: { sellerId: string; amazonOrderId: string }, ports: OrderPorts): Promise<CancelResult> {
  const link = await ports.links.get(ids.sellerId, ids.amazonOrderId);
  if (link?.status === 'canceled') return { kind: 'nothing-to-cancel', m3OrderNumber: link.m3OrderNumber, message: 'already canceled in M3' };
  if (link?.status === 'creating' && link.tempOrderNumber) {
    const batch = await ports.m3.batchStatus(link.tempOrderNumber).catch(() => undefined);
    if (!batch || batch.status !== '90') {
      await ports.m3.execute('OIS100MI', 'DelBatchHead', { ORNO: link.tempOrderNumber }).catch(() => undefined);
      await ports.links.save({ ...link, status: 'canceled' });
      return { kind: 'canceled', m3OrderNumber: '', message: `batch order ${link.tempOrderNumber} deleted before confirmation` };
    }
  }
  const orderNumber = link?.status === 'created' ? link.m3OrderNumber : '';
  if (!orderNumber) return { kind: 'nothing-to-cancel', m3OrderNumber: '', message: 'canceled before it reached M3: nothing to do' };
  const [head] = await ports.m3.execute('OIS100MI', 'GetHead', { ORNO: orderNumber });
  const highest = Number(head?.ORST?.trim() ?? '99');
  if (Number.isFinite(highest) && highest <= LAST_DELETABLE_STATUS) {
    await ports.m3.execute('OIS100MI', 'DelHead', { ORNO: orderNumber });
    if (link) await ports.links.save({ ...link, status: 'canceled' });
    return { kind: 'canceled', m3OrderNumber: orderNumber, message: `M3 order ${orderNumber} deleted (status ${head?.ORST ?? '?'})` };
  }
  return { kind: 'needs-operator', reason: 'CANCEL_AFTER_PICKING', message: `Amazon canceled the order but M3 order ${orderNumber} is at status ${head?.ORST ?? '?'}: cancel or close it in M3` };
}
