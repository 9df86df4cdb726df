/**
 * The price sweep's authority step: M3's sales prices → guarded decisions per seller × marketplace × SKU → the price
 * buffer the inventory flush drains (prices travel in the same JSON_LISTINGS_FEED messages as quantities, under the
 * same per-region feed budget). A price equal to what Amazon accepted or what already waits is not buffered again;
 * a price beyond the allowed change or below the floor is parked (re-driving it approves that exact amount); a zero
 * price is parked and never sent. Where the mappings name a business price, the business (B2B) offer with its quantity
 * tiers is decided the same way on its own, and parked as well when its tiers do not make the unit price fall.
 */
import { createHash } from 'node:crypto';
import { decideBusinessOffer, decideBusinessRemovals, decidePrice, offerAmount, percentOffPrice, type DiscountType, type PriceKnowledge, type PriceSource, type QuantityTier } from '../../core/prices';
import { regionOfMarketplace } from '../../core/inventory';
import type { Mappings } from '../../core/mapping/mappings-schema';
import { salesPrices, type MiExecutor } from '../../connectors/m3';
import type { ParkInput, ParkedItem } from '../../connectors/storage';
import { skuIndex, type SellerMarketplaces } from '../inventory-sync/inventory-channels';
import { flushInstanceId } from '../inventory-sync/names';
import { PRICE_FLOW, parkedPriceId } from './names';
import { offerKey, offerValue, REMOVED_OFFER, type OfferState, type PendingPrices, type PriceStates, type SkuOfferPrice } from './price-stores';

export interface PriceRefreshPorts {
  mappings(): Promise<Mappings>;
  sellers: readonly SellerMarketplaces[];
  m3: MiExecutor;
  pending: PendingPrices;
  states: PriceStates;
  parked: { park(input: ParkInput): Promise<unknown>; list(filter: { flow?: string; status?: ParkedItem['status'] }): Promise<ParkedItem[]>; setStatus(flow: string, id: string, status: ParkedItem['status'], note?: string): Promise<unknown> };
  now(): Date;
}

export interface PriceRefreshResult {
  /** Item prices read from M3. */
  read: number;
  buffered: number;
  parked: number;
  /** Seller × region pairs with prices buffered: their flush must run. */
  regions: Array<{ sellerId: string; region: string }>;
}

const ymd = (d: Date): string => d.toISOString().slice(0, 10).replace(/-/g, '');

/** Item number → price of one OIS017 price list's version valid on `day`; items without a line are absent. */
async function readPriceList(m3: MiExecutor, priceList: string, currency: string, day: string, only?: readonly string[]): Promise<Map<string, string>> {
  const version = await salesPrices.validVersion(m3, priceList, currency, day);
  if (version === undefined) return new Map();
  if (only !== undefined) {
    // Named items (an ItemMaster change): one GetBasePrice each instead of the whole list.
    const prices = new Map<string, string>();
    for (const item of only) {
      const amount = await salesPrices.basePrice(m3, priceList, currency, version, item);
      if (amount !== undefined) prices.set(item, amount);
    }
    return prices;
  }
  return new Map((await salesPrices.listBasePrices(m3, priceList, currency, version)).map((p) => [p.itemNumber, p.amount]));
}

/** Item number → M3 price for one marketplace's source; items without a price are absent. */
export async function readSource(m3: MiExecutor, source: PriceSource, items: () => string[], day: string, only?: readonly string[]): Promise<Map<string, string>> {
  if (source.kind === 'price-list') return readPriceList(m3, source.priceList, source.currency, day, only);
  const prices = new Map<string, string>();
  // OIS320MI prices one item per call: the items the SKU table names and the SKUs Amazon already holds a price for
  // (the same text as the item number under the identity strategy).
  for (const item of only ?? items()) prices.set(item, await salesPrices.customerPrice(m3, source.customer, item, source.currency));
  return prices;
}

export interface BusinessPriceRead { amount: string; discountType: DiscountType; tiers: QuantityTier[] }

export interface BusinessRead {
  /** Item number → M3 business price and quantity tiers; items without a business price are absent. */
  offers: Map<string, BusinessPriceRead>;
  /** The business prices read nothing at all (no list version valid today, a version without lines, or no consumer prices to derive from). */
  empty: boolean;
}

/**
 * Item number → M3 business price and quantity tiers of one marketplace (none when the source names no business
 * price). The business price is read from its price list, or derived from `consumer` (M3's consumer prices of this
 * read) less `percentOff`. Tiers read from price lists are fixed unit prices; an item without a line in a tier's list
 * has no such tier. Percentage tiers come from the mapping and apply to every item.
 */
export async function readBusiness(m3: MiExecutor, source: PriceSource, day: string, consumer: ReadonlyMap<string, string>, only?: readonly string[]): Promise<BusinessRead> {
  const business = source.business;
  if (business === undefined) return { offers: new Map(), empty: false };
  const prices = business.percentOff !== undefined
    ? new Map([...consumer].map(([item, amount]) => [item, percentOffPrice(amount, business.percentOff!, source.currency)]))
    : await readPriceList(m3, business.priceList ?? '', source.currency, day, only);
  const items = [...prices.keys()];
  const fixed = business.tiers.some((t) => 'priceList' in t);
  const tierLists: Array<{ lowerBound: number; prices: Map<string, string> }> = [];
  for (const t of business.tiers) if ('priceList' in t) tierLists.push({ lowerBound: t.lowerBound, prices: items.length === 0 ? new Map() : await readPriceList(m3, t.priceList, source.currency, day, only === undefined ? undefined : items) });
  const offers = new Map<string, BusinessPriceRead>();
  for (const [item, amount] of prices) {
    const tiers: QuantityTier[] = fixed
      ? tierLists.flatMap((t) => { const value = t.prices.get(item); return value === undefined ? [] : [{ lowerBound: t.lowerBound, value }]; })
      : business.tiers.flatMap((t) => ('percentOff' in t ? [{ lowerBound: t.lowerBound, value: t.percentOff }] : []));
    offers.set(item, { amount, discountType: fixed ? 'fixed' : 'percent', tiers });
  }
  return { offers, empty: prices.size === 0 };
}

/** The parked item holding the business offers of a seller and marketplace whose removal waits for approval. */
export function parkedRemovalsId(sellerId: string, marketplaceId: string): string {
  return `${sellerId}:${marketplaceId}:B2B-REMOVALS`;
}

/** A short fingerprint of a removal set: the approval releases exactly the set it was given. */
export function removalSetDigest(skus: readonly string[]): string {
  return createHash('sha256').update([...skus].sort().join('\n')).digest('hex').slice(0, 32);
}

/** `itemNumbers`: only these items (an ItemMaster change); otherwise every price of every mapped source (the sweep). */
export async function refreshPrices(ports: PriceRefreshPorts, itemNumbers?: readonly string[]): Promise<PriceRefreshResult> {
  const mappings = await ports.mappings();
  const result: PriceRefreshResult = { read: 0, buffered: 0, parked: 0, regions: [] };
  const sources = Object.entries(mappings.prices.sources);
  if (sources.length === 0) return result;
  const skusOf = skuIndex(mappings);
  const day = ymd(ports.now());
  const parkedNow = await ports.parked.list({ flow: PRICE_FLOW });
  const parkedById = new Map(parkedNow.map((p) => [p.id, p]));
  const touched = new Set<string>();

  for (const [marketplaceId, source] of sources) {
    const sellers = ports.sellers.filter((s) => s.marketplaceIds.includes(marketplaceId) && regionOfMarketplace(marketplaceId) === s.region);
    if (sellers.length === 0) continue;
    // A price goes in a feed naming its marketplace only: a feed naming marketplaces where the SKU has no listing is
    // refused for those. Where the quantities' group is that one marketplace, one message carries both.
    const groups = sellers.map((s) => ({ seller: s, group: marketplaceId }));
    const statesByGroup = new Map<string, Map<string, Map<string, OfferState>>>();
    for (const { seller, group } of groups) statesByGroup.set(`${seller.sellerId}|${group}`, await ports.states.list(seller.sellerId, seller.region, group));
    const knownItems = (): string[] => {
      const items = new Set(Object.values(mappings.items.table));
      for (const states of statesByGroup.values()) for (const [sku, offers] of states) if (offers.has(marketplaceId)) items.add(sku);
      return [...items].sort();
    };
    const prices = await readSource(ports.m3, source, knownItems, day, itemNumbers);
    result.read += prices.size;
    const guard = { maxChangePercent: mappings.prices.maxChangePercent, floor: source.floor ?? mappings.prices.defaultFloor };
    const businessRead = await readBusiness(ports.m3, source, day, prices, itemNumbers);
    const business = businessRead.offers;
    result.read += business.size;
    const businessGuard = { ...guard, floor: source.business?.floor ?? guard.floor };

    for (const { seller, group } of groups) {
      const states = statesByGroup.get(`${seller.sellerId}|${group}`)!;
      const waiting = (await ports.pending.list(seller.sellerId, seller.region, group)).filter((p) => p.marketplaceId === marketplaceId);
      const pending = new Map(waiting.filter((p) => p.audience === undefined).map((p) => [p.sku, p.amount]));
      const pendingBusiness = new Map(waiting.filter((p) => p.audience === 'B2B').map((p) => [p.sku, offerValue(p)]));
      const toBuffer: SkuOfferPrice[] = [];
      for (const [itemNumber, amount] of [...prices].sort(([a], [b]) => a.localeCompare(b))) {
        for (const sku of skusOf(itemNumber)) {
          const id = parkedPriceId(seller.sellerId, marketplaceId, sku);
          const parkedItem = parkedById.get(id);
          const approvedAmount = parkedItem?.status === 'redriven' ? (parkedItem.source as { amount?: string } | undefined)?.amount : undefined;
          const state = states.get(sku)?.get(marketplaceId);
          const known: PriceKnowledge = { accepted: state?.accepted, pending: pending.get(sku), approved: approvedAmount };
          const decision = decidePrice({ sku, itemNumber, amount }, known, guard);
          if (decision.kind === 'send') {
            toBuffer.push({ sku, itemNumber, marketplaceId, currency: source.currency, amount: decision.amount });
            if (parkedItem !== undefined && parkedItem.status !== 'resolved') await ports.parked.setStatus(PRICE_FLOW, id, 'resolved', approvedAmount === decision.amount ? `price ${decision.amount} approved and queued for Amazon` : `M3 price ${decision.amount} is within the guardrails now`);
          } else if (decision.kind === 'unchanged') {
            // Amazon holds M3's price by now (sent by a reconcile fix, say): a parked change of it has nothing left to approve.
            if (parkedItem?.status === 'parked' && state?.accepted === offerAmount(amount)) await ports.parked.setStatus(PRICE_FLOW, id, 'resolved', `Amazon holds M3's price ${state.accepted}`);
          } else if (decision.kind === 'park') {
            const already = parkedItem?.status === 'parked' && (parkedItem.source as { amount?: string } | undefined)?.amount === decision.amount;
            if (already) continue;
            await ports.parked.park({
              flow: PRICE_FLOW, id, reason: decision.reason, message: decision.message, sourceRef: `price:${seller.sellerId}:${marketplaceId}`,
              source: { sku, itemNumber, marketplaceId, currency: source.currency, amount: decision.amount, accepted: state?.accepted ?? null },
              details: { sellerId: seller.sellerId, region: seller.region, group }, instanceId: flushInstanceId(seller.sellerId, seller.region),
            });
            result.parked += 1;
          }
        }
      }
      // The business offer: decided on its own (its own parked item, `:B2B`), sent in the same message as the consumer price.
      const businessKey = offerKey(marketplaceId, 'B2B');
      for (const [itemNumber, read] of [...business].sort(([a], [b]) => a.localeCompare(b))) {
        for (const sku of skusOf(itemNumber)) {
          const id = parkedPriceId(seller.sellerId, marketplaceId, sku, 'B2B');
          const parkedItem = parkedById.get(id);
          const parkedValue = (parkedItem?.source as { value?: string } | undefined)?.value;
          const state = states.get(sku)?.get(businessKey);
          const known: PriceKnowledge = { accepted: state?.accepted, pending: pendingBusiness.get(sku), approved: parkedItem?.status === 'redriven' ? parkedValue : undefined };
          const decision = decideBusinessOffer({ sku, itemNumber, ...read }, known, businessGuard);
          if (decision.kind === 'send') {
            toBuffer.push({ sku, itemNumber, marketplaceId, currency: source.currency, amount: decision.offer.amount, audience: 'B2B', discountType: decision.offer.discountType, tiers: decision.offer.tiers });
            if (parkedItem !== undefined && parkedItem.status !== 'resolved') await ports.parked.setStatus(PRICE_FLOW, id, 'resolved', known.approved === decision.text ? `business offer ${decision.text} approved and queued for Amazon` : `M3 business offer ${decision.text} is within the guardrails now`);
          } else if (decision.kind === 'unchanged') {
            // M3's business offer is what Amazon holds or is about to receive: a parked change has nothing left to approve.
            if (parkedItem?.status === 'parked') await ports.parked.setStatus(PRICE_FLOW, id, 'resolved', `Amazon holds or is about to receive M3's business offer ${state?.accepted ?? ''}`.trim());
          } else {
            if (parkedItem?.status === 'parked' && parkedValue === decision.text) continue;
            await ports.parked.park({
              flow: PRICE_FLOW, id, reason: decision.reason, message: decision.message, sourceRef: `price:${seller.sellerId}:${marketplaceId}:B2B`,
              source: { sku, itemNumber, marketplaceId, currency: source.currency, audience: 'B2B', amount: decision.offer.amount, discountType: decision.offer.discountType, tiers: decision.offer.tiers, value: decision.text, accepted: state?.accepted ?? null },
              details: { sellerId: seller.sellerId, region: seller.region, group }, instanceId: flushInstanceId(seller.sellerId, seller.region),
            });
            result.parked += 1;
          }
        }
      }
      // Business offers M3 no longer prices: removed at Amazon, guarded against a failed or empty read. Only the full
      // sweep decides removals (a read of named items cannot tell which offers disappeared).
      if (itemNumbers === undefined && source.business !== undefined) {
        const pendingRemoval = new Set(waiting.filter((p) => p.audience === 'B2B' && p.remove === true).map((p) => p.sku));
        const held = new Set<string>();
        for (const [sku, offers] of states) {
          const accepted = offers.get(businessKey)?.accepted;
          if (accepted !== undefined && accepted !== '' && accepted !== REMOVED_OFFER) held.add(sku);
        }
        for (const p of waiting) if (p.audience === 'B2B' && p.remove !== true) held.add(p.sku);
        for (const sku of pendingRemoval) held.delete(sku);
        const offered = new Set([...business.keys()].flatMap((item) => skusOf(item)));
        const id = parkedRemovalsId(seller.sellerId, marketplaceId);
        const parkedItem = parkedById.get(id);
        const parkedSource = parkedItem?.source as { digest?: string } | undefined;
        const decision = decideBusinessRemovals({
          marketplaceId, held: [...held], offered, readEmpty: businessRead.empty,
          approved: (skus) => parkedItem?.status === 'redriven' && parkedSource?.digest === removalSetDigest(skus),
        }, { maxRemovalPercent: mappings.prices.maxBusinessRemovalPercent });
        if (decision.kind === 'remove') {
          const itemOf = (sku: string): string => waiting.find((p) => p.sku === sku)?.itemNumber ?? mappings.items.table[sku] ?? sku;
          for (const sku of decision.skus) toBuffer.push({ sku, itemNumber: itemOf(sku), marketplaceId, currency: source.currency, amount: '', audience: 'B2B', remove: true });
          if (parkedItem !== undefined && parkedItem.status !== 'resolved') await ports.parked.setStatus(PRICE_FLOW, id, 'resolved', `${decision.skus.length} business offers queued for removal`);
        } else if (decision.kind === 'park') {
          const digest = removalSetDigest(decision.skus);
          if (!(parkedItem?.status === 'parked' && parkedSource?.digest === digest)) {
            await ports.parked.park({
              flow: PRICE_FLOW, id, reason: decision.reason, message: decision.message, sourceRef: `price:${seller.sellerId}:${marketplaceId}:B2B`,
              source: { marketplaceId, currency: source.currency, audience: 'B2B', remove: true, digest, count: decision.skus.length, skus: decision.skus },
              details: { sellerId: seller.sellerId, region: seller.region, group, count: decision.skus.length }, instanceId: flushInstanceId(seller.sellerId, seller.region),
            });
            result.parked += 1;
          }
        } else if (parkedItem !== undefined && parkedItem.status !== 'resolved') {
          await ports.parked.setStatus(PRICE_FLOW, id, 'resolved', 'M3 gives the business prices again: nothing to remove');
        }
        // A business offer parked for approval whose price M3 no longer gives has nothing left to approve.
        const prefix = `${seller.sellerId}:${marketplaceId}:`;
        for (const item of parkedNow) {
          if (item.status === 'resolved' || !item.id.startsWith(prefix) || !item.id.endsWith(':B2B')) continue;
          const sku = item.id.slice(prefix.length, -':B2B'.length);
          if (!offered.has(sku)) await ports.parked.setStatus(PRICE_FLOW, item.id, 'resolved', `M3 no longer gives SKU ${sku} a business price`);
        }
      }
      await ports.pending.put(seller.sellerId, seller.region, group, toBuffer);
      result.buffered += toBuffer.length;
      if (toBuffer.length > 0) touched.add(`${seller.sellerId}|${seller.region}`);
    }
  }
  result.regions = [...touched].map((k) => {
    const [sellerId = '', region = ''] = k.split('|');
    return { sellerId, region };
  });
  return result;
}

