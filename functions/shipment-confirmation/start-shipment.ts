/**
 * Starts the shipment-confirmation orchestration for one Sync.Shipment document (correlation identifier: the document
 * id). A running (or parked, waiting) instance gets the newer variation as an event; a finished one starts again with it.
 * The BOD consumer has already dropped stale variations (functions/ingress/ion-bod-events.ts).
 */
import type { DurableClient } from 'durable-functions';
import type { BodEnvelope, ShipmentDocument } from '../../core/bod';
import { SHIPMENT_CONFIRMATION, SHIPMENT_UPDATED_EVENT, shipmentInstanceId } from './names';
import type { ShipmentInstanceInput } from './shipment-model';

export interface ShipmentStart {
  envelope: BodEnvelope;
  document: ShipmentDocument;
}

const ACTIVE = new Set(['Pending', 'Running', 'ContinuedAsNew', 'Suspended']);

export function shipmentInput(start: ShipmentStart): ShipmentInstanceInput {
  return { bodId: start.envelope.bodId, actionCode: start.envelope.actionCode, createdAt: start.envelope.createdAt, document: start.document };
}

export async function startShipmentConfirmation(client: DurableClient, start: ShipmentStart): Promise<string> {
  const instanceId = shipmentInstanceId(start.document.id);
  const input = shipmentInput(start);
  for (let attempt = 0; attempt < 3; attempt++) {
    const status = await client.getStatus(instanceId).catch(() => undefined);
    if (status && ACTIVE.has(String(status.runtimeStatus))) {
      await client.raiseEvent(instanceId, SHIPMENT_UPDATED_EVENT, input);
      return instanceId;
    }
    try {
      await client.startNew(SHIPMENT_CONFIRMATION, { instanceId, input });
      return instanceId;
    } catch {
      // Started by someone else between our read and our start: deliver the document as an event instead.
    }
  }
  await client.raiseEvent(instanceId, SHIPMENT_UPDATED_EVENT, input);
  return instanceId;
}
