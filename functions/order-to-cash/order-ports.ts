/** What processing one Amazon order needs from the outside world; the activity binds these to the real connectors. */
import type { Mappings } from '../../core/mapping/mappings-schema';
import type { OrderLinkStore, OrderLeasePort, ParkedStore, FlowCounterStore } from '../../connectors/storage';
import type { SpApiClient } from '../../connectors/amazon';
import type { BulkCall, BulkOutcome, MiExecutor } from '../../connectors/m3';
import type { FlowSwitches } from '../runtime/flow-switches';
import type { GetOrderResponse } from '../../core/orders/amazon-order-2026';

/** Several transactions of one program in one round trip (MI bulk); a NOK comes back as an outcome, outages are thrown. */
export type BulkExecutor = (program: string, calls: BulkCall[]) => Promise<BulkOutcome[]>;

/**
 * M3 for one order: the typed transaction modules of connectors/m3 run on it (it is an MI executor), the writes go
 * through the bulk endpoint, and the look-ups below answer the exactly-once questions.
 */
export interface M3OrderPort extends MiExecutor {
  /** One MI transaction; NOK raises PermanentError, outages TransientError, refusals AuthError. */
  execute: MiExecutor['execute'];
  /** The MI bulk endpoint: a fixed number of round trips per order whatever its line count. */
  executeBulk: BulkExecutor;
  /** The confirmed customer order whose CUOR is the Amazon order id, if M3 has one (exactly-once lookup). */
  findOrderByCuor(customerOrderRef: string, customer: string): Promise<{ orderNumber: string; status: string } | undefined>;
  /** The first of these order numbers whose head carries exactly this CUOR (and customer): a search hit made sure. */
  verifyCuor(candidates: string[], customerOrderRef: string, customer: string): Promise<{ orderNumber: string; status: string } | undefined>;
  /** Batch (temporary) order status: 90 = customer order created, anything else an error status (docs/m3-facts.md, Batch and order statuses). */
  batchStatus(temporaryOrderNumber: string): Promise<{ status: string; orderNumber: string }>;
  /** M3's messages for a batch order that did not reach 90 (OIS100MI LstErrMsgOrder). */
  batchErrors(temporaryOrderNumber: string): Promise<string[]>;
}

export interface ItemLookupPort {
  /** MMS025MI alias → item number, or null when M3 knows no such alias. */
  itemByAlias(params: Record<string, string>): Promise<string | null>;
  /** Whether the item exists in M3 (MMS200MI GetItmBasic). */
  itemExists(itemNumber: string): Promise<boolean>;
}

export interface OrderPorts {
  /** Orders API v2026-01-01 getOrder body (`{order: …}`), personal data included: it never leaves the activity. */
  /** The Orders v2026-01-01 getOrder body, parsed once by the Amazon connector (or read from a page's claim check). */
  getAmazonOrder(sellerId: string, amazonOrderId: string, marketplaceId?: string): Promise<GetOrderResponse>;
  /** Feeds API 2021-06-30 for the seller in the marketplace's region (order cancellations). */
  feeds(sellerId: string, marketplaceId: string): Pick<SpApiClient, 'createFeedDocument' | 'uploadFeedDocument' | 'createFeed'>;
  m3: M3OrderPort;
  items: ItemLookupPort;
  links: OrderLinkStore;
  /** The single-writer lease of each order's M3 creation, owned by the instance this attempt runs in. */
  leases: OrderLeasePort;
  parked: ParkedStore;
  counters: FlowCounterStore;
  mappings(): Promise<Mappings>;
  switches: FlowSwitches;
}
