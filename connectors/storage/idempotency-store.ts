/**
 * Idempotent consumer (EIP): a key is claimed by an insert-if-absent write, so exactly one caller wins even across
 * instances. Keys: notification id, BOD id + variation, package reference, feed id, settlement id (docs/design.md, Error policy).
 */
import { isStatus, storageError, tableKey, type TableAccess } from './table-access';

export type ClaimResult = 'claimed' | 'duplicate';
/** 'pending': another claim on the key is not confirmed yet (in flight, or its holder died before the work). */
export type LeaseResult = ClaimResult | 'pending';

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
   * Claims `key` for work that must finish before the key counts as done (e.g. enqueue after intake): 'duplicate' once
   * the work is confirmed done; 'pending' while another claim is unconfirmed — its holder may still be working, or may
   * have died between claim and work, and a sender that is told "duplicate" stops retrying, so the caller must do the
   * work again rather than drop it; a claim left unconfirmed past `leaseMs` is taken over ('claimed'). Call `confirm`
   * when the work succeeded.
   */
  async claimLease(scope: string, key: string, note = '', leaseMs = DEFAULT_LEASE_MS, now = new Date()): Promise<LeaseResult> {
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
      if (current.state !== 'pending') return 'duplicate';
      if (now.getTime() - Date.parse(current.claimedAt ?? '') <= leaseMs) return 'pending';
      await table.updateEntity(entity, 'Replace', { etag: current.etag });
      return 'claimed';
    } catch (error) {
      // Someone else took the stale claim over first (412), or released it meanwhile (404): not done, so not a duplicate.
      if (isStatus(error, 412) || isStatus(error, 404)) return 'pending';
      throw storageError(error, `take over ${scope} key`);
    }
  }

  /** Marks a leased key done: from now on it is a duplicate for good. */
  async confirm(scope: string, key: string): Promise<void> {
    const table = await this.tables.table(this.tableName);
    try {
      // Upsert: a concurrent holder whose work failed may have released the row meanwhile; the work here succeeded.
      await table.upsertEntity({ partitionKey: tableKey(scope), rowKey: tableKey(key), state: 'done' }, 'Merge');
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
