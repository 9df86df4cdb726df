/** What shipment confirmation needs from the outside world; activities bind these to the real stores and SP-API clients. */
import type { Mappings } from '../../core/mapping/mappings-schema';
import type { ConfirmShipmentRequest, SpApiClient } from '../../connectors/amazon';
import type { FlowCounterStore, IdempotencyStore, OrderLinkStore, ParkedStore } from '../../connectors/storage';
import type { FlowSwitches } from '../runtime/flow-switches';

export interface ShipmentPorts {
  /** Sellers this deployment serves (their links are searched for a customer order reference). */
  sellers: Array<{ sellerId: string; marketplaceIds: string[] }>;
  links: Pick<OrderLinkStore, 'get' | 'findByM3Order'>;
  mappings(): Promise<Mappings>;
  idempotency: Pick<IdempotencyStore, 'has' | 'claim'>;
  parked: Pick<ParkedStore, 'park' | 'setStatus'>;
  counters: Pick<FlowCounterStore, 'increment'>;
  switches: FlowSwitches;
  /** Orders v0 confirmShipment; Amazon's refusal is a PermanentError, bad credentials an AuthError. */
  confirmShipment(sellerId: string, amazonOrderId: string, body: ConfirmShipmentRequest): Promise<void>;
  /** Feeds API 2021-06-30 for the seller in the marketplace's region (bulk mode). */
  feeds(sellerId: string, marketplaceId: string): FeedClient;
}

export type FeedClient = Pick<SpApiClient, 'createFeedDocument' | 'uploadFeedDocument' | 'createFeed' | 'getFeed' | 'getFeedDocument'>;
