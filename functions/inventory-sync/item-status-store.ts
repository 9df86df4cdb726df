/** M3 item status (MMS001 STAT) per item as the ItemMaster BODs report it: a fallback for items M3 does not answer for (the inventory runs read the status from M3 itself). */
import { z } from 'zod';
import { isStatus, storageError, tableKey, type TableAccess } from '../../connectors/storage';
import { TABLES } from './names';

const PARTITION = 'item';
const StatusEntitySchema = z.object({ itemNumber: z.string(), status: z.string() });

export interface ItemStatuses {
  all(): Promise<Map<string, string>>;
  get(itemNumber: string): Promise<string | undefined>;
  set(itemNumber: string, status: string): Promise<void>;
}

export class ItemStatusStore implements ItemStatuses {
  constructor(private readonly tables: TableAccess, private readonly tableName: string = TABLES.itemStatus) {}

  async all(): Promise<Map<string, string>> {
    const table = await this.tables.table(this.tableName);
    const statuses = new Map<string, string>();
    try {
      for await (const raw of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${PARTITION}'` } })) {
        const row = StatusEntitySchema.parse(raw);
        statuses.set(row.itemNumber, row.status);
      }
    } catch (error) {
      throw storageError(error, 'read item statuses');
    }
    return statuses;
  }

  async get(itemNumber: string): Promise<string | undefined> {
    const table = await this.tables.table(this.tableName);
    try {
      return StatusEntitySchema.parse(await table.getEntity(PARTITION, tableKey(itemNumber))).status;
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw storageError(error, `read status of item ${itemNumber}`);
    }
  }

  async set(itemNumber: string, status: string): Promise<void> {
    const table = await this.tables.table(this.tableName);
    try {
      await table.upsertEntity({ partitionKey: PARTITION, rowKey: tableKey(itemNumber), itemNumber, status }, 'Replace');
    } catch (error) {
      throw storageError(error, `record status of item ${itemNumber}`);
    }
  }
}
