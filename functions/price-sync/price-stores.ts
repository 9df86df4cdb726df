/**
 * Offer prices per seller × region × marketplace group × SKU × marketplace, in blob documents beside the quantities
 * (one per group, read and written whole, like the quantity buffer): `pending` holds prices waiting for a feed (a later
 * price of the same SKU and marketplace replaces the earlier one), `state` what was sent and what Amazon accepted.
 */
import { z } from 'zod';
import { businessOfferText, type DiscountType, type QuantityTier } from '../../core/prices';
import { segment, type BlobDocuments } from '../inventory-sync/blob-json-document';

/** The blob document operations the price store needs (BlobDocuments; an in-memory map in unit specs). */
export type PriceDocuments = Pick<BlobDocuments, 'read' | 'update' | 'names'>;

const TierSchema = z.object({ lowerBound: z.number().int(), value: z.string() });

/** A buffered offer price; `audience` B2B is the business offer (with its quantity tiers), absent the consumer offer. */
export interface SkuOfferPrice {
  sku: string;
  itemNumber: string;
  marketplaceId: string;
  currency: string;
  amount: string;
  audience?: 'B2B';
  discountType?: DiscountType;
  tiers?: QuantityTier[];
  /** B2B only: the business offer is to be removed at Amazon (M3 no longer prices it); `amount` is empty. */
  remove?: true;
}

/** What is recorded as sent for a removal; once Amazon accepts it the offer's `accepted` is empty (Amazon holds none). */
export const REMOVED_OFFER = 'REMOVE';

/**
 * Where an offer is kept in the documents: the consumer offer under its marketplace id (as before business offers
 * existed), the business offer under `<marketplace>|B2B`.
 */
export function offerKey(marketplaceId: string, audience?: 'B2B'): string {
  return audience === 'B2B' ? `${marketplaceId}|B2B` : marketplaceId;
}

/** What is compared and recorded as sent/accepted: the amount, or for a business offer its text with the tiers. */
export function offerValue(p: Pick<SkuOfferPrice, 'amount' | 'audience' | 'discountType' | 'tiers' | 'remove'>): string {
  if (p.remove === true) return REMOVED_OFFER;
  return p.audience === 'B2B' ? businessOfferText({ amount: p.amount, discountType: p.discountType ?? 'fixed', tiers: p.tiers ?? [] }) : p.amount;
}

const PendingOfferSchema = z.object({ currency: z.string(), amount: z.string(), audience: z.literal('B2B').optional(), discountType: z.enum(['fixed', 'percent']).optional(), tiers: z.array(TierSchema).optional(), remove: z.literal(true).optional() });
const PendingSchema = z.object({ skus: z.record(z.object({ itemNumber: z.string(), offers: z.record(PendingOfferSchema) })) });
type PendingDoc = z.infer<typeof PendingSchema>;

export const OfferStateSchema = z.object({
  currency: z.string(),
  sent: z.string().optional(),
  feedId: z.string().optional(),
  accepted: z.string().optional(),
  acceptedAt: z.string().optional(),
  error: z.string().optional(),
});
export type OfferState = z.infer<typeof OfferStateSchema>;
const StateSchema = z.object({ skus: z.record(z.object({ itemNumber: z.string(), offers: z.record(OfferStateSchema) })) });
type StateDoc = z.infer<typeof StateSchema>;

export interface PendingPrices {
  put(sellerId: string, region: string, group: string, rows: readonly SkuOfferPrice[]): Promise<void>;
  list(sellerId: string, region: string, group: string): Promise<SkuOfferPrice[]>;
  /** Groups of seller × region with prices waiting. */
  groups(sellerId: string, region: string): Promise<string[]>;
  /** Removes prices still holding the amount that was sent; a newer price written meanwhile stays. */
  removeSent(sellerId: string, region: string, group: string, sent: readonly SkuOfferPrice[]): Promise<void>;
}

/** `key`: offerKey of the offer. */
export interface OfferStateUpdate { sku: string; itemNumber: string; key: string; fields: Partial<OfferState> & { currency: string } }

export interface PriceStates {
  /** sku → offer key (offerKey: the marketplace id, or `<marketplace>|B2B`) → state; sent/accepted are offerValue texts. */
  list(sellerId: string, region: string, group: string): Promise<Map<string, Map<string, OfferState>>>;
  merge(sellerId: string, region: string, group: string, updates: readonly OfferStateUpdate[]): Promise<void>;
}

export class PriceStore {
  readonly pending: PendingPrices;
  readonly states: PriceStates;

  constructor(private readonly blobs: PriceDocuments, private readonly prefix = 'prices') {
    const name = (kind: string, sellerId: string, region: string, group: string) => `${this.prefix}/${kind}/${segment(sellerId)}/${segment(region)}/${segment(group)}.json`;
    const emptyPending = (): PendingDoc => ({ skus: {} });
    const emptyState = (): StateDoc => ({ skus: {} });
    this.pending = {
      put: async (sellerId, region, group, rows) => {
        if (rows.length === 0) return;
        await this.blobs.update(name('pending', sellerId, region, group), PendingSchema, emptyPending, (doc) => {
          for (const r of rows) {
            const entry = (doc.skus[r.sku] ??= { itemNumber: r.itemNumber, offers: {} });
            entry.offers[offerKey(r.marketplaceId, r.audience)] = PendingOfferSchema.parse({ currency: r.currency, amount: r.amount, audience: r.audience, discountType: r.discountType, tiers: r.tiers, remove: r.remove });
          }
          return true;
        });
      },
      list: async (sellerId, region, group) => {
        const { value } = await this.blobs.read(name('pending', sellerId, region, group), PendingSchema, emptyPending);
        return Object.keys(value.skus).sort().flatMap((sku) => {
          const entry = value.skus[sku]!;
          return Object.keys(entry.offers).sort().map((key): SkuOfferPrice => {
            const { audience, discountType, tiers, remove, ...offer } = entry.offers[key]!;
            const row: SkuOfferPrice = { sku, itemNumber: entry.itemNumber, marketplaceId: audience === 'B2B' ? key.slice(0, -'|B2B'.length) : key, ...offer };
            if (audience === 'B2B' && remove === true) return { ...row, audience, remove };
            return audience === 'B2B' ? { ...row, audience, discountType: discountType ?? 'fixed', tiers: tiers ?? [] } : row;
          });
        });
      },
      groups: async (sellerId, region) => {
        const prefix = `${this.prefix}/pending/${segment(sellerId)}/${segment(region)}/`;
        const groups: string[] = [];
        for (const blob of await this.blobs.names(prefix)) {
          const group = decodeURIComponent(blob.slice(prefix.length, -'.json'.length));
          if ((await this.pending.list(sellerId, region, group)).length > 0) groups.push(group);
        }
        return groups;
      },
      removeSent: async (sellerId, region, group, sent) => {
        if (sent.length === 0) return;
        await this.blobs.update(name('pending', sellerId, region, group), PendingSchema, emptyPending, (doc) => {
          let changed = false;
          for (const s of sent) {
            const entry = doc.skus[s.sku];
            const key = offerKey(s.marketplaceId, s.audience);
            const waiting = entry?.offers[key];
            if (entry === undefined || waiting === undefined || offerValue(waiting) !== offerValue(s)) continue;
            delete entry.offers[key];
            if (Object.keys(entry.offers).length === 0) delete doc.skus[s.sku];
            changed = true;
          }
          return changed;
        });
      },
    };
    this.states = {
      list: async (sellerId, region, group) => {
        const { value } = await this.blobs.read(name('state', sellerId, region, group), StateSchema, emptyState);
        return new Map(Object.entries(value.skus).map(([sku, e]) => [sku, new Map(Object.entries(e.offers))]));
      },
      merge: async (sellerId, region, group, updates) => {
        if (updates.length === 0) return;
        await this.blobs.update(name('state', sellerId, region, group), StateSchema, emptyState, (doc) => {
          for (const u of updates) {
            const entry = (doc.skus[u.sku] ??= { itemNumber: u.itemNumber, offers: {} });
            const fields = Object.fromEntries(Object.entries(u.fields).filter(([, v]) => v !== undefined));
            entry.offers[u.key] = OfferStateSchema.parse({ ...entry.offers[u.key], ...fields });
          }
          return true;
        });
      },
    };
  }
}
