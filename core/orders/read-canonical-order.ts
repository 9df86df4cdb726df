/** Reading Amazon orders into the canonical order (canonical-order.ts): v2026-01-01 bodies and orders, and v0 captures. */
import type { z } from 'zod';
import { GetOrderResponseSchema, type Order } from './amazon-order-2026';
import { V0OrderCaptureSchema } from './amazon-order-v0';
import { CanonicalOrderSchema, type CanonicalOrder } from './canonical-order';
import { fromOrder2026 } from './order-from-2026';
import { fromOrderV0 } from './order-from-v0';
import { OrderInputError } from './order-input-error';

/**
 * Accepts a v2026-01-01 `getOrder` body (`{"order": …}`), a bare v2026 `Order`, or a v0 capture
 * (`{"order": <v0 Order>, "orderItems": [...]}`), and returns the canonical order.
 * Throws `OrderInputError` (a PermanentError) naming the path of the first bad value.
 */
export function toCanonicalOrder(input: unknown): CanonicalOrder {
  if (!isRecord(input)) throw new OrderInputError('expected a JSON object with an "order"');
  const order = input.order;
  if (isRecord(order) && 'AmazonOrderId' in order) {
    return CanonicalOrderSchema.parse(fromOrderV0(parseOrThrow(V0OrderCaptureSchema, input, 'Orders v0 capture')));
  }
  if (isRecord(order)) {
    return readGetOrderBody(input);
  }
  if ('orderId' in input && 'orderItems' in input) {
    return canonicalOrderOf2026(parseOrThrow(GetOrderResponseSchema, { order: input }, 'Orders v2026-01-01 Order').order);
  }
  throw new OrderInputError('expected a v2026-01-01 getOrder body {"order": …} or a v0 capture {"order": …, "orderItems": […]}');
}

/** A v2026-01-01 order already read through its schema (as the SP-API client returns it) → canonical order, not read again. */
export function canonicalOrderOf2026(order: Order): CanonicalOrder {
  return CanonicalOrderSchema.parse(fromOrder2026(order));
}

/**
 * A v2026-01-01 `getOrder` body from a source that does not type it (the order port, a claim check): read once through
 * the getOrder schema, never sniffed for another shape. Throws `OrderInputError` naming the path of the first bad value.
 */
export function readGetOrderBody(body: unknown): CanonicalOrder {
  return canonicalOrderOf2026(parseOrThrow(GetOrderResponseSchema, body, 'Orders v2026-01-01 getOrder response').order);
}

function parseOrThrow<T extends z.ZodTypeAny>(schema: T, input: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw new OrderInputError(`not a valid ${what}: ${path}: ${issue.message}`, path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
