/** Starts the item-listing orchestration for one Sync.ItemMaster document (placeholder: the listings flow fills it in). */
import type { DurableClient } from 'durable-functions';
import type { BodEnvelope, ItemMasterDocument } from '../../core/bod';

export async function startItemListing(client: DurableClient, envelope: BodEnvelope, document: ItemMasterDocument): Promise<void> {
  void client; void envelope; void document;
}
