/** Documented default usage plans (rate = requests/s restored, burst = bucket size) per SP-API operation, from the official models (docs/amazon-facts.md, Rate limits). */

export interface RateLimit {
  /** Tokens restored per second. */
  rate: number;
  /** Bucket size: calls allowed back to back from a full bucket. */
  burst: number;
}

export const RATE_LIMITS = {
  // Orders 2026-01-01 (orders_2026-01-01.json usage plans)
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  // Orders v0: only confirmShipment is still used (reads are deprecated, docs/amazon-facts.md, Deprecations to know first)
  confirmShipment: { rate: 2, burst: 10 },
  // Feeds 2021-06-30
  createFeedDocument: { rate: 0.5, burst: 15 },
  createFeed: { rate: 0.0083, burst: 15 },
  getFeed: { rate: 2, burst: 15 },
  getFeeds: { rate: 0.0222, burst: 10 },
  cancelFeed: { rate: 2, burst: 15 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
  // Listings Items 2021-08-01
  getListingsItem: { rate: 5, burst: 10 },
  putListingsItem: { rate: 5, burst: 10 },
  patchListingsItem: { rate: 5, burst: 5 },
  deleteListingsItem: { rate: 5, burst: 5 },
  searchListingsItems: { rate: 5, burst: 5 },
  // Reports 2021-06-30
  createReport: { rate: 0.0167, burst: 15 },
  getReport: { rate: 2, burst: 15 },
  getReports: { rate: 0.0222, burst: 10 },
  getReportDocument: { rate: 0.0167, burst: 15 },
  // Notifications v1: every operation 1/s burst 5
  createDestination: { rate: 1, burst: 5 },
  getDestinations: { rate: 1, burst: 5 },
  getDestination: { rate: 1, burst: 5 },
  deleteDestination: { rate: 1, burst: 5 },
  createSubscription: { rate: 1, burst: 5 },
  getSubscription: { rate: 1, burst: 5 },
  getSubscriptionById: { rate: 1, burst: 5 },
  deleteSubscriptionById: { rate: 1, burst: 5 },
  // Finances 2024-06-19
  listTransactions: { rate: 0.5, burst: 10 },
} as const satisfies Record<string, RateLimit>;

export type SpApiOperation = keyof typeof RATE_LIMITS;

export function isSpApiOperation(name: string): name is SpApiOperation {
  return Object.prototype.hasOwnProperty.call(RATE_LIMITS, name);
}

/** Feed-type quota on top of createFeed: JSON_LISTINGS_FEED allows 5 submissions per 5 minutes per region (changelog 2025-05-06). */
export const JSON_LISTINGS_FEED_QUOTA = { submissions: 5, windowSeconds: 300 } as const;
