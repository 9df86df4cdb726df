/**
 * The activity's side of a page hand-over: the order arrives as a claim check (a blob holding `{order}` as the page
 * returned it, personal data included) instead of being read with getOrder. The blob is read once and deleted when the
 * attempt ends, whatever its outcome, so personal data rests only as long as the hand-over needs. A retry, or a claim
 * check that is gone (cleaned up, or read by an earlier attempt), falls back to getOrder: correct, one call dearer.
 */
import { PermanentError } from '../../core/errors';
import { GetOrderResponseSchema, type GetOrderResponse } from '../../core/orders/amazon-order-2026';
import type { OrderPorts } from '../order-to-cash/order-ports';

export interface ClaimCheckReader {
  get(reference: string): Promise<Buffer>;
  delete(reference: string): Promise<void>;
}

/** Ports whose getAmazonOrder answers from the claim check first; `release` deletes the blob (call it when done). */
export function withClaimCheckedOrder(ports: OrderPorts, reference: string, store: ClaimCheckReader): { ports: OrderPorts; release(): Promise<void> } {
  let used = false;
  return {
    ports: {
      ...ports,
      getAmazonOrder: async (sellerId, amazonOrderId, marketplaceId) => {
        if (!used) {
          used = true;
          const claimed = await readClaimCheck(store, reference, amazonOrderId);
          if (claimed) return claimed;
        }
        return ports.getAmazonOrder(sellerId, amazonOrderId, marketplaceId);
      },
    },
    release: async () => {
      // A failed delete leaves the blob to the planner's clean-up; it must not fail the order.
      await store.delete(reference).catch(() => undefined);
    },
  };
}

async function readClaimCheck(store: ClaimCheckReader, reference: string, amazonOrderId: string): Promise<GetOrderResponse | undefined> {
  let bytes: Buffer;
  try {
    bytes = await store.get(reference);
  } catch (error) {
    if (error instanceof PermanentError) return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  // Parsed into the same typed shape getOrder's body gets. A claim check that does not hold a valid order of this id
  // (a bug upstream) is never used: getOrder reads the right one.
  const claimed = GetOrderResponseSchema.safeParse(parsed);
  return claimed.success && claimed.data.order.orderId === amazonOrderId ? claimed.data : undefined;
}
