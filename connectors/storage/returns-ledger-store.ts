/**
 * The returns ledger: one row per Amazon refund (Finances transaction id) or return (RMA id), claimed by an
 * insert-if-absent write and moved on with ETag-conditional writes, so each is booked in M3 at most once, and what
 * became of it (booked, parked, skipped) can be listed. A row left at `booking` with a phase past `start` means an M3
 * write whose outcome is unknown: it is looked at by an operator, never written again. Holds no personal data.
 */
import { z } from 'zod';
import { isStatus, storageError, tableKey, type TableAccess } from './table-access';

export const LedgerEntrySchema = z.object({
  kind: z.enum(['refund', 'return']),
  id: z.string(),
  sellerId: z.string(),
  amazonOrderId: z.string(),
  marketplaceId: z.string().default(''),
  status: z.enum(['booking', 'booked', 'parked', 'skipped']),
  /** How far the M3 write got: `start` nothing sent yet; `head` a batch order / return head exists; `confirm` Confirm sent. */
  phase: z.enum(['start', 'head', 'confirm', 'done']).default('start'),
  /** Temporary batch order or return receiving number once M3 gave one. */
  m3Reference: z.string().default(''),
  /** The credit order number (refunds) or receiving number (returns) once booked. */
  m3Number: z.string().default(''),
  /** The original M3 order and, for credits, the invoice referenced. */
  m3OrderNumber: z.string().default(''),
  invoice: z.string().default(''),
  amount: z.string().default(''),
  currency: z.string().default(''),
  skus: z.array(z.string()).default([]),
  /** Amazon's date for it (posted date or return request date) and when we last wrote the row. */
  amazonDate: z.string().default(''),
  updatedAt: z.string().default(''),
  note: z.string().default(''),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export interface LedgerVersion { entry: LedgerEntry; etag: string }

interface LedgerEntity { body: string; etag: string }

export class ReturnsLedgerStore {
  constructor(private readonly tables: TableAccess, private readonly tableName = 'returnsledger') {}

  async read(kind: LedgerEntry['kind'], id: string): Promise<LedgerVersion | undefined> {
    const table = await this.tables.table(this.tableName);
    try {
      const entity = await table.getEntity<LedgerEntity>(kind, tableKey(id));
      return { entry: LedgerEntrySchema.parse(JSON.parse(entity.body)), etag: entity.etag };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw storageError(error, `read returns ledger ${kind}`);
    }
  }

  /** Inserts if absent; undefined when another writer recorded it first. */
  async claim(entry: LedgerEntry): Promise<string | undefined> {
    const table = await this.tables.table(this.tableName);
    try {
      return (await table.createEntity(this.entity(entry))).etag ?? '';
    } catch (error) {
      if (isStatus(error, 409)) return undefined;
      throw storageError(error, `claim returns ledger ${entry.kind}`);
    }
  }

  /** Writes over the version read; undefined when another writer changed it meanwhile. */
  async update(entry: LedgerEntry, etag: string): Promise<string | undefined> {
    const table = await this.tables.table(this.tableName);
    try {
      return (await table.updateEntity(this.entity(entry), 'Replace', { etag })).etag ?? '';
    } catch (error) {
      if (isStatus(error, 412) || isStatus(error, 404)) return undefined;
      throw storageError(error, `update returns ledger ${entry.kind}`);
    }
  }

  /** Entries updated at or after `since` (ISO), oldest first. */
  async list(since = ''): Promise<LedgerEntry[]> {
    const table = await this.tables.table(this.tableName);
    const out: LedgerEntry[] = [];
    try {
      for await (const entity of table.listEntities<LedgerEntity>({ queryOptions: { filter: "PartitionKey eq 'refund' or PartitionKey eq 'return'" } })) {
        const parsed = LedgerEntrySchema.safeParse(JSON.parse(entity.body));
        if (parsed.success && parsed.data.updatedAt >= since) out.push(parsed.data);
      }
    } catch (error) {
      throw storageError(error, 'list the returns ledger');
    }
    return out.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  }

  /** Records that these SKUs of an Amazon order came back physically (a refund of them is credited through the return). */
  async markReturned(amazonOrderId: string, skus: readonly string[]): Promise<void> {
    const table = await this.tables.table(this.tableName);
    try {
      for (const sku of skus) await table.upsertEntity({ partitionKey: 'returned', rowKey: tableKey(`${amazonOrderId}|${sku}`), amazonOrderId, sku }, 'Replace');
    } catch (error) {
      throw storageError(error, 'record returned items');
    }
  }

  async returnedSkus(amazonOrderId: string): Promise<Set<string>> {
    const table = await this.tables.table(this.tableName);
    const prefix = tableKey(`${amazonOrderId}|`);
    const out = new Set<string>();
    try {
      const rows = table.listEntities<{ sku: string }>({ queryOptions: { filter: `PartitionKey eq 'returned' and RowKey ge '${prefix}' and RowKey lt '${prefix}~'` } });
      for await (const row of rows) out.add(row.sku);
    } catch (error) {
      throw storageError(error, 'read returned items');
    }
    return out;
  }

  /** Records the credit order booked for a refund, so settlement posting can apply the refund against its credit note. */
  async markCredited(amazonOrderId: string, credit: { refundId: string; creditOrder: string; amount: string; currency: string }): Promise<void> {
    const table = await this.tables.table(this.tableName);
    try {
      await table.upsertEntity({ partitionKey: 'refundcredit', rowKey: tableKey(`${amazonOrderId}|${credit.refundId}`), amazonOrderId, ...credit }, 'Replace');
    } catch (error) {
      throw storageError(error, 'record a refund credit');
    }
  }

  /** The credit orders booked for refunds of an Amazon order. */
  async refundCredits(amazonOrderId: string): Promise<Array<{ refundId: string; creditOrder: string; amount: string; currency: string }>> {
    const table = await this.tables.table(this.tableName);
    const prefix = tableKey(`${amazonOrderId}|`);
    const out: Array<{ refundId: string; creditOrder: string; amount: string; currency: string }> = [];
    try {
      const rows = table.listEntities<{ refundId: string; creditOrder: string; amount: string; currency: string }>({ queryOptions: { filter: `PartitionKey eq 'refundcredit' and RowKey ge '${prefix}' and RowKey lt '${prefix}~'` } });
      for await (const row of rows) out.push({ refundId: row.refundId, creditOrder: row.creditOrder, amount: row.amount, currency: row.currency });
    } catch (error) {
      throw storageError(error, 'read refund credits');
    }
    return out;
  }

  /**
   * Claims the credit of one SKU of an Amazon order for a refund or a return (`owner`, e.g. `refund:<id>`), insert-if-absent:
   * the first to claim it owns the credit, whoever asks later is told that owner. Returns the owner of record.
   */
  async claimCredit(amazonOrderId: string, sku: string, owner: string): Promise<string> {
    const table = await this.tables.table(this.tableName);
    const rowKey = tableKey(`${amazonOrderId}|${sku}`);
    try {
      await table.createEntity({ partitionKey: 'creditclaim', rowKey, amazonOrderId, sku, owner });
      return owner;
    } catch (error) {
      if (!isStatus(error, 409)) throw storageError(error, 'claim the credit of an item');
    }
    try {
      return (await table.getEntity<{ owner: string }>('creditclaim', rowKey)).owner;
    } catch (error) {
      throw storageError(error, 'read the credit claim of an item');
    }
  }

  private entity(entry: LedgerEntry): { partitionKey: string; rowKey: string; body: string; status: string } {
    const value: LedgerEntry = { ...entry, updatedAt: new Date().toISOString() };
    return { partitionKey: entry.kind, rowKey: tableKey(entry.id), body: JSON.stringify(value), status: entry.status };
  }
}
