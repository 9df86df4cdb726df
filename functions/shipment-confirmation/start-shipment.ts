/** Starts the shipment-confirmation orchestration for one Sync.Shipment document (placeholder: the shipment flow fills it in). */
import type { DurableClient } from 'durable-functions';
import type { BodEnvelope, ShipmentDocument } from '../../core/bod';

export interface ShipmentStart {
  envelope: BodEnvelope;
  document: ShipmentDocument;
}

export async function startShipmentConfirmation(client: DurableClient, start: ShipmentStart): Promise<string> {
  void client;
  return `ship:${start.document.id}`;
}
