/** Listings Items API 2021-08-01 on the simulator: get (summaries, attributes, issues, fulfillmentAvailability), put, patch (incl. VALIDATION_PREVIEW), delete, one listing per seller, marketplace and SKU; `/_sim/listings` to inspect and seed. */
import { z } from 'zod';
import type { SimContext } from './sim-context';
import { isoAt } from './sim-context';
import { json, spError, type Route, type SimRequest } from './sim-http';
import { businessPriceOf, PatchSchema, priceOf, quantityOf, writeListing, type ListingIssue, type ListingWrite } from './listings-store';
import { listingKey } from './sim-state';

const MODEL = 'listings-items-api-model/listingsItems_2021-08-01.json';
const PATH = '/listings/2021-08-01/items/{sellerId}/{sku}';
const model = (method: 'get' | 'put' | 'patch' | 'delete') => ({ file: MODEL, path: PATH, method });

function marketplacesOf(req: SimRequest): string[] {
  return (req.query.get('marketplaceIds') ?? '').split(',').filter((m) => m !== '');
}

function submission(ctx: SimContext, req: SimRequest, write: ListingWrite): ReturnType<typeof json> {
  const sellerId = req.sellerId ?? ctx.config.sellerId;
  if (req.params.sellerId !== sellerId) return spError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The sellerId does not match the access token.');
  const marketplaceIds = marketplacesOf(req);
  if (marketplaceIds.length === 0) return spError(400, 'InvalidInput', 'marketplaceIds is required.');
  const preview = req.query.get('mode') === 'VALIDATION_PREVIEW';
  // A write for several marketplaces (patch allows that) is applied to each; an issue in one is reported once.
  const issues: ListingIssue[] = [];
  for (const marketplaceId of marketplaceIds) {
    for (const i of writeListing(ctx, { sellerId, marketplaceId, sku: req.params.sku }, write, preview)) {
      if (!issues.some((j) => j.code === i.code && j.message === i.message)) issues.push(i);
    }
  }
  if (!preview) ctx.persist();
  const invalid = issues.some((i) => i.severity === 'ERROR');
  ctx.state.sequence += 1;
  return json(200, {
    sku: req.params.sku,
    status: invalid ? 'INVALID' : preview ? 'VALID' : 'ACCEPTED',
    submissionId: `sim-submission-${ctx.state.sequence}`,
    issues: issues.map((i) => ({ ...i, categories: ['INVALID_ATTRIBUTE'] })),
  });
}

const SeedSchema = z.array(z.object({
  sku: z.string().min(1),
  marketplaceId: z.string().min(1).optional(),
  productType: z.string().default('PRODUCT'),
  quantity: z.number().int().min(0).optional(),
  attributes: z.record(z.unknown()).default({}),
}));

export function listingsRoutes(ctx: SimContext): Route[] {
  return [
    {
      method: 'GET', pattern: PATH, operation: 'getListingsItem', model: model('get'),
      handler: (req) => {
        const marketplaceId = marketplacesOf(req)[0] ?? '';
        const listing = ctx.state.listings[listingKey(req.params.sellerId, marketplaceId, req.params.sku)];
        if (!listing || req.params.sellerId !== (req.sellerId ?? ctx.config.sellerId)) return spError(404, 'NOT_FOUND', `SKU '${req.params.sku}' not found in marketplace.`);
        const included = new Set((req.query.get('includedData') ?? 'summaries').split(','));
        const item: Record<string, unknown> = { sku: listing.sku };
        if (included.has('summaries')) {
          const quantity = quantityOf(listing);
          item.summaries = [{
            marketplaceId, productType: listing.productType, status: quantity && quantity > 0 ? ['BUYABLE', 'DISCOVERABLE'] : ['DISCOVERABLE'],
            createdDate: listing.createdDate, lastUpdatedDate: listing.lastUpdatedDate,
          }];
        }
        if (included.has('attributes')) item.attributes = listing.attributes;
        if (included.has('issues')) item.issues = listing.issues;
        if (included.has('fulfillmentAvailability')) {
          // Amazon computes this separately from what was submitted; here it mirrors the DEFAULT channel.
          const quantity = quantityOf(listing);
          item.fulfillmentAvailability = quantity === null ? [] : [{ fulfillmentChannelCode: 'DEFAULT', quantity }];
        }
        return json(200, item);
      },
    },
    {
      method: 'PUT', pattern: PATH, operation: 'putListingsItem', model: model('put'),
      handler: (req) => {
        const body = z.object({ productType: z.string(), attributes: z.record(z.unknown()) }).passthrough().safeParse(req.body);
        if (!body.success) return spError(400, 'InvalidInput', 'productType and attributes are required.');
        return submission(ctx, req, { kind: 'put', productType: body.data.productType, attributes: body.data.attributes });
      },
    },
    {
      method: 'PATCH', pattern: PATH, operation: 'patchListingsItem', model: model('patch'),
      handler: (req) => {
        const body = z.object({ productType: z.string(), patches: z.array(PatchSchema).min(1) }).safeParse(req.body);
        if (!body.success) return spError(400, 'InvalidInput', 'productType and patches are required.');
        return submission(ctx, req, { kind: 'patch', productType: body.data.productType, patches: body.data.patches });
      },
    },
    {
      method: 'DELETE', pattern: PATH, operation: 'deleteListingsItem', model: model('delete'),
      handler: (req) => submission(ctx, req, { kind: 'delete' }),
    },
    {
      // One entry per seller, marketplace and SKU; `?marketplaceId=` narrows to one marketplace.
      method: 'GET', pattern: '/_sim/listings',
      handler: (req) => {
        const only = req.query.get('marketplaceId');
        return json(200, Object.values(ctx.state.listings)
          .filter((l) => only === null || l.marketplaceId === only)
          .map((l) => ({ sku: l.sku, marketplaceId: l.marketplaceId, quantity: quantityOf(l), price: priceOf(l), businessPrice: businessPriceOf(l), productType: l.productType, attributes: l.attributes })));
      },
    },
    {
      // Seeds listings of the sandbox seller; without a marketplaceId they go to the seller's first marketplace.
      method: 'POST', pattern: '/_sim/listings',
      handler: (req) => {
        const parsed = SeedSchema.safeParse(Array.isArray(req.body) ? req.body : [req.body]);
        if (!parsed.success) return json(400, { error: 'invalid listings', reasons: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
        const now = isoAt(ctx.clock.now());
        const sellerId = ctx.config.sellerId;
        for (const l of parsed.data) {
          const marketplaceId = l.marketplaceId ?? ctx.config.marketplaceIds[0] ?? 'ATVPDKIKX0DER';
          const attributes = { ...l.attributes };
          if (l.quantity !== undefined) attributes.fulfillment_availability = [{ fulfillment_channel_code: 'DEFAULT', quantity: l.quantity }];
          ctx.state.listings[listingKey(sellerId, marketplaceId, l.sku)] = { sellerId, marketplaceId, sku: l.sku, productType: l.productType, attributes, issues: [], createdDate: now, lastUpdatedDate: now };
        }
        ctx.persist();
        return json(200, { seeded: parsed.data.length });
      },
    },
  ];
}
