/** Orders v0 confirmShipment as Amazon validates it: required fields, order exists, merchant-fulfilled, not canceled, items belong to the order, quantities within what was ordered, carrier from Amazon's list (else Other + carrierName); the same packageReferenceId edits (docs/amazon-facts.md, Shipment confirmation). */
import { z } from 'zod';
import { isAcceptedCarrierCode } from './carrier-codes';
import { emitOrderChange } from './orders-api';
import type { SimContext } from './sim-context';
import { isoAt } from './sim-context';
import { json, spError, type Route, type SimResponse } from './sim-http';
import { SimOrderSchema, fulfillmentStatusOf, isMerchantFulfilled } from './sim-order';

const MODEL = 'orders-api-model/ordersV0.json';
const PATH = '/orders/v0/orders/{orderId}/shipmentConfirmation';

/**
 * The confirmShipment body as the simulator reads it (ordersV0.json ConfirmShipmentRequest, written out here so the
 * simulator does not share the app's schema): packageReferenceId is a positive integer written as a string, as Amazon's
 * "Confirm the shipment status" guide requires.
 */
const ConfirmShipmentBodySchema = z.object({
  marketplaceId: z.string().min(1),
  codCollectionMethod: z.literal('DirectPayment').optional(),
  packageDetail: z.object({
    packageReferenceId: z.string().regex(/^[1-9]\d*$/, 'packageReferenceId must be a positive integer written as a string'),
    carrierCode: z.string().min(1),
    carrierName: z.string().optional(),
    shippingMethod: z.string().optional(),
    trackingNumber: z.string().min(1),
    shipDate: z.string().datetime({ offset: true }),
    shipFromSupplySourceId: z.string().optional(),
    orderItems: z.array(z.object({
      orderItemId: z.string().min(1),
      quantity: z.number().int().positive(),
      transparencyCodes: z.array(z.string()).optional(),
    })).min(1),
  }),
});
type ConfirmShipmentBody = z.infer<typeof ConfirmShipmentBodySchema>;

export type ConfirmationOutcome = { ok: true } | { ok: false; status: number; code: string; message: string };

const PackageSchema = z.object({
  packageReferenceId: z.string(),
  packageItems: z.array(z.object({ orderItemId: z.string(), quantity: z.number().int() }).passthrough()).optional(),
}).passthrough();

/** Validates and applies one confirmation; shared by the API route and POST_ORDER_FULFILLMENT_DATA feed messages. */
export function applyShipmentConfirmation(ctx: SimContext, orderId: string, rawBody: unknown): ConfirmationOutcome {
  const fail = (status: number, message: string, code = 'InvalidInput'): ConfirmationOutcome => ({ ok: false, status, code, message });
  const parsed = ConfirmShipmentBodySchema.safeParse(rawBody);
  if (!parsed.success) return fail(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const body: ConfirmShipmentBody = parsed.data;
  const raw = ctx.state.orders[orderId];
  if (!raw) return fail(404, `Order ${orderId} was not found.`, 'NotFound');
  const order = SimOrderSchema.parse(raw);
  if (order.salesChannel.marketplaceId && order.salesChannel.marketplaceId !== body.marketplaceId) return fail(400, `marketplaceId ${body.marketplaceId} does not match the order's marketplace.`);
  if (!isMerchantFulfilled(order)) return fail(400, 'Shipment confirmation is only allowed for merchant-fulfilled orders.');
  // https://developer-docs.amazon.com/sp-api/docs/confirm-the-shipment-status: Ship+ orders do not support confirmShipment.
  if ((order.programs ?? []).includes('FBM_SHIP_PLUS')) return fail(400, 'Ship+ orders do not support the confirmShipment operation.');
  const status = fulfillmentStatusOf(order);
  if (status === 'CANCELLED') return fail(400, 'The order has been canceled.');
  if (status === 'PENDING' || status === 'PENDING_AVAILABILITY') return fail(400, 'The order is pending and cannot be shipped yet.');
  const pkg = body.packageDetail;
  if (!isAcceptedCarrierCode(pkg.carrierCode)) return fail(400, `Invalid carrierCode ${pkg.carrierCode}: use a code from Amazon's carrier list, or Other with carrierName.`);
  if (pkg.carrierCode === 'Other' && !pkg.carrierName) return fail(400, 'carrierName is required when carrierCode is Other.');
  const byId = new Map(order.orderItems.map((i) => [i.orderItemId, i]));
  for (const item of pkg.orderItems) if (!byId.has(item.orderItemId)) return fail(400, `orderItemId ${item.orderItemId} does not belong to order ${orderId}.`);
  const packages = z.array(PackageSchema).parse(raw.packages ?? []);
  const others = packages.filter((p) => p.packageReferenceId !== pkg.packageReferenceId);
  const shipped = new Map<string, number>();
  for (const p of others) for (const pi of p.packageItems ?? []) shipped.set(pi.orderItemId, (shipped.get(pi.orderItemId) ?? 0) + pi.quantity);
  for (const item of pkg.orderItems) shipped.set(item.orderItemId, (shipped.get(item.orderItemId) ?? 0) + item.quantity);
  for (const [id, qty] of shipped) {
    const ordered = byId.get(id)?.quantityOrdered ?? 0;
    if (qty > ordered) return fail(400, `Quantity for orderItemId ${id} (${qty}) exceeds the ordered quantity ${ordered}.`);
  }
  const now = isoAt(ctx.clock.now());
  const newPackage = {
    packageReferenceId: pkg.packageReferenceId,
    createdTime: now,
    packageStatus: { status: 'IN_TRANSIT' },
    carrier: pkg.carrierCode === 'Other' ? pkg.carrierName ?? 'Other' : pkg.carrierCode,
    shipTime: new Date(pkg.shipDate).toISOString(),
    ...(pkg.shippingMethod ? { shippingService: pkg.shippingMethod } : {}),
    trackingNumber: pkg.trackingNumber,
    packageItems: pkg.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity, ...(i.transparencyCodes ? { transparencyCodes: i.transparencyCodes } : {}) })),
  };
  const items = z.array(z.record(z.unknown())).parse(raw.orderItems);
  const updatedItems = items.map((item) => {
    const id = String(item.orderItemId);
    const done = shipped.get(id) ?? 0;
    const ordered = byId.get(id)?.quantityOrdered ?? 0;
    const fulfillment = z.record(z.unknown()).optional().parse(item.fulfillment) ?? {};
    return { ...item, fulfillment: { ...fulfillment, quantityFulfilled: done, quantityUnfulfilled: Math.max(0, ordered - done) } };
  });
  const allShipped = order.orderItems.every((i) => (shipped.get(i.orderItemId) ?? 0) >= i.quantityOrdered);
  const orderFulfillment = z.record(z.unknown()).optional().parse(raw.fulfillment) ?? {};
  const updated: Record<string, unknown> = {
    ...raw,
    lastUpdatedTime: now,
    orderItems: updatedItems,
    packages: [...others, newPackage],
    fulfillment: { ...orderFulfillment, fulfillmentStatus: allShipped ? 'SHIPPED' : 'PARTIALLY_SHIPPED' },
  };
  ctx.state.orders[orderId] = updated;
  ctx.state.confirmations.push({ orderId, body: rawBody });
  ctx.persist();
  if (status !== fulfillmentStatusOf(SimOrderSchema.parse(updated))) emitOrderChange(ctx, SimOrderSchema.parse(updated), 'Shipment confirmed');
  return { ok: true };
}

export function shipmentRoutes(ctx: SimContext): Route[] {
  return [
    {
      method: 'POST', pattern: PATH, operation: 'confirmShipment', model: { file: MODEL, path: PATH, method: 'post' },
      handler: (req): SimResponse => {
        const outcome = applyShipmentConfirmation(ctx, req.params.orderId, req.body);
        return outcome.ok ? { status: 204 } : spError(outcome.status, outcome.code, outcome.message);
      },
    },
    { method: 'GET', pattern: '/_sim/confirmations', handler: () => json(200, ctx.state.confirmations) },
  ];
}
