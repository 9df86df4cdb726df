/**
 * Amazon order ↔ M3 order links (and order item ids ↔ M3 line numbers), the memory that makes order creation
 * exactly-once and lets shipments find their Amazon order. Holds no personal data.
 */
import { z } from 'zod';
import { isStatus, storageError, tableKey, type TableAccess } from './table-access';
import { bodyProperties, bodyText } from './table-json-body';

export const LinkLineSchema = z.object({
  orderItemId: z.string(),
  sku: z.string(),
  itemNumber: z.string(),
  /** M3 order line number (PONR) once known. */
  lineNumber: z.number().int().optional(),
  quantity: z.number(),
  /** Closed in M3 because Amazon canceled the item (recorded so it is closed once). */
  canceled: z.boolean().optional(),
});

export const OrderLinkSchema = z.object({
  sellerId: z.string(),
  amazonOrderId: z.string(),
  marketplaceId: z.string().default(''),
  /** creating: the batch head exists (temporary number recorded); created: confirmed into a real order. */
  status: z.enum(['creating', 'created', 'canceled', 'failed']),
  tempOrderNumber: z.string().default(''),
  /** A per-buyer customer created for this order (CRS610MI.Add), recorded so a retry never creates a second one. */
  customerNumber: z.string().default(''),
  /** Confirmed, but the custom fields (CUSEXTMI, keyed by the real order number) are not all written yet. */
  customFieldsPending: z.boolean().default(false),
  m3OrderNumber: z.string().default(''),
  /** Who fulfils the order (Amazon `fulfilledBy`) and its programs: they decide how a shipment is reported. */
  fulfilledBy: z.enum(['MERCHANT', 'AMAZON']).default('MERCHANT'),
  programs: z.array(z.string()).default([]),
  /** What became of the buyer's cancellation request: canceled in M3 (and on Amazon), or too late (parked). */
  buyerCancel: z.enum(['canceled', 'too-late']).optional(),
  /** The cancellation sent to Amazon (POST_ORDER_ACKNOWLEDGEMENT_DATA), once per order. */
  acknowledgement: z.object({ reason: z.string(), feedId: z.string() }).optional(),
  /** An order canceled in M3 (or a line of it) that the app has handled, so it is handled once. */
  m3Cancel: z.enum(['sent', 'partial-parked']).optional(),
  lines: z.array(LinkLineSchema).default([]),
  updatedAt: z.string().default(''),
});
export type OrderLink = z.infer<typeof OrderLinkSchema>;
export type LinkLine = z.infer<typeof LinkLineSchema>;

interface LinkEntity {
  partitionKey: string;
  rowKey: string;
  body: string;
  m3OrderNumber: string;
  status: string;
}

export class OrderLinkStore {
  constructor(private readonly tables: TableAccess, private readonly tableName = 'orderlinks') {}

  async get(sellerId: string, amazonOrderId: string): Promise<OrderLink | undefined> {
    const table = await this.tables.table(this.tableName);
    try {
      const entity = await table.getEntity<LinkEntity>(tableKey(sellerId), tableKey(amazonOrderId));
      return OrderLinkSchema.parse(JSON.parse(bodyText(entity)));
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw storageError(error, `read order link ${amazonOrderId}`);
    }
  }

  async save(link: OrderLink): Promise<void> {
    const table = await this.tables.table(this.tableName);
    const value = { ...link, updatedAt: new Date().toISOString() };
    try {
      // An order of a few hundred lines outgrows one 64 KiB property: the body is split over several (table-json-body.ts).
      await table.upsertEntity({
        partitionKey: tableKey(link.sellerId), rowKey: tableKey(link.amazonOrderId),
        ...bodyProperties(JSON.stringify(value)), m3OrderNumber: link.m3OrderNumber, status: link.status,
      }, 'Replace');
      if (link.m3OrderNumber) {
        await table.upsertEntity({ partitionKey: 'by-m3-order', rowKey: tableKey(link.m3OrderNumber), sellerId: link.sellerId, amazonOrderId: link.amazonOrderId }, 'Replace');
      }
    } catch (error) {
      throw storageError(error, `save order link ${link.amazonOrderId}`);
    }
  }

  /** Finds the Amazon order behind an M3 order number (shipments that carry no customer order reference). */
  async findByM3Order(m3OrderNumber: string): Promise<OrderLink | undefined> {
    const table = await this.tables.table(this.tableName);
    try {
      const ref = await table.getEntity<{ sellerId: string; amazonOrderId: string }>('by-m3-order', tableKey(m3OrderNumber));
      return this.get(ref.sellerId, ref.amazonOrderId);
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw storageError(error, `find order link of ${m3OrderNumber}`);
    }
  }

  /** Every link of a seller, for the completeness check. */
  async list(sellerId: string): Promise<OrderLink[]> {
    const table = await this.tables.table(this.tableName);
    const links: OrderLink[] = [];
    try {
      for await (const entity of table.listEntities<LinkEntity>({ queryOptions: { filter: `PartitionKey eq '${tableKey(sellerId).replace(/'/g, "''")}'` } })) {
        links.push(OrderLinkSchema.parse(JSON.parse(bodyText(entity))));
      }
    } catch (error) {
      throw storageError(error, 'list order links');
    }
    return links;
  }
}
