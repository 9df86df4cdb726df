/** Orders v0 capture `{order, orderItems}` → canonical order (v0 `ItemPrice` is the line total: divided by quantity). */
import type { V0Money, V0OrderCapture, V0OrderItem } from './amazon-order-v0';
import type { CanonicalLine, CanonicalOrder, OrderStatus } from './canonical-order';
import Decimal from 'decimal.js';
import { absAmount, amountText, divideAmount } from './decimal-amount';

// ordersV0.json OrderStatus; InvoiceUnconfirmed = "all items shipped, invoice not yet confirmed".
const STATUS: Record<string, OrderStatus> = {
  Pending: 'pending',
  PendingAvailability: 'pending',
  Unshipped: 'unshipped',
  PartiallyShipped: 'partially-shipped',
  Shipped: 'shipped',
  InvoiceUnconfirmed: 'shipped',
  Canceled: 'canceled',
  Unfulfillable: 'unfulfillable',
};

const amount = (money: V0Money | undefined): string | undefined =>
  money?.Amount === undefined ? undefined : amountText(money.Amount);

export function fromOrderV0(capture: V0OrderCapture): CanonicalOrder {
  const order = capture.order;
  const address = order.ShippingAddress;
  const taxId = order.BuyerTaxInformation?.BuyerTaxRegistrationId;
  const currency = order.OrderTotal?.CurrencyCode ?? capture.orderItems.map((i) => i.ItemPrice?.CurrencyCode).find((c) => c !== undefined);
  const programs = [
    ...(order.IsBusinessOrder === true ? ['AMAZON_BUSINESS'] : []),
    ...(order.IsPrime === true ? ['PRIME'] : []),
    ...(order.IsPremiumOrder === true ? ['PREMIUM'] : []),
  ];
  return {
    source: 'orders-v0',
    orderId: order.AmazonOrderId,
    createdAt: order.PurchaseDate,
    lastUpdatedAt: order.LastUpdateDate,
    status: STATUS[order.OrderStatus] ?? 'unknown',
    amazonStatus: order.OrderStatus,
    channel: order.FulfillmentChannel === 'AFN' ? 'amazon' : 'merchant',
    marketplaceId: order.MarketplaceId,
    salesChannel: order.SalesChannel,
    currency,
    orderTotal: amount(order.OrderTotal),
    isBusinessOrder: order.IsBusinessOrder === true,
    isPrime: order.IsPrime === true,
    isReplacement: order.IsReplacementOrder === true,
    programs,
    serviceLevel: order.ShipmentServiceLevelCategory ?? order.ShipServiceLevel,
    latestShipDate: order.LatestShipDate,
    latestDeliveryDate: order.LatestDeliveryDate,
    buyer: order.BuyerInfo === undefined ? undefined : {
      name: order.BuyerInfo.BuyerName,
      email: order.BuyerInfo.BuyerEmail,
      companyName: order.BuyerInfo.BuyerTaxInfo?.CompanyLegalName ?? order.BuyerTaxInformation?.BuyerLegalCompanyName,
      purchaseOrderNumber: order.BuyerInfo.PurchaseOrderNumber,
    },
    taxRegistrations: taxId === undefined ? [] : [{
      type: 'VAT',
      number: taxId,
      legalName: order.BuyerTaxInformation?.BuyerLegalCompanyName,
      entityType: 'BUYER',
    }],
    shipTo: address === undefined ? undefined : {
      name: address.Name,
      companyName: address.CompanyName,
      line1: address.AddressLine1,
      line2: address.AddressLine2,
      line3: address.AddressLine3,
      city: address.City,
      district: address.District,
      county: address.County,
      stateOrRegion: address.StateOrRegion,
      municipality: address.Municipality,
      postalCode: address.PostalCode,
      countryCode: address.CountryCode,
      phone: address.Phone,
      addressType: address.AddressType,
    },
    lines: capture.orderItems.map(toLine),
    iossNumber: capture.orderItems.map((i) => i.IossNumber?.trim()).find((v) => v !== undefined && v !== ''),
  };
}

function toLine(item: V0OrderItem): CanonicalLine {
  const lineTotal = amount(item.ItemPrice);
  // v0 ItemPrice = unit price × quantity (docs/amazon-facts.md, Orders); quantity 0 (fully cancelled line) has no unit price.
  const unit = lineTotal !== undefined && item.QuantityOrdered > 0 ? divideAmount(lineTotal, item.QuantityOrdered) : undefined;
  const shipping = amount(item.ShippingPrice);
  const giftWrap = amount(item.BuyerInfo?.GiftWrapPrice);
  const promotion = absAmount(amount(item.PromotionDiscount));
  return {
    orderItemId: item.OrderItemId,
    sku: item.SellerSKU,
    asin: item.ASIN,
    title: item.Title,
    quantity: item.QuantityOrdered,
    unitPrice: unit?.value,
    unitPriceExact: unit?.exact ?? true,
    lineTotal,
    promotionDiscount: promotion !== undefined && !new Decimal(promotion).isZero() ? promotion : undefined,
    promotionIds: item.PromotionIds ?? [],
    itemTax: amount(item.ItemTax),
    shipping: shipping === undefined ? undefined : {
      amount: shipping,
      discount: absAmount(amount(item.ShippingDiscount)),
      tax: amount(item.ShippingTax),
    },
    giftWrap: giftWrap === undefined ? undefined : {
      amount: giftWrap,
      tax: amount(item.BuyerInfo?.GiftWrapTax),
      level: item.BuyerInfo?.GiftWrapLevel,
    },
    codFee: amount(item.CODFee),
    isGift: item.IsGift === 'true' || giftWrap !== undefined,
    giftMessage: item.BuyerInfo?.GiftMessageText,
    cancelRequested: String(item.BuyerRequestedCancel?.IsBuyerRequestedCancel ?? 'false').toLowerCase() === 'true',
  };
}
