/** Orders v2026-01-01 `Order` → canonical order (prices per unit, charges and taxes from the proceeds breakdowns). */
import Decimal from 'decimal.js';
import type { Order, OrderItem } from './amazon-order-2026';
import type { CanonicalLine, CanonicalOrder, OrderStatus } from './canonical-order';
import { absAmount, amountText, divideAmount, scaleOf, sumAmounts } from './decimal-amount';

// v2026 status lives in `fulfillment.fulfillmentStatus` (includedData=FULFILLMENT). Without it the status
// is `unknown`, which the plan turns into `wait`: never create an order whose state we cannot see.
const STATUS: Record<string, OrderStatus> = {
  PENDING_AVAILABILITY: 'pending',
  PENDING: 'pending',
  UNSHIPPED: 'unshipped',
  PARTIALLY_SHIPPED: 'partially-shipped',
  SHIPPED: 'shipped',
  CANCELLED: 'canceled',
  CANCELED: 'canceled',
  UNFULFILLABLE: 'unfulfillable',
};

export function fromOrder2026(order: Order): CanonicalOrder {
  const amazonStatus = order.fulfillment?.fulfillmentStatus ?? '';
  const programs = order.programs ?? [];
  const address = order.recipient?.deliveryAddress;
  const lines = order.orderItems.map(toLine);
  const currency = order.proceeds?.grandTotal?.currencyCode
    ?? order.orderItems.map((i) => i.product.price?.unitPrice?.currencyCode).find((c) => c !== undefined);
  return {
    source: 'orders-2026-01-01',
    orderId: order.orderId,
    createdAt: order.createdTime,
    lastUpdatedAt: order.lastUpdatedTime,
    status: STATUS[amazonStatus.toUpperCase()] ?? 'unknown',
    amazonStatus: amazonStatus || 'UNKNOWN',
    channel: order.fulfillment?.fulfilledBy?.toUpperCase() === 'AMAZON' ? 'amazon' : 'merchant',
    marketplaceId: order.salesChannel.marketplaceId,
    salesChannel: order.salesChannel.marketplaceName ?? order.salesChannel.channelName,
    currency,
    orderTotal: order.proceeds?.grandTotal?.amount === undefined ? undefined : amountText(order.proceeds.grandTotal.amount),
    isBusinessOrder: programs.includes('AMAZON_BUSINESS') || order.tax?.taxInvoicing?.buyerInvoicePreference === 'BUSINESS',
    isPrime: programs.includes('PRIME'),
    isReplacement: (order.associatedOrders ?? []).some((a) => a.associationType === 'REPLACEMENT_ORIGINAL_ID'),
    programs,
    serviceLevel: order.fulfillment?.fulfillmentServiceLevel,
    latestShipDate: order.fulfillment?.shipByWindow?.latestDateTime,
    latestDeliveryDate: order.fulfillment?.deliverByWindow?.latestDateTime,
    buyer: order.buyer === undefined ? undefined : {
      name: order.buyer.buyerName,
      email: order.buyer.buyerEmail,
      companyName: order.buyer.buyerCompanyName,
      purchaseOrderNumber: order.buyer.buyerPurchaseOrderNumber,
    },
    taxRegistrations: (order.tax?.taxRegistrations ?? []).map((r) => ({
      type: r.taxRegistrationType,
      number: r.taxRegistrationNumber,
      legalName: r.legalName,
      entityType: r.entityType,
    })),
    shipTo: address === undefined ? undefined : {
      name: address.name,
      companyName: address.companyName,
      line1: address.addressLine1,
      line2: address.addressLine2,
      line3: address.addressLine3,
      city: address.city,
      district: address.districtOrCounty,
      stateOrRegion: address.stateOrRegion,
      municipality: address.municipality,
      postalCode: address.postalCode,
      countryCode: address.countryCode,
      phone: address.phone,
      addressType: address.addressType,
    },
    lines,
    iossNumber: order.orderItems.map((i) => i.fulfillment?.shipping?.internationalShipping?.iossNumber?.trim()).find((v) => v !== undefined && v !== ''),
  };
}

function toLine(item: OrderItem): CanonicalLine {
  const breakdowns = item.proceeds?.breakdowns ?? [];
  const subtotal = (type: string): string | undefined => {
    return sumAmounts(breakdowns.filter((b) => b.type.toUpperCase() === type).map((b) => b.subtotal.amount));
  };
  // TAX and DISCOUNT carry `detailedBreakdowns` by subtype (ITEM, SHIPPING, GIFT_WRAP, …); without them the
  // whole subtotal belongs to the item (orders_2026-01-01.json, ItemProceedsDetailedBreakdown).
  const detailed = (type: string, subtype: string): string | undefined => {
    const found = breakdowns.filter((b) => b.type.toUpperCase() === type);
    if (found.length === 0) return undefined;
    const amounts: string[] = [];
    for (const b of found) {
      const parts = b.detailedBreakdowns ?? [];
      if (parts.length === 0) {
        if (subtype === 'ITEM') amounts.push(b.subtotal.amount);
        continue;
      }
      for (const p of parts) {
        if ((p.subtype ?? '').toUpperCase() === subtype && p.value !== undefined) amounts.push(p.value.amount);
      }
    }
    return sumAmounts(amounts);
  };

  const itemSubtotal = subtotal('ITEM');
  // `product.price.unitPrice` is the price of one unit before promotions; when a body lacks it, the ITEM proceeds
  // (unit price × quantity, promotions being separate DISCOUNT breakdowns) divided by the quantity is the same figure.
  const listed = item.product.price?.unitPrice?.amount;
  const derived = listed === undefined && itemSubtotal !== undefined && item.quantityOrdered > 0 ? divideAmount(itemSubtotal, item.quantityOrdered) : undefined;
  const unitPrice = listed ?? derived?.value;
  const shippingAmount = subtotal('SHIPPING');
  const giftWrapAmount = subtotal('GIFT_WRAP');
  const giftOption = item.fulfillment?.packing?.giftOption;
  // Discounts may come signed negative (proceeds reduce); the canonical model keeps them positive.
  const promotionDiscount = absAmount(detailed('DISCOUNT', 'ITEM'));
  return {
    orderItemId: item.orderItemId,
    sku: item.product.sellerSku,
    asin: item.product.asin,
    title: item.product.title,
    quantity: item.quantityOrdered,
    unitPrice: unitPrice === undefined ? undefined : amountText(unitPrice),
    unitPriceExact: derived?.exact ?? true,
    lineTotal: itemSubtotal ?? (unitPrice === undefined ? undefined : new Decimal(unitPrice).times(item.quantityOrdered).toFixed(scaleOf(unitPrice))),
    promotionDiscount: promotionDiscount !== undefined && !new Decimal(promotionDiscount).isZero() ? promotionDiscount : undefined,
    promotionIds: (item.promotion?.breakdowns ?? []).map((b) => b.promotionId).filter((id): id is string => id !== undefined),
    itemTax: detailed('TAX', 'ITEM'),
    shipping: shippingAmount === undefined ? undefined : {
      amount: shippingAmount,
      discount: absAmount(detailed('DISCOUNT', 'SHIPPING')),
      tax: detailed('TAX', 'SHIPPING'),
    },
    giftWrap: giftWrapAmount === undefined ? undefined : {
      amount: giftWrapAmount,
      discount: absAmount(detailed('DISCOUNT', 'GIFT_WRAP')),
      tax: detailed('TAX', 'GIFT_WRAP'),
      level: giftOption?.giftWrapLevel,
    },
    codFee: subtotal('COD_FEE'),
    isGift: giftOption !== undefined,
    giftMessage: giftOption?.giftMessage,
    cancelRequested: item.cancellation?.cancellationRequest !== undefined,
    canceledBy: item.cancellation?.cancellationExecution === undefined ? undefined : (item.cancellation.cancellationExecution.cancelledBy ?? 'UNKNOWN'),
  };
}
