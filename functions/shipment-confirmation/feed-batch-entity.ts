/** The durable entity `shipment-feed-batch@<seller>:<region>`: serializes offers, so every confirmation joins exactly one feed or goes direct. */
import * as df from 'durable-functions';
import type { EntityContext } from 'durable-functions';
import { z } from 'zod';
import { dependencies } from '../runtime/dependencies';
import { ConfigureSchema, FeedBatchStateSchema, OfferSchema, close, done, emptyBatchState, offer, type FeedBatchState } from './feed-batch';
import { FEED_BATCH_ENTITY } from './names';

function feedBatchEntity(context: EntityContext<FeedBatchState>): void {
  const parsed = FeedBatchStateSchema.safeParse(context.df.getState(() => emptyBatchState(dependencies().settings.SHIPMENT_BULK_THRESHOLD)));
  // Resetting unreadable state would silently drop the open batch's confirmations: fail the operation instead, so
  // it is visible and the state stays for an operator (the caller's retry policy applies).
  if (!parsed.success) throw new Error(`shipment feed batch ${context.df.entityKey} has unreadable state at ${parsed.error.issues[0]?.path.join('.') ?? '?'}`);
  const state = parsed.data;
  const input: unknown = context.df.getInput();
  switch (context.df.operationName) {
    case 'offer': {
      const result = offer(state, OfferSchema.parse(input), context.df.entityKey);
      context.df.setState(result.state);
      context.df.return(result.route);
      break;
    }
    case 'done':
      context.df.setState(done(state, z.object({ instanceId: z.string() }).parse(input).instanceId));
      break;
    case 'close': {
      const result = close(state, z.object({ batchId: z.string() }).parse(input).batchId);
      context.df.setState(result.state);
      context.df.return(result.members);
      break;
    }
    case 'configure':
      context.df.setState({ ...state, ...ConfigureSchema.parse(input ?? {}) });
      break;
    case 'get':
      context.df.return(state);
      break;
    default:
      throw new Error(`unknown operation ${context.df.operationName ?? ''} on ${FEED_BATCH_ENTITY}`);
  }
}

df.app.entity(FEED_BATCH_ENTITY, feedBatchEntity);
