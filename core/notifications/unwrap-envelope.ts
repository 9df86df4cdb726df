/** Peels transport envelopes off an SP-API notification: SQS message, SNS-in-SQS, EventBridge event, or none. */
import { NotificationError } from './notification-error';
import type { NotificationEnvelopeKind } from './notification-event';
import { parseJsonSafely, UnsafeJsonError } from './safe-json';

// SP-API delivers ORDER_CHANGE/FEED/REPORT notifications to SQS (the message Body is the notification
// JSON) and LISTINGS_* to EventBridge (`detail`) (docs/amazon-facts.md, Notifications). Relays add layers:
// a Lambda SQS record (`body`), SNS fan-out (`Message`), or a Body that was JSON-encoded twice.
const MAX_LAYERS = 5;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property by name, ignoring case (`NotificationType` / `notificationType`). */
export function getIgnoringCase(record: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(record, name)) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

export function parseText(text: string): unknown {
  try {
    return parseJsonSafely(text);
  } catch (error) {
    const message = error instanceof UnsafeJsonError ? error.message : String(error);
    throw new NotificationError(message.startsWith('invalid JSON') ? 'INVALID_JSON' : 'UNSAFE_JSON', message);
  }
}

function hasNotificationType(record: Record<string, unknown>): boolean {
  return getIgnoringCase(record, 'NotificationType') !== undefined;
}

/** Returns the innermost notification object and the outermost envelope kind seen. */
export function unwrapEnvelope(input: unknown): { notification: Record<string, unknown>; envelope: NotificationEnvelopeKind; eventBridgeType?: string } {
  let value = typeof input === 'string' ? parseText(input) : input;
  let envelope: NotificationEnvelopeKind = 'raw';
  let eventBridgeType: string | undefined;
  for (let layer = 0; layer <= MAX_LAYERS; layer += 1) {
    if (typeof value === 'string') {
      value = parseText(value);
      continue;
    }
    if (!isRecord(value)) throw new NotificationError('INVALID_SCHEMA', `expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
    if (hasNotificationType(value)) return { notification: value, envelope, eventBridgeType };

    const records = getIgnoringCase(value, 'Records');
    if (Array.isArray(records)) {
      if (records.length !== 1) throw new NotificationError('INVALID_SCHEMA', `an SQS batch of ${records.length} records: send one message per request`);
      value = records[0];
      continue;
    }
    const body = getIgnoringCase(value, 'Body');
    if (body !== undefined) {
      if (envelope === 'raw') envelope = 'sqs';
      value = body;
      continue;
    }
    const message = getIgnoringCase(value, 'Message');
    if (message !== undefined && (typeof message === 'string' || isRecord(message))) {
      if (envelope === 'raw') envelope = 'sns';
      value = message;
      continue;
    }
    const detail = value.detail;
    if (detail !== undefined) {
      if (envelope === 'raw') envelope = 'eventbridge';
      const detailType = value['detail-type'];
      if (typeof detailType === 'string' && detailType !== '') eventBridgeType = detailType;
      value = detail;
      // The EventBridge `detail` is the notification; its type may only be on the event (`detail-type`).
      if (isRecord(value) && !hasNotificationType(value) && eventBridgeType !== undefined) return { notification: value, envelope, eventBridgeType };
      continue;
    }
    return { notification: value, envelope, eventBridgeType };
  }
  throw new NotificationError('INVALID_SCHEMA', `more than ${MAX_LAYERS} nested envelopes`);
}
