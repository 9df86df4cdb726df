/** Feeds API 2021-06-30 responses (feeds_2021-06-30.json): no `payload` wrapper (docs/amazon-facts.md, Feeds). */
import { z } from 'zod';

export const FEED_PROCESSING_STATUSES = ['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE'] as const;

export const CreateFeedDocumentResponseSchema = z.object({ feedDocumentId: z.string(), url: z.string() }).passthrough();
export const CreateFeedResponseSchema = z.object({ feedId: z.string() }).passthrough();
export const FeedSchema = z.object({
  feedId: z.string(),
  feedType: z.string(),
  marketplaceIds: z.array(z.string()).optional(),
  createdTime: z.string(),
  processingStatus: z.enum(FEED_PROCESSING_STATUSES),
  processingStartTime: z.string().optional(),
  processingEndTime: z.string().optional(),
  resultFeedDocumentId: z.string().optional(),
}).passthrough();
export const FeedDocumentSchema = z.object({ feedDocumentId: z.string(), url: z.string(), compressionAlgorithm: z.literal('GZIP').optional() }).passthrough();

export interface CreateFeedSpecification {
  feedType: string;
  marketplaceIds: string[];
  inputFeedDocumentId: string;
  feedOptions?: Record<string, string>;
}

export type CreateFeedDocumentResponse = z.infer<typeof CreateFeedDocumentResponseSchema>;
export type Feed = z.infer<typeof FeedSchema>;
export type FeedDocument = z.infer<typeof FeedDocumentSchema>;
