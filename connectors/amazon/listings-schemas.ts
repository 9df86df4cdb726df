/** Listings Items API 2021-08-01 requests and responses (listingsItems_2021-08-01.json). */
import { z } from 'zod';

export const LISTINGS_INCLUDED_DATA = ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes'] as const;
export type ListingsIncludedData = (typeof LISTINGS_INCLUDED_DATA)[number];

export const ListingsIssueSchema = z.object({
  code: z.string(),
  message: z.string(),
  severity: z.enum(['ERROR', 'WARNING', 'INFO']),
  attributeNames: z.array(z.string()).optional(),
  categories: z.array(z.string()).optional(),
}).passthrough();

export const ListingsItemSchema = z.object({
  sku: z.string(),
  summaries: z.array(z.object({ marketplaceId: z.string(), productType: z.string(), status: z.array(z.string()) }).passthrough()).optional(),
  attributes: z.record(z.unknown()).optional(),
  issues: z.array(ListingsIssueSchema).optional(),
  fulfillmentAvailability: z.array(z.object({ fulfillmentChannelCode: z.string(), quantity: z.number().int().optional() }).passthrough()).optional(),
}).passthrough();

export const ListingsItemSubmissionResponseSchema = z.object({
  sku: z.string(),
  status: z.enum(['ACCEPTED', 'INVALID', 'VALID']),
  submissionId: z.string(),
  issues: z.array(ListingsIssueSchema).optional(),
}).passthrough();

export interface PatchOperation {
  op: 'add' | 'replace' | 'merge' | 'delete';
  path: string;
  value?: unknown[];
}

export interface ListingsItemPatchRequest {
  productType: string;
  patches: PatchOperation[];
}

export interface ListingsItemPutRequest {
  productType: string;
  requirements?: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
  attributes: Record<string, unknown>;
}

export type ListingsItem = z.infer<typeof ListingsItemSchema>;
export type ListingsItemSubmissionResponse = z.infer<typeof ListingsItemSubmissionResponseSchema>;
