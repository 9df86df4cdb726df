/** Hands an inventory BOD to the inventory flow (placeholder: the inventory flow fills it in). */
import type { DurableClient } from 'durable-functions';
import type { BodEnvelope, InventoryDocument } from '../../core/bod';

export async function signalInventoryChange(client: DurableClient, envelope: BodEnvelope, document: InventoryDocument): Promise<void> {
  void client; void envelope; void document;
}
