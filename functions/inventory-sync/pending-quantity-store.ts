/**
 * The coalescing buffer (ARCHITECTURE §4.3): the latest quantity per seller × region × marketplace group × SKU waiting
 * for a feed. A later write of the same SKU replaces the earlier one, so a burst of changes becomes one message.
 */
import type { TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import type { TableAccess } from '../../connectors/storage';
import { storageError } from '../../connectors/storage/table-access';
import type { SkuQuantity } from './channel-quantities';
import { groupFilter, partitionOf, rowOf, submitInBatches } from './inventory-table-rows';
import { TABLES } from './names';

const PendingEntitySchema = z.object({ group: z.string(), sku: z.string(), itemNumber: z.string(), quantity: z.number().int().nonnegative() });

export interface PendingGroup {
  group: string;
  rows: SkuQuantity[];
}

export interface PendingQuantities {
  put(sellerId: string, region: string, group: string, rows: readonly SkuQuantity[]): Promise<void>;
  /** The first marketplace group with pending SKUs in seller × region, at most `max` of its rows (SKU order). */
  firstGroup(sellerId: string, region: string, max: number): Promise<PendingGroup | undefined>;
  list(sellerId: string, region: string, group: string): Promise<Map<string, SkuQuantity>>;
  /** Removes rows still holding the quantity that was sent; a newer value written meanwhile stays for the next feed. */
  removeSent(sellerId: string, region: string, group: string, sent: readonly SkuQuantity[]): Promise<void>;
}

export class PendingQuantityStore implements PendingQuantities {
  constructor(private readonly tables: TableAccess, private readonly tableName: string = TABLES.pending) {}

  async put(sellerId: string, region: string, group: string, rows: readonly SkuQuantity[]): Promise<void> {
    if (rows.length === 0) return;
    const table = await this.tables.table(this.tableName);
    const partitionKey = partitionOf(sellerId, region);
    await submitInBatches(table, rows.map((r): TransactionAction => ['upsert', { partitionKey, rowKey: rowOf(group, r.sku), group, sku: r.sku, itemNumber: r.itemNumber, quantity: r.quantity }, 'Replace']), 'buffer inventory quantities');
  }

  async firstGroup(sellerId: string, region: string, max: number): Promise<PendingGroup | undefined> {
    const table = await this.tables.table(this.tableName);
    const partition = partitionOf(sellerId, region);
    let found: PendingGroup | undefined;
    try {
      for await (const raw of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${partition.replace(/'/g, "''")}'` } })) {
        const row = PendingEntitySchema.parse(raw);
        if (found === undefined) found = { group: row.group, rows: [] };
        if (row.group !== found.group || found.rows.length >= max) break;
        found.rows.push({ sku: row.sku, itemNumber: row.itemNumber, quantity: row.quantity });
      }
    } catch (error) {
      throw storageError(error, 'read pending inventory quantities');
    }
    return found;
  }

  async list(sellerId: string, region: string, group: string): Promise<Map<string, SkuQuantity>> {
    const table = await this.tables.table(this.tableName);
    const rows = new Map<string, SkuQuantity>();
    try {
      for await (const raw of table.listEntities({ queryOptions: { filter: groupFilter(partitionOf(sellerId, region), group) } })) {
        const row = PendingEntitySchema.parse(raw);
        rows.set(row.sku, { sku: row.sku, itemNumber: row.itemNumber, quantity: row.quantity });
      }
    } catch (error) {
      throw storageError(error, 'read pending inventory quantities');
    }
    return rows;
  }

  async removeSent(sellerId: string, region: string, group: string, sent: readonly SkuQuantity[]): Promise<void> {
    if (sent.length === 0) return;
    const current = await this.list(sellerId, region, group);
    const partitionKey = partitionOf(sellerId, region);
    const table = await this.tables.table(this.tableName);
    // Batch deletes cannot carry an ETag, so the check is by value; a write landing between this read and the delete
    // is lost only until the next balance sweep, which recomputes every SKU.
    const deletions = sent.filter((s) => current.get(s.sku)?.quantity === s.quantity)
      .map((s): TransactionAction => ['delete', { partitionKey, rowKey: rowOf(group, s.sku) }]);
    await submitInBatches(table, deletions, 'clear sent inventory quantities');
  }
}
