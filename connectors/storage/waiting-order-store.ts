/**
 * Orders announced (ORDER_CHANGE) but not yet handed to their orchestration, per seller × region: the fetch planner's
 * durable to-do list. A row holds ids and Amazon's change time only (no personal data). It is removed, conditionally
 * on the ETag it was read with, once its order has been handed over, so a newer announcement written meanwhile stays.
 */
import { isStatus, storageError, tableKey, type TableAccess } from './table-access';

export interface WaitingOrder {
  amazonOrderId: string;
  marketplaceId?: string;
  /** Amazon's time of the announced change (ISO), or when it was noted when Amazon sent none. */
  changedAt: string;
  /** What announced it (a notification id). */
  trigger: string;
}

export interface StoredWaitingOrder extends WaitingOrder {
  etag: string;
}

interface WaitingEntity {
  partitionKey: string;
  rowKey: string;
  marketplaceId?: string;
  changedAt: string;
  trigger: string;
}

export class WaitingOrderStore {
  constructor(private readonly tables: TableAccess, private readonly tableName = 'orderfetchwaiting') {}

  /** Notes an announced order (one write; a second announcement of the same order replaces the first). */
  async add(queue: string, order: WaitingOrder): Promise<void> {
    const table = await this.tables.table(this.tableName);
    const entity: WaitingEntity = { partitionKey: tableKey(queue), rowKey: tableKey(order.amazonOrderId), changedAt: order.changedAt, trigger: order.trigger, ...(order.marketplaceId ? { marketplaceId: order.marketplaceId } : {}) };
    try {
      await table.upsertEntity(entity, 'Replace');
    } catch (error) {
      throw storageError(error, 'note a waiting order');
    }
  }

  async list(queue: string): Promise<StoredWaitingOrder[]> {
    const table = await this.tables.table(this.tableName);
    const rows: StoredWaitingOrder[] = [];
    try {
      const filter = `PartitionKey eq '${tableKey(queue)}'`;
      for await (const e of table.listEntities<WaitingEntity>({ queryOptions: { filter } })) {
        rows.push({ amazonOrderId: decodeURIComponent(e.rowKey ?? ''), marketplaceId: e.marketplaceId, changedAt: e.changedAt ?? '', trigger: e.trigger ?? '', etag: e.etag });
      }
    } catch (error) {
      throw storageError(error, 'list waiting orders');
    }
    return rows;
  }

  /** Removes handed-over rows; a row changed since it was read (412) or gone already (404) is left as it is. */
  async remove(queue: string, rows: readonly StoredWaitingOrder[]): Promise<void> {
    if (rows.length === 0) return;
    const table = await this.tables.table(this.tableName);
    await Promise.all(rows.map(async (row) => {
      try {
        await table.deleteEntity(tableKey(queue), tableKey(row.amazonOrderId), { etag: row.etag });
      } catch (error) {
        if (isStatus(error, 404) || isStatus(error, 412)) return;
        throw storageError(error, 'remove a waiting order');
      }
    }));
  }
}
