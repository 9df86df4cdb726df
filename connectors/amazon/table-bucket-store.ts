/** BucketStore on Azure Table Storage: one entity per seller × operation, taken with If-Match so concurrent instances never spend one token twice. */
import { RestError, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { storageError, tableKey, type TableAccess } from '../storage';
import type { BucketRecord, BucketState, BucketStore } from './rate-bucket-store';

export const RATE_BUCKET_TABLE = 'spapiratebuckets';

const EntitySchema = z.object({
  etag: z.string(),
  tokens: z.number(),
  updatedAt: z.number(),
  nominalRate: z.number().positive(),
  slowdown: z.number().positive(),
  burst: z.number().positive(),
}).passthrough();

/** Ids are `seller|operation`: the seller is the partition (its operations live together), the operation the row. */
function keysOf(id: string): { partitionKey: string; rowKey: string } {
  const cut = id.lastIndexOf('|');
  return { partitionKey: tableKey(id.slice(0, cut)), rowKey: tableKey(id.slice(cut + 1)) };
}

function isStatus(error: unknown, status: number): boolean {
  return error instanceof RestError && error.statusCode === status;
}

export class TableBucketStore implements BucketStore {
  /** Storage requests made (benchmarks report storage operations per order). */
  operations = 0;

  constructor(private readonly tables: TableAccess, private readonly tableName = RATE_BUCKET_TABLE) {}

  async read(id: string): Promise<BucketRecord | undefined> {
    const table = await this.table();
    const keys = keysOf(id);
    this.operations += 1;
    try {
      const entity = EntitySchema.parse(await table.getEntity(keys.partitionKey, keys.rowKey));
      const { etag, tokens, updatedAt, nominalRate, slowdown, burst } = entity;
      return { etag, state: { tokens, updatedAt, nominalRate, slowdown, burst } };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw storageError(error, `read rate bucket ${id}`);
    }
  }

  async create(id: string, state: BucketState): Promise<string | undefined> {
    const table = await this.table();
    this.operations += 1;
    try {
      const answer = await table.createEntity({ ...keysOf(id), ...numbers(state) });
      return answer.etag ?? '*';
    } catch (error) {
      if (isStatus(error, 409)) return undefined;
      throw storageError(error, `create rate bucket ${id}`);
    }
  }

  async replace(id: string, state: BucketState, etag: string): Promise<string | undefined> {
    const table = await this.table();
    this.operations += 1;
    try {
      const answer = await table.updateEntity({ ...keysOf(id), ...numbers(state) }, 'Replace', { etag });
      return answer.etag ?? undefined;
    } catch (error) {
      if (isStatus(error, 412) || isStatus(error, 404)) return undefined;
      throw storageError(error, `update rate bucket ${id}`);
    }
  }

  private table(): Promise<TableClient> {
    return this.tables.table(this.tableName);
  }
}

/** Table Storage keeps a JS number as Edm.Double, so fractional tokens and epoch milliseconds round-trip exactly. */
function numbers(state: BucketState): Record<string, number> {
  return { tokens: state.tokens, updatedAt: state.updatedAt, nominalRate: state.nominalRate, slowdown: state.slowdown, burst: state.burst };
}
