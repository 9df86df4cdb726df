/**
 * Writes a Sync.Shipment BOD the way M3 publishes one for a delivery (OAGIS 9.2 as Infor uses it,
 * docs/m3-facts.md, BOD structure per noun): what the demo, benchmarks and tests post to /api/ion/bods in place of ION.
 */
export interface ShipmentBodInput {
  bodId: string;
  deliveryNumber: string;
  variation: number;
  warehouse: string;
  shippedAt: string;
  carrier: { code: string; name: string; service?: string };
  packages: Array<{ id: string; trackingNumber: string; lines: Array<{ itemNumber: string; quantity: number; orderNumber: string; orderLine: string; customerOrderRef: string }> }>;
  actionCode?: string;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function shipmentBod(input: ShipmentBodInput): string {
  const items = input.packages.flatMap((p) => p.lines.map((l) => `
      <ShipmentItem>
        <ItemID><ID>${xml(l.itemNumber)}</ID></ItemID>
        <ShippedQuantity unitCode="EA">${l.quantity}</ShippedQuantity>
        <PurchaseOrderReference><DocumentID><ID>${xml(l.customerOrderRef)}</ID></DocumentID></PurchaseOrderReference>
        <SalesOrderReference><DocumentID><ID>${xml(l.orderNumber)}</ID></DocumentID><LineNumber>${xml(l.orderLine)}</LineNumber></SalesOrderReference>
      </ShipmentItem>`)).join('');
  const units = input.packages.map((p) => `
      <ShipmentUnit>
        <ContainerID>${xml(p.id)}</ContainerID>
        <TrackingID>${xml(p.trackingNumber)}</TrackingID>${p.lines.map((l) => `
        <ShipmentUnitItem>
          <ItemID><ID>${xml(l.itemNumber)}</ID></ItemID>
          <ShippedQuantity unitCode="EA">${l.quantity}</ShippedQuantity>
          <PurchaseOrderReference><DocumentID><ID>${xml(l.customerOrderRef)}</ID></DocumentID></PurchaseOrderReference>
          <SalesOrderReference><DocumentID><ID>${xml(l.orderNumber)}</ID></DocumentID><LineNumber>${xml(l.orderLine)}</LineNumber></SalesOrderReference>
        </ShipmentUnitItem>`).join('')}
      </ShipmentUnit>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<SyncShipment xmlns="http://schema.infor.com/InforOAGIS/2" releaseID="9.2" versionID="2.14.3">
  <ApplicationArea>
    <Sender><LogicalID>lid://infor.m3.m3</LogicalID><ComponentID>M3BE</ComponentID></Sender>
    <CreationDateTime>${xml(input.shippedAt)}</CreationDateTime>
    <BODID>${xml(input.bodId)}</BODID>
  </ApplicationArea>
  <DataArea>
    <Sync>
      <AccountingEntityID>100_AAA</AccountingEntityID>
      <LocationID>${xml(input.warehouse)}</LocationID>
      <ActionCriteria><ActionExpression actionCode="${xml(input.actionCode ?? 'Replace')}"/></ActionCriteria>
    </Sync>
    <Shipment>
      <ShipmentHeader>
        <DocumentID><ID accountingEntity="100_AAA" location="${xml(input.warehouse)}" variationID="${input.variation}">${xml(input.deliveryNumber)}</ID></DocumentID>
        <WarehouseLocation><ID>${xml(input.warehouse)}</ID></WarehouseLocation>
        <ActualShipDateTime>${xml(input.shippedAt)}</ActualShipDateTime>
        ${input.carrier.service ? `<TransportationMethodCode>${xml(input.carrier.service)}</TransportationMethodCode>` : ''}
        <CarrierParty><PartyIDs><ID>${xml(input.carrier.code)}</ID></PartyIDs><Name>${xml(input.carrier.name)}</Name></CarrierParty>
      </ShipmentHeader>${items}${units}
    </Shipment>
  </DataArea>
</SyncShipment>
`;
}
