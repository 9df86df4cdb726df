/** An order handed over from a page is read from its claim check once, which is deleted when the attempt ends. */
import { PermanentError } from '../../../core/errors';
import { OrderSchema, type GetOrderResponse } from '../../../core/orders/amazon-order-2026';
import { withClaimCheckedOrder, type ClaimCheckReader } from '../../../functions/order-fetch/claim-checked-order';
import type { OrderPorts } from '../../../functions/order-to-cash/order-ports';
import { generateOrders } from '../../../local/sim/amazon/order-generator';

const [TEMPLATE] = generateOrders({ seed: 3, count: 1, pendingRate: 0, cancelledRate: 0 });
/** The order as a page showed it, and as getOrder answers it later (told apart by lastUpdatedTime). */
const AS_PAGED = '2026-12-07T10:00:00.000Z';
const AS_FETCHED = '2026-12-07T10:05:00.000Z';

function body(orderId: string, lastUpdatedTime: string): GetOrderResponse {
  return { order: OrderSchema.parse({ ...TEMPLATE, orderId, lastUpdatedTime }) };
}

function store(blobs: Map<string, string>): ClaimCheckReader {
  return {
    get: async (ref) => {
      const text = blobs.get(ref);
      if (text === undefined) throw new PermanentError('claim check does not exist', { code: 'CLAIM_CHECK_MISSING', system: 'storage' });
      return Buffer.from(text, 'utf8');
    },
    delete: async (ref) => { blobs.delete(ref); },
  };
}

function ports(getOrders: string[]): OrderPorts {
  return { getAmazonOrder: async (_s: string, id: string) => { getOrders.push(id); return body(id, AS_FETCHED); } } as Partial<OrderPorts> as OrderPorts;
}

describe('claim-checked order', () => {
  it('answers from the claim check instead of getOrder, parsed into getOrder\'s typed shape, and deletes it when released', async () => {
    const blobs = new Map([['order-claim-checks/a', JSON.stringify(body('111-1111111-1111111', AS_PAGED))]]);
    const getOrders: string[] = [];
    const claimed = withClaimCheckedOrder(ports(getOrders), 'order-claim-checks/a', store(blobs));
    const answer = await claimed.ports.getAmazonOrder('S', '111-1111111-1111111');
    expect(answer.order.lastUpdatedTime).toBe(AS_PAGED);
    expect(answer.order.orderItems.length).toBeGreaterThan(0);
    expect(getOrders).toEqual([]);
    await claimed.release();
    expect(blobs.size).toBe(0);
  });

  it('falls back to getOrder when the claim check is gone, holds another order, or is not a valid order', async () => {
    const getOrders: string[] = [];
    const id = '111-1111111-1111111';
    const gone = withClaimCheckedOrder(ports(getOrders), 'order-claim-checks/gone', store(new Map()));
    expect((await gone.ports.getAmazonOrder('S', id)).order.lastUpdatedTime).toBe(AS_FETCHED);
    const other = withClaimCheckedOrder(ports(getOrders), 'order-claim-checks/b', store(new Map([['order-claim-checks/b', JSON.stringify(body('222-2222222-2222222', AS_PAGED))]])));
    expect((await other.ports.getAmazonOrder('S', id)).order.lastUpdatedTime).toBe(AS_FETCHED);
    const broken = withClaimCheckedOrder(ports(getOrders), 'order-claim-checks/c', store(new Map([['order-claim-checks/c', JSON.stringify({ order: { orderId: id } })]])));
    expect((await broken.ports.getAmazonOrder('S', id)).order.lastUpdatedTime).toBe(AS_FETCHED);
    expect(getOrders).toEqual([id, id, id]);
  });

  it('is read once: a second read in the same attempt asks getOrder for the fresh order', async () => {
    const id = '111-1111111-1111111';
    const blobs = new Map([['order-claim-checks/a', JSON.stringify(body(id, AS_PAGED))]]);
    const getOrders: string[] = [];
    const claimed = withClaimCheckedOrder(ports(getOrders), 'order-claim-checks/a', store(blobs));
    await claimed.ports.getAmazonOrder('S', id);
    await claimed.ports.getAmazonOrder('S', id);
    expect(getOrders).toEqual([id]);
  });
});
