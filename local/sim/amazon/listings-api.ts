/** Listings Items API 2021-08-01 on the simulator: get (summaries, attributes, issues, fulfillmentAvailability), put, patch (incl. VALIDATION_PREVIEW), delete; `/_sim/listings` to inspect and seed (FACTS §8). */
import { z } from 'zod';
import type { SimContext } from './sim-context';
import { isoAt } from './sim-context';
import { json, spError, type Route, type SimRequest } from './sim-http';
import { PatchSchema, quantityOf, writeListing, type ListingWrite } from './listings-store';

const MODEL = 'listings-items-api-model/listingsItems_2021-08-01.json';
const PATH = '/listings/2021-08-01/items/{sellerId}/{sku}';
const model = (method: 'get' | 'put' | 'patch' | 'delete') => ({ file: MODEL, path: PATH, method });

function submission(ctx: SimContext, req: SimRequest, write: ListingWrite): ReturnType<typeof json> {
  if (req.params.sellerId !== (req.sellerId ?? ctx.config.sellerId)) return spError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The sellerId does not match the access token.');
  if (!req.query.get('marketplaceIds')) return spError(400, 'InvalidInput', 'marketplaceIds is required.');
  const preview = req.query.get('mode') === 'VALIDATION_PREVIEW';
  const issues = writeListing(ctx, req.params.sku, write, preview);
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

export function listingsRoutes(ctx: SimContext): Route[] {
  return [
    {
      method: 'GET', pattern: PATH, operation: 'getListingsItem', model: model('get'),
      handler: (req) => {
        const listing = ctx.state.listings[req.params.sku];
        if (!listing || req.params.sellerId !== (req.sellerId ?? ctx.config.sellerId)) return spError(404, 'NOT_FOUND', `SKU '${req.params.sku}' not found in marketplace.`);
        const marketplaceId = (req.query.get('marketplaceIds') ?? '').split(',')[0] ?? '';
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
      method: 'GET', pattern: '/_sim/listings',
      handler: () => json(200, Object.values(ctx.state.listings).map((l) => ({ sku: l.sku, quantity: quantityOf(l), productType: l.productType, attributes: l.attributes }))),
    },
    {
      method: 'POST', pattern: '/_sim/listings',
      handler: (req) => {
        const parsed = z.array(z.object({ sku: z.string().min(1), productType: z.string().default('PRODUCT'), quantity: z.number().int().min(0).optional(), attributes: z.record(z.unknown()).default({}) })).safeParse(Array.isArray(req.body) ? req.body : [req.body]);
        if (!parsed.success) return json(400, { error: 'invalid listings', reasons: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
        const now = isoAt(ctx.clock.now());
        for (const l of parsed.data) {
          const attributes = { ...l.attributes };
          if (l.quantity !== undefined) attributes.fulfillment_availability = [{ fulfillment_channel_code: 'DEFAULT', quantity: l.quantity }];
          ctx.state.listings[l.sku] = { sku: l.sku, productType: l.productType, attributes, issues: [], createdDate: now, lastUpdatedDate: now };
        }
        ctx.persist();
        return json(200, { seeded: parsed.data.length });
      },
    },
  ];
}
