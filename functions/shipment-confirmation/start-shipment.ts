/**
 * Starts the shipment-confirmation orchestration for one Sync.Shipment document (correlation identifier: the document
 * id). A running (or parked, waiting) instance gets the newer variation as an event; a finished one starts again with it.
 * The BOD consumer has already dropped stale variations (functions/ingress/ion-bod-events.ts).
 */
import type { BodEnvelope, ShipmentDocument } from '../../core/bod';
import { SHIPMENT_CONFIRMATION, SHIPMENT_UPDATED_EVENT, shipmentInstanceId } from './names';
import type { ShipmentInstanceInput } from './shipment-model';
import { startOrSignal, type StartClient } from '../runtime/start-or-signal';

export interface ShipmentStart {
  envelope: BodEnvelope;
  document: ShipmentDocument;
}

export function shipmentInput(start: ShipmentStart): ShipmentInstanceInput {
  return { bodId: start.envelope.bodId, actionCode: start.envelope.actionCode, createdAt: start.envelope.createdAt, document: start.document };
}

export async function startShipmentConfirmation(client: StartClient, start: ShipmentStart): Promise<string> {
  const instanceId = shipmentInstanceId(start.document.id);
  const input = shipmentInput(start);
  await startOrSignal(client, { orchestrator: SHIPMENT_CONFIRMATION, instanceId, input, event: { name: SHIPMENT_UPDATED_EVENT, data: input } });
  return instanceId;
}
