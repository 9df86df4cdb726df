/**
 * The safety net for orders canceled in M3 when no Sync.SalesOrder arrived (flow not set up, message lost): the order
 * sweep also looks at the orders linked in the last days that are still open, one OIS100MI GetHead each, and hands an
 * order over (trigger `m3-sweep`) when M3 shows it deleted or with a closed line (highest status 99). The activity
 * then decides on M3's lines (m3-cancellation.ts). Bounded per run, newest links first.
 */
import type { DurableClient } from 'durable-functions';
import { PermanentError } from '../../core/errors';
import type { OrderLink } from '../../connectors/storage';
import { ois100mi } from '../../connectors/m3';
import type { Dependencies } from '../runtime/dependencies';
import { M3_TRIGGER_PREFIX } from './m3-order-change';
import { startOrSignalOrder } from './start-order';

/** Links older than this are not looked at (an order long shipped cannot be canceled on Amazon anyway). */
export const M3_CANCEL_LOOKBACK_MS = 14 * 24 * 60 * 60 * 1000;
/** At most this many M3 reads per sweep run. */
export const M3_CANCEL_MAX_READS = 200;

export interface M3CancelSweepPorts {
  links(sellerId: string): Promise<OrderLink[]>;
  /** OIS100MI GetHead; undefined when M3 no longer knows the order (NOK). */
  head(orderNumber: string): Promise<Pick<ois100mi.OrderHead, 'STAT' | 'ORST'> | undefined>;
  handOver(link: OrderLink): Promise<unknown>;
}

export function needsLook(link: OrderLink, now: Date): boolean {
  if (link.status !== 'created' || link.m3Cancel !== undefined || link.buyerCancel !== undefined || !link.m3OrderNumber) return false;
  const updated = Date.parse(link.updatedAt);
  return Number.isNaN(updated) || now.getTime() - updated <= M3_CANCEL_LOOKBACK_MS;
}

/** Returns how many orders were handed over. */
export async function sweepM3Cancellations(ports: M3CancelSweepPorts, sellerIds: string[], now: Date): Promise<{ looked: number; handedOver: number }> {
  let looked = 0;
  let handedOver = 0;
  for (const sellerId of sellerIds) {
    const candidates = (await ports.links(sellerId)).filter((l) => needsLook(l, now)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    for (const link of candidates) {
      if (looked >= M3_CANCEL_MAX_READS) return { looked, handedOver };
      looked++;
      const head = await ports.head(link.m3OrderNumber);
      const status = (head?.STAT ?? '').trim();
      if (head === undefined || status === ois100mi.ORDER_DELETED || (head.ORST ?? '').trim() === ois100mi.LINE_CLOSED) {
        await ports.handOver(link);
        handedOver++;
      }
    }
  }
  return { looked, handedOver };
}

export function m3CancelSweepPorts(deps: Dependencies, client: DurableClient): M3CancelSweepPorts {
  return {
    links: (sellerId) => deps.links.list(sellerId),
    head: async (orderNumber) => {
      try {
        return await ois100mi.getHead(deps.m3(), orderNumber);
      } catch (error) {
        if (error instanceof PermanentError) return undefined;
        throw error;
      }
    },
    handOver: (link) => startOrSignalOrder(client, { sellerId: link.sellerId, amazonOrderId: link.amazonOrderId, marketplaceId: link.marketplaceId || undefined, trigger: `${M3_TRIGGER_PREFIX}sweep` }),
  };
}
