/**
 * One M3 item master → its Amazon listings (docs/design.md, Item → listing and settlement): for every SKU of the item on every marketplace the
 * seller offers M3 stock in, getListingsItem decides patch (exists) or put (404), planListing builds the attributes,
 * and Amazon's ERROR issues park that SKU × marketplace with Amazon's code. Transient failures propagate (retry).
 */
import { AuthError, PermanentError } from '../../core/errors';
import { listingsItemRequestBody, planListing } from '../../core/listings';
import type { Mappings } from '../../core/mapping/mappings-schema';
import type { ListingsItem, ListingsItemPatchRequest, ListingsItemPutRequest, ListingsItemSubmissionResponse, ListingsQuery, ListingsWriteQuery } from '../../connectors/amazon';
import type { ParkInput } from '../../connectors/storage';
import type { FlowSwitches } from '../runtime/flow-switches';
import { inventoryChannels, skuIndex, type SellerMarketplaces } from '../inventory-sync/inventory-channels';
import type { ListingInput, ListingOutcome, ListingResult } from './listing-outcome';
import { ITEM_LISTING_FLOW } from './names';
import { parkRefusedCredentials } from '../runtime/park-and-alert';
import type { LogSink } from '../runtime/structured-log';

export interface ListingsClient {
  getListingsItem(sku: string, query: ListingsQuery): Promise<ListingsItem>;
  patchListingsItem(sku: string, body: ListingsItemPatchRequest, query: ListingsWriteQuery): Promise<ListingsItemSubmissionResponse>;
  putListingsItem(sku: string, body: ListingsItemPutRequest, query: ListingsWriteQuery): Promise<ListingsItemSubmissionResponse>;
}

export interface ListingPorts {
  mappings(): Promise<Mappings>;
  sellers: readonly SellerMarketplaces[];
  listings(sellerId: string, marketplaceId: string): ListingsClient;
  parked: { park(input: ParkInput): Promise<unknown>; setStatus(flow: string, id: string, status: 'parked' | 'redriven' | 'resolved', note?: string): Promise<unknown> };
  counters: { increment(flow: string, outcome: string, by?: number): Promise<void> };
  switches: FlowSwitches;
  /** A new listing exists now: a quantity Amazon refused for the missing SKU may be sent again. */
  listingCreated?(sellerId: string, marketplaceId: string, sku: string): Promise<void>;
}

function isNotFound(error: unknown): boolean {
  return error instanceof PermanentError && error.details.status === 404;
}

export function parkedListingId(sellerId: string, marketplaceId: string, sku: string): string {
  return `${sellerId}:${marketplaceId}:${sku}`;
}

export async function syncListing(input: ListingInput, ports: ListingPorts, log: LogSink = console): Promise<ListingOutcome> {
  const item = input.document;
  if (ports.switches.isPaused(ITEM_LISTING_FLOW)) return { outcome: 'paused', reason: 'FLOW_PAUSED', results: [] };
  const mappings = await ports.mappings();
  const skus = skuIndex(mappings)(item.itemNumber);
  // Listings go where the seller offers M3 stock (marketplaces with warehouses in the inventory mapping).
  const targets = inventoryChannels(mappings, ports.sellers).flatMap((c) => c.marketplaceIds.map((marketplaceId) => ({ sellerId: c.sellerId, marketplaceId })));
  if (skus.length === 0 || targets.length === 0) {
    return { outcome: 'nothing-to-do', reason: skus.length === 0 ? 'NO_SKU_FOR_ITEM' : 'NO_INVENTORY_MARKETPLACE', results: [] };
  }
  const results: ListingResult[] = [];
  let parked = 0;
  try {
    for (const { sellerId, marketplaceId } of targets) {
      const client = ports.listings(sellerId, marketplaceId);
      for (const sku of skus) {
        const id = parkedListingId(sellerId, marketplaceId, sku);
        let exists = true;
        try {
          await client.getListingsItem(sku, { marketplaceIds: [marketplaceId], includedData: ['summaries'] });
        } catch (error) {
          if (!isNotFound(error)) throw error;
          exists = false;
        }
        const plan = planListing(item, mappings.listings, { sku, marketplaceId, exists });
        const request = listingsItemRequestBody(plan);
        const planIssues = plan.issues.map((i) => i.code);
        if (request === undefined) {
          results.push({ sku, marketplaceId, mode: 'skip', status: 'skipped', issues: planIssues });
          continue;
        }
        if (ports.switches.isDryRun(ITEM_LISTING_FLOW)) {
          await ports.parked.park({ flow: `${ITEM_LISTING_FLOW}-dry-run`, id, reason: 'DRY_RUN', message: `would ${request.method} the listing`, sourceRef: `bod:${input.bodId}`, source: request.body });
          results.push({ sku, marketplaceId, mode: plan.mode, status: 'dry-run', issues: planIssues });
          continue;
        }
        let response: ListingsItemSubmissionResponse | undefined;
        let refusal: { code: string; message: string } | undefined;
        try {
          const query: ListingsWriteQuery = { marketplaceIds: [marketplaceId], includedData: ['issues'] };
          response = request.method === 'PUT' ? await client.putListingsItem(sku, request.body, query) : await client.patchListingsItem(sku, request.body, query);
        } catch (error) {
          if (!(error instanceof PermanentError)) throw error;
          refusal = { code: error.code, message: error.message };
        }
        const errors = (response?.issues ?? []).filter((i) => i.severity === 'ERROR');
        if (refusal === undefined && response?.status !== 'INVALID' && errors.length === 0) {
          results.push({ sku, marketplaceId, mode: plan.mode, status: response?.status ?? 'ACCEPTED', issues: [...planIssues, ...(response?.issues ?? []).map((i) => i.code)] });
          await ports.parked.setStatus(ITEM_LISTING_FLOW, id, 'resolved', `listing ${plan.mode} accepted (${input.bodId})`);
          if (plan.mode === 'put') await ports.listingCreated?.(sellerId, marketplaceId, sku);
          continue;
        }
        const reason = refusal?.code ?? errors[0]?.code ?? 'LISTING_INVALID';
        const message = refusal?.message ?? errors.map((i) => `${i.code}: ${i.message}`).join('; ');
        await ports.parked.park({
          flow: ITEM_LISTING_FLOW, id, reason, message: message || `Amazon answered ${response?.status ?? 'an error'}`, sourceRef: `bod:${input.bodId}`,
          source: { itemNumber: item.itemNumber, variationId: item.variationId, sku, marketplaceId, mode: plan.mode },
          details: { sellerId, marketplaceId, sku, itemNumber: item.itemNumber },
        });
        parked += 1;
        results.push({ sku, marketplaceId, mode: plan.mode, status: 'parked', issues: [...planIssues, reason] });
      }
    }
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    await parkRefusedCredentials(ports, log, error, { flow: ITEM_LISTING_FLOW, id: `item:${item.itemNumber}`, sourceRef: `bod:${input.bodId}` }, { itemNumber: item.itemNumber, bodId: input.bodId });
    return { outcome: 'paused', reason: 'AUTH_FAILED', results };
  }
  await ports.counters.increment(ITEM_LISTING_FLOW, parked > 0 ? 'parked' : 'done');
  return { outcome: parked > 0 ? 'parked' : ports.switches.isDryRun(ITEM_LISTING_FLOW) ? 'dry-run' : 'done', reason: '', results };
}
