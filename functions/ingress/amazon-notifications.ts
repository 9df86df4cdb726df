/**
 * `POST /api/amazon/notifications` (docs/contracts.md, HTTP endpoints): an SP-API notification raw, in an SQS message (`Body`) or an
 * EventBridge event (`detail`), either casing. Accepted once per NotificationId, queued, answered 202. Unknown types are
 * accepted and counted (Amazon adds types); notifications for sellers this deployment does not serve are refused.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { NotificationError, readNotification, type NotificationEvent } from '../../core/notifications';
import { dependencies, type Dependencies } from '../runtime/dependencies';
import { intakeAccess } from '../runtime/api-key';
import { BodyTooLargeError, readBodyWithLimit } from '../runtime/request-body';
import { reply, tooLarge } from '../runtime/http-replies';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { QUEUES } from '../queue-names';

export type IntakeVerdict =
  | { status: 202; body: Record<string, unknown> }
  /** 409: another delivery of the same NotificationId holds the claim and has not queued it yet (only with `awaitPendingClaim`). */
  | { status: 400 | 409 | 503; body: Record<string, unknown> };

export interface IntakeOptions {
  /**
   * What to do when another delivery of the same NotificationId claimed it and has not queued it yet. Unset (the HTTP
   * endpoint): queue it again, because a sender told "duplicate" stops retrying. Set (the SQS poller, whose message
   * simply stays on the queue when it is not deleted): look at the claim again after each of these pauses; once the
   * holder has queued it, this copy is a duplicate; if the holder gave the claim up or its lease expired, this copy
   * takes it over and queues it; still pending after the last pause → 409, so the caller keeps the message for later.
   */
  awaitPendingClaim?: { pauses: number; pause: () => Promise<void> };
}

/** How the SQS poller waits for a claim another poller holds: a few short looks (its enqueue takes milliseconds). */
export const SQS_PENDING_CLAIM: NonNullable<IntakeOptions['awaitPendingClaim']> = {
  pauses: 5,
  pause: () => new Promise((resolve) => { setTimeout(resolve, 200); }),
};

/** Shared by the HTTP endpoint and the SQS poller, so both accept exactly the same documents. */
export async function acceptNotification(text: string, deps: Dependencies, log: LogSink, options: IntakeOptions = {}): Promise<IntakeVerdict> {
  let event: NotificationEvent;
  try {
    event = readNotification(text);
  } catch (error) {
    if (error instanceof NotificationError) {
      await deps.counters.increment('amazon-intake', 'rejected');
      return { status: 400, body: { error: 'INVALID_NOTIFICATION', message: error.message } };
    }
    throw error;
  }
  const { notificationId, type } = event;
  if (event.ignored) {
    await deps.counters.increment('amazon-intake', `ignored:${type}`);
    logEvent(log, 'info', 'notification.ignored', { notificationId, type });
    return { status: 202, body: { accepted: true, ignored: true, notificationId, type } };
  }
  if (event.sellerId !== undefined && !deps.sellers.some((s) => s.sellerId === event.sellerId)) {
    await deps.counters.increment('amazon-intake', 'refused-seller');
    logEvent(log, 'warn', 'notification.refused-seller', { notificationId, type });
    return { status: 400, body: { error: 'UNKNOWN_SELLER', message: 'the notification\'s seller (Payload sellerId) is not served by this deployment' } };
  }
  let claim = await deps.idempotency.claimLease('notification', notificationId, type);
  const waiting = options.awaitPendingClaim;
  for (let look = 0; claim === 'pending' && waiting && look < waiting.pauses; look++) {
    await waiting.pause();
    claim = await deps.idempotency.claimLease('notification', notificationId, type);
  }
  if (claim === 'pending' && waiting) {
    logEvent(log, 'info', 'notification.claim-pending', { notificationId, type });
    return { status: 409, body: { error: 'CLAIM_PENDING', message: 'another delivery of this notification is being queued; deliver it again later', notificationId, type } };
  }
  if (claim === 'duplicate') {
    logEvent(log, 'info', 'notification.duplicate', { notificationId, type });
    return { status: 202, body: { accepted: true, duplicate: true, notificationId, type } };
  }
  // 'pending': an earlier delivery claimed the id but has not queued it yet — or never will (its host died between the
  // two). A 202 "duplicate" here would make the sender stop retrying and lose it, so it is queued again: Service Bus
  // duplicate detection (messageId = NotificationId) and the idempotent consumers absorb a second copy.
  if (claim === 'pending') logEvent(log, 'info', 'notification.claim-pending', { notificationId, type });
  try {
    await deps.queues.sender.send(QUEUES.amazonEvents, [{ messageId: notificationId, body: event, applicationProperties: { type } }]);
  } catch {
    await deps.idempotency.release('notification', notificationId);
    logEvent(log, 'error', 'notification.enqueue-failed', { notificationId, type });
    return { status: 503, body: { error: 'UNAVAILABLE', message: 'the notification could not be queued; send it again' } };
  }
  await deps.idempotency.confirm('notification', notificationId);
  await deps.counters.increment('amazon-intake', 'accepted');
  logEvent(log, 'info', 'notification.accepted', { notificationId, type, amazonOrderId: event.orderId });
  return { status: 202, body: { accepted: true, notificationId, type } };
}

export async function receiveNotification(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = dependencies();
  // The key first: nothing of the body is read for a caller without the intake key.
  const refused = intakeAccess(request, deps.settings);
  if (refused) return refused;
  let bytes: Buffer;
  try {
    bytes = await readBodyWithLimit(request, deps.settings.NOTIFICATION_MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge(deps.settings.NOTIFICATION_MAX_BYTES);
    throw error;
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const verdict = await acceptNotification(text, deps, context);
  return reply(verdict.status, verdict.body);
}

app.http('amazon-notifications', { route: 'amazon/notifications', methods: ['POST'], authLevel: 'anonymous', handler: receiveNotification });
