/**
 * Amazon order ↔ M3 order links (and order item ids ↔ M3 line numbers), the memory that makes order creation
 * exactly-once and lets shipments find their Amazon order. Holds no personal data.
 */
import { z } from 'zod';
import { PermanentError, TransientError } from '../../core/errors';
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
  /**
   * How far the batch order got: `lines` while its lines are added (Confirm never sent, so it may be removed), `confirm`
   * from just before Confirm is sent (its outcome may be unknown: the batch order is only ever looked at, continued or
   * — once M3 has answered that it stays unconfirmed — removed explicitly, never replaced while it may still confirm);
   * `released` once M3 answered the Confirm but is still transferring the batch order (no verdict yet): it is only
   * looked at again until it reaches 90 or a refusal, never confirmed again, never removed.
   */
  batchPhase: z.enum(['', 'lines', 'confirm', 'released']).default(''),
  /** The line charges sent with Confirm (no personal data): a retry of a Confirm that never reached M3 sends them again. */
  pendingCharges: z.array(z.object({ transaction: z.string(), params: z.record(z.string(), z.string()) })).default([]),
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
  /**
   * The cancellation sent to Amazon (POST_ORDER_ACKNOWLEDGEMENT_DATA), once per order, and what its processing report
   * said: `sent` until read, `accepted`, or `refused` (parked with Amazon's message; a re-drive sends it again).
   * `orderItemIds` and `message` hold no personal data.
   */
  acknowledgement: z.object({
    reason: z.string(),
    feedId: z.string(),
    state: z.enum(['sent', 'accepted', 'refused']).default('sent'),
    orderItemIds: z.array(z.string()).default([]),
    message: z.string().default(''),
  }).optional(),
  /** An order canceled in M3 (or a line of it) that the app has handled, so it is handled once. */
  m3Cancel: z.enum(['sent', 'partial-parked']).optional(),
  lines: z.array(LinkLineSchema).default([]),
  updatedAt: z.string().default(''),
});
export type OrderLink = z.infer<typeof OrderLinkSchema>;
export type LinkLine = z.infer<typeof LinkLineSchema>;
/** A link as read, with the ETag its next conditional write must name. */
export interface LinkVersion { link: OrderLink; etag: string }

/** Another writer changed the link between our read and our write: look again (the activity retries). */
export function linkConflict(amazonOrderId: string): TransientError {
  return new TransientError(`the link of order ${amazonOrderId} was changed by another writer; looking again`, { code: 'LINK_CONFLICT', system: 'storage' });
}

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

  /** The link with its version (ETag), for a conditional write that follows. */
  async read(sellerId: string, amazonOrderId: string): Promise<LinkVersion | undefined> {
    const table = await this.tables.table(this.tableName);
    try {
      const entity = await table.getEntity<LinkEntity>(tableKey(sellerId), tableKey(amazonOrderId));
      return { link: OrderLinkSchema.parse(JSON.parse(bodyText(entity))), etag: entity.etag };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw storageError(error, `read order link ${amazonOrderId}`);
    }
  }

  /**
   * Writes the link only if it is still the version the writer read (`etag`), or — without one — only if there is no
   * link yet (insert-if-absent). Never a blind upsert: a writer that lost a race gets LINK_CONFLICT (transient) and
   * looks again, instead of overwriting what the other writer recorded. Returns the new version.
   */
  async write(link: OrderLink, etag: string | undefined): Promise<string> {
    const table = await this.tables.table(this.tableName);
    const value = { ...link, updatedAt: new Date().toISOString() };
    // An order of a few hundred lines outgrows one 64 KiB property: the body is split over several (table-json-body.ts).
    const entity = {
      partitionKey: tableKey(link.sellerId), rowKey: tableKey(link.amazonOrderId),
      ...bodyProperties(JSON.stringify(value)), m3OrderNumber: link.m3OrderNumber, status: link.status,
    };
    let version: string;
    try {
      version = (etag === undefined ? await table.createEntity(entity) : await table.updateEntity(entity, 'Replace', { etag })).etag ?? '';
    } catch (error) {
      if (isStatus(error, 409) || isStatus(error, 412) || isStatus(error, 404)) throw linkConflict(link.amazonOrderId);
      throw storageError(error, `save order link ${link.amazonOrderId}`);
    }
    if (link.m3OrderNumber) await this.indexM3Order(link);
    return version;
  }

  /** The M3 order number → Amazon order index row: inserted once; an M3 order never points at two Amazon orders. */
  private async indexM3Order(link: OrderLink): Promise<void> {
    const table = await this.tables.table(this.tableName);
    const row = { partitionKey: 'by-m3-order', rowKey: tableKey(link.m3OrderNumber), sellerId: link.sellerId, amazonOrderId: link.amazonOrderId };
    try {
      await table.createEntity(row);
      return;
    } catch (error) {
      if (!isStatus(error, 409)) throw storageError(error, `index order link ${link.amazonOrderId}`);
    }
    let existing: { sellerId?: unknown; amazonOrderId?: unknown };
    try {
      existing = await table.getEntity<{ sellerId: string; amazonOrderId: string }>(row.partitionKey, row.rowKey);
    } catch (error) {
      throw storageError(error, `read the index of M3 order ${link.m3OrderNumber}`);
    }
    if (existing.sellerId !== link.sellerId || existing.amazonOrderId !== link.amazonOrderId) {
      throw new PermanentError(`M3 order ${link.m3OrderNumber} is linked to another Amazon order already`, { code: 'LINK_INDEX_CONFLICT', system: 'storage', details: { m3OrderNumber: link.m3OrderNumber } });
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
