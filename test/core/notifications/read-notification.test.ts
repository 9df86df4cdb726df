import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readNotification, NotificationError } from '../../../core/notifications';

const dir = path.resolve(__dirname, '../../fixtures/notifications');
const text = (name: string): string => readFileSync(path.join(dir, name), 'utf8');
const json = (name: string): Record<string, unknown> => JSON.parse(text(name)) as Record<string, unknown>;

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof NotificationError) return error.reason;
    throw error;
  }
  throw new Error('expected a NotificationError');
}

describe('readNotification', () => {
  it('reads a raw ORDER_CHANGE notification', () => {
    expect(readNotification(text('order-change-raw.json'))).toMatchObject({
      notificationId: 'd0e9e693-c3ad-4373-979f-ed4ec98dd746', type: 'ORDER_CHANGE', envelope: 'raw',
      sellerId: 'A3TH9S8BH6GOGM', marketplaceId: 'ATVPDKIKX0DER', orderId: '113-0000001-0000001', status: 'Unshipped', fulfillmentType: 'MFN',
      orderItems: [{ orderItemId: '10000000000001', sku: 'WIDGET-1', quantity: 1 }],
    });
  });

  it('unwraps SQS messages, double-encoded bodies and SNS-in-SQS to the same event', () => {
    const raw = readNotification(text('order-change-raw.json'));
    const { envelope: _raw, ...rest } = raw;
    for (const name of ['order-change-sqs.json', 'order-change-sqs-double-encoded.json']) {
      expect(readNotification(text(name))).toEqual({ ...rest, envelope: 'sqs' });
    }
    expect(readNotification(text('order-change-sns-in-sqs.json'))).toMatchObject({ orderId: '113-0000004-0000004', status: 'Canceled', orderChangeType: 'BuyerRequestedChange' });
  });

  it('accepts an already-parsed body and a Lambda-style SQS record', () => {
    const body = text('order-change-raw.json');
    expect(readNotification(json('order-change-raw.json')).orderId).toBe('113-0000001-0000001');
    expect(readNotification({ Records: [{ messageId: 'r1', body }] }).orderId).toBe('113-0000001-0000001');
  });

  it('reads camelCase envelopes: feed and report processing finished', () => {
    expect(readNotification(text('feed-processing-finished.json'))).toMatchObject({ type: 'FEED_PROCESSING_FINISHED', feedId: '123412341234', processingStatus: 'DONE', documentId: expect.stringMatching(/^amzn1\.tortuga/) });
    expect(readNotification(text('report-processing-finished-sqs.json'))).toMatchObject({ type: 'REPORT_PROCESSING_FINISHED', reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', envelope: 'sqs' });
  });

  it('unwraps an EventBridge event', () => {
    expect(readNotification(text('listings-mfn-quantity-eventbridge.json'))).toMatchObject({ type: 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE', envelope: 'eventbridge', sku: 'WIDGET-1', quantity: 42 });
  });

  it('marks unknown types as ignored instead of failing', () => {
    const event = readNotification(text('any-offer-changed.json'));
    expect(event).toMatchObject({ type: 'ANY_OFFER_CHANGED', ignored: true, notificationId: 'b4b4b4b4-0000-4000-8000-000000000004' });
  });

  it('rejects a missing type, missing metadata or missing NotificationId', () => {
    expect(reasonOf(() => readNotification(text('invalid-missing-type.json')))).toBe('MISSING_TYPE');
    expect(reasonOf(() => readNotification(text('invalid-missing-metadata.json')))).toBe('MISSING_METADATA');
    const noId = json('order-change-raw.json');
    noId.NotificationMetadata = { PublishTime: '2026-03-02T10:16:01.000Z' };
    expect(reasonOf(() => readNotification(noId))).toBe('MISSING_METADATA');
  });

  it('rejects hostile JSON: invalid text, __proto__ and constructor keys, wrong types, deep nesting', () => {
    expect(reasonOf(() => readNotification(text('invalid-json.txt')))).toBe('INVALID_JSON');
    expect(reasonOf(() => readNotification(text('invalid-proto.json')))).toBe('UNSAFE_JSON');
    expect(reasonOf(() => readNotification('{"NotificationType":"X","constructor":{"prototype":{}}}'))).toBe('UNSAFE_JSON');
    expect(reasonOf(() => readNotification(JSON.stringify({ Body: '{"__proto__":{"a":1}}' })))).toBe('UNSAFE_JSON');
    expect(reasonOf(() => readNotification('[]'))).toBe('INVALID_SCHEMA');
    expect(reasonOf(() => readNotification('42'))).toBe('INVALID_SCHEMA');
    expect(reasonOf(() => readNotification('null'))).toBe('INVALID_SCHEMA');
    expect(reasonOf(() => readNotification(`${'['.repeat(5000)}${']'.repeat(5000)}`))).not.toBe('');
    const wrongType = json('order-change-raw.json');
    wrongType.NotificationType = 42;
    expect(reasonOf(() => readNotification(wrongType))).toBe('MISSING_TYPE');
    const badPayload = json('order-change-raw.json');
    badPayload.Payload = { OrderChangeNotification: { SellerId: 'A1', AmazonOrderId: 7 } };
    expect(reasonOf(() => readNotification(badPayload))).toBe('INVALID_PAYLOAD');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads a huge item array without trouble but refuses absurd batches of records', () => {
    const big = json('order-change-raw.json');
    const summary = ((big.Payload as Record<string, Record<string, Record<string, unknown>>>).OrderChangeNotification.Summary);
    summary.OrderItems = Array.from({ length: 2000 }, (_, i) => ({ OrderItemId: String(i), SellerSKU: `S${i}`, SupplySourceId: null, Quantity: 1 }));
    expect(readNotification(JSON.stringify(big)).orderItems).toHaveLength(2000);
    expect(reasonOf(() => readNotification({ Records: [{ body: '{}' }, { body: '{}' }] }))).toBe('INVALID_SCHEMA');
  });

  it('never puts the postal code of the buyer into the event', () => {
    expect(JSON.stringify(readNotification(text('order-change-raw.json')))).not.toContain('98101');
  });
});

const schemaDir = path.resolve(__dirname, '../../../../shared/spapi/models/schemas/notifications');
const schemasPresent = existsSync(schemaDir);
if (!schemasPresent) console.warn(`official notification schemas not found at ${schemaDir}: skipping schema validation`);
(schemasPresent ? describe : describe.skip)('notification fixtures against the official schemas', () => {
  const schemaFor: Record<string, string> = {
    ORDER_CHANGE: 'OrderChangeNotification.json',
    FEED_PROCESSING_FINISHED: 'FeedProcessingFinishedNotification.json',
    REPORT_PROCESSING_FINISHED: 'ReportProcessingFinishedNotification.json',
    LISTINGS_ITEM_MFN_QUANTITY_CHANGE: 'ListingsItemMfnQuantityChange.json',
    ANY_OFFER_CHANGED: 'AnyOfferChangedNotification.json',
  };

  function innermost(value: unknown): Record<string, unknown> {
    let v: unknown = value;
    for (let i = 0; i < 5; i += 1) {
      if (typeof v === 'string') { v = JSON.parse(v); continue; }
      const r = v as Record<string, unknown>;
      if ('NotificationType' in r || 'notificationType' in r) return r;
      v = r.Body ?? r.Message ?? r.detail;
    }
    throw new Error('no notification inside');
  }

  it('every valid fixture notification matches its Amazon schema', () => {
    const names = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('invalid') && f !== 'any-offer-changed.json');
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const notification = innermost(json(name));
      const type = String(notification.NotificationType ?? notification.notificationType);
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, schemaFor[type]), 'utf8')) as object);
      expect({ name, errors: validate(notification) ? null : validate.errors }).toEqual({ name, errors: null });
    }
  });
});
