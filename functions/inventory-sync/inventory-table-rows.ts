/** Shared Table Storage plumbing of the inventory stores: seller × region partitions, "group|sku" row keys, 100-action batches. */
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { storageError, tableKey } from '../../connectors/storage/table-access';

/** Table transactions take at most 100 actions, all in one partition (Azure Table service limits). */
const BATCH = 100;

export function partitionOf(sellerId: string, region: string): string {
  return tableKey(`${sellerId}|${region}`);
}

export function rowOf(group: string, sku: string): string {
  return tableKey(`${group}|${sku}`);
}

/** OData filter for every row of one marketplace group: encoded "group|" ("|" is %7C, so %7D bounds the range). */
export function groupFilter(partition: string, group: string): string {
  const prefix = tableKey(`${group}|`);
  const upper = `${prefix.slice(0, -1)}D`;
  return `PartitionKey eq '${partition.replace(/'/g, "''")}' and RowKey ge '${prefix.replace(/'/g, "''")}' and RowKey lt '${upper.replace(/'/g, "''")}'`;
}

export async function submitInBatches(table: TableClient, actions: TransactionAction[], what: string): Promise<void> {
  for (let i = 0; i < actions.length; i += BATCH) {
    try {
      await table.submitTransaction(actions.slice(i, i + BATCH));
    } catch (error) {
      throw storageError(error, what);
    }
  }
}
