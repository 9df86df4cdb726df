/** Processes queued Amazon notifications: ORDER_CHANGE starts or signals its order's orchestration; a finished settlement report starts its posting. */
import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { NotificationEventSchema } from '../../core/notifications';
import { dependencies } from '../runtime/dependencies';
import { logEvent } from '../runtime/structured-log';
import { QUEUES } from '../queue-names';
import { orderFetchScheduler } from '../order-fetch/fetch-scheduler';
import { handleReportFinished } from '../settlement-posting/report-finished';

export async function handleAmazonEvent(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = NotificationEventSchema.safeParse(message);
  if (!parsed.success) {
    // Only intake writes this queue; a message it did not write is logged and dropped rather than retried forever.
    logEvent(context, 'error', 'amazon-event.unreadable', { issue: parsed.error.issues[0]?.path.join('.') ?? '' });
    return;
  }
  const event = parsed.data;
  const deps = dependencies();
  if (event.type === 'ORDER_CHANGE' && event.orderId && event.sellerId) {
    // The fetch planner hands it over now, or reads it with the rest of a burst by searchOrders pages.
    const how = await orderFetchScheduler().announce(df.getClient(context), { sellerId: event.sellerId, amazonOrderId: event.orderId, trigger: event.notificationId, marketplaceId: event.marketplaceId, changedAt: event.timeOfOrderChange ?? event.eventTime }, context);
    logEvent(context, 'info', `order.${how}`, { notificationId: event.notificationId, amazonOrderId: event.orderId, sellerId: event.sellerId });
    return;
  }
  if (event.type === 'REPORT_PROCESSING_FINISHED') {
    const how = await handleReportFinished(df.getClient(context), event);
    if (how !== 'ignored') {
      logEvent(context, 'info', `settlement.${how}`, { notificationId: event.notificationId, sellerId: event.sellerId });
      return;
    }
  }
  await deps.counters.increment('amazon-events', `unhandled:${event.type}`);
  logEvent(context, 'info', 'amazon-event.unhandled', { notificationId: event.notificationId, type: event.type });
}

app.serviceBusQueue('amazon-events', {
  queueName: QUEUES.amazonEvents,
  connection: 'ServiceBusConnection',
  extraInputs: [df.input.durableClient()],
  handler: handleAmazonEvent,
});
