/** Feeds API 2021-06-30 on the simulator: documents with upload/download URLs, createFeed with the JSON_LISTINGS_FEED 5-per-5-minutes quota, getFeed status on scaled time, getFeedDocument with the processing report (docs/amazon-facts.md, Feeds). */
import { JSON_LISTINGS_FEED_QUOTA } from './rate-plans';
import { quotaExceededBody } from './faults';
import { advanceFeeds, feedMessages } from './feed-processing';
import type { SimContext } from './sim-context';
import { isoAt } from './sim-context';
import { json, spError, type Route } from './sim-http';
import { nextId, type FeedRecord } from './sim-state';
import { z } from 'zod';

const MODEL = 'feeds-api-model/feeds_2021-06-30.json';
const SUPPORTED = ['JSON_LISTINGS_FEED', 'POST_ORDER_FULFILLMENT_DATA', 'POST_ORDER_ACKNOWLEDGEMENT_DATA'];

function feedView(feed: FeedRecord): Record<string, unknown> {
  return {
    feedId: feed.feedId, feedType: feed.feedType, marketplaceIds: feed.marketplaceIds, createdTime: isoAt(feed.createdTime),
    processingStatus: feed.processingStatus,
    ...(feed.processingStartTime !== undefined ? { processingStartTime: isoAt(feed.processingStartTime) } : {}),
    ...(feed.processingEndTime !== undefined ? { processingEndTime: isoAt(feed.processingEndTime) } : {}),
    ...(feed.resultFeedDocumentId ? { resultFeedDocumentId: feed.resultFeedDocumentId } : {}),
  };
}

export function feedsRoutes(ctx: SimContext): Route[] {
  const docUrl = (id: string) => `${ctx.baseUrl()}/_sim/documents/${encodeURIComponent(id)}`;
  return [
    {
      method: 'POST', pattern: '/feeds/2021-06-30/documents', operation: 'createFeedDocument', model: { file: MODEL, path: '/feeds/2021-06-30/documents', method: 'post' },
      handler: (req) => {
        const body = z.object({ contentType: z.string().min(1) }).safeParse(req.body);
        if (!body.success) return spError(400, 'InvalidInput', 'contentType is required.');
        const id = nextId(ctx.state, 'amzn1.tortuga.4.na.in.sim');
        ctx.state.documents[id] = { contentType: body.data.contentType, createdAt: ctx.clock.now() };
        ctx.persist();
        return json(201, { feedDocumentId: id, url: docUrl(id) });
      },
    },
    {
      // The presigned-style upload URL: S3 refuses a Content-Type other than the one given to createFeedDocument.
      method: 'PUT', pattern: '/_sim/documents/{documentId}',
      handler: (req) => {
        const doc = ctx.state.documents[req.params.documentId];
        if (!doc) return { status: 404, raw: '<Error><Code>NoSuchKey</Code></Error>', contentType: 'application/xml' };
        if (String(req.headers['content-type'] ?? '') !== doc.contentType) {
          return { status: 403, raw: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>', contentType: 'application/xml' };
        }
        doc.content = req.rawBody.toString('base64');
        doc.gzip = false;
        ctx.persist();
        return { status: 200 };
      },
    },
    {
      method: 'GET', pattern: '/_sim/documents/{documentId}',
      handler: (req) => {
        const doc = ctx.state.documents[req.params.documentId];
        if (!doc?.content) return { status: 404, raw: '<Error><Code>NoSuchKey</Code></Error>', contentType: 'application/xml' };
        return { status: 200, raw: Buffer.from(doc.content, 'base64'), contentType: doc.gzip ? 'application/octet-stream' : doc.contentType };
      },
    },
    {
      method: 'POST', pattern: '/feeds/2021-06-30/feeds', operation: 'createFeed', model: { file: MODEL, path: '/feeds/2021-06-30/feeds', method: 'post' },
      handler: (req) => {
        const spec = z.object({ feedType: z.string(), marketplaceIds: z.array(z.string()).min(1).max(25), inputFeedDocumentId: z.string(), feedOptions: z.record(z.string()).optional() }).safeParse(req.body);
        if (!spec.success) return spError(400, 'InvalidInput', spec.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        if (!SUPPORTED.includes(spec.data.feedType)) return spError(400, 'InvalidInput', `Feed type ${spec.data.feedType} is not supported by the simulator (or was retired by Amazon).`);
        const doc = ctx.state.documents[spec.data.inputFeedDocumentId];
        if (!doc?.content) return spError(400, 'InvalidInput', 'inputFeedDocumentId does not name an uploaded document.');
        const now = ctx.clock.now();
        if (spec.data.feedType === 'JSON_LISTINGS_FEED') {
          const window = JSON_LISTINGS_FEED_QUOTA.windowSeconds * 1000;
          ctx.state.listingsFeedSubmissions = ctx.state.listingsFeedSubmissions.filter((t) => t > now - window);
          if (ctx.state.listingsFeedSubmissions.length >= JSON_LISTINGS_FEED_QUOTA.submissions) return { status: 429, body: quotaExceededBody() };
          ctx.state.listingsFeedSubmissions.push(now);
        }
        const feedId = String(50000000000 + ctx.state.sequence + 1);
        ctx.state.sequence += 1;
        const feed: FeedRecord = {
          feedId, sellerId: req.sellerId ?? ctx.config.sellerId, feedType: spec.data.feedType, marketplaceIds: spec.data.marketplaceIds,
          inputFeedDocumentId: spec.data.inputFeedDocumentId, createdTime: now, processingStatus: 'IN_QUEUE', messages: 0,
        };
        ctx.state.feeds[feedId] = feed;
        feed.messages = feedMessages(ctx, feed).length;
        ctx.persist();
        return json(202, { feedId });
      },
    },
    {
      method: 'GET', pattern: '/feeds/2021-06-30/feeds/{feedId}', operation: 'getFeed', model: { file: MODEL, path: '/feeds/2021-06-30/feeds/{feedId}', method: 'get' },
      handler: (req) => {
        advanceFeeds(ctx);
        const feed = ctx.state.feeds[req.params.feedId];
        return feed ? json(200, feedView(feed)) : spError(404, 'NotFound', `Feed ${req.params.feedId} was not found.`);
      },
    },
    {
      method: 'GET', pattern: '/feeds/2021-06-30/documents/{feedDocumentId}', operation: 'getFeedDocument', model: { file: MODEL, path: '/feeds/2021-06-30/documents/{feedDocumentId}', method: 'get' },
      handler: (req) => {
        const doc = ctx.state.documents[req.params.feedDocumentId];
        if (!doc?.content) return spError(404, 'NotFound', `Document ${req.params.feedDocumentId} was not found.`);
        return json(200, { feedDocumentId: req.params.feedDocumentId, url: docUrl(req.params.feedDocumentId), ...(doc.gzip ? { compressionAlgorithm: 'GZIP' } : {}) });
      },
    },
    {
      method: 'GET', pattern: '/_sim/feeds',
      handler: () => {
        advanceFeeds(ctx);
        return json(200, Object.values(ctx.state.feeds).map((f) => ({ feedId: f.feedId, feedType: f.feedType, marketplaceIds: f.marketplaceIds, processingStatus: f.processingStatus, messages: feedMessages(ctx, f) })));
      },
    },
    {
      // Finish a feed now instead of waiting for its scaled processing time.
      method: 'POST', pattern: '/_sim/feeds/{feedId}/process',
      handler: (req) => {
        const feed = ctx.state.feeds[req.params.feedId];
        if (!feed) return json(404, { error: `feed ${req.params.feedId} not found` });
        feed.finishNow = true;
        advanceFeeds(ctx);
        return json(200, feedView(feed));
      },
    },
  ];
}

