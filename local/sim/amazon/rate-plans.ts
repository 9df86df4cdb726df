/**
 * The simulator's own copy of Amazon's default usage plans (rate = requests per second restored, burst = bucket size),
 * as each operation's "Usage Plan" table in the official SP-API models states it. Kept here rather than taken from the
 * app so that an error in the app's assumptions cannot pass unnoticed; a spec compares this table with the models.
 */

export interface RatePlan {
  /** Tokens restored per second. */
  rate: number;
  /** Calls allowed back to back from a full bucket. */
  burst: number;
}

export const RATE_PLANS = {
  // Orders 2026-01-01: searchOrders allows a burst of 20, then one request every 180 seconds.
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  // Orders v0
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
  // Notifications v1
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
} as const satisfies Record<string, RatePlan>;

export type SimOperation = keyof typeof RATE_PLANS;

/**
 * Feed-type quota on top of createFeed: Amazon allows five JSON_LISTINGS_FEED submissions per five minutes
 * (announced in the SP-API changelog, May 2025; not part of the Feeds model).
 */
export const JSON_LISTINGS_FEED_QUOTA = { submissions: 5, windowSeconds: 300 } as const;
