/**
 * The `amazon-sqs-poller` timer (docs/amazon-setup.md §2b): long-polls the SQS queue Amazon sends ORDER_CHANGE,
 * FEED_PROCESSING_FINISHED and REPORT_PROCESSING_FINISHED to, hands each message body to the same intake as
 * `POST /api/amazon/notifications` (acceptNotification: same validation, same NotificationId dedupe) and deletes a
 * message only once the intake has queued it.
 *
 * Two copies of one notification (same NotificationId) in one receive batch go through the intake one after the
 * other, so the second finds the first's claim done and is deleted as a duplicate: exactly one is queued. A copy
 * another poller holds the claim of is looked at again for a moment (the holder's enqueue takes milliseconds), then
 * deleted as a duplicate, or kept on SQS if that poller has still not finished.
 *
 * Per intake verdict:
 * - 202 (queued, duplicate or ignored type): delete; a duplicate is counted as such.
 * - 409 (another poller holds the claim and has not queued it yet): keep; the redelivery finds it done or takes it over.
 * - 503 (the enqueue failed) or the intake threw: keep. The message becomes visible again after the queue's
 *   visibility timeout and is retried; after the queue's maxReceiveCount SQS moves it to its dead-letter queue.
 * - 400 (not a notification, unknown seller, too large): the answer will never change, so redelivery would only burn
 *   receives until the redrive policy gives up (and a queue without one keeps re-serving it for its retention period).
 *   The poller parks it instead — flow `amazon-intake`, reason and SQS message id, never the body (it may carry a
 *   postal code) — counts it, and then deletes it. If parking fails the message is kept, so nothing is dropped unrecorded.
 *   Operators see it with `m3sync parked`; the order sweep re-reads any order whose notification was lost this way.
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { AwsSqsQueue, type SqsMessage, type SqsQueue } from '../../connectors/aws-sqs';
import type { FlowCounterStore, ParkedStore } from '../../connectors/storage';
import { IntegrationError } from '../../core/errors';
import type { AppSettings } from '../app-settings';
import { dependencies } from '../runtime/dependencies';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { readNotification } from '../../core/notifications';
import { SQS_PENDING_CLAIM, acceptNotification, type IntakeVerdict } from './amazon-notifications';

export const SQS_POLLER = 'amazon-sqs-poller';
/** Every 30 s (NCRONTAB, 6 fields). The Functions host never overlaps runs of one timer, so a run may use most of it. */
export const SQS_POLLER_SCHEDULE = '*/30 * * * * *';
/** The flow parked items and counters are recorded under (the intake's own counters use it too). */
export const INTAKE_FLOW = 'amazon-intake';

export interface SqsPollPorts {
  queue: SqsQueue;
  /** The HTTP endpoint's intake, bound to the app's dependencies. */
  intake: (text: string) => Promise<IntakeVerdict>;
  parked: Pick<ParkedStore, 'park'>;
  counters: Pick<FlowCounterStore, 'increment'>;
  /** NOTIFICATION_MAX_BYTES: the HTTP endpoint's limit applies to SQS bodies too. */
  maxBytes: number;
  log: LogSink;
}

export interface SqsPollOptions {
  /** Time the run may spend, long polls included (default 25 s, inside the 30 s schedule). */
  budgetMs?: number;
  /** Longest long poll (SQS allows 0–20 s). */
  maxWaitSeconds?: number;
  /** Messages per receive (SQS allows 1–10). */
  maxMessages?: number;
  maxRounds?: number;
  /** Kept free at the end of the budget for handling the last batch. */
  reserveSeconds?: number;
  /** Epoch ms (tests inject virtual time). */
  now?: () => number;
}

/** `duplicate`: deleted after the intake answered that this notification was queued already. */
export type SqsMessageOutcome = 'deleted' | 'duplicate' | 'parked' | 'kept' | 'delete-failed';

export interface SqsPollSummary {
  queue: string;
  rounds: number;
  received: number;
  /** Deleted messages, duplicates included. */
  deleted: number;
  /** Deleted as copies of a notification that was queued already (in this batch, by another poller or earlier). */
  duplicates: number;
  parked: number;
  kept: number;
  deleteFailed: number;
  stoppedBy: 'empty' | 'budget' | 'rounds' | 'error';
  /** The receive failure that ended the run (code only). */
  error?: string;
}

/** Receives and hands over messages in rounds until the queue answers empty, the budget is spent or a receive fails. */
export async function pollSqs(ports: SqsPollPorts, options: SqsPollOptions = {}): Promise<SqsPollSummary> {
  const now = options.now ?? Date.now;
  const budgetMs = options.budgetMs ?? 25_000;
  const maxWait = Math.min(20, options.maxWaitSeconds ?? 20);
  const reserve = options.reserveSeconds ?? 3;
  const maxRounds = options.maxRounds ?? 20;
  const started = now();
  const summary: SqsPollSummary = { queue: ports.queue.name, rounds: 0, received: 0, deleted: 0, duplicates: 0, parked: 0, kept: 0, deleteFailed: 0, stoppedBy: 'rounds' };
  while (summary.rounds < maxRounds) {
    const leftSeconds = Math.floor((budgetMs - (now() - started)) / 1000) - reserve;
    if (leftSeconds < 0) {
      summary.stoppedBy = 'budget';
      break;
    }
    let messages: SqsMessage[];
    try {
      messages = await ports.queue.receive({ maxMessages: options.maxMessages ?? 10, waitSeconds: Math.min(maxWait, leftSeconds) });
    } catch (error) {
      summary.stoppedBy = 'error';
      summary.error = await reportReceiveFailure(ports, error);
      break;
    }
    summary.rounds++;
    if (messages.length === 0) {
      summary.stoppedBy = 'empty';
      break;
    }
    summary.received += messages.length;
    // Different notifications are independent and handled concurrently; copies of one go one after the other, so the
    // later ones meet the first one's finished claim (a duplicate) instead of racing it into the queue.
    const outcomes = (await Promise.all(byNotification(messages, ports.maxBytes).map(async (copies) => {
      const handled: SqsMessageOutcome[] = [];
      for (const message of copies) handled.push(await handleMessage(ports, message));
      return handled;
    }))).flat();
    for (const outcome of outcomes) {
      if (outcome === 'duplicate') {
        summary.deleted++;
        summary.duplicates++;
      } else if (outcome === 'deleted') summary.deleted++;
      else if (outcome === 'parked') summary.parked++;
      else if (outcome === 'kept') summary.kept++;
      else summary.deleteFailed++;
    }
  }
  return summary;
}

/** One message through the intake; never throws, so one bad message or outage cannot stop the others. */
export async function handleMessage(ports: SqsPollPorts, message: SqsMessage): Promise<SqsMessageOutcome> {
  const ids = { queue: ports.queue.name, sqsMessageId: message.messageId, receiveCount: message.receiveCount };
  const bytes = Buffer.byteLength(message.body, 'utf8');
  let verdict: IntakeVerdict;
  if (bytes > ports.maxBytes) {
    verdict = { status: 400, body: { error: 'TOO_LARGE', message: `the message body has ${bytes} bytes, more than NOTIFICATION_MAX_BYTES (${ports.maxBytes})` } };
  } else {
    try {
      verdict = await ports.intake(message.body);
    } catch (error) {
      logEvent(ports.log, 'warn', 'notification.sqs-kept', { ...ids, reason: errorCode(error) });
      return 'kept';
    }
  }
  if (verdict.status === 503 || verdict.status === 409) {
    logEvent(ports.log, 'warn', 'notification.sqs-kept', { ...ids, reason: verdict.status === 409 ? 'CLAIM_PENDING' : 'UNAVAILABLE' });
    return 'kept';
  }
  if (verdict.status === 400) {
    const reason = typeof verdict.body.error === 'string' ? verdict.body.error : 'INVALID_NOTIFICATION';
    const text = typeof verdict.body.message === 'string' ? verdict.body.message : 'refused by the notification intake';
    try {
      await ports.parked.park({
        flow: INTAKE_FLOW, id: message.messageId, reason, message: text,
        sourceRef: `sqs:${ports.queue.name}:${message.messageId}`,
        details: { queue: ports.queue.name, receiveCount: message.receiveCount, bytes },
      });
      await ports.counters.increment(INTAKE_FLOW, 'sqs-parked');
    } catch (error) {
      logEvent(ports.log, 'error', 'notification.sqs-park-failed', { ...ids, reason: errorCode(error) });
      return 'kept';
    }
    logEvent(ports.log, 'warn', 'notification.sqs-parked', { ...ids, flow: INTAKE_FLOW, reason });
  }
  try {
    await ports.queue.delete(message.receiptHandle);
  } catch (error) {
    // Already queued (or parked): the message comes back after the visibility timeout and is deduplicated then.
    logEvent(ports.log, 'warn', 'notification.sqs-delete-failed', { ...ids, reason: errorCode(error) });
    return 'delete-failed';
  }
  if (verdict.status === 400) return 'parked';
  return verdict.body.duplicate === true ? 'duplicate' : 'deleted';
}

/** The batch's messages grouped by NotificationId, in receive order; a body that is no notification is a group of its own. */
export function byNotification(messages: readonly SqsMessage[], maxBytes = Infinity): SqsMessage[][] {
  const groups = new Map<string, SqsMessage[]>();
  for (const message of messages) {
    const readable = Buffer.byteLength(message.body, 'utf8') <= maxBytes;
    const key = (readable ? notificationIdOf(message.body) : undefined) ?? `sqs:${message.messageId}`;
    const group = groups.get(key);
    if (group) group.push(message);
    else groups.set(key, [message]);
  }
  return [...groups.values()];
}

function notificationIdOf(body: string): string | undefined {
  try {
    return `notification:${readNotification(body).notificationId}`;
  } catch {
    return undefined; // the intake refuses it on its own (parked)
  }
}

async function reportReceiveFailure(ports: SqsPollPorts, error: unknown): Promise<string> {
  const code = errorCode(error);
  const kind = error instanceof IntegrationError ? error.kind : 'transient';
  const fields = { queue: ports.queue.name, reason: code, message: error instanceof Error ? error.message : String(error) };
  // Bad AWS credentials or a missing queue will not heal by themselves: alert. A network blip: the next run retries.
  if (kind === 'transient') logEvent(ports.log, 'warn', 'notification.sqs-receive-failed', fields);
  else logEvent(ports.log, 'error', kind === 'auth' ? 'alert.amazon-sqs-auth' : 'alert.amazon-sqs-queue', fields);
  try {
    await ports.counters.increment(INTAKE_FLOW, `sqs-receive-${kind}`);
  } catch {
    // Counting is best effort here: the log line above already says what happened.
  }
  return code;
}

function errorCode(error: unknown): string {
  if (error instanceof IntegrationError) return error.code;
  return error instanceof Error ? error.name : 'unknown';
}

let cachedQueue: { url: string; queue: AwsSqsQueue } | undefined;

/** The configured queue, or undefined when AMAZON_SQS_QUEUE_URL is empty (poller disabled). */
export function configuredSqsQueue(settings: AppSettings): SqsQueue | undefined {
  const url = settings.AMAZON_SQS_QUEUE_URL.trim();
  if (!url) return undefined;
  if (cachedQueue?.url !== url) {
    cachedQueue?.queue.close();
    const credentials = settings.AWS_ACCESS_KEY_ID && settings.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: settings.AWS_ACCESS_KEY_ID, secretAccessKey: settings.AWS_SECRET_ACCESS_KEY }
      : undefined;
    cachedQueue = { url, queue: new AwsSqsQueue({ queueUrl: url, region: settings.AWS_REGION || undefined, credentials }) };
  }
  return cachedQueue.queue;
}

export async function sqsPollerTimer(_timer: Timer, context: InvocationContext): Promise<SqsPollSummary | undefined> {
  const deps = dependencies();
  const queue = configuredSqsQueue(deps.settings);
  if (!queue) return undefined;
  const summary = await pollSqs({
    queue, intake: (text) => acceptNotification(text, deps, context, { awaitPendingClaim: SQS_PENDING_CLAIM }), parked: deps.parked, counters: deps.counters,
    maxBytes: deps.settings.NOTIFICATION_MAX_BYTES, log: context,
  });
  if (summary.received > 0 || summary.error) {
    const { queue: name, stoppedBy, error, ...counts } = summary;
    logEvent(context, summary.error ? 'warn' : 'info', 'notification.sqs-poll', { queue: name, stoppedBy, error, ...counts });
  }
  return summary;
}

app.timer(SQS_POLLER, { schedule: SQS_POLLER_SCHEDULE, handler: sqsPollerTimer });
