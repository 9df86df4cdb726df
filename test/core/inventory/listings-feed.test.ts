import { buildListingsFeeds } from '../../../core/inventory/listings-feed';
import { compileFeedSchema, itWithSchemas } from './amazon-feed-schemas';

const deltas = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i + 1}`, quantity: i % 7 }));

describe('buildListingsFeeds', () => {
  it('merges the DEFAULT channel quantity of each changed SKU with a PATCH message', () => {
    const [feed] = buildListingsFeeds('A3TH9S8BH6GOGM', [{ sku: 'M3-ITEM-001', quantity: 10 }], { issueLocale: 'en_US' });
    expect(feed.document).toEqual({
      header: { sellerId: 'A3TH9S8BH6GOGM', version: '2.0', issueLocale: 'en_US' },
      messages: [{
        messageId: 1, sku: 'M3-ITEM-001', operationType: 'PATCH', productType: 'PRODUCT',
        patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 10 }] }],
      }],
    });
    expect(feed.skuByMessageId).toEqual({ 1: 'M3-ITEM-001' });
  });

  it('splits into feeds of at most 25,000 messages, numbering messages from 1 in each', () => {
    const feeds = buildListingsFeeds('S', deltas(60001));
    expect(feeds.map((f) => f.document.messages.length)).toEqual([25000, 25000, 10001]);
    expect(feeds[2].document.messages[0].messageId).toBe(1);
    expect(feeds[2].skuByMessageId[10001]).toBe('SKU-60001');
  });

  it('honours a smaller maxMessagesPerFeed and refuses one above Amazon\'s limit', () => {
    expect(buildListingsFeeds('S', deltas(5), { maxMessagesPerFeed: 2 })).toHaveLength(3);
    expect(() => buildListingsFeeds('S', deltas(1), { maxMessagesPerFeed: 25001 })).toThrow(RangeError);
  });

  it('sends a SKU listed twice once, with its latest quantity', () => {
    const [feed] = buildListingsFeeds('S', [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 2 }, { sku: 'A', quantity: 3 }]);
    expect(feed.document.messages.map((m) => [m.sku, (m.patches[0].value[0] as { quantity: number }).quantity])).toEqual([['B', 2], ['A', 3]]);
  });

  it('produces no feed when nothing changed (Amazon refuses an empty feed)', () => {
    expect(buildListingsFeeds('S', [])).toEqual([]);
  });

  it('refuses negative or fractional quantities', () => {
    expect(() => buildListingsFeeds('S', [{ sku: 'A', quantity: -1 }])).toThrow(/whole number/);
    expect(() => buildListingsFeeds('S', [{ sku: 'A', quantity: 1.5 }])).toThrow(/whole number/);
  });

  itWithSchemas('conforms to listings-feed-schema-v2.json and, per message, listings-feed-message-schema-v2.json', () => {
    const validateFeed = compileFeedSchema('listings-feed-schema-v2.json');
    const validateMessage = compileFeedSchema('listings-feed-message-schema-v2.json');
    for (const { document } of buildListingsFeeds('A3TH9S8BH6GOGM', deltas(300), { maxMessagesPerFeed: 250, issueLocale: 'de_DE' })) {
      expect(validateFeed(document) ? [] : validateFeed.errors).toEqual([]);
      for (const m of document.messages) expect(validateMessage(m) ? [] : validateMessage.errors).toEqual([]);
    }
  });
});
