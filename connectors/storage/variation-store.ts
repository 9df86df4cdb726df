/**
 * Stale-BOD protection: per noun + document id, the highest variationID seen wins; lower or equal ones are dropped
 * and recorded — what M3's own inbound processing does with BOD variations (docs/m3-facts.md, BOD structure per noun).
 */
import { isStatus, storageError, tableKey, type TableAccess } from './table-access';

export type VariationVerdict = 'newer' | 'stale';

export class VariationStore {
  constructor(private readonly tables: TableAccess, private readonly tableName = 'bodvariations') {}

  /**
   * 'newer' (and recorded) when `variation` beats every earlier one for this document; 'stale' otherwise. The BOD that
   * recorded the current variation is 'newer' again when it comes back: the queue redelivers a message whose hand-over
   * failed after this record was written, and dropping it then would lose the document (its flows dedupe a repeat).
   */
  async offer(noun: string, documentId: string, variation: number, bodId: string): Promise<VariationVerdict> {
    const table = await this.tables.table(this.tableName);
    const partitionKey = tableKey(noun);
    const rowKey = tableKey(documentId);
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        const current = await table.getEntity<{ variation: number; dropped: number; bodId?: string }>(partitionKey, rowKey);
        if (variation === current.variation && current.bodId === bodId) return 'newer';
        if (variation <= current.variation) {
          await table.updateEntity({ partitionKey, rowKey, dropped: (current.dropped ?? 0) + 1, lastDroppedBodId: bodId, lastDroppedVariation: variation }, 'Merge', { etag: current.etag }).catch((error: unknown) => {
            if (!isStatus(error, 412)) throw error;
          });
          return 'stale';
        }
        await table.updateEntity({ partitionKey, rowKey, variation, bodId, updatedAt: new Date().toISOString() }, 'Merge', { etag: current.etag });
        return 'newer';
      } catch (error) {
        if (isStatus(error, 404)) {
          try {
            await table.createEntity({ partitionKey, rowKey, variation, bodId, dropped: 0, updatedAt: new Date().toISOString() });
            return 'newer';
          } catch (createError) {
            if (isStatus(createError, 409)) continue;
            throw storageError(createError, 'record BOD variation');
          }
        }
        if (isStatus(error, 412)) continue;
        throw storageError(error, 'record BOD variation');
      }
    }
    throw storageError(new Error('too much contention'), 'record BOD variation');
  }

  /** How many stale variations were dropped for a document (operations and tests). */
  async droppedCount(noun: string, documentId: string): Promise<number> {
    const table = await this.tables.table(this.tableName);
    try {
      const current = await table.getEntity<{ dropped: number }>(tableKey(noun), tableKey(documentId));
      return current.dropped ?? 0;
    } catch (error) {
      if (isStatus(error, 404)) return 0;
      throw storageError(error, 'read BOD variation');
    }
  }
}
