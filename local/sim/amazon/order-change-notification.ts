/** Builds the ORDER_CHANGE notification Amazon sends for an order (schemas/notifications/OrderChangeNotification.json): ids, status, SKUs and quantities only — no prices, no address, no buyer (docs/amazon-facts.md, Deprecations to know first). */
import { randomUUID } from 'node:crypto';
import { fulfillmentStatusOf, type SimOrder } from './sim-order';

const V0_STATUS: Record<string, string> = {
  PENDING_AVAILABILITY: 'PendingAvailability', PENDING: 'Pending', UNSHIPPED: 'Unshipped', PARTIALLY_SHIPPED: 'PartiallyShipped',
  SHIPPED: 'Shipped', CANCELLED: 'Canceled', UNFULFILLABLE: 'Unfulfillable',
};

const ORDER_PROGRAMS: Record<string, string> = { AMAZON_BUSINESS: 'Business', PRIME: 'Prime', PREMIUM: 'Premium' };

export interface OrderChangeContext {
  sellerId: string;
  applicationId: string;
  subscriptionId: string;
  now: string;
  changeType: 'OrderStatusChange' | 'BuyerRequestedChange';
  reason: string;
}

export function buildOrderChangeNotification(order: SimOrder, ctx: OrderChangeContext): Record<string, unknown> {
  const status = fulfillmentStatusOf(order);
  const items = order.orderItems.map((item) => {
    const shipped = item.fulfillment?.quantityFulfilled ?? (status === 'SHIPPED' ? item.quantityOrdered : 0);
    const entry: Record<string, unknown> = {
      OrderItemId: item.orderItemId,
      SellerSKU: item.product.sellerSku ?? '',
      SupplySourceId: null,
      OrderItemStatus: shipped >= item.quantityOrdered ? 'Shipped' : 'Unshipped',
      Quantity: item.quantityOrdered,
      QuantityShipped: shipped,
    };
    if (item.cancellation?.cancellationRequest) entry.IsBuyerRequestedCancel = true;
    return entry;
  });
  const shippedCount = items.reduce((n, i) => n + Number(i.QuantityShipped), 0);
  const orderedCount = order.orderItems.reduce((n, i) => n + i.quantityOrdered, 0);
  const summary: Record<string, unknown> = {
    MarketplaceId: order.salesChannel.marketplaceId ?? '',
    OrderStatus: V0_STATUS[status] ?? 'Pending',
    PurchaseDate: order.createdTime,
    DestinationPostalCode: order.recipient?.deliveryAddress?.postalCode ?? null,
    FulfillmentType: order.fulfillment?.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN',
    OrderType: (order.programs ?? []).includes('PREORDER') ? 'Preorder' : 'StandardOrder',
    NumberOfItemsShipped: shippedCount,
    NumberOfItemsUnshipped: Math.max(0, orderedCount - shippedCount),
    OrderPrograms: (order.programs ?? []).map((p) => ORDER_PROGRAMS[p]).filter((p): p is string => p !== undefined),
    OrderItems: items,
  };
  const ship = order.fulfillment?.shipByWindow;
  if (ship?.earliestDateTime) summary.EarliestShipDate = ship.earliestDateTime;
  if (ship?.latestDateTime) summary.LatestShipDate = ship.latestDateTime;
  const deliver = order.fulfillment?.deliverByWindow;
  if (deliver?.earliestDateTime) summary.EarliestDeliveryDate = deliver.earliestDateTime;
  if (deliver?.latestDateTime) summary.LatestDeliveryDate = deliver.latestDateTime;
  return {
    NotificationVersion: '1.0',
    NotificationType: 'ORDER_CHANGE',
    PayloadVersion: '1.0',
    EventTime: ctx.now,
    Payload: {
      OrderChangeNotification: {
        NotificationLevel: 'OrderLevel',
        SellerId: ctx.sellerId,
        AmazonOrderId: order.orderId,
        OrderChangeType: ctx.changeType,
        OrderChangeTrigger: { TimeOfOrderChange: ctx.now, ChangeReason: ctx.reason },
        Summary: summary,
      },
    },
    NotificationMetadata: { ApplicationId: ctx.applicationId, SubscriptionId: ctx.subscriptionId, PublishTime: ctx.now, NotificationId: randomUUID() },
  };
}
