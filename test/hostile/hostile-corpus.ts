/** The hostile corpus (test/fixtures/hostile/{json,xml}/manifest.json) as bytes, with the generated cases built here (too large for git). */
import fs from 'node:fs';
import path from 'node:path';

export const JSON_DIR = path.resolve(__dirname, '../fixtures/hostile/json');
export const XML_DIR = path.resolve(__dirname, '../fixtures/hostile/xml');

export interface JsonCaseExpectation {
  http?: number;
  cli: number;
  code?: string;
  mentions?: string;
  ignored?: boolean;
  intact?: string;
  issue?: string;
}
export interface JsonCase { file: string; kind: 'notification' | 'order' | 'mappings'; why: string; generated?: string; expect: JsonCaseExpectation }
export interface XmlCase { file: string; expected: string; why: string; mentions: string; generated?: string }

export const jsonCases = (JSON.parse(fs.readFileSync(path.join(JSON_DIR, 'manifest.json'), 'utf8')) as { cases: JsonCase[] }).cases;
export const xmlCases = (JSON.parse(fs.readFileSync(path.join(XML_DIR, 'manifest.json'), 'utf8')) as { cases: XmlCase[] }).cases;

/** A valid ORDER_CHANGE for the sandbox seller, the base of the generated notification cases. */
export function orderChange(sellerId: string, notificationId: string, orderId = '113-0000001-0000001', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    NotificationVersion: '1.0', NotificationType: 'ORDER_CHANGE', PayloadVersion: '1.0', EventTime: '2026-03-02T10:16:00.000Z',
    Payload: { OrderChangeNotification: { NotificationLevel: 'OrderLevel', SellerId: sellerId, AmazonOrderId: orderId, OrderChangeType: 'OrderStatusChange',
      Summary: { MarketplaceId: 'ATVPDKIKX0DER', OrderStatus: 'Unshipped', FulfillmentType: 'MFN', OrderItems: [{ OrderItemId: '1', SellerSKU: 'WIDGET-1', Quantity: 1 }] } }, ...extra },
    NotificationMetadata: { ApplicationId: 'amzn1.sellerapps.app.test', SubscriptionId: 'sub', PublishTime: '2026-03-02T10:16:01.000Z', NotificationId: notificationId },
  };
}

function generated(name: string): Buffer {
  const seller = 'A3SANDBOXSELLER';
  switch (name) {
    case '10mb': return Buffer.from(JSON.stringify(orderChange(seller, 'hostile-10mb', undefined, { Padding: 'x'.repeat(10 * 1024 * 1024) })));
    case 'huge-order-items': {
      const n = orderChange(seller, 'hostile-huge-items');
      const ocn = (n.Payload as { OrderChangeNotification: { Summary: { OrderItems: unknown[] } } }).OrderChangeNotification;
      ocn.Summary.OrderItems = Array.from({ length: 12_000 }, () => ({ OrderItemId: '1' }));
      return Buffer.from(JSON.stringify(n));
    }
    case 'huge-unknown-array': return Buffer.from(JSON.stringify(orderChange(seller, 'hostile-huge-array', undefined, { Extra: Array.from({ length: 1_000_000 }, () => 0) })));
    case '10k-order-id': return Buffer.from(JSON.stringify(orderChange(seller, 'hostile-10k-id', '1'.repeat(10_000))));
    case 'order-10k-name': {
      const order = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/orders/v2026-single-line.json'), 'utf8')) as { order: { recipient: { deliveryAddress: { name: string } } } };
      order.order.recipient.deliveryAddress.name = 'Name-with-no-spaces-'.repeat(500);
      return Buffer.from(JSON.stringify(order));
    }
    default: throw new Error(`unknown generated case ${name}`);
  }
}

export function jsonCaseBytes(c: JsonCase): Buffer {
  return c.generated ? generated(c.generated) : fs.readFileSync(path.join(JSON_DIR, c.file));
}

/** Generated cases are written to a temp dir when an entry point needs a file (the CLI). */
export function jsonCaseFile(c: JsonCase, tempDir: string): string {
  if (!c.generated) return path.join(JSON_DIR, c.file);
  const file = path.join(tempDir, `${c.generated}.json`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, jsonCaseBytes(c));
  return file;
}

export function xmlCaseBytes(c: XmlCase): Buffer | undefined {
  if (c.generated) return undefined;
  return fs.readFileSync(path.join(XML_DIR, c.file));
}
