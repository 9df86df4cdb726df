/**
 * The single-writer lease for creating one Amazon order in M3 (keyed by seller + Amazon order id). Whatever starts the
 * work — a notification, the sweep, a re-drive, a rewind, an operator restart, a backfill — the writer must hold this
 * lease before its first M3 write and renew it before every later one. The row names its owner (the orchestration
 * instance) and when it expires, so an operator can see who writes and a crashed writer's lease runs out.
 *
 * Taken with an insert-if-absent write; changed only with the row's ETag, so of two writers racing for it exactly one
 * wins. The owner may take its own lease again at once: Durable runs one activity of an instance at a time, so a second
 * run under the same instance id means the first one's worker is gone (host crash). A different owner waits until the
 * lease has expired. Holds no personal data.
 */
import { z } from 'zod';
import { TransientError } from '../../core/errors';
import { isStatus, storageError, tableKey, type TableAccess } from './table-access';

/** Long enough for the slowest M3 round trip (60 s client timeout) between two renewals, with room to spare. */
export const ORDER_LEASE_MS = 5 * 60 * 1000;

const LeaseRowSchema = z.object({ owner: z.string(), expiresAt: z.string(), etag: z.string() });

export interface LeaseHolder {
  owner: string;
  expiresAt: string;
}

/** A lease this process holds: renew it before each M3 write (fails when someone else took it), release it when done. */
export interface OrderLease {
  readonly owner: string;
  renew(): Promise<void>;
  release(): Promise<void>;
}

/** What the write path needs: one lease per order, owned by the instance that runs the write. */
export interface OrderLeasePort {
  acquire(sellerId: string, amazonOrderId: string): Promise<OrderLease>;
}

/** Raised when another owner holds the lease: the work is retried later (it is not a failure of the data). */
export function leaseHeldError(amazonOrderId: string, holder: LeaseHolder): TransientError {
  return new TransientError(`order ${amazonOrderId} is being written to M3 by ${holder.owner} (lease until ${holder.expiresAt}); trying again later`, {
    code: 'ORDER_LEASE_HELD', system: 'm3sync', details: { holder: holder.owner, expiresAt: holder.expiresAt },
  });
}

export class OrderLeaseStore {
  constructor(private readonly tables: TableAccess, private readonly tableName = 'orderleases', private readonly leaseMs = ORDER_LEASE_MS, private readonly now: () => Date = () => new Date()) {}

  /** A port whose leases are owned by `owner` (the orchestration instance id). */
  forOwner(owner: string): OrderLeasePort {
    return { acquire: (sellerId, amazonOrderId) => this.acquire(sellerId, amazonOrderId, owner) };
  }

  /** Takes the lease for `owner`, or throws ORDER_LEASE_HELD (transient) while another owner's lease runs. */
  async acquire(sellerId: string, amazonOrderId: string, owner: string): Promise<OrderLease> {
    if (!owner) throw new TransientError('an order lease needs an owner', { code: 'ORDER_LEASE_OWNER', system: 'm3sync' });
    const table = await this.tables.table(this.tableName);
    const partitionKey = tableKey(sellerId);
    const rowKey = tableKey(amazonOrderId);
    const row = (): { partitionKey: string; rowKey: string; owner: string; expiresAt: string } => ({ partitionKey, rowKey, owner, expiresAt: new Date(this.now().getTime() + this.leaseMs).toISOString() });
    let etag: string;
    try {
      etag = (await table.createEntity(row())).etag ?? '';
    } catch (error) {
      if (!isStatus(error, 409)) throw storageError(error, `take the lease of order ${amazonOrderId}`);
      const current = await this.read(sellerId, amazonOrderId);
      if (current && current.owner !== owner && Date.parse(current.expiresAt) > this.now().getTime()) throw leaseHeldError(amazonOrderId, current);
      try {
        etag = current
          ? (await table.updateEntity(row(), 'Replace', { etag: current.etag })).etag ?? ''
          : (await table.createEntity(row())).etag ?? '';
      } catch (takeover) {
        // Another writer took it (412) or re-created it (409) between our read and our write: theirs now.
        if (isStatus(takeover, 412) || isStatus(takeover, 409)) throw leaseHeldError(amazonOrderId, (await this.read(sellerId, amazonOrderId)) ?? { owner: 'another writer', expiresAt: '?' });
        throw storageError(takeover, `take over the lease of order ${amazonOrderId}`);
      }
    }
    return {
      owner,
      renew: async () => {
        try {
          etag = (await table.updateEntity(row(), 'Replace', { etag })).etag ?? '';
        } catch (error) {
          if (isStatus(error, 412) || isStatus(error, 404)) throw leaseHeldError(amazonOrderId, (await this.read(sellerId, amazonOrderId)) ?? { owner: 'nobody (released)', expiresAt: '?' });
          throw storageError(error, `renew the lease of order ${amazonOrderId}`);
        }
      },
      release: async () => {
        try {
          await table.deleteEntity(partitionKey, rowKey, { etag });
        } catch (error) {
          // Gone or taken over meanwhile: it is not ours to delete any more.
          if (isStatus(error, 412) || isStatus(error, 404)) return;
          throw storageError(error, `release the lease of order ${amazonOrderId}`);
        }
      },
    };
  }

  /** The current holder, if any lease row exists (expired or not). */
  async holder(sellerId: string, amazonOrderId: string): Promise<(LeaseHolder & { active: boolean }) | undefined> {
    const current = await this.read(sellerId, amazonOrderId);
    if (!current) return undefined;
    return { owner: current.owner, expiresAt: current.expiresAt, active: Date.parse(current.expiresAt) > this.now().getTime() };
  }

  private async read(sellerId: string, amazonOrderId: string): Promise<(LeaseHolder & { etag: string }) | undefined> {
    const table = await this.tables.table(this.tableName);
    try {
      const entity = await table.getEntity(tableKey(sellerId), tableKey(amazonOrderId));
      return LeaseRowSchema.parse(entity);
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw storageError(error, `read the lease of order ${amazonOrderId}`);
    }
  }
}
