/** The acknowledgement feed's activities, with the real stores and the seller's (rate-governed) SP-API clients bound. */
import * as df from 'durable-functions';
import type { InvocationContext } from '@azure/functions';
import { dependencies, type Dependencies } from '../runtime/dependencies';
import { ACK_FEED_RESEND_ACTIVITY, ACK_FEED_RESULTS_ACTIVITY, ACK_FEED_STATUS_ACTIVITY } from './names';
import { AckFeedInputSchema, ackFeedStatus, applyAckFeedResults, resendRefusedAcknowledgement, type AckFeedPorts } from './acknowledgement-feed';

export function ackFeedPorts(deps: Dependencies): AckFeedPorts {
  return {
    feeds: (sellerId, marketplaceId) => deps.amazon.forSeller(sellerId, marketplaceId),
    links: deps.links,
    parked: deps.parked,
    counters: deps.counters,
  };
}

df.app.activity(ACK_FEED_RESEND_ACTIVITY, { handler: (input: unknown, context: InvocationContext) => resendRefusedAcknowledgement(AckFeedInputSchema.parse(input), ackFeedPorts(dependencies()), context) });
df.app.activity(ACK_FEED_STATUS_ACTIVITY, { handler: (input: unknown) => ackFeedStatus(AckFeedInputSchema.parse(input), ackFeedPorts(dependencies())) });
df.app.activity(ACK_FEED_RESULTS_ACTIVITY, { handler: (input: unknown, context: InvocationContext) => applyAckFeedResults(input, ackFeedPorts(dependencies()), context) });
