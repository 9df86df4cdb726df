import { AuthError, PermanentError } from '../../../core/errors';
import type { PackageConfirmation } from '../../../functions/shipment-confirmation/shipment-model';
import type { FeedClient } from '../../../functions/shipment-confirmation/shipment-ports';
import { applyFeedResults, feedStatus } from '../../../functions/shipment-confirmation/feed-submission';
import { MARKETPLACE, SELLER, fakeWorld, log } from './fake-shipment-ports';

function confirmation(n: number): PackageConfirmation {
  return {
    key: `k${n}`, documentId: 'SHIP-9', packageId: `PK${n}`, variationId: 1, bodId: 'bod-9', sellerId: SELLER, amazonOrderId: `171-000000${n}-0000000`, batchKey: `${SELLER}:EU`,
    body: { marketplaceId: MARKETPLACE, packageDetail: { packageReferenceId: String(n), carrierCode: 'UPS', trackingNumber: `T${n}`, shipDate: '2026-03-02T10:00:00.000Z', orderItems: [{ orderItemId: `oi${n}`, quantity: 1 }] } },
  };
}

function feeds(over: Partial<FeedClient>): FeedClient {
  const never = async (): Promise<never> => { throw new Error('not used in this test'); };
  return { createFeedDocument: never, uploadFeedDocument: never, createFeed: never, getFeed: never, getFeedDocument: never, ...over };
}

const statusInput = { sellerId: SELLER, marketplaceId: MARKETPLACE, feedId: 'F1' };
const members = [confirmation(1), confirmation(2)];

describe('following a shipment feed when Amazon stops answering normally', () => {
  it('reports refused credentials on getFeed as a value, so polling stops instead of failing the orchestration', async () => {
    const world = fakeWorld([], feeds({ getFeed: async () => { throw new AuthError('LWA refused', { code: 'invalid_grant', system: 'amazon' }); } }));
    const status = await feedStatus(statusInput, world.ports);
    expect(status.failure).toMatchObject({ reason: 'AUTH_FAILED' });
  });

  it('parks the feed batch once with AUTH_FAILED and an alert count when the credentials were refused', async () => {
    const world = fakeWorld([], feeds({}));
    const result = await applyFeedResults({ batchId: 'B1', confirmations: members, feedId: 'F1', instanceId: 'shipfeed:B1', status: { processingStatus: 'IN_PROGRESS', resultFeedDocumentId: '', failure: { reason: 'AUTH_FAILED', message: 'amazon refused our credentials' } } }, world.ports, log);
    expect(result.confirmed).toBe(0);
    expect(world.parked).toEqual([expect.objectContaining({ id: 'feed:B1', reason: 'AUTH_FAILED', instanceId: 'shipfeed:B1' })]);
    expect(world.counters.get('shipment-confirmation/auth-failed')).toBe(1);
  });

  it('parks the batch with AUTH_FAILED when the processing report cannot be fetched for lack of credentials', async () => {
    const world = fakeWorld([], feeds({ getFeedDocument: async () => { throw new AuthError('403', { code: 'Unauthorized', system: 'amazon' }); } }));
    const result = await applyFeedResults({ batchId: 'B2', confirmations: members, feedId: 'F2', instanceId: '', status: { processingStatus: 'DONE', resultFeedDocumentId: 'D2' } }, world.ports, log);
    expect(result.confirmed).toBe(0);
    expect(world.parked.map((p) => p.reason)).toEqual(['AUTH_FAILED']);
  });

  it('parks every member as FEED_REPORT_UNREADABLE when the processing report is gone or is not Amazon’s XML', async () => {
    const answers: Array<FeedClient['getFeedDocument']> = [
      async () => { throw new PermanentError('document expired', { code: 'NotFound', system: 'amazon', details: { status: 404 } }); },
      async () => ({ documentId: 'D3', content: Buffer.from('<html>maintenance</html>') }),
    ];
    for (const getFeedDocument of answers) {
      const world = fakeWorld([], feeds({ getFeedDocument }));
      const result = await applyFeedResults({ batchId: 'B3', confirmations: members, feedId: 'F3', instanceId: '', status: { processingStatus: 'DONE', resultFeedDocumentId: 'D3' } }, world.ports, log);
      expect(result).toMatchObject({ confirmed: 0, rejected: 2 });
      expect(world.parked.map((p) => p.reason)).toEqual(['FEED_REPORT_UNREADABLE', 'FEED_REPORT_UNREADABLE']);
      expect(world.keys.size).toBe(0);
    }
  });
});
