/** An order handed over from a page is read from its claim check once, which is deleted when the attempt ends. */
import { PermanentError } from '../../../core/errors';
import { withClaimCheckedOrder, type ClaimCheckReader } from '../../../functions/order-fetch/claim-checked-order';
import type { OrderPorts } from '../../../functions/order-to-cash/order-ports';

function store(blobs: Map<string, string>): ClaimCheckReader {
  return {
    get: async (ref) => {
      const body = blobs.get(ref);
      if (body === undefined) throw new PermanentError('claim check does not exist', { code: 'CLAIM_CHECK_MISSING', system: 'storage' });
      return Buffer.from(body, 'utf8');
    },
    delete: async (ref) => { blobs.delete(ref); },
  };
}

function ports(getOrders: string[]): OrderPorts {
  return { getAmazonOrder: async (_s: string, id: string) => { getOrders.push(id); return { order: { orderId: id, from: 'getOrder' } }; } } as unknown as OrderPorts;
}

describe('claim-checked order', () => {
  it('answers from the claim check instead of getOrder, and deletes it when released', async () => {
    const blobs = new Map([['order-claim-checks/a', JSON.stringify({ order: { orderId: '111-1', from: 'page' } })]]);
    const getOrders: string[] = [];
    const claimed = withClaimCheckedOrder(ports(getOrders), 'order-claim-checks/a', store(blobs));
    await expect(claimed.ports.getAmazonOrder('S', '111-1')).resolves.toEqual({ order: { orderId: '111-1', from: 'page' } });
    expect(getOrders).toEqual([]);
    await claimed.release();
    expect(blobs.size).toBe(0);
  });

  it('falls back to getOrder when the claim check is gone or holds another order', async () => {
    const getOrders: string[] = [];
    const gone = withClaimCheckedOrder(ports(getOrders), 'order-claim-checks/gone', store(new Map()));
    await expect(gone.ports.getAmazonOrder('S', '111-1')).resolves.toEqual({ order: { orderId: '111-1', from: 'getOrder' } });
    const other = withClaimCheckedOrder(ports(getOrders), 'order-claim-checks/b', store(new Map([['order-claim-checks/b', JSON.stringify({ order: { orderId: '222-2' } })]])));
    await expect(other.ports.getAmazonOrder('S', '111-1')).resolves.toEqual({ order: { orderId: '111-1', from: 'getOrder' } });
    expect(getOrders).toEqual(['111-1', '111-1']);
  });

  it('is read once: a second read in the same attempt asks getOrder for the fresh order', async () => {
    const blobs = new Map([['order-claim-checks/a', JSON.stringify({ order: { orderId: '111-1' } })]]);
    const getOrders: string[] = [];
    const claimed = withClaimCheckedOrder(ports(getOrders), 'order-claim-checks/a', store(blobs));
    await claimed.ports.getAmazonOrder('S', '111-1');
    await claimed.ports.getAmazonOrder('S', '111-1');
    expect(getOrders).toEqual(['111-1']);
  });
});
