// Plans the Listings Items API request for one M3 item on one marketplace (docs/design.md, Item → listing and settlement; docs/amazon-facts.md, Listings Items API).
import type { ItemMasterDocument } from '../bod';
import type { ListingsMapping } from './listings-mapping';
import { isValidGtin } from './gtin';

type Measure = { value: number; unit: string | null };

/** One attribute value as Listings Items expects it: always an array of objects carrying marketplace_id. */
export type AttributeValue = Record<string, unknown>;
export type ListingAttributes = Record<string, AttributeValue[]>;

export interface ListingPatch {
  /** `replace` for product facts; `merge` for fulfillment_availability so restock/lead-time survive (docs/amazon-facts.md, JSON_LISTINGS_FEED). */
  op: 'replace' | 'merge';
  path: string;
  value: AttributeValue[];
}

export interface ListingIssue {
  code: 'MISSING_TITLE' | 'MISSING_BRAND' | 'INVALID_GTIN' | 'UNKNOWN_UNIT' | 'DEFAULT_PRODUCT_TYPE' | 'ITEM_BLOCKED' | 'UNKNOWN_LANGUAGE';
  message: string;
}

interface PlanBase { sku: string; marketplaceId: string; productType: string; issues: ListingIssue[]; blocked: boolean }

export type ListingPlan =
  | (PlanBase & { mode: 'patch'; patches: ListingPatch[] })
  | (PlanBase & { mode: 'put'; requirements: ListingsMapping['putRequirements']; attributes: ListingAttributes })
  /** Nothing to send: a blocked item without a listing, or an existing listing without a single mappable attribute. */
  | (PlanBase & { mode: 'skip' });

export interface PlanListingTarget {
  sku: string;
  marketplaceId: string;
  /** Whether the listing already exists on Amazon (decides patch vs put). */
  exists: boolean;
}

/** Canonical item in the shape the BOD reader produces (core/bod ItemMasterDocument). */
export type ListingItem = Pick<ItemMasterDocument, 'itemNumber' | 'descriptions' | 'status' | 'gtin' | 'weight' | 'dimensions' | 'attributes'>;

function pickDescription(item: ListingItem, mapping: ListingsMapping, languageTag: string): string | undefined {
  const d = item.descriptions;
  const [language = '', country = ''] = languageTag.split('_');
  const mapped = mapping.descriptionLanguage[languageTag];
  const candidates = [mapped, languageTag, language.toUpperCase(), country.toUpperCase(), language, 'GB', 'EN'];
  for (const key of candidates) {
    if (key !== undefined && d[key] !== undefined && d[key].trim() !== '') return d[key].trim();
  }
  return Object.values(d).find((t) => t.trim() !== '')?.trim();
}

/** Reads a mapping source field: "itemNumber", "gtin", "status", "descriptions" or "attributes.<name>". */
function readSource(item: ListingItem, field: string, description: string | undefined): string | undefined {
  if (field === 'descriptions') return description;
  if (field === 'itemNumber') return item.itemNumber;
  if (field === 'gtin') return item.gtin ?? undefined;
  if (field === 'status') return item.status ?? undefined;
  if (field.startsWith('attributes.')) {
    const v = item.attributes[field.slice('attributes.'.length)];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }
  return undefined;
}

function measureValue(m: Measure, units: Record<string, string>, issues: ListingIssue[], what: string): { value: number; unit: string } | undefined {
  const unit = m.unit === null ? undefined : units[m.unit.toUpperCase()];
  if (unit === undefined) {
    issues.push({ code: 'UNKNOWN_UNIT', message: `${what} unit "${m.unit ?? '(none)'}" has no Amazon unit in the listings mapping; ${what} not sent` });
    return undefined;
  }
  return { value: m.value, unit };
}

/**
 * Listing attributes from the item and the mapping, shaped as Listings Items API 2021-08-01 expects them:
 * `[{value, language_tag, marketplace_id}]` for text, `externally_assigned_product_identifier` for the GTIN,
 * `{value, unit}` measures. A blocked item status forces MFN quantity 0 (the listing is kept, not deleted).
 */
export function planListing(item: ListingItem, mapping: ListingsMapping, target: PlanListingTarget): ListingPlan {
  const { sku, marketplaceId } = target;
  const issues: ListingIssue[] = [];
  const group = item.attributes[mapping.itemGroupAttribute];
  const mappedType = group === undefined ? undefined : mapping.productTypes.perItemGroup[group];
  const productType = mappedType ?? mapping.productTypes.default;
  const blocked = item.status !== null && mapping.blockedStatuses.includes(item.status);
  const base: PlanBase = { sku, marketplaceId, productType, issues, blocked };

  if (blocked && !target.exists && !mapping.createBlocked) {
    issues.push({ code: 'ITEM_BLOCKED', message: `item ${item.itemNumber} has blocked status ${item.status}; no listing is created` });
    return { ...base, mode: 'skip' };
  }

  let languageTag = mapping.languages[marketplaceId];
  if (languageTag === undefined) {
    issues.push({ code: 'UNKNOWN_LANGUAGE', message: `no language for marketplace ${marketplaceId} in the listings mapping; en_US used` });
    languageTag = 'en_US';
  }
  const description = pickDescription(item, mapping, languageTag);
  const text = (value: string): AttributeValue => ({ value, language_tag: languageTag, marketplace_id: marketplaceId });
  const attributes: ListingAttributes = {};
  const tpl = mapping.attributes;

  const title = readSource(item, tpl.title, description);
  if (title !== undefined) attributes.item_name = [text(title)];
  else issues.push({ code: 'MISSING_TITLE', message: `item ${item.itemNumber} has no text for item_name (${tpl.title})` });

  const brand = tpl.brand.fixed ?? (tpl.brand.source === undefined ? undefined : readSource(item, tpl.brand.source, description));
  if (brand !== undefined) attributes.brand = [text(brand)];
  else if (!target.exists) issues.push({ code: 'MISSING_BRAND', message: `item ${item.itemNumber} has no brand; Amazon requires one to create a listing` });

  if (item.gtin !== null && item.gtin.trim() !== '') {
    const gtin = item.gtin.trim();
    if (isValidGtin(gtin)) {
      attributes.externally_assigned_product_identifier = [{ type: tpl.identifierType, value: gtin, marketplace_id: marketplaceId }];
    } else {
      issues.push({ code: 'INVALID_GTIN', message: `GTIN "${gtin}" of item ${item.itemNumber} has a wrong length or check digit; not sent` });
    }
  }

  if (tpl.includeDimensions && item.dimensions !== null) {
    const parts: Record<string, { value: number; unit: string }> = {};
    for (const side of ['length', 'width', 'height'] as const) {
      const m = item.dimensions[side];
      const v = m === null ? undefined : measureValue(m, mapping.units.length, issues, side);
      if (v !== undefined) parts[side] = v;
    }
    if (Object.keys(parts).length === 3) attributes.item_package_dimensions = [{ ...parts, marketplace_id: marketplaceId }];
  }
  if (tpl.includeWeight && item.weight !== null) {
    const w = measureValue(item.weight, mapping.units.weight, issues, 'weight');
    if (w !== undefined) attributes.item_weight = [{ ...w, marketplace_id: marketplaceId }];
  }
  for (const [name, field] of Object.entries(tpl.extra)) {
    const v = readSource(item, field, description);
    if (v !== undefined) attributes[name] = [text(v)];
  }

  // fulfillment_availability carries no marketplace_id: the quantity is per seller and channel (docs/amazon-facts.md, JSON_LISTINGS_FEED example).
  const zeroQuantity: AttributeValue[] = [{ fulfillment_channel_code: 'DEFAULT', quantity: 0 }];

  if (target.exists) {
    const patches: ListingPatch[] = Object.entries(attributes).map(([name, value]) => ({ op: 'replace', path: `/attributes/${name}`, value }));
    if (blocked) patches.push({ op: 'merge', path: '/attributes/fulfillment_availability', value: zeroQuantity });
    if (patches.length === 0) return { ...base, mode: 'skip' };
    return { ...base, mode: 'patch', patches };
  }

  if (mappedType === undefined) {
    issues.push({ code: 'DEFAULT_PRODUCT_TYPE', message: `item group ${group ?? '(none)'} has no product type; "${productType}" may not accept a new listing` });
  }
  attributes.condition_type = [{ value: mapping.conditionType, marketplace_id: marketplaceId }];
  if (blocked) attributes.fulfillment_availability = zeroQuantity;
  return { ...base, mode: 'put', requirements: mapping.putRequirements, attributes };
}

/** The body of patchListingsItem / putListingsItem for a plan (ListingsItemPatchRequest / ListingsItemPutRequest). */
export function listingsItemRequestBody(plan: ListingPlan):
  | { method: 'PATCH'; body: { productType: string; patches: ListingPatch[] } }
  | { method: 'PUT'; body: { productType: string; requirements: ListingsMapping['putRequirements']; attributes: ListingAttributes } }
  | undefined {
  switch (plan.mode) {
    case 'patch': return { method: 'PATCH', body: { productType: plan.productType, patches: plan.patches } };
    case 'put': return { method: 'PUT', body: { productType: plan.productType, requirements: plan.requirements, attributes: plan.attributes } };
    case 'skip': return undefined;
  }
}
