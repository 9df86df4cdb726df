/**
 * docs/contracts.md (Commands: parse-notification; HTTP endpoints: intake), checked against the example notifications inside Amazon's own
 * schemas (../shared/spapi/models/schemas/notifications and _removed-from-HEAD, read at test time, skipped when absent):
 * every envelope (raw, SQS message, Lambda record, SNS-in-SQS, EventBridge) yields the same event.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NotificationError, readNotification, SUPPORTED_NOTIFICATION_TYPES } from '../../../core/notifications';

const MODELS = path.resolve(__dirname, '../../../../shared/spapi/models');
const DIRS = [path.join(MODELS, 'schemas/notifications'), path.join(MODELS, '_removed-from-HEAD/schemas/notifications')];
const present = fs.existsSync(DIRS[0]);
if (!present) process.stdout.write(`skipping the official notification example specs: ${DIRS[0]} is absent\n`);

type Json = Record<string, unknown>;
const examples: [string, Json][] = present
  ? DIRS.filter((d) => fs.existsSync(d)).flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((file) => {
    const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { examples?: Json[] };
    return (schema.examples ?? []).map((example, i): [string, Json] => [`${file}#${i}`, example]);
  }))
  : [];
const withModels = present ? it : it.skip;

function typeOf(example: Json): string {
  return String(example.NotificationType ?? example.notificationType);
}

function clone(value: Json): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

function withoutEnvelope(value: Record<string, unknown>): Record<string, unknown> {
  const { envelope: _envelope, ...rest } = value;
  return rest;
}

describe('readNotification on the official examples', () => {
  withModels('has examples for the types this app processes', () => {
    const types = new Set(examples.map(([, e]) => typeOf(e)));
    for (const type of SUPPORTED_NOTIFICATION_TYPES) expect(types).toContain(type);
  });

  withModels('reads every example: processed types with their ids, all other types ignored', () => {
    for (const [name, example] of examples) {
      const event = readNotification(JSON.stringify(example));
      const type = typeOf(example);
      expect([name, event.type]).toEqual([name, type]);
      expect(event.notificationId.length).toBeGreaterThan(0);
      if ((SUPPORTED_NOTIFICATION_TYPES as readonly string[]).includes(type)) expect([name, event.ignored]).toEqual([name, undefined]);
      else expect([name, event.ignored]).toEqual([name, true]);
    }
  });

  withModels('reads the ORDER_CHANGE example into orderId, sellerId, marketplaceId and status', () => {
    const [, example] = examples.find(([, e]) => typeOf(e) === 'ORDER_CHANGE') ?? [];
    if (example === undefined) throw new Error('no ORDER_CHANGE example');
    expect(readNotification(example)).toMatchObject({
      notificationId: 'd0e9e693-c3ad-4373-979f-ed4ec98dd746', type: 'ORDER_CHANGE', orderId: '903-8868176-2219830',
      sellerId: 'A3TH9S8BH6GOGM', marketplaceId: 'ATVPDKIKX0DER', status: 'Unshipped',
    });
  });

  withModels('unwraps SQS, Lambda SQS records, SNS-in-SQS and EventBridge exactly to the raw event', () => {
    for (const [name, example] of examples) {
      const raw = withoutEnvelope(readNotification(JSON.stringify(example)));
      const body = JSON.stringify(example);
      const wrapped = {
        sqs: { MessageId: 'm-1', ReceiptHandle: 'r', MD5OfBody: 'x', Body: body },
        lambda: { Records: [{ messageId: 'm-1', eventSource: 'aws:sqs', body }] },
        sns: { Body: JSON.stringify({ Type: 'Notification', MessageId: 's-1', Message: body }) },
        eventbridge: { version: '0', id: 'e-1', 'detail-type': typeOf(example), source: 'aws.partner/sellingpartnerapi.amazon', account: '1', time: '2025-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: example },
      };
      for (const [kind, envelope] of Object.entries(wrapped)) {
        expect([name, kind, withoutEnvelope(readNotification(JSON.stringify(envelope)))]).toEqual([name, kind, raw]);
      }
    }
  });

  withModels('reads the envelope keys in either casing', () => {
    for (const [name, example] of examples) {
      const swapped: Json = {};
      for (const [key, value] of Object.entries(example)) {
        const first = key.charAt(0);
        swapped[(first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase()) + key.slice(1)] = value;
      }
      expect([name, readNotification(swapped)]).toEqual([name, readNotification(example)]);
    }
  });

  withModels('reads null optional values as absent, as Amazon\'s ["string", "null"] types allow', () => {
    const [, example] = examples.find(([, e]) => typeOf(e) === 'ORDER_CHANGE') ?? [];
    if (example === undefined) throw new Error('no ORDER_CHANGE example');
    const copy = clone(example);
    const payload = (copy.Payload as Json).OrderChangeNotification as Json;
    (payload.OrderChangeTrigger as Json).TimeOfOrderChange = null;
    const summary = payload.Summary as Json;
    summary.PurchaseDate = null;
    summary.FulfillmentType = null;
    ((summary.OrderItems as Json[])[0]).SupplySourceId = null;
    ((summary.OrderItems as Json[])[0]).QuantityShipped = null;
    (copy.NotificationMetadata as Json).PublishTime = null;
    const event = readNotification(copy);
    expect(event).toMatchObject({ orderId: '903-8868176-2219830', status: 'Unshipped' });
    expect(event.publishTime).toBeUndefined();
    expect(event.fulfillmentType).toBeUndefined();
  });

  withModels('names the bad metadata field instead of claiming the NotificationId is missing', () => {
    const [, example] = examples.find(([, e]) => typeOf(e) === 'ORDER_CHANGE') ?? [];
    if (example === undefined) throw new Error('no ORDER_CHANGE example');
    const copy = clone(example);
    (copy.NotificationMetadata as Json).PublishTime = 42;
    let caught: unknown;
    try { readNotification(copy); } catch (error) { caught = error; }
    expect(caught).toBeInstanceOf(NotificationError);
    expect((caught as NotificationError).message).toContain('publishTime');
  });
});
