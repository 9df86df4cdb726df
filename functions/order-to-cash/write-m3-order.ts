/**
 * Executes a `create` plan against M3 exactly once (ARCHITECTURE §4.1 step 5): look the order up by link and by CUOR
 * first, record the temporary order number before adding lines, confirm, and only then save the link. A crash anywhere
 * leaves either nothing, an unconfirmed batch order (never a customer order), or a confirmed order found by CUOR.
 */
import type { OrderPlan, M3Call } from '../../core/orders/order-plan';
import { PermanentError } from '../../core/errors';
import type { LinkLine, OrderLink } from '../../connectors/storage';
import type { OrderPorts } from './order-ports';

export type WriteResult =
  | { kind: 'created' | 'exists'; m3OrderNumber: string; lines: number }
  | { kind: 'rejected'; reason: string; message: string };

/** Batch order status 90 = "customer order created" (research/m3/FACTS.md §3.2). */
const BATCH_CREATED = '90';

export async function writeM3Order(
  ids: { sellerId: string; amazonOrderId: string; marketplaceId: string },
  plan: OrderPlan,
  skuLines: { orderItemId: string; sku: string; quantity: number }[],
  ports: OrderPorts,
): Promise<WriteResult> {
  const head = plan.calls.find((c) => c.transaction === 'AddBatchHead');
  if (!head) throw new PermanentError('create plan without AddBatchHead', { code: 'PLAN_INVALID', system: 'm3sync' });
  const link = await ports.links.get(ids.sellerId, ids.amazonOrderId);
  if (link?.status === 'created') return { kind: 'exists', m3OrderNumber: link.m3OrderNumber, lines: link.lines.length };

  const found = await ports.m3.findOrderByCuor(ids.amazonOrderId, head.params.CUNO ?? '');
  if (found) {
    await ports.links.save(linkOf(ids, 'created', link?.tempOrderNumber ?? '', found.orderNumber, link?.lines ?? []));
    return { kind: 'exists', m3OrderNumber: found.orderNumber, lines: link?.lines.length ?? 0 };
  }
  if (link?.status === 'creating' && link.tempOrderNumber) {
    // A crash after Confirm but before the link write: the batch order knows its real number.
    // A batch order M3 no longer knows (NOK) was never confirmed by us; outages (transient) are retried.
    const batch = await ports.m3.batchStatus(link.tempOrderNumber).catch((error: unknown) => {
      if (error instanceof PermanentError) return undefined;
      throw error;
    });
    if (batch?.status === BATCH_CREATED && batch.orderNumber) {
      await ports.links.save({ ...link, status: 'created', m3OrderNumber: batch.orderNumber });
      return { kind: 'exists', m3OrderNumber: batch.orderNumber, lines: link.lines.length };
    }
    // An earlier attempt stopped half way: its batch order was never confirmed, so no customer order exists.
    // Remove it (best effort) so OIS275 does not collect orphans, then start clean.
    await ports.m3.execute('OIS100MI', 'DelBatchHead', { ORNO: link.tempOrderNumber }).catch(() => undefined);
  }

  const [headRecord] = await ports.m3.execute(head.program, head.transaction, head.params);
  const temporary = headRecord?.ORNO?.trim();
  if (!temporary) throw new PermanentError('AddBatchHead returned no temporary order number', { code: 'M3_NO_ORNO', system: 'm3' });
  const lines: LinkLine[] = [];
  await ports.links.save(linkOf(ids, 'creating', temporary, '', lines));

  let lastLine: Record<string, string> = {};
  let orderNumber = '';
  try {
    for (const call of plan.calls) {
      if (call === head || call.program === 'CUSEXTMI' || call.program === 'CRS610MI') continue;
      if (call.transaction === 'Confirm') {
        const [confirmed] = await ports.m3.execute(call.program, call.transaction, { ...call.params, ORNO: temporary });
        const status = confirmed?.STAT?.trim() ?? '';
        orderNumber = confirmed?.ORNO?.trim() ?? '';
        if (status !== BATCH_CREATED || !orderNumber) {
          const messages = await ports.m3.batchErrors(temporary).catch(() => []);
          await ports.links.save(linkOf(ids, 'failed', temporary, '', lines));
          return { kind: 'rejected', reason: 'M3_BATCH_REJECTED', message: `M3 kept batch order ${temporary} at status ${status || '?'}: ${messages.join('; ') || 'no message'}` };
        }
        continue;
      }
      const params = paramsWithOrder(call, temporary, lastLine);
      const [record] = await ports.m3.execute(call.program, call.transaction, params);
      if (call.transaction === 'AddBatchLine') {
        lastLine = record ?? {};
        const position = Number(call.params.CUPO ?? '0');
        const amazonLine = position > 0 ? skuLines[position - 1] : undefined;
        if (amazonLine) lines.push({ ...amazonLine, itemNumber: call.params.ITNO ?? '', lineNumber: toLineNumber(record?.PONR) });
      }
    }
  } catch (error) {
    if (error instanceof PermanentError) {
      // M3 refused the data: drop the half-built batch order so a re-drive starts clean.
      await ports.m3.execute('OIS100MI', 'DelBatchHead', { ORNO: temporary }).catch(() => undefined);
      await ports.links.save(linkOf(ids, 'failed', temporary, '', lines));
      return { kind: 'rejected', reason: 'M3_REJECTED', message: `M3 refused ${error.details.transaction ?? 'a call'}: ${error.message}` };
    }
    throw error;
  }

  for (const call of plan.calls.filter((c) => c.program === 'CUSEXTMI')) {
    const params = call.params.PK01 === undefined ? { ...call.params, PK01: orderNumber } : call.params;
    await ports.m3.execute(call.program, call.transaction, params);
  }
  await ports.links.save(linkOf(ids, 'created', temporary, orderNumber, lines));
  return { kind: 'created', m3OrderNumber: orderNumber, lines: lines.length };
}

function paramsWithOrder(call: M3Call, temporary: string, lastLine: Record<string, string>): Record<string, string> {
  const params: Record<string, string> = { ...call.params, ORNO: temporary };
  if (call.transaction === 'AddBatchLineChg') {
    // A line charge belongs to the AddBatchLine right before it (plan executor contract, core/orders/plan-order.ts).
    if (lastLine.PONR) params.PONR = lastLine.PONR.trim();
    if (lastLine.POSX) params.POSX = lastLine.POSX.trim();
  }
  return params;
}

function toLineNumber(value: string | undefined): number | undefined {
  const n = Number(value?.trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function linkOf(ids: { sellerId: string; amazonOrderId: string; marketplaceId: string }, status: OrderLink['status'], temporary: string, orderNumber: string, lines: LinkLine[]): OrderLink {
  return { sellerId: ids.sellerId, amazonOrderId: ids.amazonOrderId, marketplaceId: ids.marketplaceId, status, tempOrderNumber: temporary, m3OrderNumber: orderNumber, lines, updatedAt: '' };
}
