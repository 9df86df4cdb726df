/**
 * Idempotent consumer (EIP): a key is claimed by an insert-if-absent write, so exactly one caller wins even across
 * instances. Keys: notification id, BOD id + variation, package reference, feed id, settlement id (ARCHITECTURE §5).
 */
import { isStatus, storageError, tableKey, type TableAccess } from './table-access';

export type ClaimResult = 'claimed' | 'duplicate';

export class IdempotencyStore {
  constructor(private readonly tables: TableAccess, private readonly tableName = 'idempotency') {}

  /** Records `key` within `scope`; 'duplicate' when it was recorded before. `note` must hold no personal data. */
  async claim(scope: string, key: string, note = ''): Promise<ClaimResult> {
    const table = await this.tables.table(this.tableName);
    try {
      await table.createEntity({ partitionKey: tableKey(scope), rowKey: tableKey(key), note, claimedAt: new Date().toISOString() });
      return 'claimed';
    } catch (error) {
      if (isStatus(error, 409)) return 'duplicate';
      throw storageError(error, `claim ${scope} key`);
    }
  }

  /** Gives a key back after the guarded work failed, so a redelivery can try again (Camel: key removed on failure). */
  async release(scope: string, key: string): Promise<void> {
    const table = await this.tables.table(this.tableName);
    try {
      await table.deleteEntity(tableKey(scope), tableKey(key));
    } catch (error) {
      if (!isStatus(error, 404)) throw storageError(error, `release ${scope} key`);
    }
  }

  async has(scope: string, key: string): Promise<boolean> {
    const table = await this.tables.table(this.tableName);
    try {
      await table.getEntity(tableKey(scope), tableKey(key));
      return true;
    } catch (error) {
      if (isStatus(error, 404)) return false;
      throw storageError(error, `read ${scope} key`);
    }
  }
}
