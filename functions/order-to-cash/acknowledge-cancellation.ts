/**
 * Tells Amazon that the seller canceled an order: one POST_ORDER_ACKNOWLEDGEMENT_DATA feed (StatusCode Failure, the
 * reason on every item). Once per order: the order link records the feed id, and a run that finds it recorded sends
 * nothing. A crash between createFeed and that record sends a second feed, which Amazon refuses for an order it has
 * canceled already: the order is never canceled twice, only reported so.
 */
import { buildOrderCancellationFeed, ORDER_ACKNOWLEDGEMENT_CONTENT_TYPE, ORDER_ACKNOWLEDGEMENT_FEED_TYPE, type AckCancelReason } from '../../core/orders/order-acknowledgement-feed';
import type { OrderLink } from '../../connectors/storage';
import { changeLink, linkOf } from './link-writer';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { ORDER_FLOW } from './names';
import type { OrderPorts } from './order-ports';

export interface CancellationToSend {
  sellerId: string;
  amazonOrderId: string;
  marketplaceId: string;
  orderItemIds: string[];
  reason: AckCancelReason;
  m3OrderNumber?: string;
}

/**
 * Sends the cancellation unless the link records one (a refused one is sent again: that is its re-drive); returns the
 * feed id (recorded on the link, state `sent` until its processing report is read: acknowledgement-feed.ts).
 */
export async function acknowledgeCancellation(c: CancellationToSend, ports: Pick<OrderPorts, 'feeds' | 'links'> & { counters: Pick<OrderPorts['counters'], 'increment'> }, log: LogSink): Promise<string> {
  const link = await ports.links.get(c.sellerId, c.amazonOrderId);
  if (link?.acknowledgement && link.acknowledgement.state !== 'refused') return link.acknowledgement.feedId;
  const feeds = ports.feeds(c.sellerId, c.marketplaceId);
  const content = buildOrderCancellationFeed(c.sellerId, [{ amazonOrderId: c.amazonOrderId, merchantOrderId: c.m3OrderNumber || undefined, orderItemIds: c.orderItemIds, reason: c.reason }]);
  const document = await feeds.createFeedDocument(ORDER_ACKNOWLEDGEMENT_CONTENT_TYPE);
  await feeds.uploadFeedDocument(document.url, content, ORDER_ACKNOWLEDGEMENT_CONTENT_TYPE);
  const feedId = await feeds.createFeed({ feedType: ORDER_ACKNOWLEDGEMENT_FEED_TYPE, marketplaceIds: [c.marketplaceId], inputFeedDocumentId: document.feedDocumentId });
  await changeLink(ports.links, c, (current) => ({ ...(current ?? emptyLink(c)), acknowledgement: { reason: c.reason, feedId, state: 'sent', orderItemIds: c.orderItemIds, message: '' } }));
  await ports.counters.increment(ORDER_FLOW, c.reason === 'BuyerCanceled' ? 'buyer-cancel-sent' : 'cancel-sent');
  logEvent(log, 'info', 'order.cancellation-sent', { flow: ORDER_FLOW, sellerId: c.sellerId, amazonOrderId: c.amazonOrderId, reason: c.reason, feedId });
  return feedId;
}

/** A link for an order canceled before it reached M3: it remembers that Amazon was told. */
function emptyLink(c: CancellationToSend): OrderLink {
  return linkOf({ sellerId: c.sellerId, amazonOrderId: c.amazonOrderId, marketplaceId: c.marketplaceId }, 'canceled', '', '', []);
}
