/**
 * Price reconciliation (`m3sync reconcile prices`): M3's price per mapped marketplace and SKU next to the offer price
 * Amazon holds (getListingsItem attributes → purchasable_offer, the ALL offer of that marketplace), with what was last
 * sent and accepted. Paged, because Amazon answers 5 listings reads per second. A fix buffers M3's price as an
 * operator's approval (the change guardrails do not apply; a zero price is still never sent).
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import { businessOfferText, decideBusinessOffer, offerAmount, parseBusinessOfferText } from '../../core/prices';
import { regionOfMarketplace } from '../../core/inventory';
import type { ListingsItem, ListingsQuery } from '../../connectors/amazon';
import { skuIndex } from '../inventory-sync/inventory-channels';
import { readBusiness, readSource, type PriceRefreshPorts } from './refresh-prices';
import { offerKey } from './price-stores';

export interface PriceReconcilePorts extends Pick<PriceRefreshPorts, 'mappings' | 'sellers' | 'm3' | 'pending' | 'states' | 'now'> {
  listings(sellerId: string, marketplaceId: string): { getListingsItem(sku: string, query: ListingsQuery): Promise<ListingsItem> };
}

export interface PriceReconcileRow {
  /** ALL: the consumer price; B2B: the business offer, its prices written as businessOfferText (price; tiers). */
  audience: 'ALL' | 'B2B';
  sellerId: string;
  region: string;
  marketplaceId: string;
  sku: string;
  itemNumber: string;
  currency: string;
  /** For B2B: '' when M3 gives no business price for a SKU whose business offer Amazon accepted (to be removed). */
  m3: string;
  /** null: Amazon has no listing, or no price for this marketplace. */
  amazon: string | null;
  same: boolean;
  lastSent: string | null;
  lastAccepted: string | null;
}

export interface PriceReconcilePage { total: number; offset: number; nextOffset: number | null; rows: PriceReconcileRow[] }

const OffersSchema = z.array(z.object({
  marketplace_id: z.string().optional(),
  currency: z.string().optional(),
  audience: z.string().optional(),
  our_price: z.array(z.object({ schedule: z.array(z.object({ value_with_tax: z.union([z.number(), z.string()]).optional() }).passthrough()).optional() }).passthrough()).optional(),
  quantity_discount_plan: z.array(z.object({ schedule: z.array(z.object({
    discount_type: z.string().optional(),
    levels: z.array(z.object({ lower_bound: z.number().optional(), value: z.union([z.number(), z.string()]).optional() }).passthrough()).optional(),
  }).passthrough()).optional() }).passthrough()).optional(),
}).passthrough()).catch([]);

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Amazon's B2B offer of the marketplace as businessOfferText, so it compares with M3's; null when there is none. */
function amazonBusinessOffer(item: ListingsItem, marketplaceId: string): string | null {
  const offers = OffersSchema.parse(item.attributes?.purchasable_offer ?? []);
  const offer = offers.find((o) => o.marketplace_id === marketplaceId && o.audience === 'B2B');
  const value = offer?.our_price?.[0]?.schedule?.[0]?.value_with_tax;
  if (value === undefined || !NUMBER.test(String(value))) return null;
  const plan = offer?.quantity_discount_plan?.[0]?.schedule?.[0];
  const levels = (plan?.levels ?? []).flatMap((l) => (l.lower_bound === undefined || l.value === undefined || !NUMBER.test(String(l.value)) ? [] : [{ lowerBound: l.lower_bound, value: offerAmount(String(l.value)) }]));
  return businessOfferText({ amount: offerAmount(String(value)), discountType: plan?.discount_type === 'percent' ? 'percent' : 'fixed', tiers: levels });
}

function amazonPrice(item: ListingsItem, marketplaceId: string): string | null {
  const offers = OffersSchema.parse(item.attributes?.purchasable_offer ?? []);
  const offer = offers.find((o) => o.marketplace_id === marketplaceId && (o.audience ?? 'ALL') === 'ALL');
  const value = offer?.our_price?.[0]?.schedule?.[0]?.value_with_tax;
  if (value === undefined || value === '' || !/^-?\d+(\.\d+)?$/.test(String(value))) return null;
  return offerAmount(String(value));
}

const ymd = (d: Date): string => d.toISOString().slice(0, 10).replace(/-/g, '');

export async function reconcilePrices(query: { marketplace?: string; offset: number; limit: number }, ports: PriceReconcilePorts): Promise<PriceReconcilePage> {
  const mappings = await ports.mappings();
  let sources = Object.entries(mappings.prices.sources);
  if (query.marketplace) {
    sources = sources.filter(([m]) => m === query.marketplace);
    if (sources.length === 0) throw new PermanentError(`marketplace ${query.marketplace} has no price source in the mappings`, { code: 'UNKNOWN_MARKETPLACE', system: 'mapping' });
  }
  const skusOf = skuIndex(mappings);
  const entries: Array<Omit<PriceReconcileRow, 'amazon' | 'same'>> = [];
  for (const [marketplaceId, source] of sources) {
    const sellers = ports.sellers.filter((s) => s.marketplaceIds.includes(marketplaceId) && regionOfMarketplace(marketplaceId) === s.region);
    if (sellers.length === 0) continue;
    const day = ymd(ports.now());
    const prices = await readSource(ports.m3, source, () => [...new Set(Object.values(mappings.items.table))].sort(), day);
    const businessRead = await readBusiness(ports.m3, source, day, prices);
    const business = businessRead.offers;
    for (const seller of sellers) {
      const states = await ports.states.list(seller.sellerId, seller.region, marketplaceId);
      const row = (audience: 'ALL' | 'B2B', sku: string, itemNumber: string, m3: string): Omit<PriceReconcileRow, 'amazon' | 'same'> => {
        const state = states.get(sku)?.get(offerKey(marketplaceId, audience === 'B2B' ? 'B2B' : undefined));
        return { audience, sellerId: seller.sellerId, region: seller.region, marketplaceId, sku, itemNumber, currency: source.currency, m3, lastSent: state?.sent ?? null, lastAccepted: state?.accepted ?? null };
      };
      const items = [...new Set([...prices.keys(), ...business.keys()])].sort((a, b) => a.localeCompare(b));
      for (const itemNumber of items) {
        for (const sku of skusOf(itemNumber)) {
          const amount = prices.get(itemNumber);
          if (amount !== undefined) entries.push(row('ALL', sku, itemNumber, offerAmount(amount)));
          const read = business.get(itemNumber);
          if (read !== undefined) {
            const tiers = read.tiers.map((t) => ({ lowerBound: t.lowerBound, value: offerAmount(t.value) }));
            entries.push(row('B2B', sku, itemNumber, businessOfferText({ amount: offerAmount(read.amount), discountType: read.discountType, tiers })));
          }
        }
      }
      // Business offers Amazon accepted that M3 no longer prices: m3 '' (no business offer; --fix removes it). Not after
      // a read that answered nothing: that is the suspicious read the sweep parks, and a fix must not remove everything.
      if (source.business !== undefined && !businessRead.empty) {
        const offered = new Set([...business.keys()].flatMap((item) => skusOf(item)));
        for (const [sku, offers] of [...states].sort(([a], [b]) => a.localeCompare(b))) {
          const accepted = offers.get(offerKey(marketplaceId, 'B2B'))?.accepted;
          if (accepted === undefined || accepted === '' || offered.has(sku)) continue;
          entries.push(row('B2B', sku, mappings.items.table[sku] ?? sku, ''));
        }
      }
    }
  }
  const page = entries.slice(query.offset, query.offset + query.limit);
  const rows: PriceReconcileRow[] = [];
  // The consumer and the business row of a SKU are next to each other: one getListingsItem answers both.
  let last: { key: string; item: ListingsItem | null } | undefined;
  for (const e of page) {
    const key = `${e.sellerId}|${e.marketplaceId}|${e.sku}`;
    if (last?.key !== key) {
      try {
        last = { key, item: await ports.listings(e.sellerId, e.marketplaceId).getListingsItem(e.sku, { marketplaceIds: [e.marketplaceId], includedData: ['attributes'] }) };
      } catch (error) {
        if (!(error instanceof PermanentError && error.details.status === 404)) throw error;
        last = { key, item: null };
      }
    }
    const amazon = last.item === null ? null : e.audience === 'B2B' ? amazonBusinessOffer(last.item, e.marketplaceId) : amazonPrice(last.item, e.marketplaceId);
    rows.push({ ...e, amazon, same: (amazon ?? '') === e.m3 });
  }
  const next = query.offset + page.length;
  return { total: entries.length, offset: query.offset, nextOffset: next < entries.length ? next : null, rows };
}

/** `m3`: the price, or for audience B2B the business offer as businessOfferText ('' = remove Amazon's business offer). */
export interface PriceCorrection { sellerId: string; marketplaceId: string; sku: string; itemNumber: string; currency: string; m3: string; audience?: 'ALL' | 'B2B' }

/**
 * Buffers M3's prices (never a zero one, nor a business offer whose tiers Amazon would refuse); returns the
 * seller × region pairs whose flush must run.
 */
export async function queuePriceCorrections(corrections: readonly PriceCorrection[], ports: Pick<PriceReconcilePorts, 'sellers' | 'pending'>): Promise<{ queued: number; skipped: number; regions: Array<{ sellerId: string; region: string }> }> {
  const regions = new Map<string, { sellerId: string; region: string }>();
  let queued = 0;
  let skipped = 0;
  for (const c of corrections) {
    const seller = ports.sellers.find((s) => s.sellerId === c.sellerId && s.marketplaceIds.includes(c.marketplaceId));
    if (seller === undefined) throw new PermanentError(`seller ${c.sellerId} does not sell on marketplace ${c.marketplaceId}`, { code: 'UNKNOWN_MARKETPLACE', system: 'mapping' });
    if (c.audience === 'B2B' && c.m3 === '') {
      // M3 gives no business price: the operator removes Amazon's business offer.
      await ports.pending.put(seller.sellerId, seller.region, c.marketplaceId, [{ sku: c.sku, itemNumber: c.itemNumber, marketplaceId: c.marketplaceId, currency: c.currency, amount: '', audience: 'B2B', remove: true }]);
      queued += 1;
      regions.set(`${seller.sellerId}|${seller.region}`, { sellerId: seller.sellerId, region: seller.region });
      continue;
    }
    if (c.audience === 'B2B') {
      const offer = parseBusinessOfferText(c.m3);
      const decision = offer === undefined ? undefined : decideBusinessOffer({ sku: c.sku, itemNumber: c.itemNumber, ...offer }, { approved: businessOfferText(offer) }, { maxChangePercent: 0, floor: '0' });
      if (decision?.kind !== 'send') {
        skipped += 1;
        continue;
      }
      const { amount, discountType, tiers } = decision.offer;
      await ports.pending.put(seller.sellerId, seller.region, c.marketplaceId, [{ sku: c.sku, itemNumber: c.itemNumber, marketplaceId: c.marketplaceId, currency: c.currency, amount, audience: 'B2B', discountType, tiers }]);
      queued += 1;
      regions.set(`${seller.sellerId}|${seller.region}`, { sellerId: seller.sellerId, region: seller.region });
      continue;
    }
    const amount = offerAmount(c.m3);
    if (!(Number(amount) > 0)) {
      skipped += 1;
      continue;
    }
    await ports.pending.put(seller.sellerId, seller.region, c.marketplaceId, [{ sku: c.sku, itemNumber: c.itemNumber, marketplaceId: c.marketplaceId, currency: c.currency, amount }]);
    queued += 1;
    regions.set(`${seller.sellerId}|${seller.region}`, { sellerId: seller.sellerId, region: seller.region });
  }
  return { queued, skipped, regions: [...regions.values()] };
}
