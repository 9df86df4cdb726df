/** The simulator's listings: applies PUT/PATCH (add, replace, merge, delete by selector values on top-level attributes) with Amazon-like issues for invalid values, shared by the Listings Items API and JSON_LISTINGS_FEED (docs/amazon-facts.md, JSON_LISTINGS_FEED). */
import { z } from 'zod';
import type { SimContext } from './sim-context';
import { isoAt } from './sim-context';
import { listingKey, type ListingRecord } from './sim-state';

export interface ListingIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
}

export const PatchSchema = z.object({ op: z.enum(['add', 'replace', 'merge', 'delete']), path: z.string(), value: z.array(z.unknown()).optional() });
export type Patch = z.infer<typeof PatchSchema>;

const AvailabilitySchema = z.object({ fulfillment_channel_code: z.string().optional(), quantity: z.unknown().optional() }).passthrough();

function issue(code: string, message: string, attribute?: string): ListingIssue {
  return attribute ? { code, message, severity: 'ERROR', attributeNames: [attribute] } : { code, message, severity: 'ERROR' };
}

const PositiveNumber = z.number().positive();
const ScheduleSchema = z.array(z.object({ value_with_tax: PositiveNumber }).passthrough()).min(1);
const OurPriceSchema = z.array(z.object({ schedule: ScheduleSchema }).passthrough()).min(1);
const LevelSchema = z.object({ lower_bound: z.number().int().positive(), value: PositiveNumber }).passthrough();
const DiscountScheduleSchema = z.object({ discount_type: z.enum(['fixed', 'percent']), levels: z.array(LevelSchema).min(1).max(5) }).passthrough();
const QuantityDiscountPlanSchema = z.array(z.object({ schedule: z.array(DiscountScheduleSchema).min(1) }).passthrough()).min(1);
const PurchasableOfferEntrySchema = z.object({
  marketplace_id: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
  audience: z.enum(['ALL', 'B2B']).optional(),
  our_price: OurPriceSchema.optional(),
  quantity_discount_plan: QuantityDiscountPlanSchema.optional(),
}).passthrough();

/**
 * One purchasable_offer entry as Amazon's listings samples and mapping guide show it: selectors marketplace_id,
 * currency and audience (ALL or B2B); our_price[].schedule[].value_with_tax a number above zero;
 * quantity_discount_plan[].schedule[] with discount_type and levels of lower_bound and value, only on the B2B offer
 * beside its our_price. Stricter than what is confirmed, on purpose (docs/prices.md, "not confirmed"): discount_type
 * fixed|percent, at most 5 levels (Seller Central's business pricing help), lower bounds increasing, fixed values
 * falling with every level and below the business price, percentages below 100 and growing.
 */
function offerIssues(entry: unknown, name: string): ListingIssue[] {
  const parsed = PurchasableOfferEntrySchema.safeParse(entry);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return [issue('4000007', `Invalid value for '${name}': ${first ? `${first.path.join('.')}: ${first.message}` : 'not an offer'}.`, name)];
  }
  const offer = parsed.data;
  const plan = offer.quantity_discount_plan;
  if (plan === undefined) return [];
  const qdp = `${name}.quantity_discount_plan`;
  if ((offer.audience ?? 'ALL') !== 'B2B') return [issue('4000008', `'quantity_discount_plan' is only valid on an offer with audience 'B2B'.`, qdp)];
  const businessPrice = offer.our_price?.[0]?.schedule[0]?.value_with_tax;
  if (businessPrice === undefined) return [issue('4000008', `A quantity discount needs a business price: 'our_price' is required on the B2B offer.`, qdp)];
  const issues: ListingIssue[] = [];
  for (const schedule of plan.flatMap((p) => p.schedule)) {
    let before: { lower_bound: number; value: number } | undefined;
    for (const level of schedule.levels) {
      if (before !== undefined && level.lower_bound <= before.lower_bound) issues.push(issue('4000008', `Quantity discount lower bounds must increase: ${level.lower_bound} follows ${before.lower_bound}.`, qdp));
      if (schedule.discount_type === 'fixed') {
        const ceiling = before?.value ?? businessPrice;
        if (level.value >= ceiling) issues.push(issue('4000008', `Quantity price ${level.value} from ${level.lower_bound} units must be lower than ${before === undefined ? `the business price ${businessPrice}` : `the price ${before.value} of the previous tier`}.`, qdp));
      } else {
        if (level.value >= 100) issues.push(issue('4000008', `Quantity discount ${level.value} % from ${level.lower_bound} units must be below 100 %.`, qdp));
        if (before !== undefined && level.value <= before.value) issues.push(issue('4000008', `Quantity discount ${level.value} % from ${level.lower_bound} units must be greater than ${before.value} % of the previous tier.`, qdp));
      }
      before = level;
    }
  }
  return issues;
}

/** Checks attribute values the way Amazon rejects the common mistakes (docs/amazon-facts.md). */
export function attributeIssues(attributes: Record<string, unknown>): ListingIssue[] {
  const issues: ListingIssue[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    if (!Array.isArray(value)) {
      issues.push(issue('4000001', `The value of attribute '${name}' must be an array.`, name));
      continue;
    }
    if (name === 'purchasable_offer') {
      for (const entry of value) issues.push(...offerIssues(entry, name));
      const selectors = value.map((o) => JSON.stringify([(o as { marketplace_id?: unknown }).marketplace_id, (o as { currency?: unknown }).currency, (o as { audience?: unknown }).audience ?? 'ALL']));
      if (new Set(selectors).size !== selectors.length) issues.push(issue('4000007', `Invalid value for '${name}': two offers with the same marketplace_id, currency and audience.`, name));
      continue;
    }
    if (name !== 'fulfillment_availability') continue;
    for (const entry of value) {
      const parsed = AvailabilitySchema.safeParse(entry);
      if (!parsed.success || !parsed.data.fulfillment_channel_code) {
        issues.push(issue('4000002', 'Invalid parameters provided: fulfillment_channel_code is required.', name));
        continue;
      }
      const q = parsed.data.quantity;
      if (q !== undefined && !(typeof q === 'number' && Number.isInteger(q) && q >= 0)) {
        issues.push(issue('90244', `The quantity '${String(q)}' is not valid: quantity must be a whole number of zero or more.`, name));
      }
      if (parsed.data.fulfillment_channel_code.startsWith('AMAZON_') && q !== undefined) {
        issues.push(issue('90245', 'Quantity cannot be set for Amazon-fulfilled (FBA) channels.', name));
      }
    }
  }
  return issues;
}

/** Applies patches to a copy of the attributes; returns issues for paths Amazon does not support. */
export function applyPatches(attributes: Record<string, unknown>, patches: Patch[]): { attributes: Record<string, unknown>; issues: ListingIssue[] } {
  const out: Record<string, unknown> = { ...attributes };
  const issues: ListingIssue[] = [];
  for (const p of patches) {
    const match = /^\/attributes\/([A-Za-z0-9_]+)$/.exec(p.path);
    if (!match) {
      issues.push(issue('4000003', `Unsupported patch path '${p.path}': only top-level attributes (/attributes/<name>) can be patched.`));
      continue;
    }
    const name = match[1];
    if (p.op === 'delete') {
      // Amazon deletes attribute instances by their selector values, never by name alone ("Partially update a listing",
      // "Manage purchasable offer"): each value entry names the selectors of one instance to remove.
      if (!p.value || p.value.length === 0) {
        issues.push(issue('4000004', `Patch 'delete' on '${name}' needs a value naming the selectors of the instances to delete; attributes cannot be deleted by name alone.`, name));
        continue;
      }
      const current = z.array(z.record(z.unknown())).catch([]).parse(out[name] ?? []);
      const targets: Array<Record<string, unknown>> = [];
      for (const v of p.value) {
        const entry = z.record(z.unknown()).catch({}).parse(v);
        if (name === 'purchasable_offer') {
          const missing = ['marketplace_id', 'currency'].filter((k) => typeof entry[k] !== 'string' || entry[k] === '');
          if (missing.length > 0) {
            issues.push(issue('4000004', `Patch 'delete' on '${name}' must name the selectors marketplace_id, currency and audience of the offer to delete; missing ${missing.join(', ')}.`, name));
            continue;
          }
        }
        targets.push(entry);
      }
      const matches = (instance: Record<string, unknown>, target: Record<string, unknown>): boolean => (name === 'purchasable_offer'
        ? instance.marketplace_id === target.marketplace_id && instance.currency === target.currency && (instance.audience ?? 'ALL') === (target.audience ?? 'ALL')
        : Object.entries(target).every(([k, value]) => JSON.stringify(instance[k]) === JSON.stringify(value)));
      const kept = current.filter((instance) => !targets.some((t) => matches(instance, t)));
      if (kept.length === 0) delete out[name];
      else out[name] = kept;
      continue;
    }
    if (!p.value) {
      issues.push(issue('4000004', `Patch '${p.op}' on '${name}' needs a value.`, name));
      continue;
    }
    if (p.op === 'merge' && name === 'fulfillment_availability') {
      // merge updates the named channel's fields and keeps the rest (restock_date, lead time), Amazon 2025-06-16.
      const current = z.array(z.record(z.unknown())).catch([]).parse(out[name] ?? []);
      const merged = [...current];
      for (const v of p.value) {
        const entry = z.record(z.unknown()).catch({}).parse(v);
        const at = merged.findIndex((m) => m.fulfillment_channel_code === entry.fulfillment_channel_code);
        if (at >= 0) merged[at] = { ...merged[at], ...entry };
        else merged.push(entry);
      }
      out[name] = merged;
      continue;
    }
    if (p.op === 'merge' && name === 'purchasable_offer') {
      // Offers are identified by marketplace_id, currency and audience (Amazon's "Manage purchasable offer"): merge
      // updates the offers it names and keeps the others (another marketplace's, a B2B offer), and within an offer the
      // sub-attributes it does not name. An explicit null deletes a previously set value (Amazon documents it for
      // quantity_discount_plan, "Merge a listing"); the selectors must be given, non-empty.
      const selector = (o: Record<string, unknown>) => JSON.stringify([o.marketplace_id, o.currency, o.audience ?? 'ALL']);
      const merged = z.array(z.record(z.unknown())).catch([]).parse(out[name] ?? []);
      for (const v of p.value) {
        const entry = z.record(z.unknown()).catch({}).parse(v);
        const missing = ['marketplace_id', 'currency', 'audience'].filter((k) => typeof entry[k] !== 'string' || entry[k] === '');
        if (missing.length > 0) {
          issues.push(issue('4000004', `Patch 'merge' on '${name}' must provide non-empty selector values; missing ${missing.join(', ')}.`, name));
          continue;
        }
        const at = merged.findIndex((m) => selector(m) === selector(entry));
        const next: Record<string, unknown> = { ...(at >= 0 ? merged[at] : {}), ...entry };
        for (const [k, value] of Object.entries(entry)) if (value === null) delete next[k];
        if (at >= 0) merged[at] = next;
        else merged.push(next);
      }
      out[name] = merged;
      continue;
    }
    out[name] = p.value;
  }
  return { attributes: out, issues };
}

export function quantityOf(listing: ListingRecord): number | null {
  const entries = z.array(AvailabilitySchema).catch([]).parse(listing.attributes.fulfillment_availability ?? []);
  const merchant = entries.find((e) => e.fulfillment_channel_code === 'DEFAULT');
  return merchant && typeof merchant.quantity === 'number' ? merchant.quantity : null;
}

const OfferSchema = z.object({
  marketplace_id: z.string().optional(),
  currency: z.string().optional(),
  audience: z.string().optional(),
  our_price: z.array(z.object({ schedule: z.array(z.object({ value_with_tax: z.union([z.number(), z.string()]).optional() }).passthrough()).optional() }).passthrough()).optional(),
}).passthrough();

/** The offer price Amazon shows (purchasable_offer our_price), when a PUT, PATCH or feed set one; null otherwise. */
export function priceOf(listing: ListingRecord): { currency: string; amount: string } | null {
  const offers = z.array(OfferSchema).catch([]).parse(listing.attributes.purchasable_offer ?? []);
  const consumer = offers.filter((o) => (o.audience ?? 'ALL') === 'ALL');
  const offer = consumer.find((o) => o.marketplace_id === listing.marketplaceId) ?? consumer.find((o) => o.marketplace_id === undefined);
  const value = offer?.our_price?.[0]?.schedule?.[0]?.value_with_tax;
  if (!offer?.currency || value === undefined || value === '') return null;
  return { currency: offer.currency, amount: String(value) };
}

export interface BusinessPriceView {
  currency: string;
  amount: string;
  /** The quantity discount plan's first schedule; null when the B2B offer has none. */
  quantityDiscount: { discountType: string; levels: Array<{ lowerBound: number; value: string }> } | null;
}

/** The business (B2B) offer of the listing's marketplace, when one was set; null otherwise. */
export function businessPriceOf(listing: ListingRecord): BusinessPriceView | null {
  const offers = z.array(PurchasableOfferEntrySchema).catch([]).parse(listing.attributes.purchasable_offer ?? []);
  const offer = offers.find((o) => o.marketplace_id === listing.marketplaceId && o.audience === 'B2B');
  const value = offer?.our_price?.[0]?.schedule[0]?.value_with_tax;
  if (offer === undefined || value === undefined) return null;
  const schedule = offer.quantity_discount_plan?.[0]?.schedule[0];
  return {
    currency: offer.currency, amount: String(value),
    quantityDiscount: schedule === undefined ? null : { discountType: schedule.discount_type, levels: schedule.levels.map((l) => ({ lowerBound: l.lower_bound, value: String(l.value) })) },
  };
}

/** Where a write goes: Amazon keeps one listing per seller, marketplace and SKU. */
export interface ListingTarget {
  sellerId: string;
  marketplaceId: string;
  sku: string;
}

export type ListingWrite =
  | { kind: 'put'; productType: string; attributes: Record<string, unknown> }
  | { kind: 'patch'; productType: string; patches: Patch[] }
  | { kind: 'delete' };

/** Validates and (unless preview) stores a write; returns the issues (ERROR issues mean nothing was stored). */
export function writeListing(ctx: SimContext, target: ListingTarget, write: ListingWrite, preview: boolean): ListingIssue[] {
  const { sku } = target;
  const key = listingKey(target.sellerId, target.marketplaceId, sku);
  const existing = ctx.state.listings[key];
  const now = isoAt(ctx.clock.now());
  if (write.kind === 'delete') {
    if (!existing) return [issue('4000005', `SKU '${sku}' was not found.`)];
    if (!preview) delete ctx.state.listings[key];
    return [];
  }
  if (!write.productType) return [issue('4000006', 'productType is required.')];
  let attributes: Record<string, unknown>;
  const issues: ListingIssue[] = [];
  if (write.kind === 'patch') {
    if (!existing) return [issue('4000005', `SKU '${sku}' was not found; create it with PUT (or an UPDATE message) first.`)];
    const applied = applyPatches(existing.attributes, write.patches);
    attributes = applied.attributes;
    issues.push(...applied.issues);
  } else {
    attributes = write.attributes;
  }
  issues.push(...attributeIssues(attributes));
  if (issues.some((i) => i.severity === 'ERROR') || preview) return issues;
  ctx.state.listings[key] = {
    sellerId: target.sellerId,
    marketplaceId: target.marketplaceId,
    sku,
    productType: write.productType === 'PRODUCT' && existing ? existing.productType : write.productType,
    attributes,
    issues: [],
    createdDate: existing?.createdDate ?? now,
    lastUpdatedDate: now,
  };
  return issues;
}
