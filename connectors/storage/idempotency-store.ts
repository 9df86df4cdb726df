/**
 * Idempotent consumer (EIP): a key is claimed by an insert-if-absent write, so exactly one caller wins even across
 * instances. Keys: notification id, BOD id + variation, package reference, feed id, settlement id (ARCHITECTURE §5).
 */
import { isStatus, storageError, tableKey, type TableAccess } from './table-access';

export type ClaimResult = 'claimed' | 'duplicate';

/** How long an unconfirmed claim protects its key: after that its holder is presumed dead (crashed between claim and work). */
export const DEFAULT_LEASE_MS = 2 * 60 * 1000;

interface LeaseEntity {
  state?: string;
  claimedAt?: string;
}

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

  /**
   * Claims `key` for work that must finish before the key counts as done (e.g. enqueue after intake): 'duplicate' while
   * the work is done or a fresh claim is held; a claim left unconfirmed past `leaseMs` (its holder crashed between claim
   * and work) is taken over, so a redelivery is not mistaken for a duplicate. Call `confirm` when the work succeeded.
   */
  async claimLease(scope: string, key: string, note = '', leaseMs = DEFAULT_LEASE_MS, now = new Date()): Promise<ClaimResult> {
    const table = await this.tables.table(this.tableName);
    const entity = { partitionKey: tableKey(scope), rowKey: tableKey(key), note, state: 'pending', claimedAt: now.toISOString() };
    try {
      await table.createEntity(entity);
      return 'claimed';
    } catch (error) {
      if (!isStatus(error, 409)) throw storageError(error, `claim ${scope} key`);
    }
    try {
      const current = await table.getEntity<LeaseEntity>(entity.partitionKey, entity.rowKey);
      const stale = current.state === 'pending' && now.getTime() - Date.parse(current.claimedAt ?? '') > leaseMs;
      if (!stale) return 'duplicate';
      await table.updateEntity(entity, 'Replace', { etag: current.etag });
      return 'claimed';
    } catch (error) {
      // Someone else took the stale claim over first (412), or confirmed/released it meanwhile (404: treat as theirs).
      if (isStatus(error, 412) || isStatus(error, 404)) return 'duplicate';
      throw storageError(error, `take over ${scope} key`);
    }
  }

  /** Marks a leased key done: from now on it is a duplicate for good. */
  async confirm(scope: string, key: string): Promise<void> {
    const table = await this.tables.table(this.tableName);
    try {
      await table.updateEntity({ partitionKey: tableKey(scope), rowKey: tableKey(key), state: 'done' }, 'Merge');
    } catch (error) {
      throw storageError(error, `confirm ${scope} key`);
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
