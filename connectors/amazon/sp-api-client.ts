/** Typed SP-API operations for one seller (Orders 2026 + v0 confirmShipment, Feeds, Listings Items, Reports, Notifications), every call through the rate governor and LWA. */
import type { AxiosInstance } from 'axios';
import { createHttpClient } from '../http';
import { GetOrderResponseSchema, SearchOrdersResponseSchema, type FulfillmentStatus, type GetOrderResponse, type IncludedData, type SearchOrdersResponse } from '../../core/orders/amazon-order-2026';
import type { ConfirmShipmentRequest } from './confirm-shipment-schema';
import { downloadDocument, uploadDocument } from './document-transfer';
import { CreateFeedDocumentResponseSchema, CreateFeedResponseSchema, FeedDocumentSchema, FeedSchema, type CreateFeedDocumentResponse, type CreateFeedSpecification, type Feed } from './feeds-schemas';
import { ListingsItemSchema, ListingsItemSubmissionResponseSchema, type ListingsIncludedData, type ListingsItem, type ListingsItemPatchRequest, type ListingsItemPutRequest, type ListingsItemSubmissionResponse } from './listings-schemas';
import {
  CreateDestinationResponseSchema, DeleteSubscriptionResponseSchema, GetDestinationsResponseSchema, SubscriptionResponseSchema,
  type CreateDestinationRequest, type CreateSubscriptionRequest, type Destination, type Subscription,
} from './notifications-schemas';
import type { RatePriority } from './rate-governor';
import { regionBaseUrl, type SpApiRegion } from './regions';
import { GetReportsResponseSchema, ReportDocumentSchema, ReportSchema, type GetReportsQuery, type GetReportsResponse, type Report } from './reports-schemas';
import { SpApiTransport, type SpApiTransportOptions } from './sp-api-transport';
import { ListTransactionsResponseSchema, type ListTransactionsQuery, type ListTransactionsResponse } from './finances-schemas';

/** The transport's options, with the region (and an optional endpoint override) in place of a base URL. */
export type SpApiClientOptions = Omit<SpApiTransportOptions, 'baseUrl'> & {
  region: SpApiRegion;
  /** Overrides the regional endpoint (the simulator locally). */
  endpoint?: string;
};

export interface SearchOrdersQuery {
  /** Exactly one of createdAfter / lastUpdatedAfter (ISO 8601). */
  createdAfter?: string;
  createdBefore?: string;
  lastUpdatedAfter?: string;
  lastUpdatedBefore?: string;
  fulfillmentStatuses?: FulfillmentStatus[];
  marketplaceIds?: string[];
  fulfilledBy?: Array<'MERCHANT' | 'AMAZON'>;
  maxResultsPerPage?: number;
  /** The previous page's `pagination.nextToken`; other filters must repeat the first call's values. */
  paginationToken?: string;
  includedData?: IncludedData[];
}

export interface ListingsQuery {
  marketplaceIds: string[];
  includedData?: ListingsIncludedData[];
  issueLocale?: string;
}

export interface ListingsWriteQuery {
  marketplaceIds: string[];
  /** VALIDATION_PREVIEW validates without saving. */
  mode?: 'VALIDATION_PREVIEW';
  includedData?: Array<'identifiers' | 'issues'>;
  issueLocale?: string;
}

export interface DownloadedDocument {
  documentId: string;
  compressionAlgorithm?: 'GZIP';
  /** Decompressed bytes. */
  content: Buffer;
}

export const NOTIFICATIONS_SCOPE = 'sellingpartnerapi::notifications' as const;

export class SpApiClient {
  readonly sellerId: string;
  readonly region: SpApiRegion;
  private readonly transport: SpApiTransport;
  private readonly http: AxiosInstance;

  constructor(opts: SpApiClientOptions) {
    this.sellerId = opts.sellerId;
    this.region = opts.region;
    this.http = opts.http ?? createHttpClient();
    const { region, endpoint, ...transport } = opts;
    this.transport = new SpApiTransport({ ...transport, baseUrl: regionBaseUrl(region, endpoint), http: this.http });
  }

  // ---- Orders 2026-01-01 (v0 reads are deprecated, docs/amazon-facts.md, Deprecations to know first)

  getOrder(orderId: string, includedData: IncludedData[] = [], priority?: RatePriority): Promise<GetOrderResponse> {
    return this.transport.call({
      operation: 'getOrder', method: 'GET', path: `/orders/2026-01-01/orders/${encodeURIComponent(orderId)}`,
      query: { includedData: includedData.length > 0 ? includedData : undefined }, schema: GetOrderResponseSchema, priority,
    });
  }

  /** One page per call; pass `pagination.nextToken` back as `paginationToken` for the next. */
  searchOrders(query: SearchOrdersQuery, priority?: RatePriority): Promise<SearchOrdersResponse> {
    const q: Record<string, string | number | readonly string[] | undefined> = {};
    for (const [k, v] of Object.entries(query)) if (v !== undefined && !(Array.isArray(v) && v.length === 0)) q[k] = v;
    return this.transport.call({ operation: 'searchOrders', method: 'GET', path: '/orders/2026-01-01/orders', query: q, schema: SearchOrdersResponseSchema, priority });
  }

  /** Orders v0 confirmShipment (204). Re-sending the same packageReferenceId edits that package, so a retry is safe. */
  confirmShipment(orderId: string, body: ConfirmShipmentRequest, priority?: RatePriority): Promise<void> {
    return this.transport.callVoid({
      operation: 'confirmShipment', method: 'POST', path: `/orders/v0/orders/${encodeURIComponent(orderId)}/shipmentConfirmation`,
      body, idempotent: true, priority,
    });
  }

  // ---- Feeds 2021-06-30

  createFeedDocument(contentType: string): Promise<CreateFeedDocumentResponse> {
    return this.transport.call({ operation: 'createFeedDocument', method: 'POST', path: '/feeds/2021-06-30/documents', body: { contentType }, schema: CreateFeedDocumentResponseSchema });
  }

  uploadFeedDocument(url: string, content: string | Buffer, contentType: string): Promise<void> {
    return uploadDocument(this.http, url, content, contentType);
  }

  async createFeed(spec: CreateFeedSpecification): Promise<string> {
    const res = await this.transport.call({ operation: 'createFeed', method: 'POST', path: '/feeds/2021-06-30/feeds', body: spec, schema: CreateFeedResponseSchema });
    return res.feedId;
  }

  getFeed(feedId: string): Promise<Feed> {
    return this.transport.call({ operation: 'getFeed', method: 'GET', path: `/feeds/2021-06-30/feeds/${encodeURIComponent(feedId)}`, schema: FeedSchema });
  }

  /** Fetches the document's URL and downloads it, gunzipping when Amazon says GZIP. */
  async getFeedDocument(feedDocumentId: string): Promise<DownloadedDocument> {
    const doc = await this.transport.call({ operation: 'getFeedDocument', method: 'GET', path: `/feeds/2021-06-30/documents/${encodeURIComponent(feedDocumentId)}`, schema: FeedDocumentSchema });
    const content = await downloadDocument(this.http, doc.url, doc.compressionAlgorithm);
    return { documentId: doc.feedDocumentId, compressionAlgorithm: doc.compressionAlgorithm, content };
  }

  // ---- Listings Items 2021-08-01

  getListingsItem(sku: string, query: ListingsQuery): Promise<ListingsItem> {
    return this.transport.call({
      operation: 'getListingsItem', method: 'GET', path: this.listingPath(sku),
      query: { marketplaceIds: query.marketplaceIds, includedData: query.includedData, issueLocale: query.issueLocale }, schema: ListingsItemSchema,
    });
  }

  patchListingsItem(sku: string, body: ListingsItemPatchRequest, query: ListingsWriteQuery): Promise<ListingsItemSubmissionResponse> {
    return this.transport.call({
      operation: 'patchListingsItem', method: 'PATCH', path: this.listingPath(sku),
      query: { marketplaceIds: query.marketplaceIds, mode: query.mode, includedData: query.includedData, issueLocale: query.issueLocale },
      body, schema: ListingsItemSubmissionResponseSchema,
    });
  }

  putListingsItem(sku: string, body: ListingsItemPutRequest, query: ListingsWriteQuery): Promise<ListingsItemSubmissionResponse> {
    return this.transport.call({
      operation: 'putListingsItem', method: 'PUT', path: this.listingPath(sku),
      query: { marketplaceIds: query.marketplaceIds, mode: query.mode, includedData: query.includedData, issueLocale: query.issueLocale },
      body, schema: ListingsItemSubmissionResponseSchema,
    });
  }

  // ---- Reports 2021-06-30

  getReports(query: GetReportsQuery): Promise<GetReportsResponse> {
    // With nextToken Amazon wants nothing else (reports model: "must not be combined with other parameters").
    const q = query.nextToken ? { nextToken: query.nextToken } : {
      reportTypes: query.reportTypes, processingStatuses: query.processingStatuses, marketplaceIds: query.marketplaceIds,
      pageSize: query.pageSize, createdSince: query.createdSince, createdUntil: query.createdUntil,
    };
    return this.transport.call({ operation: 'getReports', method: 'GET', path: '/reports/2021-06-30/reports', query: q, schema: GetReportsResponseSchema });
  }

  getReport(reportId: string): Promise<Report> {
    return this.transport.call({ operation: 'getReport', method: 'GET', path: `/reports/2021-06-30/reports/${encodeURIComponent(reportId)}`, schema: ReportSchema });
  }

  async getReportDocument(reportDocumentId: string): Promise<DownloadedDocument> {
    const doc = await this.transport.call({ operation: 'getReportDocument', method: 'GET', path: `/reports/2021-06-30/documents/${encodeURIComponent(reportDocumentId)}`, schema: ReportDocumentSchema });
    const content = await downloadDocument(this.http, doc.url, doc.compressionAlgorithm);
    return { documentId: doc.reportDocumentId, compressionAlgorithm: doc.compressionAlgorithm, content };
  }

  // ---- Finances 2024-06-19

  listTransactions(query: ListTransactionsQuery): Promise<ListTransactionsResponse> {
    return this.transport.call({ operation: 'listTransactions', method: 'GET', path: '/finances/2024-06-19/transactions', query: { ...query }, schema: ListTransactionsResponseSchema });
  }

  // ---- Notifications v1 (destinations are grantless; subscriptions need the seller token, docs/amazon-facts.md, Authorization)

  async createDestination(body: CreateDestinationRequest): Promise<Destination> {
    const res = await this.transport.call({ operation: 'createDestination', method: 'POST', path: '/notifications/v1/destinations', body, grantless: NOTIFICATIONS_SCOPE, schema: CreateDestinationResponseSchema });
    return res.payload;
  }

  async getDestinations(): Promise<Destination[]> {
    const res = await this.transport.call({ operation: 'getDestinations', method: 'GET', path: '/notifications/v1/destinations', grantless: NOTIFICATIONS_SCOPE, schema: GetDestinationsResponseSchema });
    return res.payload;
  }

  async createSubscription(notificationType: string, body: CreateSubscriptionRequest): Promise<Subscription> {
    const res = await this.transport.call({ operation: 'createSubscription', method: 'POST', path: `/notifications/v1/subscriptions/${encodeURIComponent(notificationType)}`, body, schema: SubscriptionResponseSchema });
    return res.payload;
  }

  async getSubscription(notificationType: string, payloadVersion?: string): Promise<Subscription> {
    const res = await this.transport.call({ operation: 'getSubscription', method: 'GET', path: `/notifications/v1/subscriptions/${encodeURIComponent(notificationType)}`, query: { payloadVersion }, schema: SubscriptionResponseSchema });
    return res.payload;
  }

  async deleteSubscriptionById(notificationType: string, subscriptionId: string): Promise<void> {
    await this.transport.call({
      operation: 'deleteSubscriptionById', method: 'DELETE', path: `/notifications/v1/subscriptions/${encodeURIComponent(notificationType)}/${encodeURIComponent(subscriptionId)}`,
      grantless: NOTIFICATIONS_SCOPE, schema: DeleteSubscriptionResponseSchema,
    });
  }

  private listingPath(sku: string): string {
    // SKUs may contain '/', spaces, unicode: always URL-encode (docs/amazon-facts.md, Listings Items API).
    return `/listings/2021-08-01/items/${encodeURIComponent(this.sellerId)}/${encodeURIComponent(sku)}`;
  }
}
