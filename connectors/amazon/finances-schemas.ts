/** Finances API 2024-06-19 `listTransactions`: the query the app sends and the page it reads (transactions parsed by core/returns). */
import { z } from 'zod';

export interface ListTransactionsQuery {
  /** Required unless a related identifier filters; must be more than two minutes before the request. */
  postedAfter?: string;
  postedBefore?: string;
  marketplaceId?: string;
  transactionStatus?: 'DEFERRED' | 'RELEASED' | 'DEFERRED_RELEASED';
  relatedIdentifierName?: 'ORDER_ID' | 'FINANCIAL_EVENT_GROUP_ID';
  relatedIdentifierValue?: string;
  /** Sent with the same arguments as the call that produced it. */
  nextToken?: string;
}

export const ListTransactionsResponseSchema = z.object({
  payload: z.object({
    nextToken: z.string().optional(),
    transactions: z.array(z.unknown()).default([]),
  }).passthrough().default({}),
}).passthrough();
export type ListTransactionsResponse = z.infer<typeof ListTransactionsResponseSchema>;
