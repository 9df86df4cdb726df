/**
 * Poison messages (docs/design.md, Error policy): after the maximum delivery count a message lands in its queue's dead-letter queue;
 * operations list them with the reason and re-submit one after the cause is fixed. Bodies are summarised by their ids
 * only — a BOD message may carry a canonical document, which is not shown.
 */
import { z } from 'zod';
import type { DeadLetter, DeadLetterQueue } from '../../connectors/messaging';
import { QUEUE_NAMES } from '../queue-names';
import { badInput, notFound } from './ops-request';

export interface DeadLetterView {
  queue: string;
  messageId: string;
  deliveryCount: number;
  enqueuedTimeUtc: string;
  reason: string;
  description: string;
  /** Id-like fields of the body (notification id, type, order id, BOD id, noun). */
  summary: Record<string, string>;
}

const SUMMARY_FIELDS = ['kind', 'notificationId', 'type', 'orderId', 'sellerId', 'bodId', 'noun', 'reference'] as const;

export function knownQueue(queue: string): string {
  if (!QUEUE_NAMES.includes(queue)) throw badInput(`unknown queue "${queue}" (queues: ${QUEUE_NAMES.join(', ')})`);
  return queue;
}

export async function listDeadLetters(dlq: Pick<DeadLetterQueue, 'list'>, queue?: string, max = 100): Promise<DeadLetterView[]> {
  const queues = queue ? [knownQueue(queue)] : [...QUEUE_NAMES];
  const views: DeadLetterView[] = [];
  for (const name of queues) for (const letter of await dlq.list(name, max)) views.push(viewOf(name, letter));
  return views;
}

export async function resubmitDeadLetter(dlq: Pick<DeadLetterQueue, 'resubmit'>, queue: string, messageId: string): Promise<{ queue: string; messageId: string; resubmitted: true }> {
  if (!(await dlq.resubmit(knownQueue(queue), messageId))) throw notFound(`dead letter ${messageId} in ${queue}`);
  return { queue, messageId, resubmitted: true };
}

function viewOf(queue: string, letter: DeadLetter): DeadLetterView {
  return {
    queue, messageId: letter.messageId, deliveryCount: letter.deliveryCount, enqueuedTimeUtc: letter.enqueuedTimeUtc,
    reason: letter.deadLetterReason, description: letter.deadLetterErrorDescription.slice(0, 500), summary: summaryOf(letter.body),
  };
}

function summaryOf(body: unknown): Record<string, string> {
  const record = z.record(z.unknown()).safeParse(body);
  const out: Record<string, string> = {};
  if (!record.success) return out;
  for (const field of SUMMARY_FIELDS) {
    const value = record.data[field];
    if (typeof value === 'string' || typeof value === 'number') out[field] = String(value).slice(0, 200);
  }
  // Inline BOD messages keep their envelope one level down.
  const envelope = z.object({ envelope: z.object({ bodId: z.string().optional(), noun: z.string().optional() }).passthrough() }).passthrough().safeParse(record.data.bod);
  if (envelope.success) {
    if (envelope.data.envelope.bodId) out.bodId = envelope.data.envelope.bodId;
    if (envelope.data.envelope.noun) out.noun = envelope.data.envelope.noun;
  }
  return out;
}
