import { XMLParser } from 'fast-xml-parser';
import { buildOrderFulfillmentFeed, readProcessingReport } from '../../../functions/shipment-confirmation/order-fulfillment-feed';
import type { PackageConfirmation } from '../../../functions/shipment-confirmation/shipment-model';

function confirmation(orderId: string, carrierCode: string, carrierName?: string): PackageConfirmation {
  return {
    key: orderId, documentId: 'D', packageId: 'P', variationId: 1, bodId: 'b', sellerId: 'S', amazonOrderId: orderId, batchKey: 'S:EU',
    body: { marketplaceId: 'A1PA6795UKMFR9', packageDetail: { packageReferenceId: '4711', carrierCode, ...(carrierName ? { carrierName } : {}), shippingMethod: 'Standard & Co', trackingNumber: 'T<1>', shipDate: '2026-03-02T10:00:00.000Z', orderItems: [{ orderItemId: '111', quantity: 2 }, { orderItemId: '222', quantity: 1 }] } },
  };
}

describe('the POST_ORDER_FULFILLMENT_DATA feed', () => {
  it('writes one OrderFulfillment message per confirmation with the package reference as MerchantFulfillmentID', () => {
    const xml = buildOrderFulfillmentFeed('S', [confirmation('171-1', 'UPS'), confirmation('171-2', 'Other', 'Spedition Müller')]);
    const doc = new XMLParser({ parseTagValue: false }).parse(xml);
    expect(doc.AmazonEnvelope.MessageType).toBe('OrderFulfillment');
    const [first, second] = doc.AmazonEnvelope.Message;
    expect(first.MessageID).toBe('1');
    expect(first.OrderFulfillment).toMatchObject({
      AmazonOrderID: '171-1', MerchantFulfillmentID: '4711', FulfillmentDate: '2026-03-02T10:00:00.000Z',
      FulfillmentData: { CarrierCode: 'UPS', ShippingMethod: 'Standard & Co', ShipperTrackingNumber: 'T<1>' },
      Item: [{ AmazonOrderItemCode: '111', Quantity: '2' }, { AmazonOrderItemCode: '222', Quantity: '1' }],
    });
    // CarrierCode and CarrierName are a choice in OrderFulfillment.xsd: a carrier off Amazon's list goes by name only.
    expect(second.OrderFulfillment.FulfillmentData).toEqual({ CarrierName: 'Spedition Müller', ShippingMethod: 'Standard & Co', ShipperTrackingNumber: 'T<1>' });
  });

  it('reads the processing report per message: errors fail their message, the rest succeed', () => {
    const report = `<?xml version="1.0"?><AmazonEnvelope><Header><DocumentVersion>1.02</DocumentVersion></Header><MessageType>ProcessingReport</MessageType>
      <Message><MessageID>1</MessageID><ProcessingReport><DocumentTransactionID>5001</DocumentTransactionID><StatusCode>Complete</StatusCode>
      <ProcessingSummary><MessagesProcessed>3</MessagesProcessed><MessagesSuccessful>2</MessagesSuccessful><MessagesWithError>1</MessagesWithError><MessagesWithWarning>1</MessagesWithWarning></ProcessingSummary>
      <Result><MessageID>2</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>18000</ResultMessageCode><ResultDescription>The order has been canceled.</ResultDescription></Result>
      <Result><MessageID>3</MessageID><ResultCode>Warning</ResultCode><ResultMessageCode>5001</ResultMessageCode><ResultDescription>late</ResultDescription></Result>
      </ProcessingReport></Message></AmazonEnvelope>`;
    expect(readProcessingReport(report, 3)).toEqual([
      { messageId: 1, ok: true, message: '' },
      { messageId: 2, ok: false, message: '18000 The order has been canceled.' },
      { messageId: 3, ok: true, message: '' },
    ]);
  });
});
