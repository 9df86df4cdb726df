/**
 * One getFeed read for a feed flow's polling orchestrator (shipment confirmations, order acknowledgements). Refused
 * credentials and a feed Amazon does not know come back as values, so polling stops and the feed is parked
 * (docs/design.md, Error policy); anything transient is thrown for the orchestrator's retry.
 */
import { AuthError, PermanentError } from '../../core/errors';
import { credentialsRefusedMessage } from './park-and-alert';

export interface FeedStatusRead<S extends string> {
  processingStatus: S | 'IN_PROGRESS';
  resultFeedDocumentId: string;
  failure?: { reason: 'AUTH_FAILED' | 'FEED_STATUS_UNREADABLE'; message: string };
}

export async function readFeedStatus<S extends string>(feedId: string, getFeed: (feedId: string) => Promise<{ processingStatus: S; resultFeedDocumentId?: string }>): Promise<FeedStatusRead<S>> {
  try {
    const feed = await getFeed(feedId);
    return { processingStatus: feed.processingStatus, resultFeedDocumentId: feed.resultFeedDocumentId ?? '' };
  } catch (error) {
    if (error instanceof AuthError) return { processingStatus: 'IN_PROGRESS', resultFeedDocumentId: '', failure: { reason: 'AUTH_FAILED', message: credentialsRefusedMessage(error) } };
    if (error instanceof PermanentError) return { processingStatus: 'IN_PROGRESS', resultFeedDocumentId: '', failure: { reason: 'FEED_STATUS_UNREADABLE', message: `getFeed ${feedId}: ${error.message}` } };
    throw error;
  }
}
