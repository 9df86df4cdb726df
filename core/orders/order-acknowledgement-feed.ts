/**
 * POST_ORDER_ACKNOWLEDGEMENT_DATA: the XML feed (Amazon's OrderAcknowledgement.xsd, listed on
 * https://developer-docs.amazon.com/sp-api/docs/order-feed-type-values) through which a seller cancels an order:
 * StatusCode `Failure` with one `Item` per order item and its `CancelReason`. It cancels the whole order; it must never
 * be sent once an item shipped (Amazon would refund the whole order). Amazon's JSON feeds have no order equivalent.
 */

/** CancelReason values of the published OrderAcknowledgement.xsd (newer values seen in third-party clients are unconfirmed). */
export const ACK_CANCEL_REASONS = [
  'NoInventory', 'ShippingAddressUndeliverable', 'CustomerExchange', 'BuyerCanceled', 'GeneralAdjustment', 'CarrierCreditDecision',
  'RiskAssessmentInformationNotValid', 'CarrierCoverageFailure', 'CustomerReturn', 'MerchandiseNotReceived',
] as const;
export type AckCancelReason = (typeof ACK_CANCEL_REASONS)[number];

export const ORDER_ACKNOWLEDGEMENT_FEED_TYPE = 'POST_ORDER_ACKNOWLEDGEMENT_DATA';
/** The upload must carry exactly the content type given to createFeedDocument. */
export const ORDER_ACKNOWLEDGEMENT_CONTENT_TYPE = 'text/xml; charset=UTF-8';

export interface OrderCancellation {
  amazonOrderId: string;
  /** M3's order number, sent as MerchantOrderID when there is one. */
  merchantOrderId?: string;
  orderItemIds: string[];
  reason: AckCancelReason;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function element(name: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : `<${name}>${xml(value)}</${name}>`;
}

/** One message per order (message i is cancellations[i - 1]); every item carries the reason. */
export function buildOrderCancellationFeed(merchantId: string, cancellations: readonly OrderCancellation[]): string {
  const messages = cancellations.map((c, i) => [
    `<Message><MessageID>${i + 1}</MessageID><OrderAcknowledgement>`,
    element('AmazonOrderID', c.amazonOrderId),
    element('MerchantOrderID', c.merchantOrderId),
    '<StatusCode>Failure</StatusCode>',
    ...c.orderItemIds.map((id) => `<Item>${element('AmazonOrderItemCode', id)}${element('CancelReason', c.reason)}</Item>`),
    '</OrderAcknowledgement></Message>',
  ].join(''));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">',
    `<Header><DocumentVersion>1.01</DocumentVersion>${element('MerchantIdentifier', merchantId)}</Header>`,
    '<MessageType>OrderAcknowledgement</MessageType>',
    ...messages,
    '</AmazonEnvelope>',
    '',
  ].join('\n');
}
